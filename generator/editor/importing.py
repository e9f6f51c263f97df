"""The one door to the importer (generator/intake/): a received file in, a draft out with everything the review
screen shows. The importer is being rewritten (a typed draft, provenance per field); only this module changes then."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.project import Project
from generator.corpus.load import load_corpus_bodies
from generator.corpus.numbers import number_key
from generator.intake.importer import dump_fields, import_document, known_files
from generator.intake.sources import IMAGES, MAX_SCAN_PAGES, MAX_SOURCE_BYTES, SourceError, read_document

__all__ = ["FORMATS", "MAX_PAGES", "MAX_SOURCE_BYTES", "Imported", "SourceError", "SourceLine", "dump_yaml", "import_file", "is_image"]

# What can be imported, by the suffix of the file the browser sends.
FORMATS = (".docx", ".pdf", ".txt", ".html", ".htm", *IMAGES)
MAX_PAGES = MAX_SCAN_PAGES
# The names of the fields the importer reports, as the form labels them.
LABELS = {"number": "số hiệu", "type": "loại văn bản", "issuer": "cơ quan ban hành", "date": "ngày ban hành", "title": "trích yếu"}
LABELS |= {"signer": "người ký", "place": "nơi ban hành", "term": "nhiệm kỳ"}
_GUESS = re.compile(r"^(?P<field>[a-z_]+(?:\.[a-z_]+)?): (?P<why>.+)$")


@dataclass(frozen=True)
class SourceLine:
    """A line of the received text as the review screen shows it: why it was left out, and the words recognition
    was unsure of."""

    number: int
    text: str
    dropped: str = ""
    doubtful: tuple[str, ...] = ()


@dataclass
class Imported:
    """A draft and what the importer says about it."""

    data: dict[str, object]
    lines: list[SourceLine]
    dropped_by_reader: list[tuple[str, str]] = field(default_factory=list)  # text, reason
    guessed: dict[str, str] = field(default_factory=dict)  # field -> how it was guessed
    notes: list[str] = field(default_factory=list)  # what else the report says
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)
    existing: str | None = None  # the id of the document in data/ with the same number


def is_image(suffix: str) -> bool:
    return suffix.lower() in IMAGES


def import_file(project: Project, path: Path) -> Imported:
    """Read a received file and make a draft of it; SourceError (a Vietnamese message) when it cannot be read."""
    received = read_document(path)
    files = known_files(project.data_dir)
    known = {key: number for key, (number, _) in files.items()}
    bodies = load_corpus_bodies(project.data_dir, project.root)
    draft, report = import_document(received.lines, bodies, received.dropped, known, received.doubtful)
    dropped = {n: reason for n, _, reason in report.noise if n}
    doubtful: dict[int, list[str]] = {}
    for n, word in report.doubtful:
        doubtful.setdefault(n, []).append(word)
    lines = [SourceLine(n, text, dropped.get(n, ""), tuple(doubtful.get(n, ()))) for n, text in enumerate(received.lines, 1)]
    imported = Imported(
        data=dict(draft),
        lines=lines,
        dropped_by_reader=[(text, reason) for n, text, reason in report.noise if not n],
        unplaced=list(report.unplaced),
        missing=[LABELS.get(name, name) for name in report.missing],
        doubtful=list(report.doubtful),
        notes=list(report.proposals),
    )
    for guess in report.guessed:
        match = _GUESS.match(guess)
        if match:
            imported.guessed[match.group("field")] = match.group("why")
        else:
            imported.notes.append(guess)
    number = draft.get("number")
    if number:
        existing = files.get(number_key(str(number)))
        imported.existing = existing[1].stem if existing else None
    return imported


def dump_yaml(data: dict[str, object]) -> str:
    """A document's or a report's fields as data/ writes them: block style, in the order given, text as typed."""
    return dump_fields(data)
