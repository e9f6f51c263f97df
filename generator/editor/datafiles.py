"""The files of data/ the editor reads and writes: a path only from an id that the corpus' slug rules accept (so no
form reaches outside data/), written atomically (temporary file, then rename) with the file's mode kept."""

from __future__ import annotations

import stat

from generator.commands.project import Project
from generator.corpus.text import is_safe_slug
from generator.corpus.vocabulary import RESERVED_IDS
from generator.editor.state import write_atomically

NEW_FILE_MODE = 0o644
# Kinds of files the editor writes, each a folder of data/ and the file names in it.
FOLDERS = {"document": "documents", "report": "reports"}
BODIES = "bodies.yaml"


class NotFoundError(LookupError):
    """No such file, or an id that is not one (and so names no file)."""


def valid_id(value: str) -> bool:
    """Whether `value` can name a file of data/: a slug (lowercase ASCII, digits, hyphens; at most 80) and not a
    name the site uses itself."""
    return is_safe_slug(value) and value not in RESERVED_IDS


def relative_path(kind: str, item_id: str) -> str:
    """The path of a document's or a report's file, from the project's root; NotFoundError for an id that is not one."""
    if kind not in FOLDERS or not valid_id(item_id):
        raise NotFoundError(item_id)
    return f"data/{FOLDERS[kind]}/{item_id}.yaml"


def bodies_path() -> str:
    return f"data/{BODIES}"


def read(project: Project, relative: str) -> bytes | None:
    """The bytes of a regular file of data/, or None when there is none."""
    path = project.root / relative
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise NotFoundError(relative)  # a link, a device or a folder is never read through the editor
    return path.read_bytes()


def write_atomic(project: Project, relative: str, data: bytes) -> None:
    """Write `data` to a file of data/ through a temporary file beside it, renamed over it: a reader (the preview,
    a build) sees the old file or the new one. The file's mode is kept (a new file gets 0644)."""
    path = project.root / relative
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, mode)


def ids_in(project: Project, kind: str) -> list[str]:
    """The ids of the files of one kind, sorted."""
    folder = project.data_dir / FOLDERS[kind]
    return sorted(path.stem for path in folder.glob("*.yaml") if valid_id(path.stem)) if folder.is_dir() else []
