"""What every page of the editor shares: the person signed in, their rights, the CSRF token, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, g, request

from generator.editor.accounts import Account, Accounts, Lockout, Role
from generator.editor.audit import AuditLog
from generator.editor.config import EditorConfig
from generator.editor.drafts import Drafts
from generator.editor.editing import Writer
from generator.editor.history import History
from generator.editor.importing import ImportSlots
from generator.editor.mirror import Checker
from generator.editor.preview import Preview
from generator.editor.publishing import Publisher
from generator.editor.sessions import Session, Sessions

View = TypeVar("View", bound=Callable[..., Any])


@dataclass
class Room:
    """The editor's parts, one of each for the application."""

    config: EditorConfig
    accounts: Accounts
    sessions: Sessions
    lockout: Lockout
    audit: AuditLog
    drafts: Drafts
    history: History
    checker: Checker
    writer: Writer
    preview: Preview | None
    publisher: Publisher
    hosts: frozenset[str]
    imports: ImportSlots


def room() -> Room:
    return cast(Room, current_app.extensions["phong_bien_tap"])


def account() -> Account:
    """The person signed in (every page but the login page has one)."""
    found = g.get("account")
    if found is None:
        abort(401)
    return cast(Account, found)


def session() -> Session:
    return cast(Session, g.session)


def client() -> str:
    return request.remote_addr or "?"


def record(action: str, target: str = "", detail: str = "") -> None:
    who = g.account.name if g.get("account") is not None else "-"
    room().audit.record(who, client(), action, target, detail)


def needs(role: Role) -> Callable[[View], View]:
    """Refuse the view (403, logged) to an account whose role is below `role`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if account().role < role:
                record("từ chối quyền", request.path, role.label)
                abort(403)
            return view(*args, **kwargs)

        return cast(View, checked)

    return decorate


def form_value(name: str) -> str:
    return str(request.form.get(name, ""))
