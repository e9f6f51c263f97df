"""Typed model of the corpus as loaded from YAML, before cross-references are resolved."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.corpus.deadlines import Deadline
from generator.corpus.errors import Location

RELATION_KINDS = ("implements", "based_on", "cites")

STATUSES = ("Còn hiệu lực", "Hết hiệu lực", "Hết hiệu lực một phần", "Chưa xác định")
# The default: nothing known of the document's validity, which its page does not show as if it were a fact.
STATUS_UNKNOWN = STATUSES[-1]


@dataclass(frozen=True, slots=True)
class Body:
    """An organisation that issues documents or receives tasks."""

    id: str
    name: str
    short_names: tuple[str, ...]
    parent: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class RelationRef:
    """A typed link to another document, optionally to one of its sections, as written."""

    kind: str
    number: str
    section: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Recipient:
    """One line of the recipients list (Nơi nhận), with the bodies it names."""

    text: str
    bodies: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Header:
    """The header block: issuing body, party name, place and date, kind and title lines."""

    issuer_lines: tuple[str, ...]
    motto: str
    place_date: str
    kind_line: str
    title_lines: tuple[str, ...]
    slogan: str = ""  # the state motto's second line, "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, slots=True)
class Signature:
    """The signature block: the capacity lines and the signer's name."""

    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A section marked as a task: who must do it (if not inherited) and by when."""

    bodies: tuple[str, ...]
    deadline: Deadline | None
    location: Location


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """A statement that a document or section answers a task of another document, as written."""

    number: str
    section: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Section:
    """A heading or numbered item of a document body, nested as in the document."""

    id: str
    number: str | None
    title: str | None
    text: str | None
    paragraphs: tuple[str, ...]
    children: tuple[Section, ...]
    location: Location
    field_path: str
    bodies: tuple[str, ...] = ()
    task: TaskSpec | None = None
    answers: tuple[AnswerRef, ...] = ()
    appendix: int = 0  # the number of the attached text it belongs to (1 for the first), 0 for the body


@dataclass(frozen=True, slots=True)
class Appendix:
    """A text attached after the signature ("Kèm theo Nghị quyết số …"): its heading, note and own tree."""

    id: str  # "phu-luc-1": its sections' anchors start with it
    number: int
    title_lines: tuple[str, ...]
    note: str | None
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]
    location: Location


@dataclass(frozen=True)
class Document:
    """One document: metadata, relations, and (when available) its full text."""

    id: str
    source: str
    number: str
    type: str
    title: str | None
    issuer: str
    signer: str | None
    signer_title: str | None
    place: str | None
    date: dt.date | None
    term: str | None  # the issuer's term as the document names it: "khóa XIII"
    status: str
    official_url: str | None
    summary: str | None
    relations: tuple[RelationRef, ...]
    header: Header | None
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]
    signature: Signature | None
    recipients: tuple[Recipient, ...]
    notes: tuple[str, ...]
    location: Location
    answers: tuple[AnswerRef, ...] = ()
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)
    appendices: tuple[Appendix, ...] = ()

    @functools.cached_property
    def outline(self) -> tuple[tuple[Section, tuple[Section, ...]], ...]:
        """Every section with its ancestors, in document order, the attached texts' after the body's: walked
        once, then kept."""
        attached = [pair for appendix in self.appendices for pair in walk_sections(appendix.sections)]
        return (*walk_sections(self.sections), *attached)

    @property
    def has_full_text(self) -> bool:
        """Tell whether the body of the document is transcribed."""
        return bool(self.sections or self.appendices)


# What a body may report of a task, as written, and the code the rules read.
REPORT_STATUSES = {"Chưa bắt đầu": "not_started", "Đang thực hiện": "in_progress", "Đã hoàn thành": "done"}
REPORT_LABELS = {code: label for label, code in REPORT_STATUSES.items()}


@dataclass(frozen=True)
class Report:
    """A body's report on a task (or on every task of a section) on a date, as written in data/reports/."""

    id: str
    source: str
    body: str
    number: str
    section: str | None
    date: dt.date
    status: str
    summary: str
    link: str | None
    document: str | None
    location: Location
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """Ways of writing one name that search treats as one (data/abbreviations.yaml): "KH&CN", "KHCN",
    "khoa học và công nghệ"."""

    forms: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Corpus:
    """Everything loaded from `data/`."""

    bodies: tuple[Body, ...]
    documents: tuple[Document, ...]
    reports: tuple[Report, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()


def walk_sections(sections: tuple[Section, ...]) -> Iterator[tuple[Section, tuple[Section, ...]]]:
    """Yield every section with its ancestors, in document order."""
    stack: list[tuple[Section, tuple[Section, ...]]] = [(s, ()) for s in reversed(sections)]
    while stack:
        section, ancestors = stack.pop()
        yield section, ancestors
        stack.extend((child, (*ancestors, section)) for child in reversed(section.children))


@dataclass(frozen=True, slots=True)
class BodyPart:
    """One block of a document body as every renderer lays it out: a heading, a numbered item or a paragraph."""

    kind: str
    section: Section
    depth: int
    text: str
    last: bool
    ancestors: tuple[Section, ...] = ()


def body_parts(document: Document | Appendix) -> Iterator[BodyPart]:
    """Flatten the body of a document, or of a text attached to it; `last` marks the final block of each section's
    own text."""
    for section, ancestors in walk_sections(document.sections):
        own: list[tuple[str, str]] = []
        if section.title:
            own.append(("heading", section.title))
            if section.text:
                own.append(("paragraph", section.text))
        else:
            own.append(("item", section.text or ""))
        own.extend(("paragraph", paragraph) for paragraph in section.paragraphs)
        for index, (kind, text) in enumerate(own):
            yield BodyPart(kind, section, len(ancestors), text, index == len(own) - 1, ancestors)
