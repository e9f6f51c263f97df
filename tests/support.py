"""Helpers the tests and the benchmark share: the repository, project copies, a quiet local web server and
how Chromium is launched. A plain module (no fixtures), so that bench/ can import it."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
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


class CompressingHandler(QuietHandler):
    """Sends text files gzip-compressed to a client that accepts it, as a production web server does."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", "/")

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]  # SimpleHTTPRequestHandler returns a file object
        path = self.translate_path(self.path)
        if Path(path).is_dir() and self.path.split("?")[0].endswith("/"):
            path = str(Path(path) / "index.html")
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wanted or not self.path.split("?")[0].endswith(self.COMPRESSED) or not Path(path).is_file():
            return super().send_head()  # type: ignore[return-value]  # the file object SimpleHTTPRequestHandler opened
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that does not print the broken pipes of requests a browser cancels."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serving(folder: Path, compress: bool = False) -> Iterator[str]:
    """Serve `folder` on a loopback port while the block runs; yield its base URL (no final slash).
    With `compress`, text files go out gzip-compressed, as a production web server sends them."""
    handler = CompressingHandler if compress else QuietHandler
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
