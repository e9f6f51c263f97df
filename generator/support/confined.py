"""A job run in a child process held to a memory budget and a time limit, whatever it is given: the child's
address space is capped (setrlimit) and the parent kills it when the time is up. The job can tell the parent of
its progress and ask for more time as it learns its size (a scan's pages), through a channel of frames."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from generator.support.parallel import die_with_parent, safe_start_method

Result = TypeVar("Result")
# A frame larger than this is not the job's result but a fault.
_MAX_FRAME = 256 << 20


class ConfinedError(Exception):
    """The job went past a limit or died; `kind` is "memory", "time" or "crash"."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind if not detail else f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass
class Channel:
    """The child's end: frames to the parent."""

    connection: Connection

    def send(self, kind: str, payload: object) -> None:
        self.connection.send_bytes(pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL))

    def progress(self, message: str) -> None:
        """Tell the parent how far the job is."""
        self.send("progress", message)

    def extend(self, seconds: float) -> None:
        """Ask for `seconds` more before the time is up (a reader that has learnt how large its input is)."""
        self.send("extend", seconds)


def run_confined(job: Callable[[Channel], Result], memory: int, seconds: float, on_progress: Callable[[str], None] | None = None) -> Result:
    """Run `job` in a child held to `memory` more bytes and `seconds` (plus what it asks for); return its result or
    raise its error, or ConfinedError when it passed a limit or died. `job` is pickled where the child is started
    afresh (this process runs other threads): a module-level function or a partial of one."""
    context: Any = multiprocessing.get_context(safe_start_method())
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, writer, memory, os.getpid()), daemon=True)
    child.start()
    writer.close()
    try:
        return cast(Result, _receive(reader, child, time.monotonic() + seconds, on_progress))
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join()


def _receive(reader: Connection, child: Any, deadline: float, on_progress: Callable[[str], None] | None) -> object:
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            child.kill()
            raise ConfinedError("time")
        if not reader.poll(min(left, 1.0)):
            continue
        try:
            data = reader.recv_bytes(_MAX_FRAME)
        except (EOFError, OSError):
            child.join(5)
            raise ConfinedError(*_death(child.exitcode)) from None
        kind, payload = pickle.loads(data)
        if kind == "progress" and on_progress is not None:
            on_progress(str(payload))
        elif kind == "extend":
            deadline += float(payload)
        elif kind == "result":
            return payload
        elif kind == "error":
            raise payload


def _death(exitcode: int | None) -> tuple[str, str]:
    """What killed the child: the CPU limit, the memory limit (an allocation that failed), or something else."""
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "time", ""
    # Native code (PDFium, Tesseract's libraries) aborts when an allocation fails under the address-space cap.
    if exitcode in (_OUT_OF_MEMORY, -signal.SIGABRT):
        return "memory", ""
    return "crash", f"mã thoát {exitcode}"


_OUT_OF_MEMORY = 75


def _child(job: Callable[[Channel], object], writer: Connection, memory: int, parent: int) -> None:
    die_with_parent(parent)
    _limit_memory(memory)
    channel = Channel(writer)
    try:
        result = job(channel)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    except BaseException as error:
        try:
            channel.send("error", error)
        except Exception:
            channel.send("error", ConfinedError("crash", f"{type(error).__name__}: {error}"[:500]))
        os._exit(0)
    try:
        channel.send("result", result)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)
    os._exit(0)


def _limit_memory(memory: int) -> None:
    """Cap the address space at what the process holds now plus `memory` (programs it starts inherit the cap)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        held = 0
    limit = held + memory
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
