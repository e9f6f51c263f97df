"""The preview rebuilds as soon as docs/ changes, instead of when MkDocs next polls it.

MkDocs' live-reload server polls the folders it watches twice a second. Here docs/ is watched
with the system's file events instead, and a rebuild is asked for as MkDocs' own watcher asks:
through the server's private condition. `generator serve` writes docs/ when data/ changes, so an
edit reaches the browser up to half a second sooner; a hand edit of docs/ under `mkdocs serve`
does too.
"""

from __future__ import annotations

import threading

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.mkdocs_plugin.speedups.guard import Internal, Speedup

INSTANT_REBUILD = Speedup(
    "dựng lại ngay khi xem trước",
    "MkDocs 1.6.1, ProperDocs 1.6.7",
    (
        Internal("mkdocs.livereload:LiveReloadServer.__init__", "e79efeb939bf"),  # _rebuild_cond, _want_rebuild
        Internal("mkdocs.livereload:LiveReloadServer._build_loop", "0bea1402bb4a"),
        Internal("mkdocs.livereload:LiveReloadServer.unwatch", "24bd7d23db28"),
    ),
)
# A regeneration writes a few files in a row: one rebuild after the last of them.
SETTLE_SECONDS = 0.05


class InstantRebuild(FileSystemEventHandler):
    """Watches a folder with file events and asks `server` to rebuild when it changes."""

    def __init__(self, server: LiveReloadServer, folder: str) -> None:
        self.server = server
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        server.unwatch(folder)
        self.observer = Observer()
        self.observer.schedule(self, folder, recursive=True)
        self.observer.daemon = True
        self.observer.start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "deleted"):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(SETTLE_SECONDS, self.request)
            self.timer.daemon = True
            self.timer.start()

    def request(self) -> None:
        """Ask for a rebuild as MkDocs' own watcher does."""
        condition = self.server._rebuild_cond  # checked by INSTANT_REBUILD
        with condition:
            self.server._want_rebuild = True  # checked by INSTANT_REBUILD
            condition.notify_all()

    def stop(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
        self.observer.stop()
