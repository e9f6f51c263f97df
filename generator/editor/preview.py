"""The preview: the project's own generator and MkDocs' preview server (commands/serve.py) over a private copy of
data/ (with the form being previewed in place), served by the editor under /xem-truoc/.

The editor writes the copy's docs/ itself (the same Caches as `serve` keeps), so it knows when a change reached
docs/; MkDocs' server, a child process on a loopback port, rebuilds what changed and says when it is done through
its live-reload endpoint. A page asked for right after "Lưu" is therefore never the old one."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator.commands.build import Caches, write_docs
from generator.commands.project import Project
from generator.commands.serve import served_path
from generator.corpus.errors import ValidationError
from generator.editor.mirror import Mirror, Overlay

START_SECONDS = 900.0
REBUILD_SECONDS = 120.0
_LIVERELOAD = re.compile(rb"<script>\s*function livereload\(.*?</script>(?=</body>)", re.DOTALL)
# What a preview path may hold: the site's own addresses (lowercase slugs, files with a suffix).
SAFE_PATH = re.compile(r"(?:[A-Za-z0-9._-]+/)*[A-Za-z0-9._-]*")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _monotonic_ms() -> int:
    """MkDocs' live-reload clock (the system's monotonic clock in milliseconds, the same in every process)."""
    return round(time.monotonic() * 1000)


class Preview:
    """One preview for the whole editor: data/ with the last form previewed in place."""

    def __init__(self, project: Project, folder: Path) -> None:
        self.project = project
        self.root = Project(folder)
        self.mirror = Mirror(folder)
        self.caches = Caches()
        self.port = _free_port()
        self.mount = served_path(project)
        self.problem = ""  # why the preview shows nothing new (data/ invalid)
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._pending = 0  # refreshes asked for and not yet served
        self._settled = threading.Condition()

    def start(self) -> None:
        """Lay out the private project and start MkDocs' server on it (in a thread: the editor answers meanwhile)."""
        threading.Thread(target=self._start, daemon=True, name="xem-truoc").start()

    def _start(self) -> None:
        with self._lock:
            self.root.root.mkdir(parents=True, exist_ok=True)
            shutil.copy(self.project.config_file, self.root.config_file)
            shutil.copytree(self.project.root / "generator" / "theme", self.root.root / "generator" / "theme", dirs_exist_ok=True)
            self._regenerate({})
            # What MkDocs says (its warnings, a failed rebuild) goes to a log beside the private project.
            log = os.open(self.root.root.with_suffix(".log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._process = subprocess.Popen(
                [sys.executable, "-m", "generator.editor.previewd", str(self.root.root), f"127.0.0.1:{self.port}", str(os.getpid())],
                stdout=log,
                stderr=log,
            )
            os.close(log)
            deadline = time.monotonic() + START_SECONDS
            while time.monotonic() < deadline and self._process.poll() is None:
                if self._epoch(0, timeout=2) is not None:
                    break
                time.sleep(0.1)
        self._ready.set()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def refresh(self, overlay: Overlay) -> bool:
        """Show data/ with `overlay` in place; return once the preview serves it (False: the data is invalid)."""
        self._ready.wait(START_SECONDS)
        with self._lock:
            changed = self._regenerate(overlay)
            if changed:
                self._wait_for_rebuild(_monotonic_ms())
            return not self.problem

    def refresh_later(self, overlay: Overlay) -> None:
        """Refresh in the background; a page asked for meanwhile waits for it (so that it is never the old one)."""
        with self._settled:
            self._pending += 1

        def run() -> None:
            try:
                self.refresh(overlay)
            finally:
                with self._settled:
                    self._pending -= 1
                    self._settled.notify_all()

        threading.Thread(target=run, daemon=True, name="xem-truoc-cap-nhat").start()

    def _regenerate(self, overlay: Overlay) -> bool:
        self.mirror.sync(self.project.data_dir, overlay)
        try:
            _, result = write_docs(self.root, pdfs=False, caches=self.caches)
        except ValidationError as error:
            self.problem = error.report(self.root.root)
            return False
        self.problem = ""
        return bool(result.written or result.removed)

    def _wait_for_rebuild(self, after: int) -> None:
        """Wait until MkDocs' server has finished a build it started after `after` (its live-reload epoch)."""
        deadline = time.monotonic() + REBUILD_SECONDS
        while time.monotonic() < deadline:
            epoch = self._epoch(after, timeout=REBUILD_SECONDS)
            if epoch is None or epoch > after:
                return

    def _epoch(self, after: int, timeout: float) -> int | None:
        url = f"http://127.0.0.1:{self.port}/livereload/{after}/{_monotonic_ms()}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return int(response.read().decode() or 0)
        except (OSError, ValueError):
            return None

    def page(self, path: str) -> tuple[int, str, bytes]:
        """The status, type and bytes of a page or file of the preview site; HTML without MkDocs' reload script."""
        self._ready.wait(START_SECONDS)
        with self._settled:
            self._settled.wait_for(lambda: self._pending == 0, timeout=REBUILD_SECONDS)
        if not SAFE_PATH.fullmatch(path) or any(part in ("..", ".") for part in path.split("/")):
            return 404, "text/plain", b""
        url = f"http://127.0.0.1:{self.port}{self.mount}{path}"
        try:
            with urllib.request.urlopen(url, timeout=REBUILD_SECONDS) as response:
                kind, body = response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            return error.code, "text/html", error.read()
        except OSError:
            return 503, "text/plain", b""
        if kind == "text/html":
            body = _LIVERELOAD.sub(b"", body)
        return 200, kind, body
