"""Write phase: sync generated files to a directory, touching only what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SyncResult:
    """What a sync wrote and removed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def sync(files: dict[str, bytes], target: Path, known: dict[str, bytes] | None = None) -> SyncResult:
    """Make `target` hold exactly `files`, writing only files whose bytes differ.

    `known` (kept by `serve`) holds what the last sync left in `target`: files found there are
    compared in memory instead of read back; it is updated to `files`.
    """
    result = SyncResult()
    fresh = is_empty(target)
    target.mkdir(parents=True, exist_ok=True)
    last = known if known is not None else {}
    folders = {target}
    for relative, content in files.items():
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
        known.update(files)
    return result


def is_empty(folder: Path) -> bool:
    """Whether `folder` is missing or holds nothing."""
    return not folder.exists() or not any(folder.iterdir())


def _remove_others(files: dict[str, bytes], target: Path, result: SyncResult) -> None:
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


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with renames, so `target` is never half-written.

    The old `target` goes to a trash folder beside `new` and is deleted by a process of its own:
    on a disk, deleting a built site's thousands of files took longer than anything else in
    putting it in place. Trash an interrupted deletion left behind goes with it.
    """
    trash = new.parent / f"{TRASH_PREFIX}{uuid.uuid4().hex}"
    if target.exists():
        target.rename(trash)
    try:
        new.rename(target)
    except BaseException:
        if trash.exists() and not target.exists():
            trash.rename(target)  # the old folder stays in place rather than none
        raise
    delete_in_background(sorted(new.parent.glob(f"{TRASH_PREFIX}*")))


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
