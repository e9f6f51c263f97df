"""Index pages for search as MkDocs renders them, in a second process, instead of in MkDocs' own.

Material's search plugin parses every page's HTML in the build's single process. Here the hook
hands each page's HTML to `Indexer`, which runs Material's own parser (so the entries are the
ones Material would make) in a forked worker while MkDocs goes on rendering, and writes the
sharded index there. `serve` rebuilds a few pages at a time, so it indexes in-process and keeps
every page's entries between rebuilds.
"""

from __future__ import annotations

import json
import multiprocessing
import types
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex

from generator.searchindex import ShardWriter

Entry = dict[str, Any]
PageData = tuple[str, str, dict[str, Any], object, str]  # url, title, meta, toc, html


def page_entries(page: PageData) -> list[Entry]:
    """The search entries Material makes for one page: one per heading with an id."""
    url, title, meta, toc, html = page
    index = SearchIndex()
    index.add_entry_from_context(types.SimpleNamespace(url=url, title=title, meta=meta, toc=toc, content=html))
    return index.entries


def write_index(site_dir: Path, config: dict[str, Any], docs: list[Entry]) -> None:
    """Write Material's search_index.json with `docs` (read whole by the worker when opened from disk)."""
    path = site_dir / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _work(pages: Any, result: Any, site_dir: Path, whole: bool) -> None:
    """Worker process: index pages as they arrive; on None, write the shards or send back every entry."""
    try:
        result.send(("ok", _index(pages, site_dir, whole)))
    except Exception as error:  # reported by the build; keep reading so that the build never blocks on a full pipe
        while pages.get() is not None:
            pass
        result.send(("error", f"{type(error).__name__}: {error}"))


def _index(pages: Any, site_dir: Path, whole: bool) -> list[Entry]:
    shards = None if whole else ShardWriter()
    docs: list[Entry] = []
    while (page := pages.get()) is not None:
        entries = page_entries(page)
        if shards is None:
            docs += entries
        else:
            shards.add(entries)
    if shards is not None:
        shards.write(site_dir / "search" / "vn")
    return docs


class Indexer:
    """Collects pages during one build and writes the index into the site."""

    def __init__(self, site_dir: Path, config: dict[str, Any], whole: bool) -> None:
        """`whole`: write every entry into search_index.json (pages opened from disk) instead of shards."""
        self.site_dir = site_dir
        self.config = config
        context = multiprocessing.get_context("fork")
        # A feeder thread writes to the pipe, so that MkDocs never waits while the worker is busy.
        self.pages = context.Queue()
        self.result, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_work, args=(self.pages, sender, site_dir, whole), daemon=True)
        self.process.start()
        sender.close()  # the worker holds the only sending end: its exit reads as end of file
        self.closed = False

    def add(self, page: PageData) -> None:
        self.pages.put(page)

    def close(self) -> None:
        """No more pages: the worker writes the shards while MkDocs writes the pages."""
        if not self.closed:
            self.closed = True
            self.pages.put(None)

    def finish(self) -> None:
        """Wait for the worker, then write search_index.json (after Material's plugin wrote its own)."""
        self.close()
        try:
            status, docs = self.result.recv()
        except EOFError:
            self.process.join()
            status, docs = "error", f"tiến trình dừng với mã {self.process.exitcode}"
        self.process.join()
        if status != "ok":
            raise RuntimeError(f"Lập chỉ mục tìm kiếm thất bại: {docs}")
        write_index(self.site_dir, self.config, docs)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.pages.cancel_join_thread()


class LiveIndex:
    """The preview's index: every page's entries, kept across rebuilds that re-render a few pages."""

    def __init__(self) -> None:
        self.pages: dict[str, list[Entry]] = {}

    def add(self, page: PageData) -> None:
        self.pages[page[0]] = page_entries(page)

    def write(self, site_dir: Path, config: dict[str, Any], urls: list[str]) -> None:
        """Write the entries of the pages at `urls` (the site's pages now) into one index."""
        self.pages = {url: self.pages[url] for url in urls if url in self.pages}
        write_index(site_dir, config, [entry for url in urls for entry in self.pages.get(url, [])])



class SearchState:
    """What the hooks drive: a worker process per build, or the preview's live index."""

    def __init__(self) -> None:
        self.live = False  # set while `serve` runs
        self.live_index = LiveIndex()
        self.indexer: Indexer | None = None
        self.site_dir = Path()
        self.config: dict[str, Any] = {}
        self.urls: list[str] = []

    def begin(self, site_dir: Path, config: dict[str, Any], whole: bool) -> None:
        self.stop()
        self.site_dir, self.config = site_dir, config
        self.indexer = None if self.live else Indexer(site_dir, config, whole)

    def add(self, page: PageData) -> None:
        (self.indexer or self.live_index).add(page)

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()

    def finish(self) -> None:
        if self.indexer is None:
            self.live_index.write(self.site_dir, self.config, self.urls)
        else:
            indexer, self.indexer = self.indexer, None
            indexer.finish()

    def stop(self) -> None:
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None


state = SearchState()
