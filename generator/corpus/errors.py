"""Validation problems with source locations, formatted like Jinja's errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.support.display import EXCERPT, excerpt, safe_message, visible
from generator.support.safefiles import UnsafeFileError, listed, read_bounded


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A position in a source file; line and column count from 1."""

    file: str
    line: int
    column: int


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, where it is, and what is expected."""

    location: Location
    field: str
    message: str

    def format(self, root: Path | None = None) -> str:
        """Return the message, the location line and the offending source line."""
        where = f'  File "{visible(self.location.file)}", dòng {self.location.line}, cột {self.location.column}'
        if self.field:
            where += f", trường {excerpt(self.field)}"
        lines = [f"Lỗi: {self.text}", where]
        source = _source_line(self.location, root or Path.cwd())
        if source is not None:
            shown, column = source
            lines.append(f"    {shown}")
            lines.append("    " + " " * (column - 1) + "^")
        return "\n".join(lines)

    @property
    def text(self) -> str:
        """The message fit to show anywhere: each value it quotes cut short, control characters made visible."""
        return safe_message(self.message)


class ValidationError(Exception):
    """Raised with every problem found in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} lỗi")
        self.problems = sorted(set(problems))

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[Problem]]]:
        # Raised in the build's generation process and pickled to the one that reports it.
        return ValidationError, (self.problems,)

    def report(self, root: Path | None = None) -> str:
        """Return all problems, then a one-line summary; `root` is where file paths start."""
        blocks = [problem.format(root) for problem in self.problems]
        blocks.append(f"Có {len(self.problems)} lỗi. Không có tệp nào được ghi ra.")
        return "\n\n".join(blocks)


def _source_line(location: Location, root: Path) -> tuple[str, int] | None:
    """An excerpt of the line the problem is on, around its column, and the column within the excerpt; read only
    from a regular file inside `root`, and only the first MAX_SOURCE bytes of it."""
    try:
        data = read_bounded(root / location.file, root, MAX_SOURCE)
    except (UnsafeFileError, OSError):
        return None
    lines = data.decode("utf-8", "replace").splitlines()
    if not 1 <= location.line <= len(lines):
        return None
    line = lines[location.line - 1].rstrip()
    start = max(0, location.column - 1 - EXCERPT // 2)
    before = visible(line[start : location.column - 1])
    shown = ("…" if start else "") + excerpt(line[start:], EXCERPT)
    return shown, len(before) + (2 if start else 1)


# A data file is at most 4 MiB (yamlsource.MAX_FILE_BYTES); the line shown with a problem is read from no more.
MAX_SOURCE = 4 << 20


def readable_files(folder: Path, suffix: str, root: Path, display: Callable[[Path], str], problems: list[Problem]) -> list[Path]:
    """The files of `folder` ending in `suffix` that may be read (listed), each refused one a problem named by `display`."""
    readable = []
    for entry in listed(folder, suffix, root):
        if entry.refused is None:
            readable.append(entry.path)
        else:
            problems.append(Problem(Location(display(entry.path), 1, 1), "", f"tệp {entry.refused}"))
    return readable
