"""Related documents: the groups a document page lists, and the page of all of them when there are many."""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.model import Document
from generator.corpus.resolve import Relation
from generator.corpus.text import slugify
from generator.pages import paths
from generator.pages.common import Linker, document_name, front_matter, section_label, thousands
from generator.pages.markdown import escape, link
from generator.pages.output import DocumentOutput, RenderContext
from generator.support.files import GeneratedFiles

RELATION_LABELS = {
    "implements": ("Thực hiện", "Văn bản triển khai"),
    "based_on": ("Căn cứ", "Là căn cứ của"),
    "cites": ("Dẫn chiếu", "Được dẫn chiếu bởi"),
}
# A document page lists this many related documents of each kind; its relations page lists all.
RELATIONS_SHOWN = 10

Related = list[tuple[str, list[tuple[Relation, Document]]]]


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


def _cut_short(related: Related) -> bool:
    """Whether a document page lists only some of these related documents."""
    return any(len(targets) > RELATIONS_SHOWN for _, targets in related)


class Relations:
    """Related documents as pages show them."""

    def __init__(self, links: Linker) -> None:
        self.links = links
        self.site = links.site

    def related(self, document: Document, outgoing: bool) -> Related:
        """(label, [(relation, the other document)]) for each kind of relation the document has that way."""
        relations = self.site.outgoing.get(document.id, []) if outgoing else self.site.incoming.get(document.id, [])
        found = []
        for kind, labels in RELATION_LABELS.items():
            matching = [r for r in relations if r.kind == kind]
            if matching:
                found.append((labels[0] if outgoing else labels[1], [(r, r.target if outgoing else r.source) for r in matching]))
        return found

    def relation_link(self, relation: Relation, target: Document, page: str) -> str:
        section = relation.section if target is relation.target else None
        text = self.links.document_link(target, page, section.id if section else None)
        if target is relation.target and section is not None:
            ancestors = next(a for s, a in target.outline if s is section)
            text += f" (mục {escape(section_label(section, ancestors))})"
        return text

    def line(self, relation: Relation, target: Document, page: str) -> str:
        """A related document as a list line: its link, then its type."""
        return self.relation_link(relation, target, page) + " — " + escape(target.type)

    def groups(self, document: Document, page: str, outgoing: bool) -> list[LinkGroup]:
        """The related documents a document page lists: RELATIONS_SHOWN of each kind at most."""
        groups = []
        for label, targets in self.related(document, outgoing):
            links = [self.line(r, t, page) for r, t in targets[:RELATIONS_SHOWN]]
            more = ""
            if len(targets) > RELATIONS_SHOWN:
                more_text = escape(f"Xem tất cả {thousands(len(targets))} văn bản")
                more = link(more_text, page, paths.relations_page(document.id), slugify(label))
            groups.append(LinkGroup(label, links, more))
        return groups

    def has_page(self, document: Document) -> bool:
        """Whether the document's page lists only some of its related documents, and links to a page of all."""
        return _cut_short(self.related(document, True) + self.related(document, False))

    def page(self, document: Document) -> RelationsView | None:
        """The relations page of a document whose page lists only some of its related documents."""
        related = self.related(document, True) + self.related(document, False)
        if not _cut_short(related):
            return None
        page = paths.relations_page(document.id)
        name = document_name(document)
        groups = [
            RelationGroup(
                escape(f"{label} ({thousands(len(targets))} văn bản)"),
                slugify(label),
                [self.line(r, t, page) for r, t in targets],
            )
            for label, targets in related
        ]
        title = f"Văn bản liên quan đến {name}"
        return RelationsView(
            front_matter=front_matter(title, f"Mọi văn bản có quan hệ với {name}.", searchable=False),
            heading_md=escape(title),
            document_link_md=self.links.document_link(document, page),
            shown=RELATIONS_SHOWN,
            groups=groups,
        )


def relations_page(context: RenderContext, document: Document) -> GeneratedFiles:
    """quan-he/<id>.md: every document related to one whose diagram cannot list them all; none for the others."""
    view = context.views.relations.page(document)
    return {} if view is None else {paths.relations_page(document.id): context.page("relations.md.j2", page=view)}


PAGE = DocumentOutput(relations_page)
