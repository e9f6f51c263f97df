"""The home page: where the programme stands (pages/overview.py: tasks counted by status, the overdue ones, those
due soon, the latest reports), the tree of derived documents and the latest documents."""

from __future__ import annotations

from generator.pages import paths
from generator.pages.output import RenderContext, SiteOutput
from generator.pages.overview import Overviews
from generator.support.files import GeneratedFiles


def home_page(context: RenderContext) -> GeneratedFiles:
    listings = context.views.listings
    tree, others = listings.tree(paths.HOME)
    page = context.page(
        "home.md.j2",
        tree=tree,
        others=others,
        overview=Overviews(context.tasks).overview(paths.HOME),
        full_text=listings.full_text_count(),
        latest=listings.latest(paths.HOME),
        **context.as_of_values,
    )
    return {paths.HOME: page}


HOME = SiteOutput(home_page)
