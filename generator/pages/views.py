"""Precomputed, escaped views of the resolved site; templates only loop and print them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from generator.pages import paths
from generator.pages.markdown import attribute, escape, link
from generator.corpus.model import Body, Document, Section, body_parts
from generator.corpus.numbers import number_key
from generator.corpus.text import slugify
from generator.corpus.resolve import Relation, Site, document_order

RELATION_LABELS = {
    "implements": ("Thực hiện", "Văn bản triển khai"),
    "based_on": ("Căn cứ", "Là căn cứ của"),
    "cites": ("Dẫn chiếu", "Được dẫn chiếu bởi"),
}
MISSING = "Chưa cập nhật"
# A document page lists this many related documents of each kind; its relations page lists all.
RELATIONS_SHOWN = 10
# The home page's tree shows this many documents derived from each document.
TREE_CHILDREN_SHOWN = 10


@dataclass(frozen=True)
class Row:
    """A labelled value of a metadata table; the value is Markdown."""

    label: str
    value_md: str


@dataclass(frozen=True)
class LinkGroup:
    """A labelled list of Markdown links, with a link to the whole list when this one is cut short."""

    label: str
    links_md: list[str]
    more_md: str = ""


@dataclass(frozen=True)
class RelationGroup:
    """Every document related to one document in one way, on its relations page."""

    heading_md: str
    anchor: str
    links_md: list[str]


@dataclass(frozen=True)
class RelationsView:
    """The page listing every document related to a document with more than its page lists."""

    front_matter: str
    heading_md: str
    document_link_md: str
    shown: int  # how many of each kind the document page lists
    groups: list[RelationGroup]


@dataclass(frozen=True)
class Block:
    """One block of a document body: a heading, a numbered item or a plain paragraph."""

    kind: str
    level: int
    id: str
    marker_md: str
    text_md: str
    badge_for: str = ""


@dataclass(frozen=True)
class HeaderView:
    """The header block, escaped."""

    issuer_md: str
    number_md: str
    motto_md: str
    place_date_md: str
    kind_md: str
    title_lines_md: list[str]


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
    official_link_md: str
    header: HeaderView | None
    preamble_md: list[str]
    blocks: list[Block]
    signature_lines_md: list[str]
    signer_md: str
    recipients_md: list[str]
    notes_md: list[str]


@dataclass(frozen=True)
class ListedDocument:
    """A document as one line or row of an index page."""

    number_link_md: str
    type_md: str
    title_md: str
    issuer_md: str
    date_md: str


@dataclass(frozen=True)
class TreeNode:
    """A line of the home page's tree of derived documents: a document, or a link to the rest of a
    document's derived documents when it has more than the tree shows."""

    depth: int
    item: ListedDocument | None
    more_md: str = ""


@dataclass(frozen=True)
class GroupView:
    """A titled group of listed documents (by body, by year)."""

    id: str
    heading_md: str
    link_md: str
    documents: list[ListedDocument]


@dataclass(frozen=True)
class LookupRow:
    """A row of the number table; the number link carries the data the lookup script reads."""

    number_link_md: str
    name_md: str
    short_link_md: str


@dataclass(frozen=True)
class BodyView:
    """Everything a body's page shows."""

    front_matter: str
    heading_md: str
    short_names_md: str
    parent_md: str
    issued: list[ListedDocument]
    received: list[ListedDocument]


def display_date(date: dt.date | None) -> str:
    """Format a date the Vietnamese way: 28/03/2024."""
    return date.strftime("%d/%m/%Y") if date else MISSING


def document_name(document: Document) -> str:
    """Return "Kế hoạch 20-KH/TW"."""
    return f"{document.type} {document.number}"


def front_matter(title: str, description: str, search_boost: float = 1.0, searchable: bool = True) -> str:
    """Return a YAML front matter block; JSON strings are valid YAML scalars."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"description: {json.dumps(description, ensure_ascii=False)}"]
    if not searchable:
        lines += ["search:", "  exclude: true"]
    elif search_boost != 1.0:
        lines += ["search:", f"  boost: {search_boost}"]
    return "\n".join(lines + ["---"])


def _cut_short(related: list[tuple[str, list[tuple[Relation, Document]]]]) -> bool:
    """Whether a document page lists only some of these related documents."""
    return any(len(targets) > RELATIONS_SHOWN for _, targets in related)


def thousands(count: int) -> str:
    """A count as Vietnamese writes it: 1.002."""
    return f"{count:,}".replace(",", ".")


def section_label(section: Section, ancestors: tuple[Section, ...]) -> str:
    """Return a reader's label for a section: "IV.3", "II.1.1", "IV.1, ý 2"."""
    numbers: list[str] = []
    for part in ancestors + (section,):
        if part.number is None:
            continue
        own = part.number.rstrip(".-)")
        if numbers and own.startswith(numbers[-1] + "."):
            numbers.pop()
        numbers.append(own)
    label = ".".join(numbers)
    if section.number is None:
        bullet = section.id.rsplit("-g", 1)[-1]
        label = f"{label}, ý {bullet}" if label else f"ý {bullet}"
    return label


class Views:
    """Builds the views of every page from a resolved site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.received: dict[str, dict[str, Document]] = {}
        self.issued: dict[str, list[Document]] = {}
        for document in sorted(site.documents.values(), key=document_order):
            self.issued.setdefault(document.issuer, []).append(document)
            for recipient in document.recipients:
                for body_id in recipient.bodies:
                    self.received.setdefault(body_id, {})[document.id] = document

    def text(self, text: str, page: str, current: Document | None = None) -> str:
        """Escape running text, turning known document numbers into links."""
        parts = []
        for segment in self.site.segments(text, current):
            if segment.target is None:
                parts.append(escape(segment.text))
            else:
                parts.append(link(escape(segment.text), page, paths.document_page(segment.target.id)))
        return "".join(parts)

    def document_link(self, document: Document, page: str, anchor: str | None = None) -> str:
        return link(escape(document.number), page, paths.document_page(document.id), anchor)

    def body_link(self, body_id: str, page: str) -> str:
        body = self.site.bodies[body_id]
        return link(escape(body.name), page, paths.body_page(body.id))

    def listed(self, document: Document, page: str) -> ListedDocument:
        return ListedDocument(
            number_link_md=self.document_link(document, page),
            type_md=escape(document.type),
            title_md=escape(document.title) if document.title else "",
            issuer_md=self.body_link(document.issuer, page),
            date_md=display_date(document.date),
        )

    def relation_link(self, relation: Relation, target: Document, page: str) -> str:
        section = relation.section if target is relation.target else None
        text = self.document_link(target, page, section.id if section else None)
        if target is relation.target and section is not None:
            ancestors = next(a for s, a in target.outline if s is section)
            text += f" (mục {escape(section_label(section, ancestors))})"
        return text

    def related_line(self, relation: Relation, target: Document, page: str) -> str:
        """A related document as a list line: its link, then its type."""
        return self.relation_link(relation, target, page) + " — " + escape(target.type)

    def relation_groups(self, document: Document, page: str, outgoing: bool) -> list[LinkGroup]:
        """The related documents a document page lists: RELATIONS_SHOWN of each kind at most."""
        groups = []
        for label, targets in self._related(document, outgoing):
            links = [self.related_line(r, t, page) for r, t in targets[:RELATIONS_SHOWN]]
            more = ""
            if len(targets) > RELATIONS_SHOWN:
                more_text = escape(f"Xem tất cả {thousands(len(targets))} văn bản")
                more = link(more_text, page, paths.relations_page(document.id), slugify(label))
            groups.append(LinkGroup(label, links, more))
        return groups

    def has_relations_page(self, document: Document) -> bool:
        """Whether the document's page lists only some of its related documents, and links to a page of all."""
        return _cut_short(self._related(document, True) + self._related(document, False))

    def relations(self, document: Document) -> RelationsView | None:
        """The relations page of a document whose page lists only some of its related documents."""
        related = self._related(document, True) + self._related(document, False)
        if not _cut_short(related):
            return None
        page = paths.relations_page(document.id)
        name = document_name(document)
        groups = [
            RelationGroup(
                escape(f"{label} ({thousands(len(targets))} văn bản)"), slugify(label),
                [self.related_line(r, t, page) for r, t in targets],
            )
            for label, targets in related
        ]
        title = f"Văn bản liên quan đến {name}"
        return RelationsView(
            front_matter=front_matter(title, f"Mọi văn bản có quan hệ với {name}.", searchable=False),
            heading_md=escape(title), document_link_md=self.document_link(document, page), shown=RELATIONS_SHOWN, groups=groups,
        )

    def _related(self, document: Document, outgoing: bool) -> list[tuple[str, list[tuple[Relation, Document]]]]:
        """(label, [(relation, the other document)]) for each kind of relation the document has that way."""
        relations = self.site.outgoing.get(document.id, []) if outgoing else self.site.incoming.get(document.id, [])
        found = []
        for kind, labels in RELATION_LABELS.items():
            matching = [r for r in relations if r.kind == kind]
            if matching:
                found.append((labels[0] if outgoing else labels[1], [(r, r.target if outgoing else r.source) for r in matching]))
        return found

    def document(self, document: Document) -> DocumentView:
        page = paths.document_page(document.id)
        name = document_name(document)
        description = document.summary or document.title or name
        up = self.relation_groups(document, page, outgoing=True)
        down = self.relation_groups(document, page, outgoing=False)
        signature = document.signature
        return DocumentView(
            front_matter=front_matter(name, description),
            heading_md=escape(name),
            title_md=self.text(document.title, page, document) if document.title else "",
            rows=self.rows(document, page),
            relations=up + down,
            diagram_up=up,
            diagram_down=down,
            diagram_center_md=escape(name),
            diagram_label=attribute(f"Sơ đồ quan hệ của {name}"),
            has_full_text=document.has_full_text,
            official_link_md=link(escape("Toàn văn chính thức"), page, document.official_url) if document.official_url else "",
            header=self.header(document),
            preamble_md=[self.text(p, page, document) for p in document.preamble],
            blocks=self.blocks(document, page),
            signature_lines_md=[escape(line) for line in signature.lines] if signature else [],
            signer_md=escape(signature.name) if signature else "",
            recipients_md=[self.text(r.text, page, document) for r in document.recipients],
            notes_md=[escape(note) for note in document.notes],
        )

    def rows(self, document: Document, page: str) -> list[Row]:
        def plain(value: str | None) -> str:
            return escape(value) if value else MISSING

        return [
            Row("Số hiệu", escape(document.number)),
            Row("Loại văn bản", escape(document.type)),
            Row("Cơ quan ban hành", self.body_link(document.issuer, page)),
            Row("Người ký", plain(document.signer)),
            Row("Chức vụ", plain(document.signer_title)),
            Row("Nơi ban hành", plain(document.place)),
            Row("Ngày ban hành", display_date(document.date)),
            Row("Tình trạng", escape(document.status)),
        ]

    def header(self, document: Document) -> HeaderView | None:
        header = document.header
        if header is None:
            return None
        return HeaderView(
            issuer_md="<br>\n".join(escape(line) for line in header.issuer_lines),
            number_md=escape(f"Số: {document.number}"),
            motto_md=escape(header.motto),
            place_date_md=escape(header.place_date),
            kind_md=escape(header.kind_line),
            title_lines_md=[self.text(line, paths.document_page(document.id), document) for line in header.title_lines],
        )

    def blocks(self, document: Document, page: str) -> list[Block]:
        """Flatten the body; the last block of a section's own text carries its id for a task badge."""
        blocks = []
        for part in body_parts(document):
            section = part.section
            marker = escape(section.number) if section.number else "\\-"
            level = min(part.depth + 3, 6) if part.kind == "heading" else part.depth
            anchored = part.kind != "paragraph"
            blocks.append(Block(
                part.kind, level, section.id if anchored else "", marker if anchored else "",
                self.text(part.text, page, document), badge_for=section.id if part.last else "",
            ))
        return blocks

    def documents_sorted(self) -> list[Document]:
        return sorted(self.site.documents.values(), key=lambda d: _natural(d.number))

    def all_documents(self, page: str) -> list[ListedDocument]:
        return [self.listed(d, page) for d in self.documents_sorted()]

    def tree(self, page: str) -> tuple[list[TreeNode], list[ListedDocument]]:
        """Return the tree of derived documents and the documents outside it."""
        parents = {doc_id: self.primary_parent(doc_id) for doc_id in self.site.documents}
        children: dict[str, list[Document]] = {}
        for doc_id, parent in parents.items():
            if parent is not None:
                children.setdefault(parent, []).append(self.site.documents[doc_id])
        nodes: list[TreeNode] = []

        def add(document: Document, depth: int) -> None:
            nodes.append(TreeNode(depth, self.listed(document, page)))
            below = sorted(children.get(document.id, []), key=document_order)
            for child in below[:TREE_CHILDREN_SHOWN]:
                add(child, depth + 1)
            if len(below) > TREE_CHILDREN_SHOWN:
                nodes.append(TreeNode(depth + 1, None, self.more_below(document, len(below) - TREE_CHILDREN_SHOWN, page)))

        roots = [d for d in self.site.documents.values() if parents[d.id] is None and d.id in children]
        for root in sorted(roots, key=document_order):
            add(root, 0)
        in_tree = {doc_id for doc_id in parents if parents[doc_id] is not None} | {r.id for r in roots}
        others = [self.listed(d, page) for d in self.documents_sorted() if d.id not in in_tree]
        return nodes, others

    def more_below(self, document: Document, hidden: int, page: str) -> str:
        """A link to all documents related to `document`: its relations page if it has one, else its diagram."""
        label = escape(f"và {thousands(hidden)} văn bản khác triển khai {document.number}")
        if self.has_relations_page(document):
            return link(label, page, paths.relations_page(document.id))
        return link(label, page, paths.document_page(document.id), "quan-he")

    def primary_parent(self, doc_id: str) -> str | None:
        """The basis that itself implements something, else the implemented document."""
        relations = self.site.outgoing.get(doc_id, [])
        for relation in relations:
            if relation.kind == "based_on" and any(r.kind == "implements" for r in self.site.outgoing.get(relation.target.id, [])):
                return relation.target.id
        return next((r.target.id for r in relations if r.kind == "implements"), None)

    def by_body(self, page: str) -> list[GroupView]:
        groups = []
        for body in sorted(self.site.bodies.values(), key=lambda b: b.name):
            issued = self.issued.get(body.id, [])
            if issued:
                groups.append(GroupView(body.id, escape(body.name), self.body_link(body.id, page), [self.listed(d, page) for d in issued]))
        return groups

    def by_year(self, page: str) -> list[GroupView]:
        years: dict[str, list[Document]] = {}
        for document in sorted(self.site.documents.values(), key=document_order):
            years.setdefault(str(document.date.year) if document.date else "", []).append(document)
        return [
            GroupView(f"nam-{year}" if year else "chua-ro-ngay", escape(f"Năm {year}" if year else "Chưa rõ ngày ban hành"), "", [self.listed(d, page) for d in documents])
            for year, documents in years.items()
        ]

    def body(self, body: Body) -> BodyView:
        page = paths.body_page(body.id)
        received = list(self.received.get(body.id, {}).values())
        parent = self.body_link(body.parent, page) if body.parent else ""
        return BodyView(
            front_matter=front_matter(body.name, f"Các văn bản do {body.name} ban hành và nhận.", search_boost=0.5),
            heading_md=escape(body.name),
            short_names_md=", ".join(escape(name) for name in body.short_names),
            parent_md=parent,
            issued=[self.listed(d, page) for d in self.issued.get(body.id, [])],
            received=[self.listed(d, page) for d in received],
        )


def _natural(number: str) -> tuple[int, str]:
    key = number_key(number)
    head = key.partition("-")[0]
    return (int(head) if head.isdigit() else 0, key)


def lookup_rows(views: Views) -> list[LookupRow]:
    """Return a row per document for the number table, ordered by number."""
    page = paths.LOOKUP
    rows = []
    for document in views.documents_sorted():
        key = number_key(document.number)
        rows.append(
            LookupRow(
                number_link_md=views.document_link(document, page) + f'{{: .lookup-entry data-key="{key}" }}',
                name_md=escape(document_name(document)) + (" — " + escape(document.title) if document.title else ""),
                short_link_md=link(escape(f"/so-hieu/{key}/"), page, paths.short_page(key)),
            )
        )
    return rows
