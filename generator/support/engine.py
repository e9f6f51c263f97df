"""The engine that builds the site from docs/: MkDocs 1.6 or ProperDocs 1.6, whichever is installed (MkDocs
when both are, unless ProperDocs' own command line runs).

ProperDocs is the continuation of MkDocs 1.x by its maintainers: it reads the same mkdocs.yml and runs the
same `mkdocs.plugins` entry points. Once `properdocs.replacement` is imported (its command line imports it
first thing), every import of `mkdocs` or `mkdocs.*` gets ProperDocs' module of the same name: the project's
plugin and Material, written against `mkdocs`, run on it unchanged.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass

MKDOCS, PROPERDOCS = "mkdocs", "properdocs"
NAMES = {MKDOCS: "MkDocs", PROPERDOCS: "ProperDocs"}


class EngineMissingError(Exception):
    """Neither MkDocs nor ProperDocs is installed."""


@dataclass(frozen=True)
class Engine:
    """The engine in use: its package (also the root of its loggers' names) and version."""

    package: str
    version: str

    @property
    def name(self) -> str:
        return f"{NAMES[self.package]} {self.version}"

    @property
    def is_properdocs(self) -> bool:
        return self.package == PROPERDOCS


@functools.cache
def engine() -> Engine:
    """The engine installed, importable as `mkdocs` from now on."""
    if MKDOCS not in sys.modules and importlib.util.find_spec(MKDOCS) is None:
        try:
            importlib.import_module("properdocs.replacement")
        except ImportError:
            raise EngineMissingError("Chưa cài MkDocs hay ProperDocs: hãy chạy `make site` (xem README).") from None
    package = importlib.import_module(MKDOCS).__name__  # "properdocs" where ProperDocs answers for `mkdocs`
    return Engine(package, importlib.metadata.version(package))


def engine_loggers() -> tuple[str, ...]:
    """The roots of the loggers a build logs to: the engine's own and `mkdocs` (Material's, and any plugin's
    written against MkDocs, which ProperDocs leaves under that name)."""
    return tuple(dict.fromkeys((engine().package, MKDOCS)))
