"""Pages that list documents: the home page's tree, all documents, by issuing body, by year, and
the table of numbers that the lookup reads."""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.collation import vietnamese_key
from generator.corpus.model import Document
from generator.corpus.numbers import number_key
from generator.corpus.resolve import document_order
from generator.pages import paths
from generator.pages.common import Linker, ListedDocument, document_name, thousands
from generator.pages.markdown import escape, link
from generator.pages.output import RenderContext, SiteOutput
from generator.pages.relations import Relations
from generator.support.files import GeneratedFiles

# The home page's tree shows this many documents derived from each document.
TREE_CHILDREN_SHOWN = 10
# The home page names this many of the newest documents.
LATEST_SHOWN = 5


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
    """A row of the number table; the number link carries the key the lookup script reads."""

    number_link_md: str
    key: str
    name_md: str
    short_link_md: str


class Listings:
    """Builds the listing pages' views."""

    def __init__(self, links: Linker, relations: Relations) -> None:
        self.links, self.relations = links, relations
        self.site = links.site
        self.issued: dict[str, list[Document]] = {}
        for document in sorted(self.site.documents.values(), key=document_order):
            self.issued.setdefault(document.issuer, []).append(document)

    def latest(self, page: str, count: int = LATEST_SHOWN) -> list[ListedDocument]:
        """The newest dated documents, newest first."""
        dated = sorted((d for d in self.site.documents.values() if d.date), key=document_order, reverse=True)
        return [self.links.listed(d, page) for d in dated[:count]]

    def full_text_count(self) -> tuple[int, int]:
        """How many documents the site has, and how many of them carry their full text."""
        documents = self.site.documents.values()
        return len(documents), sum(d.has_full_text for d in documents)

    def all_documents(self, page: str) -> list[ListedDocument]:
        return [self.links.listed(d, page) for d in self.links.documents_by_number()]

    def tree(self, page: str) -> tuple[list[TreeNode], list[ListedDocument]]:
        """Return the tree of derived documents and the documents outside it."""
        parents = {doc_id: self.primary_parent(doc_id) for doc_id in self.site.documents}
        children: dict[str, list[Document]] = {}
        for doc_id, parent in parents.items():
            if parent is not None:
                children.setdefault(parent, []).append(self.site.documents[doc_id])
        nodes: list[TreeNode] = []

        def add(document: Document, depth: int) -> None:
            nodes.append(TreeNode(depth, self.links.listed(document, page)))
            below = sorted(children.get(document.id, []), key=document_order)
            for child in below[:TREE_CHILDREN_SHOWN]:
                add(child, depth + 1)
            if len(below) > TREE_CHILDREN_SHOWN:
                nodes.append(TreeNode(depth + 1, None, self.more_below(document, len(below) - TREE_CHILDREN_SHOWN, page)))

        roots = [d for d in self.site.documents.values() if parents[d.id] is None and d.id in children]
        for root in sorted(roots, key=document_order):
            add(root, 0)
        in_tree = {doc_id for doc_id in parents if parents[doc_id] is not None} | {r.id for r in roots}
        others = [self.links.listed(d, page) for d in self.links.documents_by_number() if d.id not in in_tree]
        return nodes, others

    def more_below(self, document: Document, hidden: int, page: str) -> str:
        """A link to all documents related to `document`: its relations page if it has one, else its diagram."""
        label = escape(f"và {thousands(hidden)} văn bản khác triển khai {document.number}")
        if self.relations.has_page(document):
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
        for body in sorted(self.site.bodies.values(), key=lambda b: vietnamese_key(b.name)):
            issued = self.issued.get(body.id, [])
            if issued:
                listed = [self.links.listed(d, page) for d in issued]
                groups.append(GroupView(body.id, escape(body.name), self.links.body_link(body.id, page), listed))
        return groups

    def by_year(self, page: str) -> list[GroupView]:
        years: dict[str, list[Document]] = {}
        for document in sorted(self.site.documents.values(), key=document_order):
            years.setdefault(str(document.date.year) if document.date else "", []).append(document)
        return [
            GroupView(
                f"nam-{year}" if year else "chua-ro-ngay",
                escape(f"Năm {year}" if year else "Chưa rõ ngày ban hành"),
                "",
                [self.links.listed(d, page) for d in documents],
            )
            for year, documents in years.items()
        ]

    def lookup_rows(self) -> list[LookupRow]:
        """A row per document for the number table, ordered by number."""
        page = paths.LOOKUP
        rows = []
        for document in self.links.documents_by_number():
            key = number_key(document.number)
            rows.append(
                LookupRow(
                    number_link_md=self.links.document_link(document, page),
                    key=key,
                    name_md=escape(document_name(document)) + (" — " + escape(document.title) if document.title else ""),
                    short_link_md=link(escape(f"/so-hieu/{key}/"), page, paths.short_page(key)),
                )
            )
        return rows


def document_list(context: RenderContext) -> GeneratedFiles:
    documents = context.views.listings.all_documents(paths.DOCUMENTS)
    return {paths.DOCUMENTS: context.page("documents.md.j2", documents=documents, count=len(documents))}


def body_list(context: RenderContext) -> GeneratedFiles:
    return {paths.BODIES: context.page("bodies.md.j2", groups=context.views.listings.by_body(paths.BODIES))}


def timeline(context: RenderContext) -> GeneratedFiles:
    return {paths.TIMELINE: context.page("timeline.md.j2", groups=context.views.listings.by_year(paths.TIMELINE))}


def lookup(context: RenderContext) -> GeneratedFiles:
    """Number lookup: the box, and every document's number with its short address."""
    return {paths.LOOKUP: context.page("lookup.md.j2", rows=context.views.listings.lookup_rows())}


DOCUMENT_LIST = SiteOutput(document_list)
BODY_LIST = SiteOutput(body_list)
TIMELINE = SiteOutput(timeline)
LOOKUP = SiteOutput(lookup)
