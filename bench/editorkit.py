"""The editor over a copy of the project, for the editor's benchmark and tests: the copy under git (as the office's
clone is), accounts of every role, and the application served by Waitress on a loopback port."""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Flask

from bench.support import copy_project
from generator.commands.project import Project
from generator.editor.accounts import Accounts, Role
from generator.editor.app import create_app
from generator.editor.config import EditorConfig
from generator.editor.state import private_folder

PASSWORD = "mat-khau-thu-nghiem"
PEOPLE = {"quantri": Role.ADMIN, "xuatban": Role.PUBLISHER, "bientap": Role.EDITOR, "bientap2": Role.EDITOR}


def git_project(root: Path) -> Project:
    """A copy of the project's data and config, committed to a new git repository (as the office's clone is)."""
    project = copy_project(root)
    under_git(root)
    return project


def under_git(root: Path) -> None:
    """Put a project folder under git, its data committed, as the office's clone is."""
    (root / ".gitignore").write_text("/.editor/\n/docs/\n/site/\n/.build/\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Thử", "-c", "user.email=thu@example.vn", "commit", "-qm", "Dữ liệu"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, capture_output=True)


def with_accounts(config: EditorConfig) -> None:
    accounts = Accounts(private_folder(config.state_dir) / "accounts.json")
    for name, role in PEOPLE.items():
        accounts.create(name, f"Cán bộ {name}", role, PASSWORD)


def editor_app(root: Path, preview: bool = False, **options: object) -> Flask:
    config = EditorConfig(git_project(root), preview=preview, **options)  # type: ignore[arg-type]  # options of EditorConfig
    with_accounts(config)
    return create_app(config)


@contextlib.contextmanager
def running(app: Flask) -> Iterator[str]:
    """Serve `app` with Waitress on a loopback port while the block runs (its preview started); yield the base URL."""
    import waitress

    parts = app.extensions["phong_bien_tap"]
    from generator.editor.server import SERVER_OPTIONS

    server = waitress.create_server(app, host="127.0.0.1", port=0, **{**SERVER_OPTIONS, "threads": 6})
    port = server.effective_port
    if parts.preview is not None:
        parts.preview.start()
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        if parts.preview is not None:
            parts.preview.stop()
