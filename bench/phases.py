"""Time the build's phases in a fresh process, as `python -m generator build` runs them.

`python -m bench.phases build <project>` runs `generator.commands.build.build` and prints the seconds of
validation, generation, the MkDocs build and writing docs/ as JSON; `python -m bench.phases plain
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

AS_OF = dt.date(2025, 6, 30)


def time_build(root: Path) -> dict[str, float]:
    """Validation, generation (validation included), the MkDocs build and writing docs/, for the project at `root`."""
    from generator.commands.build import Project, build

    return dataclasses.asdict(build(Project(root), as_of=AS_OF, pdfs=False).seconds)


def time_plain(config: Path) -> dict[str, float]:
    """Plain `mkdocs build` with `config`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    build(load_config(str(config)))
    return {"plain": time.perf_counter() - started}


def measure_in_fresh_process(kind: str, path: Path) -> dict[str, float]:
    """Run `time_build` or `time_plain` in a new interpreter and return its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.phases", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    seconds: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds


if __name__ == "__main__":
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    figures = time_build(Path(sys.argv[2])) if sys.argv[1] == "build" else time_plain(Path(sys.argv[2]))
    print(json.dumps(figures))
