"""Browser tests of reading on a phone and a desktop (issue 29): a document's contents at hand, tables that
fit, the chart on a phone, one vocabulary of statuses, the error page, pages without JavaScript, a section's
link, the order of bodies, the phone's header, signers."""

from __future__ import annotations

import pytest

from generator.commands.build import Project
from generator.corpus.tracking import STATUS_LABELS
from tests.conftest import serving

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
# Pages whose tables become cards on a phone.
TABLES = [
    "nhiem-vu/",
    "van-ban/",
    "co-quan/",
    "co-quan/ban-can-su-dang-chinh-phu/",
    "co-quan/lhhvn/",
    "so-hieu/",
    "nguoi-ky/truong-thi-mai/",
]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_the_contents_open_from_anywhere_on_a_phone_and_going_back_keeps_the_place(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/van-ban/20-kh-tw/")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY >= 3000")
    place = page.evaluate("window.scrollY")
    button = page.locator(".doc-toc__open")
    assert button.is_visible() and button.inner_text() == "Mục lục"
    assert not page.locator("#muc-luc").is_visible()
    button.click()
    assert page.locator("#muc-luc").is_visible() and button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("window.scrollY") == place  # opening the list does not move the page
    part = page.locator("#muc-luc a", has_text="IV.3")
    assert "Đảng đoàn Mặt trận Tổ quốc Việt Nam" in part.inner_text()
    part.click()
    page.wait_for_url("**/van-ban/20-kh-tw/#iv-3")
    assert not page.locator("#muc-luc").is_visible()
    top = page.evaluate("document.getElementById('iv-3').getBoundingClientRect().top")
    assert 0 <= top < 150
    page.go_back()
    page.wait_for_function(f"Math.abs(window.scrollY - {place}) < 2")
    assert page.url.endswith("/van-ban/20-kh-tw/")
    page.close()


def test_the_contents_button_gives_way_to_search_results_on_a_phone(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/van-ban/20-kh-tw/")
    assert page.locator(".doc-toc__open").is_visible()
    page.locator("label[for=__search]").first.click()
    page.wait_for_function("document.getElementById('__search').checked")
    assert not page.locator(".doc-toc__open").is_visible()  # it would cover the results
    page.close()


def test_the_contents_work_without_javascript(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/van-ban/20-kh-tw/")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY >= 3000")
    place = page.evaluate("window.scrollY")
    page.locator(".doc-toc__open").click()
    assert page.locator("#muc-luc").is_visible() and page.evaluate("window.scrollY") == place
    page.locator("#muc-luc a", has_text="IV.3").click()
    assert not page.locator("#muc-luc").is_visible()  # choosing a part closes the list
    assert 0 <= page.evaluate("document.getElementById('iv-3').getBoundingClientRect().top") < 150
    page.go_back()
    page.go_back()
    assert abs(page.evaluate("window.scrollY") - place) < 2
    context.close()


def test_the_contents_take_the_left_column_on_a_desktop(browser, server: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/van-ban/20-kh-tw/")
    contents = page.locator(".doc-toc")
    text = page.locator(".md-content").bounding_box()
    box = contents.bounding_box()
    assert box is not None and text is not None and box["x"] + box["width"] <= text["x"]
    assert not page.locator(".doc-toc__open").is_visible()
    assert page.locator(".md-sidebar--secondary").count() == 0  # no second list of contents on the right
    assert page.locator(".doc-toc a", has_text="IV.3").is_visible()
    page.locator(".doc-toc a", has_text="IV.8").click()
    page.wait_for_url("**/#iv-8")
    assert contents.bounding_box()["y"] >= 0 and page.locator(".doc-toc a", has_text="IV.8").is_visible()  # it stays at hand
    page.wait_for_selector(".doc-toc a[aria-current]")
    assert "IV.8" in page.locator(".doc-toc a[aria-current]").inner_text()
    page.close()


def test_a_sections_link_is_copied_on_a_phone(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/van-ban/20-kh-tw/")
    assert float(page.locator("#iv-3 .headerlink").evaluate("a => getComputedStyle(a).opacity")) >= 0.5  # shown, not on hover
    marker = page.locator("#iv-1-g2 .doc-marker")
    assert marker.is_visible()
    marker.click()
    assert page.locator(".copy-note").inner_text() == "Đã chép liên kết tới mục IV.1, ý 2."
    assert page.evaluate("navigator.clipboard.readText()").endswith("/van-ban/20-kh-tw/#iv-1-g2")
    page.locator("#iv-3 .headerlink").click()
    assert page.locator(".copy-note").inner_text() == "Đã chép liên kết tới mục IV.3."
    context.close()


@pytest.mark.parametrize("path", TABLES)
def test_tables_are_cards_on_a_phone_and_tables_on_a_desktop(browser, server: str, path: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/{path}")
    assert overflow(page) <= 0
    rows = page.locator(".card-table tbody tr")
    assert rows.count() > 0
    boxes = rows.evaluate_all("rows => rows.map(r => [getComputedStyle(r).display, r.getBoundingClientRect().right])")
    assert all(display == "block" and right <= PHONE["width"] for display, right in boxes)
    scrolled = page.locator(".card-table .md-typeset__scrollwrap, .card-table table").evaluate_all(
        "e => e.map(x => x.scrollWidth - x.clientWidth)"
    )
    assert max(scrolled) <= 0  # nothing scrolls sideways inside either
    page.set_viewport_size(DESKTOP)
    assert rows.first.evaluate("r => getComputedStyle(r).display") == "table-row"
    page.close()


def test_a_bodys_page_does_not_repeat_the_body_as_issuer(browser, server: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/co-quan/bo-chinh-tri/")
    headings = page.locator("#van-ban-ban-hanh ~ .card-table").first.locator("th").all_inner_texts()
    assert headings == ["Số hiệu", "Loại", "Trích yếu", "Ngày ban hành"]
    page.goto(f"{server}/co-quan/")
    assert "Cơ quan ban hành" not in page.locator(".card-table th").all_inner_texts()
    page.close()


@WIDTHS
def test_the_chart_fits_and_shows_today(browser, server: str, viewport: dict[str, int]) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server}/nhiem-vu/")
    shown = page.locator(".task-timeline__svg:visible")
    assert shown.count() == 1
    assert ("task-timeline__svg--phone" in (shown.get_attribute("class") or "")) == (viewport is PHONE)
    figure, today = page.locator(".task-timeline").bounding_box(), shown.locator(".today").bounding_box()
    assert figure is not None and today is not None
    assert figure["x"] <= today["x"] <= figure["x"] + figure["width"] <= viewport["width"]  # "today" is in sight, nothing scrolls
    assert overflow(page) <= 0
    dated = page.locator(".task-meta:not([data-due=''])").count()
    assert shown.locator("circle[data-task]").count() == dated == 22  # every dated task
    page.emulate_media(media="print")  # the print draws the wide chart, today's line inside the page
    printed = page.locator(".task-timeline__svg:not(.task-timeline__svg--phone)")
    assert printed.is_visible() and printed.locator(".today").count() == 1
    page.close()


def test_every_page_speaks_one_vocabulary_of_statuses(browser, server: str) -> None:
    words = set(STATUS_LABELS.values())
    page = browser.new_page()
    for path in ("", "nhiem-vu/", "van-ban/20-kh-tw/", "co-quan/lhhvn/", "co-quan/dang-doan-mttq/", "co-quan/ban-tuyen-giao-trung-uong/"):
        page.goto(f"{server}/{path}")
        said = page.locator(".md-content .status, .status-count:visible a, .status-count:visible").evaluate_all(
            "e => e.map(x => x.matches('.status-count') ? x.innerText.replace(/^\\d+\\s*/, '') : x.innerText)"
        )
        assert said and set(said) <= words, path
    # LHHVN's programme answers IV.3: its page says so, and says nothing is done without a report.
    page.goto(f"{server}/co-quan/lhhvn/")
    assert page.locator("[data-status-count=answered]").inner_text().split() == ["2", *STATUS_LABELS["answered"].split()]
    assert page.locator("[data-status-count=done]").is_hidden()
    page.goto(f"{server}/van-ban/20-kh-tw/")
    badge = page.locator("#iv-1-g1 ~ .task-badge").first.inner_text()
    assert "Thực hiện từ 01/01/2024" in badge and "Thời hạn" not in badge
    page.close()


@WIDTHS
def test_the_error_page_is_vietnamese_and_leads_back_under_a_sub_path(browser, built: Project, viewport: dict[str, int]) -> None:
    with serving(built.site_dir, prefix="/nghi-quyet-45/") as base:
        page = browser.new_page(viewport=viewport)
        response = page.goto(f"{base}/van-ban/khong-co/muc-nao/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang này"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # styled
        page.locator(".not-found__search-button").click()
        assert page.locator(".md-search__input").is_visible()
        page.keyboard.press("Escape")
        page.locator(".md-content a", has_text="Tra cứu số hiệu").click()
        page.wait_for_url(f"{base}/so-hieu/")
        assert page.locator("h1").inner_text().startswith("Tra cứu số hiệu")
        page.go_back()
        page.locator(".md-content a", has_text="Về trang chủ").click()
        page.wait_for_url(f"{base}/")
        page.close()


def test_the_error_page_of_the_copy_opened_from_disk_links_to_its_pages(browser, offline: Project) -> None:
    page = browser.new_page()
    page.goto((offline.offline_dir / "404.html").as_uri())
    assert page.locator("h1").inner_text() == "Không tìm thấy trang này"
    links = page.locator(".md-content a").evaluate_all("a => a.map(x => x.href)")
    assert links and all(link.startswith(offline.offline_dir.as_uri()) for link in links)
    page.locator(".md-content a", has_text="Danh sách tất cả văn bản").click()
    assert page.locator("h1").inner_text().startswith("Tất cả văn bản")
    page.close()


@WIDTHS
def test_without_javascript_what_needs_it_says_so(browser, server: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/")
    banner = page.locator(".md-banner .no-script-note")
    assert banner.is_visible() and "ô tìm kiếm" in banner.inner_text()
    assert page.locator(".no-script-note", has_text="Ô tra cứu cần JavaScript").is_visible() and page.locator("#lookup-input").is_hidden()
    page.goto(f"{server}/nhiem-vu/")
    assert page.locator(".task-filters").is_hidden() and page.locator(".task-filters__without-script").is_visible()
    context.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/")
    assert page.locator(".no-script-note").evaluate_all("e => e.filter(x => x.offsetParent !== null).length") == 0
    page.close()


@WIDTHS
@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_link_from_the_home_page_shows_the_filtered_board(browser, server: str, script: bool, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=script)
    page = context.new_page()
    page.goto(f"{server}/")
    count = int(page.locator("[data-status-count=overdue] .status-count__number").inner_text())
    page.locator("[data-status-count=overdue] a").click()
    page.wait_for_url("**/nhiem-vu/?status=overdue#loc-overdue")
    rows = page.locator(".task-board tbody tr:visible")
    assert rows.count() == count > 0
    assert set(rows.locator(".status").all_text_contents()) == {STATUS_LABELS["overdue"]}
    if not script:
        assert "Quá hạn" in page.locator("#loc-overdue").inner_text()
        page.locator("#loc-overdue a").click()  # "Xem tất cả nhiệm vụ"
        assert page.locator(".task-board tbody tr:visible").count() == 26
    context.close()


def test_the_boards_filters_are_in_its_address(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/nhiem-vu/")
    page.select_option("select[name=body]", "lhhvn")
    page.select_option("select[name=status]", "answered")
    assert page.url.endswith("/nhiem-vu/?body=lhhvn&status=answered#loc-answered")
    page.reload()
    assert page.locator("select[name=body]").input_value() == "lhhvn"
    assert page.locator(".task-board tbody tr:visible").count() == 2
    page.close()


@WIDTHS
def test_the_board_marks_the_row_a_badge_leads_to(browser, server: str, viewport: dict[str, int]) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(f"{server}/van-ban/20-kh-tw/")
    page.locator("#iv-2-g1 ~ .task-badge a", has_text="bảng nhiệm vụ").first.click()
    page.wait_for_url("**/nhiem-vu/#nv-20-kh-tw-iv-2-g1")
    row = page.locator("tr:has(#nv-20-kh-tw-iv-2-g1)")
    assert row.evaluate("r => getComputedStyle(r).outlineStyle") == "solid"
    assert page.locator("tr:has(#nv-20-kh-tw-ii-1)").evaluate("r => getComputedStyle(r).outlineStyle") == "none"
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < viewport["height"]
    page.close()


def test_bodies_are_in_vietnamese_alphabetical_order(browser, server: str) -> None:
    """The order of the list of bodies and of the board's filter is Chromium's Intl.Collator("vi") (ICU's)."""
    page = browser.new_page()
    page.goto(f"{server}/co-quan/")
    names = page.locator(".md-content h2").evaluate_all("h => h.map(x => x.firstChild.textContent.trim())")
    assert names == page.evaluate("n => n.slice().sort(new Intl.Collator('vi').compare)", names)
    assert names.index("Bộ Chính trị") < names.index("Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam")
    page.goto(f"{server}/nhiem-vu/")
    options = page.locator("select[name=body] option").all_inner_texts()[1:]
    assert options == page.evaluate("n => n.slice().sort(new Intl.Collator('vi').compare)", options)
    page.close()


def test_the_python_order_is_the_browsers_on_random_vietnamese_words(browser, server: str) -> None:
    import random
    import unicodedata

    from generator.corpus.collation import vietnamese_key

    rng = random.Random(29)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY-,.0123456789"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    words = [
        unicodedata.normalize(
            "NFC", "".join(rng.choice(letters) + rng.choice(tones) * (rng.random() < 0.4) for _ in range(rng.randint(1, 7)))
        )
        for _ in range(3000)
    ]
    page = browser.new_page()
    page.goto(f"{server}/")
    assert sorted(words, key=vietnamese_key) == page.evaluate("w => w.slice().sort(new Intl.Collator('vi').compare)", words)
    page.close()


def test_the_site_name_is_whole_in_a_phones_header(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/")
    title = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.inner_text() == "Nghị quyết 45-NQ/TW và các văn bản triển khai"
    assert title.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
    header, box = page.locator(".md-header").bounding_box(), title.bounding_box()
    assert header is not None and box is not None and box["y"] + box["height"] <= header["y"] + header["height"]
    page.close()


def test_a_signer_is_a_link_to_what_they_signed(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/van-ban/20-kh-tw/")
    page.locator(".doc-meta td a", has_text="Trương Thị Mai").click()
    page.wait_for_url("**/nguoi-ky/truong-thi-mai/")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == "Trương Thị Mai"
    assert page.locator(".card-table a", has_text="20-KH/TW").is_visible()
    assert "Thường trực Ban Bí thư" in page.locator(".card-table").inner_text()
    page.goto(f"{server}/nguoi-ky/")
    assert page.locator(".md-content li a").all_inner_texts() == ["Phan Xuân Dũng", "Trương Thị Mai"]
    page.close()


def test_the_feed_is_linked_from_the_head_and_the_home_page(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/van-ban/20-kh-tw/")
    assert page.locator("head link[rel=alternate][type='application/atom+xml']").get_attribute("href") == "../../feed.xml"
    page.goto(f"{server}/")
    page.locator(".md-content a", has_text="feed.xml").click()
    assert "https://vusta.vn/nghi-quyet-45/van-ban/" in page.content()
    page.close()


def test_when_nothing_is_due_soon_the_home_page_says_what_comes_next(browser, server: str) -> None:
    """Built on 15/06/2024; on 01/09/2024 nothing falls due within 90 days: the next five are due on 31/12/2024."""
    import datetime as dt

    page = browser.new_page()
    page.clock.install(time=dt.datetime(2024, 9, 1, 9))
    page.goto(f"{server}/")
    soon = page.locator("[data-overview-list=due-soon]")
    assert soon.locator(".overview-list__empty").inner_text() == (
        "Không có nhiệm vụ nào đến hạn trong 90 ngày tới. Thời hạn gần nhất sau đó: ngày 31/12/2024."
    )
    shown = soon.locator("li[data-kind]:visible").all_inner_texts()
    assert len(shown) == 5 and all(item.startswith("Hạn 31/12/2024 · 20-KH/TW") for item in shown)
    page.clock.set_fixed_time(dt.datetime(2024, 10, 15, 9))
    page.reload()
    assert soon.locator(".overview-list__empty").is_hidden() and soon.locator("li[data-kind]:visible").count() == 5
    page.close()
