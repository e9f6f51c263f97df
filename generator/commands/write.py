"""Write phase: generated files into a folder, touching only what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.support.files import Content, GeneratedFiles, content_bytes


@dataclass
class SyncResult:
    """What a sync wrote and removed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def sync(files: GeneratedFiles, target: Path, known: dict[str, bytes] | None = None) -> SyncResult:
    """Make `target` hold exactly `files`, writing only files whose bytes differ.

    `known` (kept by `serve`) holds what the last sync left in `target`: files found there are
    compared in memory instead of read back; it is updated to `files`.
    """
    result = SyncResult()
    fresh = is_empty(target)
    target.mkdir(parents=True, exist_ok=True)
    last = known if known is not None else {}
    folders = {target}
    for relative, given in files.items():
        content = content_bytes(given)
        path = target / relative
        if not fresh and path.is_file() and (last[relative] if relative in last else path.read_bytes()) == content:
            continue
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        if fresh:  # nothing reads an empty folder being filled: no need to write beside and rename
            path.write_bytes(content)
        else:
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(content)
            temporary.replace(path)
        result.written.append(relative)
    if known:  # what the last sync left is known: no need to walk the folder
        for relative in sorted(set(known) - set(files)):
            (target / relative).unlink(missing_ok=True)
            result.removed.append(relative)
        _remove_empty_folders({(target / relative).parent for relative in result.removed}, target)
    elif not fresh:
        _remove_others(files, target, result)
    if known is not None:
        known.clear()
        known.update((relative, content_bytes(content)) for relative, content in files.items())
    return result


class Stager:
    """Fills the new folder `staged` with files as they come, from any process forked after it was made.

    A file `current` holds with the same bytes is linked from there (copied where it cannot be) instead of
    written, and so is a file on disk (a PDF or Word file of the print cache).
    """

    def __init__(self, staged: Path, current: Path) -> None:
        self.staged, self.current = staged, current
        self.old = _listing(current)
        self._folders: set[Path] = set()

    def put(self, files: Mapping[str, Content]) -> list[str]:
        """Put `files` in place; return the paths of those that differ from `current`'s."""
        return [relative for relative, content in files.items() if self._place(relative, content)]

    def put_pieces(self, relative: str, pieces: Iterable[bytes]) -> list[str]:
        """Put the file made of `pieces` in place, never holding it whole; [relative] if it differs."""
        path = self._target(relative)
        with path.open("wb") as out:
            for piece in pieces:
                out.write(piece)
        source = self.current / relative
        if relative in self.old and _same(source, path):
            path.unlink()
            _link_or_copy(str(source), str(path))
            return []
        return [relative]

    def read(self, relative: str) -> bytes:
        """A file already put."""
        return (self.staged / relative).read_bytes()

    def removed(self, kept: set[str]) -> list[str]:
        """What `current` holds beyond `kept`, deepest first."""
        return sorted(self.old - kept, reverse=True)

    def _target(self, relative: str) -> Path:
        path = self.staged / relative
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        return path

    def _place(self, relative: str, content: Content) -> bool:
        path, source = self._target(relative), self.current / relative
        if relative in self.old and _same(source, content):
            _link_or_copy(str(source), str(path))
            return False
        if isinstance(content, Path):
            _link_or_copy(str(content), str(path))
        else:
            path.write_bytes(content)
        return True


def _same(path: Path, content: Content) -> bool:
    """Whether the file at `path` holds `content`: the very file, or the same bytes."""
    if isinstance(content, Path):
        return os.path.samefile(path, content) or (
            path.stat().st_size == content.stat().st_size and path.read_bytes() == content.read_bytes()
        )
    return path.read_bytes() == content


def stage_copy(current: Path, staged: Path, leave_out: set[str]) -> None:
    """Fill `staged` with what `current` holds at its top, but `leave_out` (linked where possible)."""
    staged.mkdir(parents=True, exist_ok=True)
    if not current.is_dir():
        return
    for entry in current.iterdir():
        if entry.name in leave_out:
            continue
        if entry.is_dir():
            shutil.copytree(entry, staged / entry.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(staged / entry.name))


def _listing(folder: Path) -> set[str]:
    """Every file below `folder`, by path relative to it ("" folder: none)."""
    found: set[str] = set()
    for directory, _, names in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        found.update(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return found


def _link_or_copy(source: str, destination: str) -> str:
    """Link `destination` to `source`, or copy it where the file system cannot link."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
    return destination


def is_empty(folder: Path) -> bool:
    """Whether `folder` is missing or holds nothing."""
    return not folder.exists() or not any(folder.iterdir())


def _remove_others(files: GeneratedFiles, target: Path, result: SyncResult) -> None:
    """Remove what `target` holds beyond `files`, and folders left empty."""
    removed = []
    for folder, _, names in os.walk(target, topdown=False):
        relative_folder = os.path.relpath(folder, target).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        for name in names:
            if prefix + name not in files:
                os.unlink(os.path.join(folder, name))
                removed.append(prefix + name)
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    result.removed.extend(sorted(removed, reverse=True))


def _remove_empty_folders(folders: set[Path], target: Path) -> None:
    """Remove these folders and their parents up to `target` while they are empty."""
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        while folder != target and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


TRASH_PREFIX = "trash-"
_DELETE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


def delete_in_background(folders: list[Path]) -> None:
    """Delete `folders` in a new process that this one does not wait for."""
    if not folders:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no process to be had: delete them here
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
