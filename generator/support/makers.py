"""Worker processes that make files (PDFs, Word files) from plain data, started before the corpus is loaded.

A worker forked once the corpus is in memory would end up with a copy of it: each object it reads has
its reference count written, and the page holding it is copied. These workers are started while the
process is small and receive only each file's data, so that at 10,000 documents the corpus is held
once while the files are made on every core.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from multiprocessing.queues import SimpleQueue
from typing import Any

from generator.support.files import FileOrder
from generator.support.parallel import die_with_parent, safe_start_method

_STOP = None


class FileMakers:
    """`count` worker processes making the files ordered, each once; `close` waits for the last one."""

    def __init__(self, count: int) -> None:
        context: Any = multiprocessing.get_context(safe_start_method())  # a fork or spawn context: both make processes
        # A pipe without a feeder thread: an order waits while the pipe is full, so orders never pile up in memory.
        self.orders: SimpleQueue[FileOrder | None] = context.SimpleQueue()
        self.results: SimpleQueue[str | None] = context.SimpleQueue()
        self.ordered: set[str] = set()
        self.workers = [context.Process(target=_work, args=(self.orders, self.results, os.getpid()), daemon=True) for _ in range(count)]
        for worker in self.workers:
            worker.start()

    def order(self, order: FileOrder) -> None:
        """Have the file made unless it is there or ordered already."""
        key = str(order.path)
        if key not in self.ordered and not order.path.is_file():
            self.ordered.add(key)
            self.orders.put(order)

    def close(self) -> None:
        """Wait until every ordered file is made; raise RuntimeError with the first worker's error."""
        for _ in self.workers:
            self.orders.put(_STOP)
        errors = [error for error in (self.results.get() for _ in self.workers) if error is not None]
        self.stop()
        if errors:
            raise RuntimeError(errors[0])

    def stop(self) -> None:
        """End the workers at once (after a failure elsewhere)."""
        for worker in self.workers:
            if worker.is_alive():
                worker.kill()
            worker.join()


def _work(orders: SimpleQueue[FileOrder | None], results: SimpleQueue[str | None], parent: int) -> None:
    """Make every file ordered until told to stop; then send the first error met, or None."""
    die_with_parent(parent)
    error: str | None = None
    while (order := orders.get()) is not None:
        if error is None:  # after an error, orders are read and dropped, so that the orderer never waits
            try:
                order.made()
            except Exception as failure:
                error = "".join(traceback.format_exception_only(failure)).strip()
    results.put(error)
