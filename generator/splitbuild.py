"""Render a large site's pages in two processes: MkDocs renders one page at a time, in one.

Once MkDocs knows every page (on_nav) the hooks fork. Each process converts and writes its own
share of the pages. For the other's pages it reads only the front matter (the navigation shows
their titles) and renders `skip.html`, which is empty, so MkDocs writes nothing for them. Only
the parent copies the static files and writes the sitemap and the 404 page. The child sends the
parent what MkDocs needs after the page loop: the anchors of its pages, so that links to anchors
are checked across both shares, and the warnings it logged, which strict mode counts in the
parent. The child leaves with os._exit after the last page and never returns into the caller.
"""

from __future__ import annotations

import logging
import os
import signal
import traceback
from multiprocessing.connection import Connection, Pipe
from typing import Any

from generator.parallel import available_cores

# Below this many pages a second process costs more than it saves.
MIN_PAGES = 200
SKIP_TEMPLATE = "skip.html"
# The parent also copies static files, writes the sitemap and checks anchors: it takes less.
PARENT_SHARE = 0.45

Anchors = dict[str, tuple[set[str] | None, dict[str, dict[str, str]] | None]]


def assign(sizes: list[int], parent_share: float = PARENT_SHARE) -> list[bool]:
    """For each page, whether the child renders it: largest first, each to the less loaded side."""
    loads = [0.0, 0.0]  # parent, child; each relative to its share
    to_child = [False] * len(sizes)
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        child = loads[1] < loads[0]
        loads[child] += sizes[index] / ((1 - parent_share) if child else parent_share)
        to_child[index] = child
    return to_child


class _Collector(logging.Handler):
    """The child's only log handler: keeps warnings for the parent to log."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class Split:
    """One build's split: which pages this process renders, and the channel to the other."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.others: frozenset[str] = frozenset()
        self.child: int | None = None  # the child's pid, in the parent
        self.in_child = False
        self.channel: Connection | None = None
        self.last = ""
        self.collector = _Collector()

    def _quiet(self, record: logging.LogRecord) -> bool:
        """Hide MkDocs' note that a page rendered empty, for the pages the other process renders."""
        return not (isinstance(record.msg, str) and record.msg.startswith("Page skipped: ") and record.msg.split("'")[1] in self.others)

    @property
    def active(self) -> bool:
        return self.channel is not None

    def start(self, files: Any, config: Any) -> None:
        """Fork when the site is large enough: from here on each process renders its share."""
        pages = files.documentation_pages()
        if len(pages) < MIN_PAGES or available_cores() < 2:
            return
        to_child = assign([_size(file) for file in pages])
        to_child[-1] = False  # the child leaves at the last page, before MkDocs would write it
        mine = {True: frozenset(f.src_uri for f, c in zip(pages, to_child) if not c)}
        mine[False] = frozenset(f.src_uri for f, c in zip(pages, to_child) if c)
        reader, writer = Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:
            reader.close()
            self._become_child(writer, files, config, pages[-1].src_uri)
            self.others = mine[True]
        else:
            writer.close()
            self.child, self.channel, self.others = pid, reader, mine[False]
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def _become_child(self, channel: Connection, files: Any, config: Any, last: str) -> None:
        from mkdocs.structure.files import InclusionLevel

        self.in_child, self.channel, self.last = True, channel, last
        # Ctrl-C reaches both processes: the child must not unwind into the caller's code.
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(self.collector)
        logger.propagate = False
        for file in files:
            if not file.is_documentation_page():
                file.inclusion = InclusionLevel.EXCLUDED  # copied by the parent
        config.theme.static_templates = set()
        config.extra_templates = []

    def renders(self, page: Any) -> bool:
        """Whether this process renders `page`."""
        return page.file.src_uri not in self.others

    def after_populate(self, files: Any) -> None:
        """Child: send its pages' anchors. Parent: take them, so that MkDocs checks every link."""
        if self.in_child:
            self._send(("anchors", _anchors(files, self.others)))
        elif self.active:
            _apply_anchors(files, self._receive())

    def after_page(self, page: Any) -> None:
        """Child: after the last page, hand over the warnings and leave."""
        if self.in_child and page.file.src_uri == self.last:
            self._leave(0, ("done", self.collector.records))

    def finish(self) -> None:
        """Parent: wait for the child and log its warnings (strict mode counts them)."""
        if self.in_child:  # the loop ended without the last page: never return into the caller
            self._leave(1, ("error", "tiến trình con không gặp trang cuối cùng"))
        if not self.active:
            return
        records = self._receive()
        self._close()
        for name, level, message in records:
            logging.getLogger(name).log(level, message)

    def fail(self, error: BaseException) -> None:
        """On a build error: the child reports it and leaves; the parent stops the child."""
        if self.in_child:
            self._leave(1, ("error", "".join(traceback.format_exception(error)).strip()))
        if self.child is not None:
            try:
                os.kill(self.child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._close()

    def _send(self, message: tuple[str, object]) -> None:
        assert self.channel is not None
        self.channel.send(message)

    def _receive(self) -> Any:
        from mkdocs.exceptions import PluginError

        assert self.channel is not None
        try:
            kind, payload = self.channel.recv()
        except EOFError:
            kind, payload = "error", f"tiến trình dừng với mã {self._close()}"
        if kind == "error":
            self._close()
            raise PluginError(f"Tiến trình dựng trang thứ hai thất bại: {payload}")
        return payload

    def _leave(self, code: int, message: tuple[str, object]) -> None:
        try:
            self._send(message)
        finally:
            os._exit(code)

    def _close(self) -> int | None:
        """Reap the child; the exit code, if there was a child."""
        code = None
        if self.child is not None:
            _, status = os.waitpid(self.child, 0)
            code = os.waitstatus_to_exitcode(status)
        if self.channel is not None:
            self.channel.close()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        self._reset()
        return code


def _size(file: Any) -> int:
    return os.path.getsize(file.abs_src_path) if file.abs_src_path else 0


def _anchors(files: Any, others: frozenset[str]) -> Anchors:
    """The anchors of the pages this process rendered, and their links to anchors, by path."""
    found: Anchors = {}
    for file in files.documentation_pages():
        if file.src_uri not in others and file.page is not None:
            links = file.page.links_to_anchors
            by_path = None if links is None else {target.src_uri: dict(anchors) for target, anchors in links.items()}
            found[file.src_uri] = (file.page.present_anchor_ids, by_path)
    return found


def _apply_anchors(files: Any, anchors: Anchors) -> None:
    for path, (present, links) in anchors.items():
        page = files.get_file_from_path(path).page
        page.present_anchor_ids = present
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(target): found for target, found in links.items()}


split = Split()
