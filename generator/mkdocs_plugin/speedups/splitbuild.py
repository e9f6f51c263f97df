"""Render a large site's pages in two processes: MkDocs renders one page at a time, in one.

Once MkDocs knows every page (on_nav) the plugin forks. Pages are converted at their turn to be
written (turns.py), and at each turn both processes, going through the pages in MkDocs' order,
take turns by a shared counter: a page belongs to whichever process reaches it first, so the
faster one takes more. A process converts and writes its own pages. For the other's pages it has
read only the front matter (the navigation shows their titles), converts no Markdown and renders
the theme's main.html with `skip_page` set, which extends `skip.html`, empty, so MkDocs writes
nothing for them. Each process copies every other static file; the parent writes the sitemap and
the 404 page. After the last page the child sends the parent what MkDocs needs next: the anchors
of its pages, so that links to anchors are checked across both shares, and the warnings it
logged, which strict mode counts in the parent. The child then leaves with os._exit and never
returns into the caller; the last page is always the parent's.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import traceback
from multiprocessing.connection import Connection
from typing import Any

from generator.mkdocs_plugin.speedups.guard import Internal, Speedup
from generator.support.engine import engine, engine_loggers
from generator.support.parallel import SharedCounter, available_cores, die_with_parent

# Below this many pages a second process costs more than it saves.
MIN_PAGES = 200
# Set in the context of a page the other process writes: the theme's main.html then renders nothing.
SKIP_PAGE = "skip_page"

SPLIT_BUILD = Speedup(
    "dựng trang bằng hai tiến trình",
    "MkDocs 1.6.1, ProperDocs 1.6.7",
    (
        # The order of events and page writes the split follows, and the note of a skipped page.
        Internal("mkdocs.commands.build:build", "c476b64474ac", properdocs="9ef8add479b2"),
        Internal("mkdocs.commands.build:_build_page", "adcdbd14b236", properdocs="a921d5be3f1b"),
        # Anchors are copied between processes before MkDocs checks them.
        Internal("mkdocs.structure.pages:Page.validate_anchor_links", "874bc52fc630"),
        Internal("mkdocs.structure.files:File.inclusion"),
        Internal("mkdocs.structure.files:InclusionLevel.EXCLUDED"),
        Internal("mkdocs.theme:Theme.__init__", "b9676754ad86", properdocs="22fa41675a74"),  # static_templates, emptied in the child
    ),
)

Anchors = dict[str, tuple[set[str] | None, dict[str, dict[str, str]] | None]]


class _Collector(logging.Handler):
    """The child's only log handler: keeps warnings for the parent to log."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []
        # Until the pages' turns, the child does what the parent does (pages whose title comes from
        # their first heading are converted by both): the parent logs those warnings.
        self.keeping = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.keeping:
            self.records.append((record.name, record.levelno, record.getMessage()))


class Split:
    """One build's split: which pages this process renders, and the channel to the other."""

    def __init__(self) -> None:
        self.shares: tuple[int, int] | None = None  # pages rendered by parent and child, last build
        self._reset()

    def _reset(self) -> None:
        self.numbers: dict[str, int] = {}  # page paths in MkDocs' order
        self.mine: set[str] = set()
        self.child_records: list[tuple[str, int, str]] = []  # the child's warnings, logged at the end
        self.turns: SharedCounter | None = None  # the next page nobody has taken
        self.child: int | None = None  # the child's pid, in the parent
        self.in_child = False
        self.channel: Connection | None = None
        self.collector = _Collector()

    @property
    def active(self) -> bool:
        return self.channel is not None

    def start(self, files: Any, config: Any) -> None:
        """Fork when the site is large enough: from here on each process renders its share."""
        self.shares = None
        pages = files.documentation_pages()
        if len(pages) < MIN_PAGES or available_cores() < 2:
            return
        self.numbers = {file.src_uri: number for number, file in enumerate(pages)}
        self.turns = SharedCounter()
        reader, writer = multiprocessing.Pipe(duplex=False)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            die_with_parent(parent)
            reader.close()
            self._become_child(writer, config)
        else:
            writer.close()
            self.child, self.channel = pid, reader
        _share_static_files(files, self.in_child)
        logging.getLogger(f"{engine().package}.commands.build").addFilter(self._quiet)

    def _become_child(self, channel: Connection, config: Any) -> None:
        self.in_child, self.channel = True, channel
        # Ctrl-C reaches both processes: the child must not unwind into the caller's code.
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        for root in engine_loggers():
            logger = logging.getLogger(root)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(self.collector)
            logger.propagate = False
        config.theme.static_templates = set()  # written by the parent
        config.extra_templates = []

    def claim(self, page: Any) -> bool:
        """Called for every page at its turn, in MkDocs' order: whether this process renders `page`."""
        if not self.active:
            return True
        number = self.numbers[page.file.src_uri]
        last = number == len(self.numbers) - 1
        # The child leaves at the last page, before MkDocs would write it: the parent renders it.
        if (last and self.in_child) or not self._take(number, last):
            return False
        self.mine.add(page.file.src_uri)
        return True

    def _take(self, number: int, last: bool) -> bool:
        assert self.turns is not None
        return self.turns.take(number) or (last and not self.in_child)

    def _quiet(self, record: logging.LogRecord) -> bool:
        """Hide MkDocs' note that a page rendered empty, for the pages the other process renders."""
        message = record.msg
        return not (isinstance(message, str) and message.startswith("Page skipped: ") and message.split("'")[1] not in self.mine)

    def at_turns(self) -> None:
        """The pages' turns begin: from here on, each process logs what only it does."""
        self.collector.keeping = True

    def is_last(self, page: Any) -> bool:
        """Whether the build is split and `page` is its last page."""
        return self.active and self.numbers[page.file.src_uri] == len(self.numbers) - 1

    def after_last_page(self, files: Any) -> None:
        """Child: send its pages' anchors and its warnings, and leave. Parent: take them, so that MkDocs
        checks every link to an anchor, and log the warnings at `finish`."""
        if self.in_child:
            self._leave(0, ("done", (_anchors(files, self.mine), self.collector.records)))
        anchors, self.child_records = self._receive()
        _apply_anchors(files, anchors)
        self.shares = (len(self.mine), len(anchors))

    def finish(self) -> None:
        """Parent: wait for the child and log its warnings (strict mode counts them)."""
        if self.in_child:  # the loop ended without the last page: never return into the caller
            self._leave(1, ("error", "tiến trình con không gặp trang cuối cùng"))
        if not self.active:
            return
        records = self.child_records
        self._close()
        for name, level, message in records:
            logging.getLogger(name).log(level, message)

    def fail(self, error: BaseException) -> None:
        """On a build error: the child reports it and leaves; the parent stops the child."""
        if self.in_child:
            self._leave(1, ("error", "".join(traceback.format_exception(error)).strip()))
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
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
        logging.getLogger(f"{engine().package}.commands.build").removeFilter(self._quiet)
        self._reset()
        return code


def _share_static_files(files: Any, in_child: bool) -> None:
    """Each process copies every other static file: leave the other process's share to it."""
    from mkdocs.structure.files import InclusionLevel

    static = [file for file in files if not file.is_documentation_page()]
    for file in static[0 if in_child else 1 :: 2]:
        file.inclusion = InclusionLevel.EXCLUDED


def _anchors(files: Any, mine: set[str]) -> Anchors:
    """The anchors of the pages this process rendered, and their links to anchors, by path."""
    found: Anchors = {}
    for file in files.documentation_pages():
        if file.src_uri in mine and file.page is not None:
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
