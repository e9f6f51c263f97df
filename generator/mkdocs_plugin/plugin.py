"""The MkDocs plugin `nghi-quyet-45`, named in mkdocs.yml.

It links docs/'s static files into the site instead of copying them (linking.py), indexes every
page for the search worker while MkDocs renders (search/), drops the indentation of the theme's
templates from the HTML (tidyhtml.py), and switches on the speed-ups (speedups/): each page
converted at its turn to be written and let go once written, pages rendered in two processes,
faster Markdown and link handling, compiled templates kept between builds, an instant rebuild in
the preview. Each speed-up that touches another library's internals checks them first and stays
off where they differ; `speedups: false` turns them all off. The site is the same either way,
byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, cast

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.mkdocs_plugin.hostguard import guard_server
from generator.mkdocs_plugin.linking import link_static_files
from generator.mkdocs_plugin.search.indexing import INDEX_WORKER, MATERIAL_ENTRIES, SearchState, read_forms
from generator.mkdocs_plugin.search.sections import FAST_SECTIONS
from generator.mkdocs_plugin.speedups import fastmarkdown, fastpages
from generator.mkdocs_plugin.speedups.guard import Speedup, usable
from generator.mkdocs_plugin.speedups.rebuild import INSTANT_REBUILD, InstantRebuild
from generator.mkdocs_plugin.speedups.splitbuild import SKIP_PAGE, SPLIT_BUILD, Split
from generator.mkdocs_plugin.speedups.turns import PAGE_TURNS, Turns
from generator.mkdocs_plugin.tidyhtml import drop_indentation
from generator.support.templatecache import bytecode_cache

# MkDocs loads the theme afresh on every build, and both processes compile what they render:
# Jinja's public bytecode cache keeps the compiled templates between builds.
THEME_CACHE = Speedup("giữ mẫu giao diện đã biên dịch", "Jinja2 3.1 (API công khai)", ())

NAME = "nghi-quyet-45"


class PluginConfig(base.Config):
    """The plugin's options in mkdocs.yml."""

    speedups = option.Type(bool, default=True)


class SitePlugin(BasePlugin[PluginConfig]):
    """Holds one MkDocs process's state between events; kept across the preview's rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.search = SearchState()
        self.indexing = False  # whether this build writes the sharded index (else Material's plugin indexes)
        self.split = Split()
        self.turns: Turns | None = None  # where pages are converted at their turn to be written
        self.files: Files | None = None  # this build's
        self.fast_pages: fastpages.Installed | None = None
        self.instant_rebuild: InstantRebuild | None = None
        self.used: list[str] = []  # the speed-ups the last build used, by name

    @property
    def speedups(self) -> bool:
        return bool(self.config.speedups)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.search.live = self.serving

    def on_shutdown(self) -> None:
        self.serving = self.search.live = False
        if self.instant_rebuild is not None:
            self.instant_rebuild.stop()
            self.instant_rebuild = None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        guard_server(server, str(config.dev_addr.host))
        if self.instant_rebuild is None and self._use(INSTANT_REBUILD):
            self.instant_rebuild = InstantRebuild(server, config.docs_dir)
        return server

    def _use(self, speedup: Speedup) -> bool:
        """Whether this build may use `speedup`; noted in `used` when it may."""
        if not (self.speedups and usable(speedup)):
            return False
        self.used.append(speedup.name)
        return True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.used, self.split.shares = [], None
        if self._use(fastmarkdown.FAST_MARKDOWN):
            config.markdown_extensions.append(fastmarkdown.makeExtension())  # type: ignore[arg-type]  # an Extension instance, as MkDocs accepts
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._restore()
        if self._use(fastpages.FAST_PAGES):
            self.fast_pages = fastpages.install()
        self.indexing = usable(MATERIAL_ENTRIES)
        if self.indexing:
            whole = bool(config.extra.get("offline"))
            fast, worker = self._use(FAST_SECTIONS), self._use(INDEX_WORKER)
            forms = read_forms(Path(config.docs_dir))
            self.search.begin(Path(config.site_dir), _search_config(config), whole, fast, worker, forms)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.files = link_static_files(files, config)
        return self.files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.files = files
        self.search.set_pages([file.src_uri for file in files.documentation_pages()])
        self.turns = Turns(config, self) if self._use(PAGE_TURNS) else None
        # Material's plugin, where it indexes, sees only the pages of its own process: no split then.
        # Both processes hand their pages' entries to the index worker, at each page's turn.
        if self.turns and self.indexing and not self.serving and INDEX_WORKER.name in self.used and self._use(SPLIT_BUILD):
            self.split.start(files, config)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        escape_head(page)
        if self.turns is not None:
            self.turns.defer(page)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.indexing and self.turns is None:
            self._index(page, html)
        return html

    @event_priority(100)  # before any other plugin sees the page's content (Material's search reads it here)
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """A page's turn to be written: its process converts and indexes it; the other renders nothing."""
        if self.turns is None:
            return context
        if not self.split.claim(page):
            if self.indexing:
                _leave_out_of_materials_index(page)
            return cast(TemplateContext, {**context, SKIP_PAGE: True})
        assert self.files is not None
        self.turns.convert(page, config, self.files)
        if self.indexing:
            self._index(page, page.content or "")
        return context

    def _index(self, page: Page, html: str) -> None:
        self.search.add(page.file.src_uri, (page.url, page.title, page.meta, page.toc, html))
        _leave_out_of_materials_index(page)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        """The error page of the copy opened from disk links relative to itself: MkDocs makes an error page's
        links absolute from site_url's path, which a web server needs and a disk does not have."""
        if template_name != "404.html" or not config.extra.get("offline"):
            return context
        from mkdocs.commands.build import get_context

        return get_context(context["nav"], context["pages"], config, base_url=".")

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.split.at_turns()
        if self._use(THEME_CACHE):
            env.bytecode_cache = bytecode_cache("theme", env)
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.turns is not None:
            self.turns.let_go(page)
        if self.split.is_last(page):
            if self.indexing:
                self.search.flush()  # this process's pages are in the index worker's pipe
            self.split.after_last_page(self.files)  # the child sends its anchors and leaves; the parent takes them
        return drop_indentation(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self.split.finish()
            if self.indexing:
                self.search.close()
                self.search.finish()
        finally:
            self._restore()

    def on_build_error(self, *, error: Exception) -> None:
        try:
            self.split.fail(error)
            self.search.stop()
        finally:
            self._restore()

    def _restore(self) -> None:
        """Put back what the speed-ups replaced for the whole process; let the build's pages go."""
        self.files, self.turns = None, None
        if self.fast_pages is not None:
            self.fast_pages.restore()
            self.fast_pages = None


def _leave_out_of_materials_index(page: Page) -> None:
    """Indexed by this plugin, here or in the other process: Material's plugin skips the page."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def escape_head(page: Page) -> None:
    """Mark the page's title and description as the HTML they are.

    The front matter holds them escaped for HTML (pages/common.py, `front_matter`), since Material prints both
    as they are into <title>, <meta>, the header, the navigation and the footer: it takes them for HTML. Marked
    as markup here, filters that escape (`| e`) leave them as they are too.
    """
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(value)


def _search_config(config: MkDocsConfig) -> dict[str, Any]:
    plugin = config.plugins["material/search"].config
    return {key: plugin[key] for key in ("lang", "separator", "pipeline", "fields")}
