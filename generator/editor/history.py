"""data/'s history, kept by git itself (run with argument lists, never a shell): a commit per save, naming the
editor who made it, the versions of one file, and a version's bytes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Who commits when the editor writes; the author is the person who saved.
COMMITTER = ("Phòng biên tập nq45", "phong-bien-tap@localhost")
FIELD = "\x1f"
MAX_VERSIONS = 200


class HistoryError(Exception):
    """git failed; the message says what it answered."""


@dataclass(frozen=True)
class Version:
    commit: str
    author: str
    date: str  # ISO 8601
    message: str

    @property
    def short(self) -> str:
        return self.commit[:10]


def blob_hash(data: bytes | None) -> str:
    """git's name for these bytes (what `git hash-object` prints); "" for a file that does not exist."""
    if data is None:
        return ""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()


class History:
    """The git repository the project lives in."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _git(self, *arguments: str, author: tuple[str, str] | None = None) -> bytes:
        name, email = COMMITTER
        environment = {**os.environ, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_TERMINAL_PROMPT": "0"}
        command = ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", "-c", "commit.gpgsign=false", "-C", str(self.root)]
        if author is not None:
            environment["GIT_AUTHOR_NAME"], environment["GIT_AUTHOR_EMAIL"] = author
        done = subprocess.run([*command, *arguments], capture_output=True, env=environment, timeout=60, check=False)
        if done.returncode != 0:
            raise HistoryError(done.stderr.decode("utf-8", "replace").strip() or f"git {arguments[0]} thất bại")
        return done.stdout

    def available(self) -> bool:
        try:
            return self._git("rev-parse", "--is-inside-work-tree").strip() == b"true"
        except (HistoryError, OSError):
            return False

    def commit(self, relative: str, author_name: str, author_email: str, message: str) -> str:
        """Commit `relative` (a path under the project) alone, as the author named; return the commit's id. The message
        is its first line only (what a form sent may hold more)."""
        subject = message.strip().splitlines()[0] if message.strip() else "Sửa dữ liệu"
        self._git("add", "--", relative)
        self._git("commit", "--quiet", "--only", "--no-verify", "-m", subject, "--", relative, author=(author_name, author_email))
        return self._git("rev-parse", "HEAD").decode().strip()

    def unstage(self, relative: str) -> None:
        """Leave git's index as the last commit has `relative` (after a save that could not be committed); best effort."""
        with contextlib.suppress(HistoryError, OSError):
            self._git("reset", "--quiet", "--", relative)

    def versions(self, relative: str) -> list[Version]:
        """The commits that changed `relative`, newest first (renames not followed: a file's name is its id)."""
        output = self._git("log", f"--max-count={MAX_VERSIONS}", f"--format=%H{FIELD}%an{FIELD}%aI{FIELD}%s", "--", relative)
        found = []
        for line in output.decode("utf-8", "replace").splitlines():
            parts = line.split(FIELD)
            if len(parts) == 4:
                found.append(Version(*parts))
        return found

    def content(self, commit: str, relative: str) -> bytes | None:
        """The bytes of `relative` in `commit`; None when the file was not there."""
        if not commit or not all(c in "0123456789abcdef" for c in commit) or len(commit) > 64:
            return None
        try:
            return self._git("show", f"{commit}:./{relative}")
        except HistoryError:
            return None

    def keep(self, data: bytes) -> str:
        """Store `data` in git's object store (a form's base version, for the diff of a later conflict)."""
        done = subprocess.run(
            ["git", "-C", str(self.root), "hash-object", "-w", "--stdin"], input=data, capture_output=True, timeout=60, check=False
        )
        return done.stdout.decode().strip()

    def blob(self, name: str) -> bytes | None:
        """The bytes git holds under a blob name (a form's base version), or None."""
        if not name or len(name) != 40 or not all(c in "0123456789abcdef" for c in name):
            return None
        try:
            return self._git("cat-file", "blob", name)
        except HistoryError:
            return None
