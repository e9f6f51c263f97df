"""Browser tests: Debian's Chromium through Playwright, against the built site on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.support import offline_file
from generator.commands.build import Project, build
from tests.conftest import copy_config, serving

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PAGES = [
    "",
    "van-ban/",
    "van-ban/287-ctr-ddlhhvn/",
    "van-ban/20-kh-tw/",
    "van-ban/45-nq-tw/",
    "co-quan/",
    "co-quan/lhhvn/",
    "dong-thoi-gian/",
    "so-hieu/",
    "nhiem-vu/",
    "co-quan/ban-can-su-dang-chinh-phu/",
    "nguoi-ky/",
    "nguoi-ky/truong-thi-mai/",
    "404.html",
]


def test_follow_a_cross_document_link_to_a_section(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/van-ban/287-ctr-ddlhhvn/")
    page.locator(".rel-diagram a", has_text="20-KH/TW").click()
    page.wait_for_url(f"{server}/van-ban/20-kh-tw/#iv-3")
    heading = page.locator("#iv-3")
    assert heading.inner_text().startswith("3. Đảng đoàn Mặt trận Tổ quốc Việt Nam")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    page.close()


def test_mentions_in_the_text_link_to_the_document(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/van-ban/287-ctr-ddlhhvn/#ii-1-1")
    page.locator("#ii-1-1 a", has_text="118/QĐ/TW").click()
    page.wait_for_url(f"{server}/van-ban/118-qd-tw/")
    assert "Quyết định 118-QĐ/TW" in page.locator("h1").inner_text()
    page.close()


def _overflow(page) -> int:
    """How far the page is wider than the viewport, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _serious_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical violations on the page: rule, help text, how many elements."""
    return [(rule, help, count) for rule, help, count, impact in _violations(page) if impact in ("serious", "critical")]


def _violations(page) -> list[tuple[str, str, int, str]]:
    """axe-core's violations of any impact on the page: rule, help text, how many elements, impact."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["help"], len(v["nodes"]), v["impact"]) for v in results.response["violations"]]


@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_a_phone(browser, server: str, path: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/{path}")
    assert _overflow(page) <= 0
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations(browser, published: str, path: str, viewport: dict[str, int]) -> None:
    """axe finds nothing, of any impact, served as the site is published (under site_url's path)."""
    page = browser.new_page(viewport=viewport)
    page.goto(f"{published}/{path}")
    assert _violations(page) == []
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations_from_disk(browser, offline: Project, path: str) -> None:
    """The copy opened from disk: pages as name.html, no directory URLs."""
    page = browser.new_page(viewport=PHONE)
    page.goto(offline_file(offline.offline_dir, path).as_uri())
    assert _violations(page) == []
    page.close()


@pytest.fixture(scope="module")
def published(built: Project) -> Iterator[str]:
    """The built site served under site_url's path, with its 404 page, as a web server publishes it."""
    with serving(built.site_dir, prefix="/nghi-quyet-45/") as base:
        yield base


def test_script_in_the_data_never_runs(browser, tmp_path: Path) -> None:
    (tmp_path / "data" / "documents").mkdir(parents=True)
    (tmp_path / "data" / "bodies.yaml").write_text("bodies:\n  - id: bo-chinh-tri\n    name: Bộ Chính trị\n", encoding="utf-8")
    hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    document = {
        "number": "1-KH/TW",
        "type": "Kế hoạch",
        "issuer": "bo-chinh-tri",
        "title": hostile,
        "sections": [{"number": "1.", "text": hostile}],
    }
    (tmp_path / "data" / "documents" / "1-kh-tw.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    copy_config(tmp_path)
    project = Project(tmp_path)
    build(project)
    with serving(project.site_dir) as base:
        page = browser.new_page()
        page.goto(f"{base}/van-ban/1-kh-tw/")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#muc-1").inner_text() == "1. " + hostile
        page.close()


def test_a_relations_page_and_its_link_fit_a_phone_and_pass_axe(browser, tmp_path: Path) -> None:
    from bench.corpus import make_corpus

    project = Project(make_corpus(tmp_path / "corpus", 40))
    build(project, pdfs=False)
    with serving(project.site_dir) as base:
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{base}/van-ban/45-nq-tw/")
        assert _serious_violations(page) == [] and _overflow(page) <= 0
        page.locator(".rel-diagram__more a").first.click()
        page.wait_for_url("**/quan-he/45-nq-tw/#van-ban-trien-khai")
        assert page.locator("#van-ban-trien-khai").is_visible()
        assert _serious_violations(page) == [] and _overflow(page) <= 0
        page.close()
