"""What the browser tests of search share: the search box on a document page, served and opened from disk, and
reading its results."""

from __future__ import annotations

import time

import pytest

from generator.commands.build import Project


@pytest.fixture(scope="module", params=["http", "file"])
def search_page(request, browser, server: str, offline: Project):
    """A document page with the search box, on the served site and on the copy opened from disk."""
    if request.param == "http":
        url, suffix = f"{server}/van-ban/20-kh-tw/", "/"
    else:
        url, suffix = f"{offline.offline_dir.as_uri()}/van-ban/20-kh-tw.html", ".html"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.locator(".md-search__input").click()
    yield page, suffix, requests
    page.close()


def results(page, query: str) -> list[dict[str, str]]:
    """Type `query` and return the result groups once they stop changing."""
    box = page.locator(".md-search__input")
    # Material searches on a key up: the query is set whole, then a key that sends one, so that no result of a
    # part of it can be taken for its own. The box emptied first clears the results of the query before.
    box.fill("")
    box.press("End")
    page.wait_for_function("!(document.querySelector('.md-search-result__list') || {}).innerHTML")
    box.fill(query)
    box.press("End")
    previous, stable_since, deadline = None, time.monotonic(), time.monotonic() + 10
    while time.monotonic() < deadline:
        current = page.evaluate("(document.querySelector('.md-search-result__list') || {}).innerHTML || ''")
        if current != previous:
            previous, stable_since = current, time.monotonic()
        elif current and time.monotonic() - stable_since > 0.4:
            break
        time.sleep(0.05)
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-search-result__item')).map(li => ({
            href: li.querySelector('a').getAttribute('href'), html: li.innerHTML }))"""
    )


def page_of(href: str) -> str:
    return href.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def links(page, query: str) -> list[list[str]]:
    """Type `query`; each result group's links, the page's first, without the highlighting query."""
    results(page, query)
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-search-result__item')).map(li =>
            Array.from(li.querySelectorAll('a')).map(a => a.getAttribute('href').replace(/\\?[^#]*/, '')))"""
    )


def opened_part(hrefs: list[str]) -> str:
    """ "287-ctr-ddlhhvn#ii-2-3": the page and anchor of a group's first part (its first link after the page's)."""
    part = next(href for href in hrefs if "#" in href)
    return f"{page_of(part)}#{part.split('#', 1)[1]}"
