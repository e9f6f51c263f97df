"""Jinja environments as the project makes them, and compiled Jinja templates kept between builds (Jinja's own bytecode cache, in the user's
temporary folder), so that a build compiles only templates that changed."""

from __future__ import annotations

import contextlib
import functools
import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2

# The settings compiled code depends on besides the template's source, which Jinja checks itself.
_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def strict_environment(folder: Path, *, autoescape: bool, layout: bool = True, final_newline: bool = True) -> jinja2.Environment:
    """Templates from `folder`, failing on any undefined name.

    `layout` drops the line a block tag stands on and the indentation before it, so that templates
    can be indented; `autoescape` escapes every printed value for HTML and XML.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=layout,
        lstrip_blocks=layout,
        keep_trailing_newline=final_newline,
    )


def bytecode_cache(kind: str, environment: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """A cache for `environment`, or None where none can be kept.

    Its files are named after `kind`, the versions of Jinja, MkDocs and Material, and the
    environment's settings: code compiled with other settings is never picked up.
    """
    fingerprint = hashlib.sha1(f"{_versions()} {_settings(environment)}".encode()).hexdigest()[:16]
    try:
        return _QuietCache(pattern=f"__nghi-quyet-45-{kind}-{fingerprint}-%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


@functools.cache
def _versions() -> str:
    found = []
    for package in ("jinja2", "mkdocs", "properdocs", "mkdocs-material"):
        try:
            found.append(version(package))
        except PackageNotFoundError:
            found.append("0")
    return "-".join(found)


def _settings(environment: jinja2.Environment) -> str:
    autoescape = environment.autoescape
    described = [repr(getattr(environment, name)) for name in _COMPILE_SETTINGS]
    described.append(repr(autoescape) if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", "function"))
    described.extend(sorted(environment.extensions))
    return "|".join(described)


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache that never fails a build: a file it cannot read or write means compiling afresh."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)
