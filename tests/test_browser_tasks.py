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


def _script_statuses(page, days) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Each board row's task id with the status tasks.js gives it on each of `days`."""
    data = page.eval_on_selector_all(
        ".task-board tbody tr",
        "rows => rows.map(r => [r.querySelector('.task-meta').id.slice(3), Object.assign({}, r.querySelector('.status').dataset)])",
    )
    return page.evaluate(
        "([data, days]) => data.map(([id, d]) => [id, days.map(day => window.vnTasks.statusOf(window.vnTasks.factsOf(d, day)))])",
        [data, [day.isoformat() for day in days]],
    )


def _statuses(page) -> dict[str, str]:
    """Each board row's status as shown: the task id, without "nv-", and the status."""
    status = "r.querySelector('.status').className.slice('status status--'.length)"
    script = f"rows => Object.fromEntries(rows.map(r => [r.querySelector('.task-meta').id.slice(3), {status}]))"
    return page.eval_on_selector_all(".task-board tbody tr", script)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            "2023-12-20",
            {"20-kh-tw-iv-2-g1": "due", "20-kh-tw-iv-1-g1": "upcoming", "20-kh-tw-iv-3-g1": "answered", "20-kh-tw-iv-4-g2": "open"},
        ),
        ("2024-03-31", {"20-kh-tw-iv-2-g1": "due", "20-kh-tw-iv-1-g1": "started"}),
        ("2024-04-01", {"20-kh-tw-iv-2-g1": "overdue", "20-kh-tw-iv-1-g1": "started", "20-kh-tw-iv-3-g1": "answered"}),
    ],
)
def test_statuses_are_worked_out_on_the_readers_day(browser, server: str, day: str, expected: dict[str, str]) -> None:
    """The site was built as of 15/06/2024; a reader on another day sees the statuses of that day."""
    import datetime as dt

    page = browser.new_page()
    page.clock.install(time=dt.datetime.fromisoformat(f"{day}T09:00:00+07:00"))
    page.goto(f"{server}/nhiem-vu/")
    shown = _statuses(page)
    assert {task: shown[task] for task in expected} == expected
    if "overdue" in expected.values():
        assert page.locator(".task-board .status--overdue").first.inner_text() == "Quá hạn, chưa có văn bản trả lời"
    assert page.locator(".task-as-of").first.inner_text() == f"{day[8:]}/{day[5:7]}/{day[:4]} (hôm nay; trang dựng ngày 15/06/2024)"
    page.select_option("select[name=status]", "overdue")
    assert all(shown[row[3:]] == "overdue" for row in visible_rows(page))
    page.goto(f"{server}/van-ban/20-kh-tw/")
    badge = page.locator("#iv-2-g1 ~ .task-badge .status").first
    assert badge.get_attribute("class") == f"status status--{expected['20-kh-tw-iv-2-g1']}"
    page.close()


def test_the_script_applies_the_builds_rules_to_every_task_on_every_day(browser, server: str) -> None:
    """Python (the build) and tasks.js (the reader) give every task the same status on any day."""
    import datetime as dt

    from generator.corpus.load import load_corpus
    from generator.corpus.resolve import resolve
    from generator.corpus.tracking import status_of
    from tests.conftest import REPO

    site = resolve(load_corpus(REPO / "data", REPO))
    days = [dt.date(2023, 11, 1) + dt.timedelta(days=n) for n in range(0, 1150, 7)]
    page = browser.new_page()
    page.goto(f"{server}/nhiem-vu/")
    in_js = _script_statuses(page, days)
    by_id = {task.id: task for task in site.tasks}
    for task_id, statuses in in_js:
        task = by_id[task_id]
        assert statuses == [status_of(task, bool(site.answers_to.get(task_id)), day) for day in days], task_id
    assert len(in_js) == len(site.tasks)
    page.close()


def test_reports_count_on_the_readers_day_as_in_the_build(browser, tmp_path) -> None:
    """With reports, the script and the build agree on every task and day; a body's scorecard counts the day's statuses."""
    import datetime as dt

    from generator.commands.build import build, check
    from generator.corpus.tracking import site_status
    from tests.conftest import copy_project
    from tests.test_reports import FINISHED, IN_WORK, report

    project = copy_project(tmp_path)
    report(project, "a.yaml", IN_WORK)
    report(project, "b.yaml", FINISHED)
    build(project, as_of=dt.date(2024, 6, 15), pdfs=False)
    site = check(project)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 400, 5)]
    page = browser.new_page()
    page.goto((project.site_dir / "nhiem-vu" / "index.html").as_uri())
    in_js = _script_statuses(page, days)
    by_id = {t.id: t for t in site.tasks}
    for task_id, statuses in in_js:
        assert statuses == [site_status(site, by_id[task_id], day) for day in days], task_id
    page.close()
    page = browser.new_page()
    page.clock.install(time=dt.datetime(2024, 9, 1, 9))
    page.goto((project.site_dir / "co-quan" / "dang-doan-quoc-hoi" / "index.html").as_uri())
    number = "c.querySelector('.status-count__number').textContent"
    counts = page.eval_on_selector_all(
        "[data-scorecard] [data-status-count]", f"cards => cards.map(c => [c.dataset.statusCount, {number}])"
    )
    assert dict(counts)["done"] == "1" and page.locator(".status.status--done").count() == 1
    page.close()
    _new_pages_pass_axe_on_a_phone(browser, project.site_dir)


def _new_pages_pass_axe_on_a_phone(browser, site) -> None:  # type: ignore[no-untyped-def]
    """A body's page with its scorecard and reports, the home page's overview and the board, served."""
    from tests.conftest import serving
    from tests.test_browser import _overflow, _serious_violations

    with serving(site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            for path in ("co-quan/dang-doan-quoc-hoi/", "", "nhiem-vu/"):
                page.goto(f"{base}/{path}")
                assert _serious_violations(page) == [] and _overflow(page) <= 0, path
        finally:
            page.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_the_charts_labels_are_as_large_as_the_text(browser, server: str, width: int) -> None:
    """The chart never shrinks its labels below the body text's size: a phone gets a drawing of its own width."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/nhiem-vu/")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    heights = page.eval_on_selector_all(
        ".task-timeline__svg text", "labels => labels.filter(l => l.getClientRects().length).map(l => l.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= body
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    described = page.evaluate(
        "document.getElementById(document.querySelector('.task-timeline__svg').getAttribute('aria-describedby')).textContent"
    )
    assert "Bảng nhiệm vụ bên dưới ghi từng nhiệm vụ bằng chữ." in described
    page.close()


@pytest.mark.parametrize(("day", "colour"), [("2023-12-20", "due"), ("2024-04-01", "overdue")])
def test_the_charts_rows_take_the_status_of_the_readers_day(browser, server: str, day: str, colour: str) -> None:
    import datetime as dt

    page = browser.new_page()
    page.clock.install(time=dt.datetime.fromisoformat(f"{day}T09:00:00+07:00"))
    page.goto(f"{server}/nhiem-vu/")
    assert page.get_attribute(".task-timeline__svg circle[data-task='20-kh-tw-iv-2-g1']", "class") == f"dot {colour}"
    page.close()


def _overview_shown(page) -> tuple[dict[str, int], dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    """The home page's counts shown and, for each list, the sections its shown tasks link to."""
    counts = page.eval_on_selector_all(
        "[data-overview] [data-status-count]:not([hidden])",
        "cs => Object.fromEntries(cs.map(c => [c.dataset.statusCount, Number(c.querySelector('.status-count__number').textContent)]))",
    )
    lists = page.eval_on_selector_all(
        "[data-overview-list]",
        "ls => Object.fromEntries(ls.map(l => [l.dataset.overviewList,"
        " Array.from(l.querySelectorAll('li[data-kind]:not([hidden]) a')).map(a => a.getAttribute('href'))]))",
    )
    return counts, lists


@pytest.mark.parametrize("day", ["2024-06-15", "2024-07-01", "2024-10-02", "2024-12-31", "2025-01-01", "2025-06-15"])
def test_the_home_page_stands_as_of_the_readers_day(browser, server: str, built, day: str) -> None:  # type: ignore[no-untyped-def]
    """Within the year after the build (15/06/2024), the counts and both lists are those a build on the reader's day gives."""
    import datetime as dt

    from generator.commands.build import check
    from generator.pages.overview import Overviews
    from generator.pages.tasks import TaskViews

    site = check(built)
    overview = Overviews(TaskViews(site, dt.date.fromisoformat(day))).overview("index.md")
    expected_counts = {c.status: c.count for c in overview.counts if c.count}
    expected_lists = {
        "overdue": [_section_link(item.task.where_md) for item in overview.overdue if item.shown],
        "due-soon": [_section_link(item.task.where_md) for item in overview.due_soon if item.shown],
    }
    page = browser.new_page()
    page.clock.install(time=dt.datetime.fromisoformat(f"{day}T09:00:00+07:00"))
    page.goto(f"{server}/")
    counts, lists = _overview_shown(page)
    assert counts == expected_counts
    assert {name: shown for name, shown in lists.items()} == {name: expected_lists[name] for name in lists}
    assert sum(len(shown) for shown in lists.values()) > 0
    assert page.locator(".overview-stale").is_hidden()
    page.close()


def _section_link(where_md: str) -> str:
    """ "van-ban/20-kh-tw/#ii-1" from "[20-KH/TW](van-ban/20-kh-tw.md#ii-1), mục II.1"."""
    target = where_md.split("](", 1)[1].split(")", 1)[0]
    document, anchor = target.split("#")
    return f"{document.removesuffix('.md')}/#{anchor}"


def test_past_the_year_after_the_build_the_home_page_says_its_lists_are_old(browser, server: str, built) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from generator.commands.build import check
    from generator.corpus.tracking import site_status

    site = check(built)
    late = sum(site_status(site, task, dt.date(2026, 1, 10)) == "overdue" for task in site.tasks)
    assert late > sum(site_status(site, task, dt.date(2024, 6, 15)) == "overdue" for task in site.tasks)
    page = browser.new_page()
    page.clock.install(time=dt.datetime(2026, 1, 10, 9))
    page.goto(f"{server}/")
    assert page.locator(".overview-stale").is_visible()
    assert "tính đến ngày 15/06/2024, ngày trang được dựng" in page.locator(".overview-stale").inner_text()
    overdue = page.locator("[data-status-count=overdue] .status-count__number").inner_text()
    assert int(overdue) == late
    page.close()
