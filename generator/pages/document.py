"""A document's page: metadata, relations and their diagram, header block, body, signature, notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.corpus.model import STATUS_UNKNOWN, Appendix, BodyPart, Document, body_parts
from generator.pages import paths
from generator.pages.common import MISSING, Linker, Part, display_date, document_name, front_matter, section_label
from generator.pages.markdown import attribute, escape, link
from generator.pages.output import DocumentOutput, RenderContext
from generator.pages.relations import LinkGroup, Relations
from generator.pages.signers import SignerPages
from generator.support.files import GeneratedFiles


@dataclass(frozen=True)
class Row:
    """A labelled value of a metadata table; the value is Markdown."""

    label: str
    value_md: str


@dataclass(frozen=True)
class Block:
    """One block of a document body: a heading, a numbered item or a plain paragraph."""

    kind: str
    level: int
    id: str
    marker_md: str
    text_md: str
    badge_for: str = ""
    label_attribute: str = ""  # "IV.1, ý 2", attribute-escaped: how readers cite the heading or item


@dataclass(frozen=True)
class HeaderView:
    """The header block, escaped."""

    issuer_lines_md: list[str]
    number_md: str
    motto_md: str
    slogan_md: str
    place_date_md: str
    kind_md: str
    title_lines_md: list[str]


@dataclass(frozen=True)
class AppendixView:
    """A text attached after the signature: its heading lines, note, opening paragraphs and blocks, escaped."""

    id: str
    title_lines_md: list[str]
    note_md: str
    preamble_md: list[str]
    blocks: list[Block]


@dataclass(frozen=True)
class DocumentView:
    """Everything a document page shows."""

    front_matter: str
    heading_md: str
    title_md: str
    rows: list[Row]
    relations: list[LinkGroup]
    diagram_up: list[LinkGroup]
    diagram_down: list[LinkGroup]
    diagram_center_md: str
    diagram_label: str
    has_full_text: bool
    official_url: str  # attribute-escaped; a link as raw HTML, never Markdown
    header: HeaderView | None
    preamble_md: list[str]
    blocks: list[Block]
    signature_lines_md: list[str]
    signer_md: str
    recipients_md: list[str]
    notes_md: list[str]
    appendices: list[AppendixView]


# An entry of the contents keeps this many characters of its words, cut at a word.
PART_TITLE_CHARS = 70


def contents(document: Document) -> tuple[Part, ...]:
    """A document's contents for its "Mục lục": the page's own sections, and every heading and numbered item of
    its text (bullets and paragraphs left out); none for a document whose text is not on the site."""
    if not document.has_full_text:
        return ()
    parts = [
        Part("thong-tin", "", "Thông tin văn bản", 0),
        Part("quan-he", "", "Quan hệ văn bản", 0),
        Part("noi-dung", "", "Nội dung văn bản", 0),
    ]
    parts += numbered_parts(body_parts(document), 1)
    for appendix in document.appendices:
        parts.append(Part(appendix.id, "", shortened(" ".join(appendix.title_lines) or f"Phụ lục {appendix.number}"), 0))
        parts += numbered_parts(body_parts(appendix), 1)
    if document.notes:
        parts.append(Part("ghi-chu", "", "Ghi chú biên tập", 0))
    return tuple(parts)


def numbered_parts(body: Iterable[BodyPart], depth: int) -> list[Part]:
    """The headings and numbered items of a text, as entries of the contents `depth` deep and below."""
    return [
        Part(part.section.id, section_label(part.section, part.ancestors), shortened(part.text), part.depth + depth)
        for part in body
        if part.kind != "paragraph" and part.section.number is not None
    ]


def shortened(text: str, limit: int = PART_TITLE_CHARS) -> str:
    """`text` cut at the last word that fits `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


class DocumentPages:
    """Builds the view of each document's page."""

    def __init__(self, links: Linker, relations: Relations, signers: SignerPages) -> None:
        self.links, self.relations, self.signers = links, relations, signers

    def view(self, document: Document) -> DocumentView:
        page = paths.document_page(document.id)
        name = document_name(document)
        description = document.summary or document.title or name
        up = self.relations.groups(document, page, outgoing=True)
        down = self.relations.groups(document, page, outgoing=False)
        signature = document.signature
        text = self.links.text
        return DocumentView(
            front_matter=front_matter(
                name, description, number=document.number, document=self.search_fields(document), parts=contents(document)
            ),
            heading_md=escape(name),
            title_md=text(document.title, page, document) if document.title else "",
            rows=self.rows(document, page),
            relations=up + down,
            diagram_up=up,
            diagram_down=down,
            diagram_center_md=escape(name),
            diagram_label=attribute(f"Sơ đồ quan hệ của {name}"),
            has_full_text=document.has_full_text,
            official_url=attribute(document.official_url) if document.official_url else "",
            header=self.header(document),
            preamble_md=[text(p, page, document) for p in document.preamble],
            blocks=self.blocks(document, body_parts(document), page),
            signature_lines_md=[escape(line) for line in signature.lines] if signature else [],
            signer_md=escape(signature.name) if signature else "",
            recipients_md=[text(r.text, page, document) for r in document.recipients],
            notes_md=[escape(note) for note in document.notes],
            appendices=[self.appendix(document, appendix, page) for appendix in document.appendices],
        )

    def appendix(self, document: Document, appendix: Appendix, page: str) -> AppendixView:
        text = self.links.text
        return AppendixView(
            id=appendix.id,
            title_lines_md=[text(line, page, document) for line in appendix.title_lines],
            note_md=text(appendix.note, page, document) if appendix.note else "",
            preamble_md=[text(paragraph, page, document) for paragraph in appendix.preamble],
            blocks=self.blocks(document, body_parts(appendix), page),
        )

    def search_fields(self, document: Document) -> dict[str, str]:
        """The metadata search finds the document by, by part of its own search entry (META_ZONES)."""
        other = (document.signer_title, document.place, document.term)
        return {
            "title": document.title or "",
            "issuer": self.links.site.bodies[document.issuer].name,
            "signer": document.signer or "",
            "other": ", ".join(value for value in other if value),
            "date": display_date(document.date) if document.date else "",
        }

    def rows(self, document: Document, page: str) -> list[Row]:
        def plain(value: str | None) -> str:
            return escape(value) if value else MISSING

        return [
            Row("Số hiệu", escape(document.number)),
            Row("Loại văn bản", escape(document.type)),
            Row("Cơ quan ban hành", self.links.body_link(document.issuer, page)),
            Row("Người ký", self.signers.link(document, page) or MISSING),
            Row("Chức vụ", plain(document.signer_title)),
            Row("Nơi ban hành", plain(document.place)),
            Row("Ngày ban hành", display_date(document.date)),
            *([Row("Nhiệm kỳ", escape(document.term))] if document.term else []),
            *([Row("Tình trạng", escape(document.status))] if document.status != STATUS_UNKNOWN else []),
        ]

    def header(self, document: Document) -> HeaderView | None:
        header = document.header
        if header is None:
            return None
        return HeaderView(
            issuer_lines_md=[escape(line) for line in header.issuer_lines],
            number_md=escape(f"Số: {document.number}"),
            motto_md=escape(header.motto),
            slogan_md=escape(header.slogan),
            place_date_md=escape(header.place_date),
            kind_md=escape(header.kind_line),
            title_lines_md=[self.links.text(line, paths.document_page(document.id), document) for line in header.title_lines],
        )

    def blocks(self, document: Document, parts: Iterable[BodyPart], page: str) -> list[Block]:
        """Flatten a body; the last block of a section's own text carries its id for a task badge."""
        blocks = []
        for part in parts:
            section = part.section
            label = section_label(section, part.ancestors) if part.kind != "paragraph" else ""
            marker = escape(section.number) if section.number else "\\-"
            level = min(part.depth + 3, 6) if part.kind == "heading" else part.depth
            anchored = part.kind != "paragraph"
            blocks.append(
                Block(
                    part.kind,
                    level,
                    section.id if anchored else "",
                    marker if anchored else "",
                    self.links.text(part.text, page, document),
                    badge_for=section.id if part.last else "",
                    label_attribute=attribute(label),
                )
            )
        return blocks


def document_page(context: RenderContext, document: Document) -> GeneratedFiles:
    """A document's page, with its tasks, the tasks it answers and links to its PDF and Word file."""
    page, tasks, prints = paths.document_page(document.id), context.tasks, context.prints(document)
    content = context.page(
        "document.md.j2",
        page=context.views.documents.view(document),
        tasks=tasks.for_document(document.id, page),
        answers=tasks.answered_by(document.id, page),
        pdf_link=link("Tải bản PDF (A4)", page, paths.document_pdf(document.id)) if prints else "",
        docx_link=link("Tải bản Word (.docx)", page, paths.document_docx(document.id)) if prints else "",
        **context.as_of_values,
    )
    return {page: content}


PAGE = DocumentOutput(document_page)
