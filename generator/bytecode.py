"""Compiled Jinja templates kept between builds (Jinja's own bytecode cache, in the user's
temporary folder), so that a build compiles only templates that changed."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import jinja2


def bytecode_cache(kind: str) -> jinja2.BytecodeCache | None:
    """A cache for one kind of environment ("markdown", "theme"), or None where none can be kept.

    Each kind and each set of versions gets its own files: compiled code depends on the
    environment's settings, which the source checksum Jinja checks does not cover.
    """
    try:
        return _QuietCache(pattern=f"__nghi-quyet-45-{kind}-{_versions()}-%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


def _versions() -> str:
    found = []
    for package in ("jinja2", "mkdocs", "mkdocs-material"):
        try:
            found.append(version(package))
        except PackageNotFoundError:
            found.append("0")
    return "-".join(found)


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache that never fails a build: a file it cannot read or write means compiling afresh."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass
