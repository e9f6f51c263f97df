"""Spread independent work over the machine's cores, in forked processes, keeping order."""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items a second process costs more than it saves.
MIN_ITEMS = 200
# Jobs per core: small enough that all processes finish together, few enough to cost nothing.
CHUNKS_PER_CORE = 8


# Linux's prctl(PR_SET_PDEATHSIG): the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when `parent` dies, so that no child is left waiting on a pipe
    nobody reads (Linux); leave at once if it already has."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def available_cores() -> int:
    """Cores this process may use, or 1 where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class SharedCounter:
    """A counter that forked processes share."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._value = context.RawValue("l", 0)

    def take_next(self) -> int:
        """Return the counter and step it."""
        with self._lock:
            value: int = self._value.value
            self._value.value = value + 1
            return value

    def skip_to(self, number: int) -> None:
        """Set the counter to `number`."""
        with self._lock:
            self._value.value = number

    def take(self, number: int) -> bool:
        """Step the counter if it is at `number`; tell whether it was."""
        with self._lock:
            if self._value.value != number:
                return False
            self._value.value = number + 1
            return True


class Background(Generic[Result]):
    """A job running in a forked child; `result()` waits for it, then returns its value or raises its error."""

    def __init__(self, job: Callable[[], Result]) -> None:
        reader, writer = os.pipe()
        parent = os.getpid()
        self._pid = os.fork()
        if self._pid == 0:
            die_with_parent(parent)
            os.close(reader)
            _run_in_child(job, writer)
        os.close(writer)
        self._reader = reader

    def result(self) -> Result:
        succeeded, value = self.outcome()
        if not succeeded:
            raise value  # type: ignore[misc]  # the child's error, an exception when not succeeded
        return value  # type: ignore[return-value]  # the job's result when succeeded

    def outcome(self) -> tuple[bool, Result | BaseException]:
        """Wait for the child; return (True, its value) or (False, its error), never raising."""
        with os.fdopen(self._reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if not data:
            return False, RuntimeError(f"tiến trình con dừng đột ngột (mã thoát {os.waitstatus_to_exitcode(status)})")
        return pickle.loads(data)  # type: ignore[no-any-return]  # what the child pickled: (bool, value)


def _run_in_child(job: Callable[[], object], writer: int) -> None:
    """Run `job`, send its pickled outcome through `writer` and leave without unwinding into the caller."""
    code = 0
    try:
        try:
            outcome: tuple[bool, object] = (True, job())
        except BaseException as error:
            outcome = (False, _picklable(error))
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))


def in_background(job: Callable[[], Result]) -> Background[Result]:
    """Start `job` in a forked child, which sees everything this process had built before the call."""
    return Background(job)


def run_apart(job: Callable[[], Result]) -> Result:
    """Run `job` in a child process and return its result, or raise its error: all the memory the job took
    is given back when the child ends.

    The child is forked from a process with one thread, and started afresh otherwise (`job` and its result
    are pickled then): a fork copies the locks other threads hold, never the threads, and the typesetter's
    own threads (a process that made PDFs has them) would leave the child waiting forever.
    """
    if safe_start_method() == "fork":
        return in_background(job).result()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(job).result()


def safe_start_method() -> str:
    """How to start a child process: "fork" where this process can be forked safely (it runs one thread,
    threads started by native code included: Linux tells), else "spawn"."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    try:
        return "fork" if len(os.listdir("/proc/self/task")) == 1 else "spawn"
    except OSError:
        return "spawn"


def run_jobs(jobs: Sequence[Callable[[], Result]], cores: int | None = None) -> list[Result]:
    """Run every job once and return the results in job order.

    With several cores, this process and forked children each take the next job nobody has
    taken, so all finish at about the same time whatever each job costs. A child puts each
    result in memory shared with this process as soon as it has it, and this process takes
    them between its own jobs, so that little is left to receive once the last job is done.
    """
    cores = min(available_cores() if cores is None else cores, len(jobs))
    if cores < 2:
        return [job() for job in jobs]
    counter = SharedCounter()
    outboxes = [Outbox() for _ in range(cores - 1)]
    children = [in_background(partial(_take_jobs_posting, jobs, counter, outbox)) for outbox in outboxes]
    done: dict[int, Result] = {}
    try:
        while (index := counter.take_next()) < len(jobs):
            done[index] = jobs[index]()
            for outbox in outboxes:
                done.update(outbox.take())  # type: ignore[arg-type]  # results unpickled as object
    except BaseException:
        counter.skip_to(len(jobs))  # the children stop after their current job
        raise
    finally:
        outcomes = [child.outcome() for child in children]
        for outbox in outboxes:
            outbox.close_after(done)  # type: ignore[arg-type]  # results unpickled as object
    for succeeded, value in outcomes:
        if not succeeded:
            raise value  # type: ignore[misc]  # the child's error, an exception when not succeeded
        done.update((index, pickle.loads(data)) for index, data in value.items())  # type: ignore[union-attr]  # a child's overflow dict
    return [done[index] for index in range(len(jobs))]


def _take_jobs_posting(jobs: Sequence[Callable[[], Result]], counter: SharedCounter, outbox: Outbox) -> dict[int, bytes]:
    """In a child: take jobs until none is left, pickling and posting each result as soon as it
    is made; what does not fit in the outbox is returned, pickled, at the end."""
    overflow: dict[int, bytes] = {}
    while (index := counter.take_next()) < len(jobs):
        result = jobs[index]()
        if not outbox.post(pickle.dumps((index, result), protocol=pickle.HIGHEST_PROTOCOL)):
            overflow[index] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    return overflow


class Outbox:
    """Memory shared with a forked child, where it appends pickled results for this process.

    The child writes a result, then moves the end mark; this process reads up to the mark.
    Results that no longer fit go back the slow way, through the child's pipe.
    """

    SIZE = 64 << 20  # pages are only taken as they are written

    def __init__(self) -> None:
        try:
            self._memory: mmap.mmap | None = mmap.mmap(-1, self.SIZE)
        except OSError:  # no shared memory to be had: every result takes the pipe
            self._memory = None
        self._end = multiprocessing.get_context("fork").Value("q", 0)
        self._read = 0

    def post(self, data: bytes) -> bool:
        """In the child: append one pickled result; tell whether it fitted."""
        start = self._end.value
        end = start + 8 + len(data)
        if self._memory is None or end > self.SIZE:
            return False
        self._memory[start : start + 8] = len(data).to_bytes(8, "little")
        self._memory[start + 8 : end] = data
        with self._end.get_lock():  # the lock orders the writes above before the new mark
            self._end.value = end
        return True

    def take(self) -> list[tuple[int, object]]:
        """In this process: the results posted since the last call, as (job index, result)."""
        with self._end.get_lock():
            end = self._end.value
        taken = []
        while self._memory is not None and self._read < end:
            size = int.from_bytes(self._memory[self._read : self._read + 8], "little")
            taken.append(pickle.loads(self._memory[self._read + 8 : self._read + 8 + size]))
            self._read += 8 + size
        return taken

    def close_after(self, done: dict[int, object]) -> None:
        """Take the last results into `done` and release the memory."""
        done.update(self.take())
        if self._memory is not None:
            self._memory.close()


def chunks(items: Sequence[Item], cores: int) -> list[Sequence[Item]]:
    """Split `items` into CHUNKS_PER_CORE runs per core."""
    size = max(1, -(-len(items) // (cores * CHUNKS_PER_CORE)))
    return [items[start : start + size] for start in range(0, len(items), size)]


def map_in_chunks(job: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """Return job(items), computed in chunks spread over the cores when there are enough items.

    `job` runs in forked children, so it sees everything the parent had built before the call.
    """
    cores = available_cores()
    if cores < 2 or len(items) < MIN_ITEMS:
        return job(items)
    parts = run_jobs([partial(job, chunk) for chunk in chunks(items, cores)], cores)
    return [result for part in parts for result in part]
