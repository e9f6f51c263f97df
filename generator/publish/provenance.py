"""Who publishes and from which data: the data's last commit (data/ as a repository of its own, or the project's),
and the publisher's name (the editor's user, or this machine's)."""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

from generator.corpus.text import normalize, not_text
from generator.publish.errors import PublishError

MAX_PUBLISHER = 80


def data_commit(project_root: Path) -> tuple[str | None, bool]:
    """The last commit of data/ and whether data/ has changes not committed; (None, False) without git."""
    data = project_root / "data"
    own = (data / ".git").exists()
    where, scope = (data, ".") if own else (project_root, "data")
    commit = _git(where, "log", "-1", "--format=%H", "--", scope)
    if not commit:
        return None, False
    status = _git(where, "status", "--porcelain", "--", scope)
    return commit, bool(status)


def _git(where: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.fsmonitor=false", "-C", str(where), *arguments], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def publisher_name(name: str | None) -> str:
    """The name a release records as its publisher: `name` checked as text, or this machine's user."""
    if name is None:
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "không rõ"
    value = normalize(name)
    problem = not_text(value)
    if not value or problem is not None or len(value) > MAX_PUBLISHER:
        raise PublishError(f"Tên người xuất bản phải là chữ, từ 1 đến {MAX_PUBLISHER} ký tự, không có ký tự điều khiển.")
    return value
