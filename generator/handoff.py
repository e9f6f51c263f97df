"""Hand the generated files to MkDocs in memory, so a build does not write them out to read them back."""

from __future__ import annotations

import contextlib
import posixpath
from typing import Any, Iterator

_handed: dict[str, bytes] | None = None


@contextlib.contextmanager
def handed(files: dict[str, bytes]) -> Iterator[None]:
    """Give `files` (by path under docs/) to the MkDocs builds run inside this block."""
    global _handed
    _handed = files
    try:
        yield
    finally:
        _handed = None


def add_handed(files: Any, config: Any) -> Any:
    """Return MkDocs' `files` with the handed files first, in the order MkDocs reads a docs folder."""
    if _handed is None:
        return files
    from mkdocs.structure.files import File, Files

    handed = [File.generated(config, uri, content=_handed[uri]) for uri in sorted(_handed, key=walk_order)]
    # As with a real docs folder, a handed file hides the theme's file of the same path.
    return Files([*handed, *(file for file in files if file.src_uri not in _handed)])


def walk_order(src_uri: str) -> tuple[tuple[object, ...], ...]:
    """Sort key that puts paths in mkdocs.structure.files.get_files' order.

    It walks folders top-down: a folder's files (index first, then by name) before its subfolders
    (by name).
    """
    *folders, name = src_uri.split("/")
    is_index = posixpath.splitext(name)[0] in ("index", "README")
    return (*((1, folder) for folder in folders), (0, not is_index, name))
