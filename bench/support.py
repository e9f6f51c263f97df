"""Helpers the benchmark and the tests share: the repository, project copies, a quiet local web server and
how Chromium is launched. The tests import the benchmark's helpers (this module, the synthetic corpus, the
intake fixtures); the benchmark never imports the tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from generator.commands.build import Project

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its path relative to `folder`, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_config(target: Path) -> None:
    """Copy the MkDocs config and the theme override it names into `target`."""
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "generator" / "theme", target / "generator" / "theme")


def copy_project(target: Path) -> Project:
    """Copy the real data and MkDocs config into `target`."""
    shutil.copytree(REPO / "data", target / "data")
    copy_config(target)
    return Project(target)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that does not print the broken pipes of requests a browser cancels."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]  # the socket typeshed names is the request here


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on a loopback port while the block runs; yield its base URL (no final slash)."""
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
