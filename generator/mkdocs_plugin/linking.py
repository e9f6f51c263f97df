"""The docs folder's static files (PDFs, Word files, open data, scripts) linked into the site, not copied.

docs/ is generated, and every file of it is replaced, never rewritten in place: the site may share
its files. A build links them (half a gigabyte of PDFs at 10,000 documents) instead of copying.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


class LinkedFile(File):
    """A static file of docs/, linked into the site rather than copied."""

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


def link_static_files(files: Files, config: MkDocsConfig) -> Files:
    """`files` with each static file read from docs/ linked into the site; pages and the theme's files as they are."""
    docs = os.path.abspath(config.docs_dir)
    return Files([_linked(file) if _static_of_docs(file, docs) else file for file in files])


def _static_of_docs(file: File, docs: str) -> bool:
    from_docs = file.src_dir is not None and os.path.abspath(file.src_dir) == docs
    return from_docs and file.generated_by is None and not file.is_documentation_page()


def _linked(file: File) -> File:
    return LinkedFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri, inclusion=file.inclusion)
