"""Convert each page's Markdown at its turn to be written, and let its HTML go once it is written.

MkDocs converts every page before it writes any (`_populate_page` for all, then `_build_page` for
all), so a build holds the HTML of the whole site at once: at 10,000 documents, gigabytes. A page
whose title is in its front matter needs nothing of its conversion until its turn to be written:
the navigation of the other pages shows only titles, and MkDocs checks links to anchors after
writing every page. Such a page is converted at its turn (`on_page_context`, before any other
plugin's), where every plugin's `on_page_content` then runs for it as MkDocs would have run it; once
written, its HTML, Markdown and table of contents are let go. A page without a title in its front
matter (its title comes from its first heading) is converted where MkDocs converts it.

Nor is the Markdown kept from populate to turn when no other plugin reads or changes it there (the
project's plugin leaves it as it is): it is read again from docs/ at the page's turn.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from generator.mkdocs_plugin.speedups.guard import Internal, Speedup

PAGE_TURNS = Speedup(
    "dựng từng trang khi đến lượt ghi",
    "MkDocs 1.6.1, ProperDocs 1.6.7",
    (
        # The order of events: every page's populate, then every page's build, then the anchors' check.
        Internal("mkdocs.commands.build:build", "c476b64474ac", properdocs="9ef8add479b2"),
        Internal("mkdocs.commands.build:_populate_page", "31a70ea4caef", properdocs="b3c436870881"),
        Internal("mkdocs.commands.build:_build_page", "adcdbd14b236", properdocs="a921d5be3f1b"),
        # Replaced on the page until its turn, then called; the title is read from the front matter.
        Internal("mkdocs.structure.pages:Page.render", "320529348f7a", properdocs="ee0472474623"),
        Internal("mkdocs.structure.pages:Page.title.func", "0b79ceaa4082"),
        Internal("mkdocs.plugins:PluginCollection.on_page_content", "e91253c25e8a", properdocs="da4dbd4fc3ca"),
        # What Page.read_source does, done again at the turn for the Markdown alone.
        Internal("mkdocs.structure.pages:Page.read_source", "b35101eabf60", properdocs="14ac2e8d8db5"),
        Internal("mkdocs.utils.meta:get_data", "3cd0a7a5f861"),
        Internal("mkdocs.plugins:PluginCollection.__init__", "9a97b8796719"),  # events: each event's handlers
    ),
)


class Turns:
    """The pages of one build whose conversion waits for their turn, by source path."""

    def __init__(self, config: Any, owner: object) -> None:
        self.waiting: set[str] = set()
        # The Markdown is read again at the turn when only `owner` (which leaves it as it is) handles it before.
        events = config.plugins.events
        self.reread = not events["page_read_source"] and all(getattr(m, "__self__", None) is owner for m in events["page_markdown"])

    def defer(self, page: Any) -> None:
        """At MkDocs' populate step: leave the conversion of `page` to its turn, if its title allows."""
        if "title" in page.meta:
            self.waiting.add(page.file.src_uri)
            page.render = partial(_not_yet, page, self.reread)

    def waits(self, page: Any) -> bool:
        """Whether `page` is not converted yet (its `on_page_content` at populate carries no HTML)."""
        return page.file.src_uri in self.waiting

    def convert(self, page: Any, config: Any, files: Any) -> None:
        """At the page's turn: convert it and run every plugin's `on_page_content`, as MkDocs does at populate."""
        if not self.waits(page):
            return
        self.waiting.discard(page.file.src_uri)
        del page.render  # MkDocs' own Page.render again
        if self.reread:
            page.markdown = get_data(page.file.content_string)[0]
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    def let_go(self, page: Any) -> None:
        """After `page` is written: drop what only its own output needed (the anchors stay, for MkDocs' check)."""
        if "title" in page.meta:  # the title never depends on the Markdown or HTML dropped here
            page.content, page.markdown, page.toc = "", "", get_toc([])


def _not_yet(page: Any, reread: bool, config: Any, files: Any) -> None:
    page.content = ""
    if reread:
        page.markdown = ""  # not None: the title is still read from the front matter
