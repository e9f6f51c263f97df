"""The one door to the importer (generator/intake/): a received file in, a draft out with everything the review
screen shows: the source line by line, where each decided fact came from, what was guessed, what is missing."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.project import Project
from generator.corpus.load import load_corpus_bodies
from generator.corpus.numbers import number_key
from generator.intake.formats import FORMATS as READERS
from generator.intake.formats import read_document
from generator.intake.importer import import_document
from generator.intake.limits import MAX_PAGE_PIXELS, MAX_SCAN_PAGES, MAX_SOURCE_BYTES
from generator.intake.source import SourceError
from generator.intake.usecase import known_files
from generator.intake.yamlout import draft_fields, dump_fields

__all__ = ["FORMATS", "MAX_PAGES", "MAX_PAGE_PIXELS", "MAX_SOURCE_BYTES", "Imported", "SourceError", "SourceLine", "dump_yaml"]
__all__ += ["ImportSlots", "import_file", "is_image"]

# What can be imported, by the suffix of the file the browser sends: the importer's own table of readers.
FORMATS = tuple(suffix for reader in READERS for suffix in reader.suffixes)
IMAGES = tuple(suffix for reader in READERS if reader.label == "ảnh quét" for suffix in reader.suffixes)
MAX_PAGES = MAX_SCAN_PAGES
# The names of the fields the importer reports, as the form labels them.
LABELS = {"number": "số hiệu", "type": "loại văn bản", "issuer": "cơ quan ban hành", "date": "ngày ban hành", "title": "trích yếu"}
LABELS |= {"signer": "người ký", "place": "nơi ban hành", "term": "nhiệm kỳ"}
# Where a fact read from the header block came from: not a guess.
HEADER = "khối tiêu đề"
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
    guessed: dict[str, str] = field(default_factory=dict)  # field -> how it was guessed (to check against the paper)
    origins: dict[str, str] = field(default_factory=dict)  # field -> where the importer read it
    notes: list[str] = field(default_factory=list)  # what else the report says
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)
    existing: str | None = None  # the id of the document in data/ with the same number


class ImportSlots:
    """How many imports run at once: each is a confined child (and tesseract for a scan) using a core and memory, so
    at most MAX_RUNNING in the whole editor and one per account."""

    MAX_RUNNING = 2

    def __init__(self) -> None:
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def take(self, owner: str) -> bool:
        """Whether `owner` may start an import now (then it counts until `give_back`)."""
        with self._lock:
            if owner in self._running or len(self._running) >= self.MAX_RUNNING:
                return False
            self._running.add(owner)
            return True

    def give_back(self, owner: str) -> None:
        with self._lock:
            self._running.discard(owner)


def is_image(suffix: str) -> bool:
    return suffix.lower() in IMAGES


def import_file(project: Project, path: Path, shown: str, on_progress: Callable[[str], None] | None = None) -> Imported:
    """Read a received file (in a confined child, within the importer's limits) and make a draft of it; SourceError
    (a Vietnamese message naming the file as `shown`) when it cannot be read."""
    try:
        received = read_document(path, on_progress)
    except SourceError as error:
        raise SourceError(str(error).replace(path.name, shown)) from None
    files = known_files(project.data_dir, project.root)
    bodies = load_corpus_bodies(project.data_dir, project.root)
    draft, report = import_document(received.lines, bodies, received.dropped, {k: n for k, (n, _) in files.items()}, received.doubtful)
    dropped = {n: reason for n, _, reason in report.noise if n}
    doubtful: dict[int, list[str]] = {}
    for n, word in report.doubtful:
        doubtful.setdefault(n, []).append(word)
    imported = Imported(
        data=draft_fields(draft),
        lines=[SourceLine(n, text, dropped.get(n, ""), tuple(doubtful.get(n, ()))) for n, text in enumerate(received.lines, 1)],
        dropped_by_reader=[(text, reason) for n, text, reason in report.noise if not n],
        unplaced=list(report.unplaced),
        missing=[LABELS.get(name, name) for name in report.missing],
        doubtful=list(report.doubtful),
        notes=[*report.conflicts, *report.proposals],
    )
    imported.notes += [
        f"Số hiệu {number} trong văn bản không phải của văn bản này: {why} ({where})" for number, why, where in report.others
    ]
    if report.no_number:
        imported.notes.append(f"Văn bản không ghi số hiệu của chính nó: {report.no_number}")
    for name, provenance in {**draft.provenance, **{k: p for k, (_, p) in report.identity.items()}}.items():
        imported.origins[name] = provenance.describe()
        if HEADER not in provenance.source:
            imported.guessed[name] = f"đọc từ {provenance.describe()}"
    for guess in report.guessed:
        match = _GUESS.match(guess)
        if match:
            imported.guessed.setdefault(match.group("field"), match.group("why"))
        else:
            imported.notes.append(guess)
    if draft.number and (existing := files.get(number_key(draft.number))):
        imported.existing = existing[1].stem
    return imported


def dump_yaml(data: dict[str, object]) -> str:
    """A document's or a report's fields as data/ writes them: block style, in the order given, text as typed."""
    return dump_fields(data)
