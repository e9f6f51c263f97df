"""`python -m bench.engines [--count 1000] [--runs 2]`: the build on MkDocs and on ProperDocs, with and without the
speed-ups, on one synthetic corpus, in one run.

Each build runs in a fresh interpreter of its engine's venv (this one for MkDocs; ProperDocs' is the one `make
test-properdocs` installs, .build/tools/properdocs) from a fresh clone's state, without PDFs and Word files, which
no engine touches. The runs of the four settings alternate, so that the machine's swings fall on all of them;
the table gives the median of each. Each setting's site is compared with the first's, byte for byte but for the
engine's name in each page's head.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import make_corpus
from bench.phases import measure_in_fresh_process
from bench.support import REPO, files_of
from generator.commands.build import Project

PROPERDOCS_PYTHON = REPO / ".build" / "tools" / "properdocs" / "bin" / "python"
GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')


@dataclass(frozen=True)
class Setting:
    engine: str
    python: str
    speedups: bool

    @property
    def kind(self) -> str:
        return "site" if self.speedups else "site-no-speedups"


def settings() -> list[Setting]:
    if not PROPERDOCS_PYTHON.is_file():
        sys.exit(f"{PROPERDOCS_PYTHON} is missing: run `make test-properdocs` (or `make bench-engines`) first")
    engines = [("MkDocs 1.6.1", sys.executable), ("ProperDocs 1.6.7", str(PROPERDOCS_PYTHON))]
    return [Setting(name, python, speedups) for name, python in engines for speedups in (True, False)]


def _fresh(project: Project) -> None:
    for folder in (project.docs_dir, project.site_dir, project.staging_dir):
        shutil.rmtree(folder, ignore_errors=True)


def _site(project: Project) -> dict[str, bytes]:
    return {path: GENERATOR_LINE.sub(b"", content) for path, content in files_of(project.site_dir).items()}


def measure(count: int, runs: int, workdir: Path) -> str:
    project = Project(make_corpus(workdir / f"corpus-{count}", count))
    figures: dict[Setting, list[dict[str, float]]] = {setting: [] for setting in settings()}
    reference: dict[str, bytes] | None = None
    same: dict[Setting, bool] = {}
    for _ in range(runs):
        for setting in figures:
            _fresh(project)
            figures[setting].append(measure_in_fresh_process(setting.kind, project.root, setting.python))
            site = _site(project)
            reference = reference or site
            same[setting] = same.get(setting, True) and site == reference
    documents = len(list((project.data_dir / "documents").glob("*.yaml")))
    lines = [
        f"{documents} documents, without PDFs and Word files, median of {runs} run(s) each:",
        "| engine | speed-ups | generate s | engine s | whole build s | engine s / with speed-ups | same site |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    fastest = {s.engine: statistics.median(f["mkdocs"] for f in figures[s]) for s in figures if s.speedups}
    for setting, measured in figures.items():
        generate = statistics.median(f["generate"] for f in measured)
        built = statistics.median(f["mkdocs"] for f in measured)
        whole = statistics.median(f["generate"] + f["mkdocs"] + f["write"] for f in measured)
        lines.append(
            f"| {setting.engine} | {'on' if setting.speedups else 'off'} | {generate:.2f} | {built:.2f} | {whole:.2f} "
            f"| {built / fastest[setting.engine]:.2f} | {'yes' if same[setting] else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.engines")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as workdir:
        print(measure(args.count, args.runs, Path(workdir)))


if __name__ == "__main__":
    main()
