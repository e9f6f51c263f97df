"""Hand the generated files to MkDocs in memory, so a build does not write them out to read them back."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.support.files import Content, GeneratedFiles


def add_handed(files: Files, config: MkDocsConfig, handed: GeneratedFiles) -> Files:
    """Return MkDocs' `files` with the `handed` files first, in the order MkDocs reads a docs folder; a file
    on disk (a PDF) is copied from where it is, never read into memory."""
    generated = [_generated(config, uri, handed[uri]) for uri in sorted(handed, key=walk_order)]
    # As with a real docs folder, a handed file hides the theme's file of the same path.
    return Files([*generated, *(file for file in files if file.src_uri not in handed)])


class LinkedFile(File):
    """A generated file on disk (a PDF or Word file in the print cache), linked into the site, not copied."""

    def copy_file(self, dirty: bool = False) -> None:
        source, target = self.abs_src_path, self.abs_dest_path
        assert source is not None
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(source, target)
        except OSError:  # a file system that cannot link: MkDocs copies
            super().copy_file(dirty)


def _generated(config: MkDocsConfig, uri: str, content: Content) -> File:
    if isinstance(content, Path):
        return LinkedFile.generated(config, uri, abs_src_path=str(content))
    return File.generated(config, uri, content=content)


def walk_order(src_uri: str) -> tuple[tuple[object, ...], ...]:
    """Sort key that puts paths in mkdocs.structure.files.get_files' order.

    It walks folders top-down: a folder's files (index first, then by name) before its subfolders
    (by name).
    """
    *folders, name = src_uri.split("/")
    is_index = posixpath.splitext(name)[0] in ("index", "README")
    return (*((1, folder) for folder in folders), (0, not is_index, name))
