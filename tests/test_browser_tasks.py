"""Browser tests of the task board: filter by body, sort by deadline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(".task-board tbody tr:not([hidden]) .task-meta", "spans => spans.map(s => s.id)")


def test_filter_the_board_by_a_body(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/nhiem-vu/")
    assert len(visible_rows(page)) == 26
    page.select_option("select[name=body]", "lhhvn")
    assert visible_rows(page) == ["nv-20-kh-tw-iv-3-g1", "nv-20-kh-tw-iv-3-g2"]
    assert page.locator(".task-filters__count").inner_text() == "Hiển thị 2 trên 26 nhiệm vụ."
    page.select_option("select[name=status]", "overdue")
    assert visible_rows(page) == []
    page.select_option("select[name=status]", "answered")
    assert len(visible_rows(page)) == 2
    page.close()


def test_filter_by_document_and_quarter_from_the_address(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/nhiem-vu/?document=20-kh-tw&quarter=2024-Q1")
    assert "nv-20-kh-tw-iv-2-g1" in visible_rows(page) and "nv-20-kh-tw-iv-8" in visible_rows(page)
    assert "nv-20-kh-tw-iv-2-g3" not in visible_rows(page)
    dues = page.eval_on_selector_all(".task-board tbody tr:not([hidden]) .task-meta", "s => s.map(x => x.dataset.due)")
    assert dues and all("2024-01-01" <= due <= "2024-03-31" for due in dues)
    page.close()


def test_sort_by_deadline(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/nhiem-vu/")
    page.locator(".task-board th button", has_text="Thời hạn").click()
    dues = page.eval_on_selector_all(".task-board tbody .task-meta", "s => s.map(x => x.dataset.due || '9999')")
    assert dues == sorted(dues)
    assert page.locator(".task-board th[aria-sort=ascending]").inner_text().startswith("Thời hạn")
    page.close()


def test_a_badge_links_to_the_board_row(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/van-ban/20-kh-tw/#iv-3-g1")
    badge = page.locator("#iv-3-g1 + .task-badge")
    assert "Trả lời: 287-CTr/ĐĐLHHVN" in badge.inner_text()
    badge.locator("a", has_text="bảng nhiệm vụ").click()
    page.wait_for_url(f"{server}/nhiem-vu/#nv-20-kh-tw-iv-3-g1")
    assert page.locator("#nv-20-kh-tw-iv-3-g1").is_visible() or page.locator("#nv-20-kh-tw-iv-3-g1 >> xpath=..").is_visible()
    page.close()
