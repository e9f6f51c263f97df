"""Accounts and their roles, passwords hashed with Argon2id (argon2-cffi), and lockout after repeated failures."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from generator.editor.state import file_lock, read_json, write_json

NAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
# Failures that lock: this many for one account, or from one client, within the window; the lock lasts as long.
ACCOUNT_FAILURES = 5
CLIENT_FAILURES = 20
WINDOW_SECONDS = 15 * 60


class Role(IntEnum):
    """What an account may do; each role may do what the ones below it may."""

    EDITOR = 1  # add and correct documents, bodies and reports
    PUBLISHER = 2  # also publish
    ADMIN = 3  # also manage accounts

    @property
    def label(self) -> str:
        return {Role.EDITOR: "Biên tập", Role.PUBLISHER: "Xuất bản", Role.ADMIN: "Quản trị"}[self]


ROLE_NAMES = {"editor": Role.EDITOR, "publisher": Role.PUBLISHER, "admin": Role.ADMIN}


class AccountError(ValueError):
    """A name, a password or a role that cannot be used; the message says why (in Vietnamese)."""


@dataclass(frozen=True)
class Account:
    name: str
    full_name: str
    role: Role

    @property
    def email(self) -> str:
        """The address git gives this account as the author of a change (the name alone is the full name)."""
        return f"{self.name}@phong-bien-tap"


_HASHER = PasswordHasher()  # Argon2id with the library's RFC 9106 parameters (64 MiB, 3 passes)
_DUMMY = _HASHER.hash("không phải mật khẩu của ai")  # verified for unknown names, so that timing tells nothing


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AccountError("tên đăng nhập cần 2–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ")
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"mật khẩu cần từ {MIN_PASSWORD} đến {MAX_PASSWORD} ký tự")
    return password


class Accounts:
    """The accounts file (accounts.json in the editor's folder): name, full name, role and password hash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(".accounts.lock")

    def _all(self) -> dict[str, dict[str, str]]:
        found = read_json(self.path, {})
        return found if isinstance(found, dict) else {}

    def get(self, name: str) -> Account | None:
        entry = self._all().get(name)
        return _account(name, entry) if entry else None

    def all(self) -> list[Account]:
        return [_account(name, entry) for name, entry in sorted(self._all().items())]

    def create(self, name: str, full_name: str, role: Role, password: str) -> Account:
        check_name(name)
        full_name = " ".join(full_name.split()) or name
        if len(full_name) > 100:
            raise AccountError("họ tên tối đa 100 ký tự")
        with file_lock(self.lock_path):
            accounts = self._all()
            if name in accounts:
                raise AccountError(f'đã có tài khoản "{name}"')
            accounts[name] = {"full_name": full_name, "role": role.name.lower(), "hash": _HASHER.hash(check_password(password))}
            write_json(self.path, accounts)
        return Account(name, full_name, role)

    def update(self, name: str, role: Role | None = None, password: str | None = None) -> None:
        with file_lock(self.lock_path):
            accounts = self._all()
            if name not in accounts:
                raise AccountError(f'không có tài khoản "{name}"')
            if role is not None:
                accounts[name]["role"] = role.name.lower()
            if password is not None:
                accounts[name]["hash"] = _HASHER.hash(check_password(password))
            write_json(self.path, accounts)

    def remove(self, name: str) -> None:
        with file_lock(self.lock_path):
            accounts = self._all()
            accounts.pop(name, None)
            write_json(self.path, accounts)

    def verify(self, name: str, password: str) -> Account | None:
        """The account when `password` is its password; None otherwise (in the same time either way)."""
        entry = self._all().get(name) if len(password) <= MAX_PASSWORD else None
        try:
            _HASHER.verify(entry["hash"] if entry else _DUMMY, password[:MAX_PASSWORD])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        return _account(name, entry) if entry else None


def _account(name: str, entry: dict[str, str]) -> Account:
    return Account(name, entry.get("full_name") or name, ROLE_NAMES.get(entry.get("role", ""), Role.EDITOR))


class Lockout:
    """Failed logins per account and per client in the last window; either past its limit locks out. An attempt is
    counted as a failure before its password is verified (one step under the lock), so that concurrent wrong
    passwords get no more guesses than the limit; a success takes its count back."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        now = self._clock()
        found = self._failures.setdefault(key, deque())
        while found and now - found[0] > WINDOW_SECONDS:
            found.popleft()
        return found

    def _locked(self, name: str, client: str) -> bool:
        return len(self._recent(("account", name))) >= ACCOUNT_FAILURES or len(self._recent(("client", client))) >= CLIENT_FAILURES

    def attempt(self, name: str, client: str) -> float | None:
        """None when `name` or `client` is locked out; else the attempt, counted as a failure until `succeeded`."""
        with self._lock:
            if self._locked(name, client):
                return None
            now = self._clock()
            self._recent(("account", name)).append(now)
            self._recent(("client", client)).append(now)
            return now

    def succeeded(self, name: str, client: str, attempt: float) -> None:
        """The attempt was right: the account's failures forgotten, the client's count of this attempt taken back."""
        with self._lock:
            self._failures.pop(("account", name), None)
            with contextlib.suppress(ValueError):
                self._recent(("client", client)).remove(attempt)

    def locked_accounts(self) -> set[str]:
        with self._lock:
            return {key[1] for key in list(self._failures) if key[0] == "account" and len(self._recent(key)) >= ACCOUNT_FAILURES}

    def unlock(self, name: str) -> None:
        """An admin lets the account sign in again (its failures forgotten)."""
        with self._lock:
            self._failures.pop(("account", name), None)
