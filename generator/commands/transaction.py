"""One build at a time, and a build's outputs put in place together or not at all.

A build takes the project's lock (`.build/lock`, held with flock: a process that dies lets go of it,
so a stale lock is never in the way). It stages every output it makes (docs/, site/, site-offline/,
dist/) under `.build/txn/new/`, and commits them with renames, after writing a journal of what it is
about to swap. Whatever stops a build — an error, a full disk, a read-only folder, kill -9 — the
outputs are either all as before or all new: a failure during the renames rolls back at once, and a
process killed during them leaves the journal, from which the next command rolls back first
(`recover`). Staging that never reached the journal is only deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.commands.write import TRASH_PREFIX, delete_in_background

JOURNAL = "journal.json"
DONE = "done"


@contextlib.contextmanager
def project_lock(staging_dir: Path) -> Iterator[None]:
    """Hold the project's lock; wait, saying so once, while another build or preview holds it."""
    staging_dir.mkdir(parents=True, exist_ok=True)
    with open(staging_dir / "lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(
                f"Một lần dựng khác (tiến trình {holder}) đang chạy trong thư mục này; đợi nó xong rồi dựng tiếp…",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Transaction:
    """Outputs staged under `folder`/new and swapped in for their targets on `commit`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        recover(folder)
        (folder / "new").mkdir(parents=True)
        self.targets: dict[str, Path] = {}

    def stage(self, name: str, target: Path) -> Path:
        """The folder to build the output `name` in, which replaces `target` on commit."""
        self.targets[name] = target
        return self.folder / "new" / name

    def scratch(self, name: str) -> Path:
        """A folder to build an intermediate output `name` in, which replaces nothing and goes with the staging."""
        return self.folder / "new" / name

    def commit(self) -> None:
        """Swap every staged output in, all or none; then let the old ones go."""
        _write_synced(self.folder / JOURNAL, json.dumps({name: str(target) for name, target in self.targets.items()}))
        (self.folder / "old").mkdir()
        try:
            for name, target in self.targets.items():
                if target.exists():
                    target.rename(self.folder / "old" / name)
                (self.folder / "new" / name).rename(target)
        except BaseException:
            _roll_back(self.folder)
            _discard(self.folder)
            raise
        _write_synced(self.folder / DONE, "")
        _discard(self.folder)

    def abort(self) -> None:
        """Give up: the outputs stay as they were and the staging goes."""
        recover(self.folder)


def recover(folder: Path) -> None:
    """Finish what an interrupted transaction in `folder` left: roll back an unfinished commit, drop staging."""
    if not folder.exists():
        return
    if (folder / JOURNAL).exists() and not (folder / DONE).exists():
        _roll_back(folder)
    _discard(folder)


def _roll_back(folder: Path) -> None:
    """Put every target back as it was before the commit began, whichever renames were made."""
    targets = {name: Path(path) for name, path in json.loads((folder / JOURNAL).read_text(encoding="utf-8")).items()}
    for name, target in reversed(targets.items()):
        old, new = folder / "old" / name, folder / "new" / name
        if old.exists():
            if target.exists() and not new.exists():
                target.rename(new)
            elif target.exists():
                shutil.rmtree(target)
            old.rename(target)
        elif not new.exists() and target.exists():
            target.rename(new)  # there was none before: the new one goes
    (folder / JOURNAL).unlink()


def _discard(folder: Path) -> None:
    """Move the transaction's folder out of the way and delete it in the background."""
    folder.rename(folder.parent / f"{TRASH_PREFIX}{os.getpid()}-{os.urandom(4).hex()}")
    # With it goes any trash an interrupted deletion left.
    delete_in_background(sorted(folder.parent.glob(f"{TRASH_PREFIX}*")))


def _write_synced(path: Path, text: str) -> None:
    """Write `path` and make it durable, with the folder entry that names it."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
