"""A body's page: its names, the body above it, what it issued and what it received."""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.model import Body, Document
from generator.corpus.resolve import document_order
from generator.pages import paths
from generator.pages.common import Linker, ListedDocument, front_matter
from generator.pages.listings import Listings
from generator.pages.markdown import escape
from generator.pages.output import BodyOutput, RenderContext
from generator.support.files import GeneratedFiles


@dataclass(frozen=True)
class BodyView:
    """Everything a body's page shows."""

    front_matter: str
    heading_md: str
    short_names_md: str
    parent_md: str
    issued: list[ListedDocument]
    received: list[ListedDocument]


class BodyPages:
    """Builds the view of each body's page."""

    def __init__(self, links: Linker, listings: Listings) -> None:
        self.links, self.listings = links, listings
        self.received: dict[str, dict[str, Document]] = {}
        for document in sorted(links.site.documents.values(), key=document_order):
            for recipient in document.recipients:
                for body_id in recipient.bodies:
                    self.received.setdefault(body_id, {})[document.id] = document

    def view(self, body: Body) -> BodyView:
        page = paths.body_page(body.id)
        received = list(self.received.get(body.id, {}).values())
        parent = self.links.body_link(body.parent, page) if body.parent else ""
        return BodyView(
            front_matter=front_matter(body.name, f"Các văn bản do {body.name} ban hành và nhận.", search_boost=0.5),
            heading_md=escape(body.name),
            short_names_md=", ".join(escape(name) for name in body.short_names),
            parent_md=parent,
            issued=[self.links.listed(d, page) for d in self.listings.issued.get(body.id, [])],
            received=[self.links.listed(d, page) for d in received],
        )


def body_page(context: RenderContext, body: Body) -> GeneratedFiles:
    """A body's page, with its tasks, their scorecard and its reports."""
    page, tasks = paths.body_page(body.id), context.tasks
    content = context.page(
        "body.md.j2",
        page=context.views.bodies.view(body),
        tasks=tasks.for_body(body.id, page),
        scorecard=tasks.scorecard(body.id, page),
        reports=tasks.reports_by(body.id, page),
        **context.as_of_values,
    )
    return {page: content}


PAGE = BodyOutput(body_page)
