"""Browser benchmark: for each class of query readers type, the time from page load to the first search result and
the bytes downloaded until then."""

from __future__ import annotations

import datetime as dt
import gzip
import statistics
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bench.corpus import make_corpus
from bench.support import CHROMIUM, CHROMIUM_ARGS, serving
from generator.commands.build import Project, build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

# Each class of query the search understands, with queries of it (the synthetic corpus numbers its documents from
# 100: "kế hoạch 105" is one of them, "quyết định 108" another).
QUERIES: tuple[tuple[str, str], ...] = (
    ("words", "tri thuc"),
    ("phrase", "tôn vinh trí thức tiêu biểu"),
    ("exact phrase in an item", "Chương trình hành động của Chính phủ"),
    ("citation", "20-KH/TW mục IV.3"),
    ("date", "nghị quyết ngày 24/11/2023"),
    ("date", "28-11-2023"),
    ("kind and number", "hướng dẫn 145 ban tuyên giáo"),
    ("kind and number", "quyết định 108"),
    ("title of a document without text", "quy chế hội quần chúng"),
    ("abbreviation", "KHCN"),
    ("abbreviation", "VUSTA"),
    ("question words", "ai ký kế hoạch 20"),
    ("typo, other diacritics", "tri thúc"),
    ("typo, other diacritics", "tôn vinhh"),
)
RUNS = 3


def measure_search(count: int, queries: tuple[tuple[str, str], ...] = QUERIES) -> str:
    """Build a corpus of `count` documents, serve it, and time the first result for each of `queries`: a table."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as workdir:
        project = Project(make_corpus(Path(workdir) / "corpus", count))
        build(project, as_of=dt.date(2025, 6, 30), pdfs=False)
        return measure_site(project.site_dir, count, queries)


def measure_site(site: Path, count: int, queries: tuple[tuple[str, str], ...] = QUERIES) -> str:
    """Serve a built site and time the first result for each of `queries`: a table."""
    from playwright.sync_api import sync_playwright

    title = f"Search at {count} synthetic documents (first result after page load, the query entered whole, median of {RUNS};"
    rows = [f"{title} gzip bytes before it):", ""]
    rows += ["| class | query | first result s | MB downloaded | requests |", "| --- | --- | --- | --- | --- |"]
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, query in queries:
            seconds, fetched = _measure(browser, base, query)
            rows.append(f"| {kind} | {query} | {seconds:.2f} | {_gzip_bytes(site, fetched) / 1e6:.2f} | {len(fetched)} |")
        browser.close()
    return "\n".join(rows)


def _measure(browser: Browser, base: str, query: str) -> tuple[float, list[str]]:
    """The median time to the first result over RUNS fresh pages, and the addresses the last one fetched."""
    timings: list[float] = []
    fetched: list[str] = []
    for _ in range(RUNS):
        urls: list[str] = []
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("requestfinished", _recorder(urls))
        page.goto(f"{base}/van-ban/20-kh-tw/", wait_until="load")
        loaded = time.perf_counter()
        box = page.locator(".md-search__input")
        box.fill(query)  # the query whole, as pasted or typed fast: its own first result, not one of a part of it
        box.press("End")  # a key up, which Material searches on
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
        timings.append(time.perf_counter() - loaded)
        fetched = list(dict.fromkeys(urls))
        context.close()
    return statistics.median(timings), fetched


def _gzip_bytes(site: Path, urls: list[str]) -> int:
    paths = [site / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/") for url in urls]
    files = [path / "index.html" if path.is_dir() else path for path in paths]
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in files if path.is_file())


def _recorder(urls: list[str]) -> Callable[[Request], None]:
    """Note the address of every request that finished."""
    return lambda request: urls.append(request.url)
