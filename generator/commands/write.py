"""Write phase: the sinks of the render path (outputs/site.py). `Stager` fills a new folder beside docs/ for a
build; `Held` keeps the files in memory between renders and, for the preview, writes what changed into docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.outputs.site import Put
from generator.support.files import Content, content_bytes


@dataclass
class SyncResult:
    """What a render wrote into docs/ and removed from it."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class Held:
    """Files held in memory from one render to the next (the preview's and the tests' sink), and written into
    `folder` when given: there only a file whose bytes changed is written, and a file no render makes any
    more is removed. `files` is what the last render left (kept by `serve` between renders): it is compared
    in memory instead of read back, and tells what to remove without walking the folder.
    """

    def __init__(self, files: dict[str, Content] | None = None, folder: Path | None = None) -> None:
        self.files = files if files is not None else {}
        self.folder = folder
        self.known = bool(self.files)
        self.fresh = folder is not None and is_empty(folder)
        self._folders: set[Path] = set()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def put(self, files: Mapping[str, Content]) -> Put:
        changed = [relative for relative, content in files.items() if self._differs(relative, content)]
        if self.folder is not None:
            for relative in changed:
                self._write(self.folder / relative, content_bytes(files[relative]))
        return Put(list(files), changed, dict(files))

    def keep(self, paths: Iterable[str]) -> Put:
        return Put(list(paths), [])

    def put_pieces(self, relative: str, pieces: Iterable[bytes]) -> Put:
        return self.put({relative: b"".join(pieces)})

    def take(self, put: Put) -> None:
        self.files.update(put.held)

    def read(self, relative: str) -> bytes:
        return content_bytes(self.files[relative])

    def finish(self, kept: set[str]) -> list[str]:
        removed = sorted(set(self.files) - kept)
        for relative in removed:
            del self.files[relative]
        if self.folder is None:
            return removed
        if self.known:  # what the last render left is known: no need to walk the folder
            for relative in removed:
                (self.folder / relative).unlink(missing_ok=True)
            _remove_empty_folders({(self.folder / relative).parent for relative in removed}, self.folder)
        elif not self.fresh:
            removed = _remove_others(kept, self.folder)
        self.known = True
        return removed

    def _differs(self, relative: str, content: Content) -> bool:
        if self.folder is None:
            return relative not in self.files or content_bytes(self.files[relative]) != content_bytes(content)
        path = self.folder / relative
        if self.fresh or not path.is_file():
            return True
        return (content_bytes(self.files[relative]) if relative in self.files else path.read_bytes()) != content_bytes(content)

    def _write(self, path: Path, content: bytes) -> None:
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        if self.fresh:  # nothing reads an empty folder being filled: no need to write beside and rename
            path.write_bytes(content)
        else:
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(content)
            temporary.replace(path)


class Stager:
    """Fills the new folder `staged` with files as they come, from any process forked after it was made.

    A file `current` holds with the same bytes is linked from there (copied where it cannot be) instead of
    written, and so is a file on disk (a PDF or Word file of the print cache).
    """

    def __init__(self, staged: Path, current: Path) -> None:
        self.staged, self.current = staged, current
        self.old = _listing(current)
        self._folders: set[Path] = set()

    def put(self, files: Mapping[str, Content]) -> Put:
        """Put `files` in place; those that differ from `current`'s are changed."""
        return Put(list(files), [relative for relative, content in files.items() if self._place(relative, content)])

    def keep(self, paths: Iterable[str]) -> Put:
        """Link these files from `current`."""
        kept = list(paths)
        for relative in kept:
            _link_or_copy(str(self.current / relative), str(self._target(relative)))
        return Put(kept, [])

    def take(self, put: Put) -> None:
        """Nothing to keep: every file is on disk."""

    def put_pieces(self, relative: str, pieces: Iterable[bytes]) -> Put:
        """Put the file made of `pieces` in place, never holding it whole."""
        path = self._target(relative)
        with path.open("wb") as out:
            for piece in pieces:
                out.write(piece)
        source = self.current / relative
        if relative in self.old and _same(source, path):
            path.unlink()
            _link_or_copy(str(source), str(path))
            return Put([relative], [])
        return Put([relative], [relative])

    def read(self, relative: str) -> bytes:
        """A file already put."""
        return (self.staged / relative).read_bytes()

    def finish(self, kept: set[str]) -> list[str]:
        """What `current` holds beyond `kept`, deepest first (left out of the staged folder)."""
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


def _remove_others(kept: set[str], target: Path) -> list[str]:
    """Remove what `target` holds beyond `kept`, and folders left empty; what was removed, deepest first."""
    removed = []
    for folder, _, names in os.walk(target, topdown=False):
        relative_folder = os.path.relpath(folder, target).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        for name in names:
            if prefix + name not in kept:
                os.unlink(os.path.join(folder, name))
                removed.append(prefix + name)
        if prefix and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed, reverse=True)


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
