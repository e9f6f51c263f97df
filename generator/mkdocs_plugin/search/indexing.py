"""Index pages for search as MkDocs renders them; write the index in a second process.

Material's search plugin parses every page's HTML and writes its index in the build's single
process. Here the plugin splits each page into sections by Material's rules (generator/mkdocs_plugin/search/sections.py;
the entries are the ones Material would make) right after MkDocs renders it, in whichever process rendered it (see
generator/mkdocs_plugin/speedups/splitbuild.py), and hands the entries to `Indexer`, whose forked worker collects them
in page order and writes the sharded index while MkDocs writes the pages. `serve` rebuilds a few
pages at a time, so it indexes in-process and keeps every page's entries between rebuilds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import tempfile
import threading
import types
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex

from generator.corpus.searchtext import FormReader, Forms
from generator.mkdocs_plugin.search.items import with_items
from generator.mkdocs_plugin.search.metadata import with_metadata
from generator.mkdocs_plugin.search.sections import split_sections
from generator.mkdocs_plugin.search.shards import FoldCache, ShardWriter, entry_concepts
from generator.mkdocs_plugin.speedups.guard import Internal, Speedup
from generator.pages.paths import SEARCH_FORMS
from generator.support.jsonfile import compact
from generator.support.parallel import die_with_parent

Entry = dict[str, Any]
PageData = tuple[str, str | None, MutableMapping[str, Any], object, str]  # url, title, meta, toc, html

# Not a speed-up but the sharded index itself: its entries are made by Material's own code. Where
# that code is not as written against, Material's plugin indexes the pages itself, and the search
# worker reads its single index, as after a plain `mkdocs build`.
MATERIAL_ENTRIES = Speedup(
    "chỉ mục tìm kiếm chia mảnh",
    "Material for MkDocs 9.8.1",
    (
        Internal("material.plugins.search.plugin:SearchIndex.__init__", "b75d102d500c"),
        Internal("material.plugins.search.plugin:SearchIndex._find_toc_by_id", "f59f5d2de96a"),
        Internal("material.plugins.search.plugin:SearchIndex.create_entry_for_section", "89d7541516b0"),
        Internal("material.plugins.search.plugin:SearchPlugin.on_page_context", "33eb62fd1688"),  # honours search.exclude
    ),
)

# Public APIs only: a forked process collects the entries and writes the index while MkDocs works.
INDEX_WORKER = Speedup("lập chỉ mục tìm kiếm ở tiến trình riêng", "multiprocessing (API công khai)", ())


def page_entries(page: PageData, fast: bool = True) -> list[Entry]:
    """The search entries Material makes for one page: one per heading with an id."""
    url, title, meta, toc, html = page
    if (meta.get("search") or {}).get("exclude"):
        return []
    index = SearchIndex()
    context = types.SimpleNamespace(url=url, title=title, meta=meta, toc=toc, content=html)
    by_id = _toc_by_id(toc)
    for section in split_sections(html, fast):
        if not section.is_excluded():
            # Material looks each section's heading up by walking the whole table of contents: with
            # the one item it would find, a page of n headings costs n steps instead of n².
            found = by_id.get(section.id)
            index.create_entry_for_section(section, [] if found is None else [found], url, context)
    entries: list[Entry] = index.entries
    if isinstance(meta.get("document"), dict):
        entries = with_metadata(url, meta["document"], entries)
    number = meta.get("number")
    return with_items(url, str(number), html, entries) if number else entries


def read_forms(docs_dir: Path) -> Forms:
    """The search vocabulary of names that the build wrote into docs/ (none when there is none)."""
    try:
        found = json.loads((docs_dir / SEARCH_FORMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(token): tuple(map(str, forms)) for token, forms in found.items()} if isinstance(found, dict) else {}


def _toc_by_id(toc: Any) -> dict[str, Any]:
    """Every item of a table of contents by its id; the first in document order where ids repeat."""
    found: dict[str, Any] = {}
    stack = list(reversed(list(toc or ())))
    while stack:
        item = stack.pop()
        found.setdefault(item.id, item)
        stack.extend(reversed(list(item.children)))
    return found


def write_index(site_dir: Path, config: dict[str, Any], docs: list[Entry]) -> None:
    """Write Material's search_index.json with `docs` (read whole by the worker when opened from disk), each with
    the dates and names its title and text hold ("concepts")."""
    path = site_dir / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(compact({"config": config, "docs": docs}))


def _work(pages: Any, result: Any, site_dir: Path, whole: bool, forms: Forms, parent: int) -> None:
    """Worker process: collect entries as they arrive; on None, write the shards or send back every entry."""
    die_with_parent(parent)
    incoming = _Incoming(pages)
    try:
        result.send(("ok", write_entries(incoming.in_page_order(), site_dir, whole, forms)))
    except OSError as error:  # a full disk, say: the build reports it as it reports its own
        incoming.drain()
        result.send(("oserror", (error.errno, error.strerror, error.filename)))
    except Exception as error:  # reported by the build; keep reading so that the build never blocks on a full pipe
        incoming.drain()
        result.send(("error", f"{type(error).__name__}: {error}"))


class _Incoming:
    """(page number, entries) as the pages send them, in any order, until None."""

    def __init__(self, pages: Any) -> None:
        self.pages = pages
        self.ended = False

    def in_page_order(self) -> Iterator[list[Entry]]:
        """Every page's entries in page order, so that the output is stable."""
        waiting: dict[int, list[Entry]] = {}
        following = 0
        while (item := self.pages.get()) is not None:
            waiting[item[0]] = item[1]
            while following in waiting:
                yield waiting.pop(following)
                following += 1
        self.ended = True
        for number in sorted(waiting):  # pages that sent nothing leave gaps
            yield waiting[number]

    def drain(self) -> None:
        """Read what is still coming, up to the end."""
        while not self.ended:
            self.ended = self.pages.get() is None


def write_entries(pages: Iterable[list[Entry]], site_dir: Path, whole: bool, forms: Forms) -> list[Entry]:
    """Write the shards of every page's entries; with `whole`, return the entries instead, each with the dates
    and names found in it."""
    reader = FormReader(forms)
    if whole:
        cache = FoldCache()  # each word folded once for the whole site, not once an entry
        return [{**entry, "concepts": entry_concepts(entry, reader, cache)} for entries in pages for entry in entries]
    with tempfile.TemporaryDirectory(prefix="nq45-postings-") as spill:
        shards = ShardWriter(site_dir / "search" / "vn", Path(spill), reader)
        for entries in pages:
            shards.add(entries)
        shards.write(site_dir / "search" / "vn")
    return []


class _Feeder:
    """Puts items on a queue from a thread of this process, so that MkDocs never waits on the pipe.

    Both processes of a split build feed the same worker: each starts its own thread.
    """

    def __init__(self, target: Any) -> None:
        self.target = target
        self.pid = 0
        self.pending: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None

    def put(self, item: object) -> None:
        if self.pid != os.getpid():
            self.pid = os.getpid()
            self.pending = queue.SimpleQueue()
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        self.pending.put(item)

    def flush(self) -> None:
        """Wait until everything put so far is in the pipe."""
        if self.thread is not None and self.pid == os.getpid():
            self.pending.put(_FLUSH)
            self.thread.join()
            self.pid, self.thread = 0, None

    def _run(self) -> None:
        while (item := self.pending.get()) is not _FLUSH:
            self.target.put(item)


_FLUSH = object()


class Indexer:
    """Collects the pages' entries during one build and writes the index into the site."""

    def __init__(self, site_dir: Path, config: dict[str, Any], whole: bool, forms: Forms) -> None:
        """`whole`: write every entry into search_index.json (pages opened from disk) instead of shards."""
        self.site_dir = site_dir
        self.config = config
        context = multiprocessing.get_context("fork")
        pages = context.SimpleQueue()  # no thread of its own: safe to share with a forked process
        self.feeder = _Feeder(pages)
        self.result, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_work, args=(pages, sender, site_dir, whole, forms, os.getpid()), daemon=True)
        self.process.start()
        sender.close()  # the worker holds the only sending end: its exit reads as end of file
        self.closed = False

    def add(self, number: int, entries: list[Entry]) -> None:
        """The entries of the page that comes `number`th in MkDocs' order."""
        self.feeder.put((number, entries))

    def flush(self) -> None:
        self.feeder.flush()

    def close(self) -> None:
        """No more pages: the worker writes the shards while MkDocs writes the pages."""
        if not self.closed:
            self.closed = True
            self.feeder.put(None)
            self.feeder.flush()

    def finish(self) -> None:
        """Wait for the worker, then write search_index.json (after Material's plugin wrote its own)."""
        self.close()
        try:
            status, docs = self.result.recv()
        except EOFError:
            self.process.join()
            status, docs = "error", f"tiến trình dừng với mã {self.process.exitcode}"
        self.process.join()
        if status == "oserror":
            raise OSError(*docs)
        if status != "ok":
            raise RuntimeError(f"Lập chỉ mục tìm kiếm thất bại: {docs}")
        write_index(self.site_dir, self.config, docs)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class LiveIndex:
    """The preview's index: every page's entries, kept across rebuilds that re-render a few pages."""

    def __init__(self) -> None:
        self.pages: dict[str, list[Entry]] = {}

    def add(self, path: str, entries: list[Entry]) -> None:
        self.pages[path] = entries

    def write(self, site_dir: Path, config: dict[str, Any], paths: list[str], forms: Forms) -> None:
        """Write the entries of the pages from `paths` (the site's pages now) into one index."""
        self.pages = {path: self.pages[path] for path in paths if path in self.pages}
        write_index(site_dir, config, write_entries([self.pages.get(path, []) for path in paths], site_dir, True, forms))


class InProcessIndexer:
    """`Indexer` without the second process: the same index, written after the last page."""

    def __init__(self, site_dir: Path, config: dict[str, Any], whole: bool, forms: Forms) -> None:
        self.site_dir, self.config, self.whole, self.forms = site_dir, config, whole, forms
        self.pages: dict[int, list[Entry]] = {}

    def add(self, number: int, entries: list[Entry]) -> None:
        self.pages[number] = entries

    def flush(self) -> None:
        """Nothing is on its way anywhere."""

    def close(self) -> None:
        """Nothing to tell a worker."""

    def finish(self) -> None:
        ordered = (self.pages[number] for number in sorted(self.pages))
        write_index(self.site_dir, self.config, write_entries(ordered, self.site_dir, self.whole, self.forms))

    def stop(self) -> None:
        self.pages = {}


class SearchState:
    """One plugin's search indexing: a worker process per build, or the preview's live index.

    `fast` splits pages with the quick section splitter; `worker` writes the index in a process of
    its own while MkDocs writes pages.
    """

    def __init__(self) -> None:
        self.live = False  # set while `serve` runs
        self.fast = True
        self.live_index = LiveIndex()
        self.indexer: Indexer | InProcessIndexer | None = None
        self.site_dir = Path()
        self.config: dict[str, Any] = {}
        self.forms: Forms = {}
        self.paths: list[str] = []
        self.numbers: dict[str, int] = {}

    def set_pages(self, paths: list[str]) -> None:
        """The site's pages (source paths) in MkDocs' order: the index lists them in this order."""
        self.paths = paths
        self.numbers = {path: number for number, path in enumerate(paths)}

    def begin(self, site_dir: Path, config: dict[str, Any], whole: bool, fast: bool, worker: bool, forms: Forms) -> None:
        """Start a build's index; `forms`: the search vocabulary of names (see `read_forms`)."""
        self.stop()
        self.site_dir, self.config, self.fast, self.forms = site_dir, config, fast, forms
        if not self.live:
            self.indexer = (Indexer if worker else InProcessIndexer)(site_dir, config, whole, forms)

    def add(self, path: str, page: PageData) -> None:
        """Index the page from source `path`, just rendered (in the process that rendered it)."""
        entries = page_entries(page, self.fast)
        if self.indexer is None:
            self.live_index.add(path, entries)
        else:
            self.indexer.add(self.numbers[path], entries)

    def flush(self) -> None:
        """Wait until this process has handed over every page it indexed."""
        if self.indexer is not None:
            self.indexer.flush()

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()

    def finish(self) -> None:
        if self.indexer is None:
            self.live_index.write(self.site_dir, self.config, self.paths, self.forms)
        else:
            indexer, self.indexer = self.indexer, None
            indexer.finish()

    def stop(self) -> None:
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None
