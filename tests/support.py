"""Helpers of the intake tests: the importer's draft as a data file's fields, the numbers data/ holds, the lines
of a received file. (What the tests share with the benchmark is in bench/support.py.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.corpus.model import Body
from generator.intake.formats import read_document
from generator.intake.importer import import_document
from generator.intake.report import Report
from generator.intake.usecase import known_files


def imported(
    lines: list[str],
    bodies: list[Body],
    dropped: Sequence[tuple[str, str]] = (),
    known: Mapping[str, str] | None = None,
    doubtful: Sequence[tuple[int, str]] = (),
) -> tuple[dict[str, object], Report]:
    """The importer's draft of `lines` as the fields a data file would hold, and its report."""
    draft, report = import_document(lines, bodies, dropped, known, doubtful)
    return draft.data(), report


def known_numbers(data_dir: Path) -> dict[str, str]:
    """The number of every document in `data_dir`/documents/, by its key."""
    return {key: number for key, (number, _) in known_files(data_dir, data_dir.parent).items()}


def text_lines(path: Path) -> list[str]:
    """The lines the importer reads from a received file."""
    return read_document(path).lines
