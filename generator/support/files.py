"""The generated files of a build, by path: bytes in memory, or a file on disk (a PDF or Word file, which
would fill the memory of a large build) that is linked into place rather than copied."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Content = bytes | Path
GeneratedFiles = dict[str, Content]


def content_bytes(content: Content) -> bytes:
    return content.read_bytes() if isinstance(content, Path) else content


def cached_file(folder: Path, name: str, make: Callable[[], bytes]) -> Path:
    """The file `name` in `folder`, made by `make` when it is not there yet (written beside and renamed, so
    that a process reading it never sees half of it)."""
    path = folder / name
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{name}.{os.getpid()}.tmp"
        temporary.write_bytes(make())
        temporary.replace(path)
    return path


@dataclass(frozen=True)
class FileOrder:
    """A file to be made once at `path` by `make(payload)`: `make` is a module's function and `payload` plain
    data, so that another process can make it."""

    path: Path
    make: Callable[[Any], bytes]
    payload: Any

    def made(self) -> Path:
        """Make the file here, unless it is there already; its path."""
        return cached_file(self.path.parent, self.path.name, self.run)

    def run(self) -> bytes:
        return self.make(self.payload)
