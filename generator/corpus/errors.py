"""Validation problems with source locations, formatted like Jinja's errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        where = f'  File "{self.location.file}", dòng {self.location.line}, cột {self.location.column}'
        if self.field:
            where += f", trường {self.field}"
        lines = [f"Lỗi: {self.message}", where]
        source = _source_line(self.location, root or Path.cwd())
        if source is not None:
            lines.append(f"    {source}")
            lines.append("    " + " " * (self.location.column - 1) + "^")
        return "\n".join(lines)


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


def _source_line(location: Location, root: Path) -> str | None:
    try:
        lines = (root / location.file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if 1 <= location.line <= len(lines):
        return lines[location.line - 1].rstrip()
    return None
