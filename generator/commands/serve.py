"""The `serve` command: regenerate Markdown on edits, let MkDocs live-reload the pages."""

from __future__ import annotations

import signal
import sys
import threading
import urllib.parse

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.commands.build import Caches, Project, write_docs
from generator.commands.transaction import project_lock, recover
from generator.corpus.errors import ValidationError
from generator.outputs.assets import ASSETS
from generator.outputs.templating import TEMPLATES as OUTPUT_TEMPLATES
from generator.pages.render import TEMPLATES
from generator.support.engine import engine

DEBOUNCE_SECONDS = 0.1
CHANGES = frozenset({"created", "modified", "moved", "deleted"})


class Regenerator(FileSystemEventHandler):
    """Regenerates docs/ shortly after the last edit; keeps the last good output on errors."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.caches = Caches()
        self.stale = False  # a template or an asset changed since the last regeneration
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        # One regeneration at a time, in the order of the edits: a slow one never writes after a later one.
        self.regenerating = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Watchdog also reports files being opened and closed, by the regeneration itself among others.
        if event.is_directory or event.event_type not in CHANGES or str(event.src_path).endswith((".tmp", "~", ".swp")):
            return
        with self.lock:
            if not str(event.src_path).startswith(str(self.project.data_dir)):
                self.stale = True  # a template or an asset changed: every page may differ
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.regenerate)
            self.timer.start()

    def regenerate(self) -> bool:
        """Regenerate docs/; print problems and return False if the data is invalid."""
        with self.regenerating, project_lock(self.project.staging_dir):
            recover(self.project.transaction_dir)  # what a build killed mid-way left
            with self.lock:
                if self.stale:
                    self.caches, self.stale = Caches(), False
            return self._regenerate()

    def _regenerate(self) -> bool:
        try:
            # No PDFs in the preview: typesetting them takes seconds per document; `build` makes them.
            _, result = write_docs(self.project, pdfs=False, caches=self.caches)
        except ValidationError as error:
            print(error.report(self.project.root) + "\nTrang xem trước vẫn giữ bản dựng hợp lệ gần nhất.", file=sys.stderr, flush=True)
            return False
        changed = result.written + result.removed
        if changed:  # the plugin sees docs/ change and has MkDocs rebuild (generator/mkdocs_plugin/speedups/rebuild.py)
            print(f"Dữ liệu hợp lệ; cập nhật {len(changed)} tệp: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}", flush=True)
        return True


def watch(project: Project, regenerator: Regenerator) -> BaseObserver:
    """Start watching the data and the templates."""
    observer = Observer()
    for path in (project.data_dir, TEMPLATES, OUTPUT_TEMPLATES, ASSETS):
        observer.schedule(regenerator, str(path), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def served_path(project: Project) -> str:
    """The path MkDocs serves under: that of `site_url` ("/nghi-quyet-45/"), or "/"."""
    config = yaml.safe_load(project.config_file.read_text(encoding="utf-8")) or {}
    return urllib.parse.urlsplit(str(config.get("site_url") or "/")).path or "/"


def serve(project: Project, addr: str) -> int:
    """Serve a live preview until interrupted."""
    engine()  # MkDocs, or ProperDocs answering for it
    from mkdocs.commands.serve import serve as mkdocs_serve

    regenerator = Regenerator(project)
    if not regenerator.regenerate() and not project.docs_dir.exists():
        return 1
    observer = watch(project, regenerator)
    print(f"Xem trước tại http://{addr}{served_path(project)} — sửa tệp trong data/ để cập nhật; nhấn Ctrl+C để dừng.", flush=True)
    # A stop request (kill, a service manager, a CI timeout) ends the preview as Ctrl+C does, so that
    # MkDocs removes the temporary site it serves from.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        # Dirty builds re-render only pages whose Markdown changed, which is all the generator rewrites.
        mkdocs_serve(str(project.config_file), livereload=True, build_type="dirty", dev_addr=addr)
    finally:
        signal.signal(signal.SIGTERM, previous)
        observer.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
