"""Spread independent work over the machine's cores, in forked processes, keeping order."""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items a second process costs more than it saves.
MIN_ITEMS = 200
_job: Callable[[Sequence[object]], list[object]] | None = None


def available_cores() -> int:
    """Cores this process may use, or 1 where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run(chunk: Sequence[object]) -> list[object]:
    assert _job is not None
    return _job(chunk)


def map_in_chunks(job: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """Return job(items), computed in one chunk per core when there are enough items.

    `job` runs in forked children, so it sees everything the parent had built before the call.
    """
    cores = available_cores()
    if cores < 2 or len(items) < MIN_ITEMS:
        return job(items)
    global _job
    _job = job  # type: ignore[assignment]
    size = -(-len(items) // cores)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    try:
        with multiprocessing.get_context("fork").Pool(len(chunks) - 1) as pool:
            others = pool.map_async(_run, chunks[1:], chunksize=1)
            first = job(chunks[0])  # the parent takes a share too
            parts = [first, *others.get()]
    finally:
        _job = None
    return [result for part in parts for result in part]  # type: ignore[misc]
