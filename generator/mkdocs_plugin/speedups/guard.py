"""What each speed-up takes from another library's internals, checked before it is switched on.

A speed-up replaces or re-implements private code of MkDocs (or ProperDocs, support/engine.py),
Python-Markdown or Material. It declares every function or method it copies, calls or relies on, with a
fingerprint of that code's source as it was written against: for code of the engine, one for MkDocs 1.6.1
and, where ProperDocs 1.6.7's differs, one for it (the differences read and found not to matter to the
speed-up). At the start of a build the fingerprints are taken again: if any differs or is missing (another
release, another fork), the speed-up stays off, one warning line says why, and the build goes on with the
libraries' own code.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import logging
from dataclasses import dataclass

from generator.support.engine import engine

log = logging.getLogger("generator.speedups")


@dataclass(frozen=True)
class Internal:
    """A function, method or class of another library, and the fingerprint of its source.

    `path` is "module:qualified.name"; `fingerprint` is None when only its presence matters; `properdocs`
    is that of the same code in ProperDocs, where the engine's code (`mkdocs.*`) differs there.
    """

    path: str
    fingerprint: str | None = None
    properdocs: str | None = None

    def expected(self) -> str | None:
        """The fingerprint this internal must have under the engine in use."""
        if self.properdocs is not None and self.path.startswith("mkdocs.") and engine().is_properdocs:
            return self.properdocs
        return self.fingerprint

    def mismatch(self) -> str | None:
        """Why this internal is not as written against, or None when it is."""
        found = resolve(self.path)
        if found is None:
            return f"không còn {self.path}"
        expected = self.expected()
        if expected is not None and fingerprint(found) != expected:
            return f"{self.path} đã đổi"
        return None


@dataclass(frozen=True)
class Speedup:
    """A named speed-up and the internals it depends on."""

    name: str
    written_against: str
    internals: tuple[Internal, ...]

    def mismatch(self) -> str | None:
        """The first reason this speed-up cannot be used here, or None."""
        return next((reason for internal in self.internals if (reason := internal.mismatch()) is not None), None)


def resolve(path: str) -> object | None:
    """The object at "module:qualified.name", or None when there is no such thing."""
    module_name, _, qualified = path.partition(":")
    try:
        found: object = importlib.import_module(module_name)
    except ImportError:
        return None
    for part in qualified.split(".") if qualified else ():
        found = inspect.getattr_static(found, part, None)
        if found is None:
            return None
        if isinstance(found, (staticmethod, classmethod)):
            found = found.__func__
        elif isinstance(found, property) and found.fget is not None:
            found = found.fget
    return found


def fingerprint(code: object) -> str:
    """Twelve hex digits of the SHA-256 of the source of `code`, or "" when it has none."""
    try:
        source = inspect.getsource(code)  # type: ignore[arg-type]  # any object: getsource raises on what it cannot read
    except (OSError, TypeError):
        return ""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


@functools.cache
def usable(speedup: Speedup) -> bool:
    """Whether `speedup` may run here; on a mismatch, say so once and return False.

    Remembered for the process: the libraries do not change under a running build.
    """
    reason = speedup.mismatch()
    if reason is None:
        return True
    log.warning(
        "Tắt tăng tốc %s (viết cho %s): %s; dựng bằng mã gốc của thư viện, kết quả không đổi.",
        speedup.name,
        speedup.written_against,
        reason,
    )
    return False
