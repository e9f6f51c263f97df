"""Time the build's phases in a fresh process, as `python -m generator build` runs them.

`python -m bench.phases build <project>` runs `generator.commands.build.build` (PDFs and Word files
included; `site` leaves them out) and prints the seconds of validation, generation (writing docs/ with
it), the MkDocs build and what follows it as JSON; `python -m bench.phases plain
<config>` times plain `mkdocs build`. A fresh process keeps the corpus maker's objects out of the
heap the timed phases work in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from bench.memory import run_measured

AS_OF = dt.date(2025, 6, 30)
REPO = Path(__file__).resolve().parent.parent


def time_build(root: Path, pdfs: bool, speedups: bool = True) -> dict[str, float]:
    """Validation, generation (validation and writing docs/ included), the MkDocs build and what follows it, for the
    project at `root`."""
    from generator.commands.build import Project, build

    return dataclasses.asdict(build(Project(root), as_of=AS_OF, pdfs=pdfs, speedups=speedups).seconds)


def time_plain(config: Path) -> dict[str, float]:
    """Plain `mkdocs build` with `config`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    build(load_config(str(config)))
    return {"plain": time.perf_counter() - started}


def measure_in_fresh_process(kind: str, path: Path, python: str = sys.executable) -> dict[str, float]:
    """Run `time_build` ("build" or "site", "site-no-speedups" for the site without the speed-ups) or `time_plain`
    ("plain") in a new interpreter, `python` (another venv's, for another engine); return its figures."""
    done = subprocess.run([python, *_command(kind, path)[1:]], cwd=REPO, capture_output=True, text=True, check=True)
    return _figures(done)


def peak_memory_in_fresh_process(kind: str, path: Path) -> float:
    """The same run's peak memory in MB, the processes it started included. A run of its own: sampling
    every process's memory takes enough of this 2-core machine to slow the build it watches."""
    done, peak = run_measured(_command(kind, path), REPO)
    done.check_returncode()
    return peak


def _command(kind: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "bench.phases", kind, str(path)]


def _figures(done: subprocess.CompletedProcess[str]) -> dict[str, float]:
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


if __name__ == "__main__":
    for logger in ("mkdocs", "properdocs"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    kind, path = sys.argv[1], Path(sys.argv[2])
    figures = time_plain(path) if kind == "plain" else time_build(path, pdfs=kind == "build", speedups=kind != "site-no-speedups")
    print(json.dumps(figures))
