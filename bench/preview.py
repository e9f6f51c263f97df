"""Preview benchmark: time from saving a YAML file to `serve` serving the changed page."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.corpus import make_corpus

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 600.0
CHANGE_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """The page at `url`, or "" when it cannot be read (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page: str = response.read().decode("utf-8")
            return page
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def measure_preview(count: int, edits: int = 3) -> str:
    """Serve a corpus of `count` documents, edit one document `edits` times, time each change."""
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as workdir:
        return _measure(make_corpus(Path(workdir) / "corpus", count), count, edits)


def _measure(root: Path, count: int, edits: int) -> str:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        edited = sorted((root / "data" / "documents").glob("1*.yaml"))[0]
        url = f"http://127.0.0.1:{port}/nghi-quyet-45/van-ban/{edited.stem}/"
        wait_for(url, "Người ký", START_TIMEOUT)
        time.sleep(2)  # let the first build settle
        seconds = []
        source = edited.read_text(encoding="utf-8")
        for edit in range(1, edits + 1):
            signer = f"Người ký thử {edit}"
            edited.write_text(source.replace("signer: ", f"signer: {signer} ", 1), encoding="utf-8")
            seconds.append(wait_for(url, signer, CHANGE_TIMEOUT))
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return (
        f"Preview ({count} documents): an edited document's page served {statistics.median(seconds):.2f} s after saving "
        f"(median of {edits}: {', '.join(f'{s:.2f}' for s in seconds)})"
    )
