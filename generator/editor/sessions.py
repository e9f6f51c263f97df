"""Server-side sessions: a random id in the cookie, the session itself (account, CSRF token, times) in the editor's
folder under the id's digest, so that the file never holds a usable id."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from generator.editor.state import file_lock, read_json, write_json

COOKIE = "nq45_phien"


@dataclass(frozen=True)
class Session:
    digest: str
    account: str
    csrf: str
    created: float
    seen: float


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii", "replace")).hexdigest()


class Sessions:
    """sessions.json: every live session by the digest of its id; expired ones are dropped as they are met."""

    def __init__(self, path: Path, idle_seconds: float, max_seconds: float) -> None:
        self.path = path
        self.lock_path = path.with_name(".sessions.lock")
        self.idle_seconds = idle_seconds
        self.max_seconds = max_seconds

    def _all(self) -> dict[str, dict[str, object]]:
        found = read_json(self.path, {})
        return found if isinstance(found, dict) else {}

    def start(self, account: str) -> tuple[str, Session]:
        """A new session for `account`: its id (for the cookie only) and the session."""
        session_id = secrets.token_urlsafe(32)
        now = time.time()
        session = Session(_digest(session_id), account, secrets.token_urlsafe(32), now, now)
        with file_lock(self.lock_path):
            sessions = self._live(self._all(), now)
            sessions[session.digest] = {"account": account, "csrf": session.csrf, "created": now, "seen": now}
            write_json(self.path, sessions)
        return session_id, session

    def find(self, session_id: str | None) -> Session | None:
        """The live session with this id, its last use set to now; None for an unknown or expired id."""
        if not session_id or len(session_id) > 100:
            return None
        digest = _digest(session_id)
        now = time.time()
        with file_lock(self.lock_path):
            sessions = self._all()
            entry = sessions.get(digest)
            if entry is None or not self._alive(entry, now):
                if entry is not None:
                    write_json(self.path, self._live(sessions, now))
                return None
            if now - float(str(entry["seen"])) > 60:  # written at most once a minute
                entry["seen"] = now
                write_json(self.path, sessions)
        return Session(digest, str(entry["account"]), str(entry["csrf"]), float(str(entry["created"])), now)

    def end(self, digest: str) -> None:
        with file_lock(self.lock_path):
            sessions = self._all()
            if sessions.pop(digest, None) is not None:
                write_json(self.path, sessions)

    def end_all_of(self, account: str) -> None:
        """End every session of `account` (its password or role changed, or it was removed)."""
        with file_lock(self.lock_path):
            sessions = {digest: entry for digest, entry in self._all().items() if entry.get("account") != account}
            write_json(self.path, sessions)

    def _alive(self, entry: dict[str, object], now: float) -> bool:
        return now - float(str(entry["seen"])) <= self.idle_seconds and now - float(str(entry["created"])) <= self.max_seconds

    def _live(self, sessions: dict[str, dict[str, object]], now: float) -> dict[str, dict[str, object]]:
        return {digest: entry for digest, entry in sessions.items() if self._alive(entry, now)}


def token_matches(expected: str, given: str | None) -> bool:
    """Whether a form's CSRF token is the session's (compared in constant time)."""
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode("utf-8", "replace"))
