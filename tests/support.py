"""Helpers the tests and the benchmark share: the repository, project copies, a quiet local web server and
how Chromium is launched. A plain module (no fixtures), so that bench/ can import it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.commands.build import Project
from generator.corpus.model import Body
from generator.intake.formats import read_document
from generator.intake.importer import import_document
from generator.intake.report import Report
from generator.intake.usecase import known_files

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
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on a loopback port while the block runs; yield its base URL (no final slash)."""
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def imported(
    lines: list[str],
    bodies: list[Body],
    dropped: Sequence[tuple[str, str]] = (),
    known: Mapping[str, str] | None = None,
    doubtful: Sequence[tuple[int, str]] = (),
) -> tuple[dict[str, object], Report]:
    """The importer's draft of `lines` as the fields a data file would hold, and its report."""
    draft, report = import_document(lines, bodies, dropped, known, doubtful)
    return draft.data(), report


def known_numbers(data_dir: Path) -> dict[str, str]:
    """The number of every document in `data_dir`/documents/, by its key."""
    return {key: number for key, (number, _) in known_files(data_dir, data_dir.parent).items()}


def text_lines(path: Path) -> list[str]:
    """The lines the importer reads from a received file."""
    return read_document(path).lines
