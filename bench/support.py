"""Helpers the benchmark and the tests share: the repository, project copies, a quiet local web server and
how Chromium is launched. The tests import the benchmark's helpers (this module, the synthetic corpus, the
intake fixtures); the benchmark never imports the tests."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import shutil
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

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


def offline_file(folder: Path, path: str) -> Path:
    """The file of the copy opened from disk (no directory URLs) that the served site has at `path` ("van-ban/x/")."""
    if path.endswith(".html"):
        return folder / path
    index = folder / path / "index.html"
    return index if index.is_file() else folder / f"{path.rstrip('/')}.html"


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


class PublishedHandler(QuietHandler):
    """Serves the site as a production web server does: under `prefix` (site_url's path), text gzip-compressed
    to a client that accepts it (with `compress`), and the site's 404.html with status 404 for an address the
    site does not have."""

    prefix = "/"
    compress = False
    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg")

    def send_head(self) -> BinaryIO | None:
        route = urllib.parse.urlsplit(self.path).path
        root = Path(self.directory).resolve()
        if not route.startswith(self.prefix):
            return self._send(root / "404.html", 404)
        path = (root / urllib.parse.unquote(route[len(self.prefix) :])).resolve()
        if path.is_dir() and path.is_relative_to(root):
            if not route.endswith("/"):
                self.send_response(301)
                self.send_header("Location", route + "/")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(root):
            return self._send(root / "404.html", 404)
        return self._send(path, 200)

    def _send(self, path: Path, status: int) -> BinaryIO:
        body = path.read_bytes() if path.is_file() else b""
        compressed = self.compress and path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if compressed:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that does not print the broken pipes of requests a browser cancels."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]  # the socket typeshed names is the request here


@contextlib.contextmanager
def serving(folder: Path, compress: bool = False, prefix: str = "") -> Iterator[str]:
    """Serve `folder` on a loopback port while the block runs; yield its base URL (no final slash).

    With `compress` or a `prefix` (site_url's path, "/nghi-quyet-45/"), as a production web server does:
    the site under that path, text gzip-compressed, the site's 404.html for a missing address."""
    if compress or prefix:
        handler: type[QuietHandler] = type("Handler", (PublishedHandler,), {"prefix": prefix or "/", "compress": compress})
    else:
        handler = QuietHandler
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}" + (prefix or "/").rstrip("/")
    finally:
        httpd.shutdown()
