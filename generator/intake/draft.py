"""The importer's result as types: a draft document with, for every fact it decided, where the fact came from.
`data()` gives the fields in the order data/documents/ files write them, ready for YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.corpus.load import DOCUMENT_OPTIONAL

# A draft's fields in the order data/documents/ files write them: the reader's fields, the title first.
FIELD_ORDER = ("number", "type", "title", "issuer", *(name for name in DOCUMENT_OPTIONAL if name != "title"))
IDENTITY = ("number", "type", "date", "issuer")


@dataclass
class DraftSection:
    """A section being built from the numbering; `rank` orders the kinds of numbering (Chương above Điều above
    1. above a) above -)."""

    number: str | None
    title: str | None = None
    text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    rank: int = 0

    def data(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.number is not None:
            out["number"] = self.number
        if self.title is not None:
            out["title"] = self.title
        if self.text is not None:
            out["text"] = self.text
        if self.paragraphs:
            out["paragraphs"] = self.paragraphs
        if self.sections:
            out["sections"] = [section.data() for section in self.sections]
        return out


@dataclass
class DraftAppendix:
    """A text attached after the signature (a programme, a plan, an appendix): its heading and its own tree."""

    title_lines: list[str]
    note: str | None = None  # "(Kèm theo Nghị quyết số 03/NQ-CP ngày … của Chính phủ)"
    preamble: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)

    def data(self) -> dict[str, object]:
        out: dict[str, object] = {"title_lines": self.title_lines}
        if self.note:
            out["note"] = self.note
        if self.preamble:
            out["preamble"] = self.preamble
        if self.sections:
            out["sections"] = [section.data() for section in self.sections]
        return out


@dataclass(frozen=True)
class Provenance:
    """Where a fact of the draft came from: which part of the text, the line, and the words."""

    source: str  # "khối tiêu đề", "bảng thuộc tính của trang", "câu công bố văn bản", …
    line: int | None
    text: str

    def describe(self) -> str:
        where = f"{self.source}, dòng {self.line}" if self.line else self.source
        quoted = self.text if len(self.text) <= 100 else self.text[:99] + "…"
        return f'{where}: "{quoted}"'


@dataclass
class Draft:
    """A document as the importer read it. Values are None where the text does not say them."""

    number: str | None = None
    type: str | None = None
    title: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD
    term: str | None = None
    relations: dict[str, list[str]] = field(default_factory=dict)
    header: dict[str, object] = field(default_factory=dict)
    preamble: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    signature: dict[str, object] | None = None
    recipients: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    appendices: list[DraftAppendix] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)

    @property
    def has_body(self) -> bool:
        return bool(self.sections or self.preamble or self.appendices)

    def data(self) -> dict[str, object]:
        """The fields with a value, in the order of data files, as YAML-ready values."""
        values: dict[str, object] = {
            "number": self.number,
            "type": self.type,
            "title": self.title,
            "issuer": self.issuer,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "place": self.place,
            "date": self.date,
            "term": self.term,
            "relations": self.relations,
            "header": self.header,
            "preamble": self.preamble,
            "sections": [section.data() for section in self.sections],
            "signature": self.signature,
            "recipients": self.recipients,
            "notes": self.notes,
            "appendices": [appendix.data() for appendix in self.appendices],
        }
        ordered = [*FIELD_ORDER, *(name for name in values if name not in FIELD_ORDER)]
        return {name: values[name] for name in ordered if name in values and values[name] not in (None, [], {})}
