"""Browser benchmark: time from page load to the first search result, and bytes downloaded until then."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Request

import datetime as dt
import gzip
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.corpus import make_corpus
from bench.support import CHROMIUM, CHROMIUM_ARGS, serving
from generator.commands.build import Project, build

# A word pair, a phrase of five words (more shards to fetch) and a citation of a part.
QUERIES = ("tri thuc", "tôn vinh trí thức tiêu biểu", "20-KH/TW mục IV.3")


def measure_search(count: int, queries: tuple[str, ...] = QUERIES) -> str:
    """Build a corpus of `count` documents, serve it, and time the first result for each of `queries`."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as workdir:
        project = Project(make_corpus(Path(workdir) / "corpus", count))
        build(project, as_of=dt.date(2025, 6, 30), pdfs=False)
        return "\n".join(_measure(project, count, query) for query in queries)


def _measure(project: Project, count: int, query: str) -> str:
    from playwright.sync_api import sync_playwright

    timings: list[float] = []
    with serving(project.site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(3):
            urls: list[str] = []
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("requestfinished", _recorder(urls))
            page.goto(f"{base}/van-ban/20-kh-tw/", wait_until="load")
            loaded = time.perf_counter()
            page.locator(".md-search__input").press_sequentially(query)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            timings.append(time.perf_counter() - loaded)
            fetched = list(dict.fromkeys(urls))
            context.close()
        browser.close()
    first = sorted(timings)[1]
    paths = [project.site_dir / urllib.parse.urlsplit(url).path.lstrip("/") for url in fetched]
    files = [path / "index.html" if path.is_dir() else path for path in paths]
    downloaded = sum(len(gzip.compress(path.read_bytes(), 6)) for path in files if path.is_file())
    return (
        f"search, {count} synthetic documents, “{query}”: first result {first:.2f} s after page load (median of 3, typing the query); "
        f"{downloaded / 1e6:.2f} MB downloaded (gzip) in {len(fetched)} requests before it"
    )


def _recorder(urls: list[str]) -> Callable[[Request], None]:
    """Note the address of every request that finished."""
    return lambda request: urls.append(request.url)
