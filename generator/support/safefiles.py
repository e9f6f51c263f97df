"""Reading files that anyone could have put in the project: regular files inside a root only, read within a
size bound counted while reading (never trusted from `stat`), never blocking on a FIFO, never following a link
out of the root. What is refused is said in a message that names the path, never the content."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A folder deeper than this inside data/ is not a folder of data files.
MAX_LISTED = 100_000


class UnsafeFileError(Exception):
    """The path is not a regular file inside the root, or is too large; the message says which, in Vietnamese."""


@dataclass(frozen=True)
class Entry:
    """A file found in a folder: its path as listed, and the reason it cannot be read (None when it can)."""

    path: Path
    refused: str | None


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một ống dẫn (FIFO)"
    if stat.S_ISSOCK(mode):
        return "một socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một tệp thiết bị"
    return "không phải tệp thường"


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, every link followed, stays inside `root`."""
    try:
        path.resolve(strict=True).relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):  # missing, outside, or a loop of links
        return False
    return True


def refusal(path: Path, root: Path) -> str | None:
    """Why `path` may not be read as a data file (outside `root` through a link, a device, a FIFO, a socket), or None."""
    if not inside(path, root):
        return "là liên kết (symlink) trỏ ra ngoài thư mục dự án hoặc tới tệp không có; chỉ đọc tệp thật nằm trong dự án"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"không đọc được ({error.strerror or type(error).__name__})"
    kind = _kind(mode)
    return None if kind is None else f"là {kind}, không phải tệp dữ liệu; hãy xóa nó khỏi thư mục"


def read_bounded(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` inside `root`, at most `limit` of them; UnsafeFileError otherwise."""
    reason = refusal(path, root)
    if reason is not None:
        raise UnsafeFileError(reason)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check opens at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnsafeFileError(f"không mở được ({error.strerror or type(error).__name__})") from None
    with os.fdopen(descriptor, "rb") as handle:
        kind = _kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise UnsafeFileError(f"là {kind}, không phải tệp dữ liệu; hãy xóa nó khỏi thư mục")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFileError(f"quá lớn (hơn {limit:,} byte); tối đa {limit:,} byte".replace(",", "."))
    return data


def listed(folder: Path, suffix: str, root: Path) -> Iterator[Entry]:
    """The files of `folder` ending in `suffix`, by name, each with the reason it cannot be read, if any. The
    folder is checked once; an entry costs a system call more only when it is a link."""
    if not folder.is_dir():
        return
    folder_refused = refusal(folder, root) if not inside(folder, root) else None
    try:
        with os.scandir(folder) as scan:
            entries = sorted((entry for entry in scan if entry.name.endswith(suffix)), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries[:MAX_LISTED]:
        path = folder / entry.name
        if folder_refused is not None:
            yield Entry(path, folder_refused)
        elif entry.is_symlink():
            yield Entry(path, refusal(path, root))
        else:
            kind = _kind(entry.stat(follow_symlinks=False).st_mode)
            yield Entry(path, None if kind is None else f"là {kind}, không phải tệp dữ liệu; hãy xóa nó khỏi thư mục")
