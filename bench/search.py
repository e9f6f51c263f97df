"""Browser benchmark: time from page load to the first search result, and bytes downloaded until then."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import make_corpus
from generator.build import Project, build

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure_search(count: int, query: str = "tri thuc") -> str:
    """Build a corpus of `count` documents, serve it, and time the first result for `query`."""
    from playwright.sync_api import sync_playwright

    project = Project(make_corpus(Path(tempfile.mkdtemp(prefix="bench-search-")) / "corpus", count))
    build(project, as_of=dt.date(2025, 6, 30), pdfs=False)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(project.site_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("requestfinished", lambda request: sizes.setdefault(request.url, len(gzip.compress(request.response().body(), 6))))
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/van-ban/20-kh-tw/", wait_until="load")
            loaded = time.perf_counter()
            page.locator(".md-search__input").press_sequentially(query)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            first = time.perf_counter() - loaded
            browser.close()
    finally:
        httpd.shutdown()
    index = project.site_dir / "search" / "search_index.json"
    return (
        f"search, {count} synthetic documents: first result {first:.2f} s after page load; "
        f"{sum(sizes.values()) / 1e6:.2f} MB downloaded (gzip) before it; search_index.json {index.stat().st_size / 1e6:.1f} MB "
        f"({len(gzip.compress(index.read_bytes(), 6)) / 1e6:.1f} MB gzip)"
    )
