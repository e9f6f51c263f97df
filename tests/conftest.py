"""Shared fixtures: project copies, a built site, a local web server and Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands.build import Project, build
from generator.mkdocs_plugin.plugin import SitePlugin

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2024, 6, 15)
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


def site_plugin(config_file: Path) -> SitePlugin:
    """The project's MkDocs plugin: one per process, kept by MkDocs across builds (it has on_startup)."""
    from mkdocs.config import load_config

    plugin = load_config(str(config_file)).plugins["nghi-quyet-45"]
    assert isinstance(plugin, SitePlugin)
    return plugin


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A writable copy of the project's data."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real corpus, built once for the session."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    build(project, as_of=AS_OF)
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that does not print the broken pipes of requests a browser cancels."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def server(built: Project) -> Iterator[str]:
    """Serve the built site on a loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built.site_dir))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()
