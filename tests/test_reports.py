"""Progress reports: read from data/reports/, checked, shown on the board, document and body pages, exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from generator.cli.main import main
from generator.commands.build import Project, check, generate
from generator.corpus.tracking import DONE, IN_PROGRESS, OVERDUE, STARTED, site_status

AS_OF = dt.date(2024, 9, 1)


def report(project: Project, name: str, text: str) -> None:
    folder = project.data_dir / "reports"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


IN_WORK = """body: ban-can-su-dang-chinh-phu
task: 20-KH/TW#iv-2
date: 2024-04-15
status: Đang thực hiện
summary: Đã trình dự thảo Chiến lược quốc gia về phát triển đội ngũ trí thức.
link: https://example.vn/bao-cao/2024-04
"""
FINISHED = """body: dang-doan-quoc-hoi
task: 20-KH/TW#iv-1-g1
date: 2024-08-20
status: Đã hoàn thành
summary: Đã ban hành kế hoạch giám sát.
document: 45-NQ/TW
"""


@pytest.fixture
def reported(project: Project) -> Project:
    report(project, "2024-04-15-chinh-phu.yaml", IN_WORK)
    report(project, "2024-08-20-quoc-hoi.yaml", FINISHED)
    return project


def task(site, task_id: str):  # type: ignore[no-untyped-def]
    return next(t for t in site.tasks if t.id == task_id)


def test_a_report_speaks_of_every_task_of_its_section_given_to_its_body(reported: Project) -> None:
    site = check(reported)
    assert [r.id for r in site.reports_on["20-kh-tw-iv-2-g2"]] == ["2024-04-15-chinh-phu"]
    assert "20-kh-tw-iv-1-g2" not in site.reports_on  # given to the same body, but not in the section reported on
    assert [r.status for r in site.reports_on["20-kh-tw-iv-1-g1"]] == ["done"]


def test_statuses_follow_the_latest_report_up_to_the_day(reported: Project) -> None:
    site = check(reported)
    assert site_status(site, task(site, "20-kh-tw-iv-2-g2"), dt.date(2024, 4, 14)) == STARTED  # before the report
    assert site_status(site, task(site, "20-kh-tw-iv-2-g2"), AS_OF) == IN_PROGRESS
    assert site_status(site, task(site, "20-kh-tw-iv-2-g1"), AS_OF) == OVERDUE  # due 31/03/2024: a report "under way" is still late
    assert site_status(site, task(site, "20-kh-tw-iv-1-g1"), AS_OF) == DONE


def test_pages_show_the_latest_report_and_a_bodys_history_and_scorecard(reported: Project) -> None:
    _, files = generate(reported, AS_OF, pdfs=False)
    board = files["nhiem-vu/index.md"].decode("utf-8")
    assert (
        'data-reports="2024-04-15:in_progress">Đang thực hiện (theo báo cáo)</span><br><span class="task-report">Báo cáo 15/04/2024: '
        in board
    )
    assert '(<a href="https://example.vn/bao-cao/2024-04">chi tiết</a>)' in board
    body = files["co-quan/dang-doan-quoc-hoi.md"].decode("utf-8")
    counted = '<p class="status-count status--done" data-status-count="done" markdown><span class="status-count__number">1</span>'
    assert counted + " Đã hoàn thành (theo báo cáo)</p>" in body
    assert "## Báo cáo tiến độ {: #bao-cao-tien-do }" in body
    line = "- 20/08/2024 · [20-KH/TW, mục IV.1, ý 1](../van-ban/20-kh-tw.md#iv-1-g1) · **Đã hoàn thành**: "
    assert line + "Đã ban hành kế hoạch giám sát. ([45-NQ/TW]" in body
    document = files["van-ban/20-kh-tw.md"].decode("utf-8")
    assert "Đã hoàn thành (theo báo cáo)" in document


SHARED = """body: bcsd-bo-khcn
task: 20-KH/TW#iv-6-g1
date: 2024-08-01
status: Đã hoàn thành
summary: Đã xây dựng kế hoạch phát triển đội ngũ trí thức của ngành.
"""


def test_a_bodys_page_counts_only_its_own_reports_on_a_shared_task(project: Project) -> None:
    """Eight ministries share IV.6, ý 1; one reports it done: the board says done, the others' pages do not."""
    report(project, "khcn.yaml", SHARED)
    _, files = generate(project, AS_OF, pdfs=False)
    board = files["nhiem-vu/index.md"].decode("utf-8")
    row = next(line for line in board.splitlines() if 'id="nv-20-kh-tw-iv-6-g1"' in line)
    assert "Đã hoàn thành (theo báo cáo)" in row
    own = files["co-quan/bcsd-bo-khcn.md"].decode("utf-8")
    other = files["co-quan/bcsd-bo-noi-vu.md"].decode("utf-8")
    assert 'data-status-count="done" markdown><span class="status-count__number">1</span>' in own
    assert 'data-status-count="done" hidden markdown><span class="status-count__number">0</span>' in other
    assert 'data-status-count="due" markdown><span class="status-count__number">1</span>' in other  # due by 31/12/2024
    assert "2024-08-01:done" not in other  # the reader's script works the status out from the body's own reports


def test_exports_carry_the_reports(reported: Project) -> None:
    _, files = generate(reported, AS_OF, pdfs=False)
    tasks = {t["id"]: t for t in json.loads(files["nhiem-vu/nhiem-vu.json"])["tasks"]}
    assert tasks["20-kh-tw-iv-1-g1"]["reports"] == [
        {
            "date": "2024-08-20",
            "body_id": "dang-doan-quoc-hoi",
            "body": "Đảng đoàn Quốc hội",
            "status": "done",
            "summary": "Đã ban hành kế hoạch giám sát.",
            "link": None,
            "document": "45-NQ/TW",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(files["nhiem-vu/nhiem-vu.csv"].decode("utf-8-sig"))))
    latest = {row["Mã"]: row["Báo cáo gần nhất"] for row in rows}
    assert latest["20-kh-tw-iv-1-g1"] == "2024-08-20 Đảng đoàn Quốc hội: Đã hoàn thành — Đã ban hành kế hoạch giám sát."
    assert latest["20-kh-tw-ii-1"] == ""


@pytest.mark.parametrize(
    ("change", "said", "field"),
    [
        (("body: ban-can-su-dang-chinh-phu", "body: khong-co"), 'cơ quan "khong-co" không có trong data/bodies.yaml', "body"),
        (("body: ban-can-su-dang-chinh-phu", "body: lhhvn"), 'không giao nhiệm vụ nào cho cơ quan "lhhvn"', "task"),
        (("task: 20-KH/TW#iv-2", "task: 20-KH/TW#iv-99"), 'văn bản 20-KH/TW không có mục "iv-99"', "task"),
        (("task: 20-KH/TW#iv-2", "task: 99-KH/TW"), 'không có văn bản nào mang số hiệu "99-KH/TW"', "task"),
        (
            ("status: Đang thực hiện", "status: Sắp xong"),
            'giá trị "Sắp xong" không hợp lệ; cần một trong: "Chưa bắt đầu", "Đang thực hiện"',
            "status",
        ),
        (("date: 2024-04-15", "date: 2024-13-15"), "ngày không hợp lệ", "date"),
        (("link: https://example.vn/bao-cao/2024-04", "link: javascript:alert(1)"), "chỉ nhận địa chỉ bắt đầu bằng https://", "link"),
    ],
)
def test_a_wrong_report_is_a_message(
    project: Project, capsys: pytest.CaptureFixture[str], change: tuple[str, str], said: str, field: str
) -> None:
    report(project, "x.yaml", IN_WORK.replace(*change))
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert said in err and 'File "data/reports/x.yaml", dòng' in err and f"trường {field}" in err


def test_the_home_page_shows_where_the_programme_stands(reported: Project) -> None:
    _, files = generate(reported, AS_OF, pdfs=False)
    home = files["index.md"].decode("utf-8")
    assert "## Tình hình thực hiện {: #tinh-hinh-thuc-hien }" in home
    assert (
        'Trạng thái của 26 nhiệm vụ mà các văn bản giao, tính đến ngày <span class="task-as-of" data-date="2024-09-01">01/09/2024</span>:'
        in home
    )
    assert '<span class="status-count__number">1</span> [Đã hoàn thành (theo báo cáo)](nhiem-vu/index.md?status=done#loc-done)' in home
    assert '<p class="status-count status--upcoming" data-status-count="upcoming" hidden markdown>' in home
    assert "### Quá hạn {: #qua-han }" in home
    due_soon = home.split("{: #sap-den-han }", 1)[1].split("###", 1)[0]
    # Nothing is due within 90 days: the list says so, and shows what comes next, the five due by 31/12/2024.
    assert due_soon.count("<li data-kind=") == 5 and " hidden markdown=" not in due_soon
    nothing = "Không có nhiệm vụ nào đến hạn trong 90 ngày tới."
    next_date = '<span class="overview-list__next"> Thời hạn gần nhất sau đó: ngày <span class="overview-list__next-date">31/12/2024'
    assert nothing + next_date in due_soon
    assert "- 20/08/2024 · [Đảng đoàn Quốc hội](co-quan/dang-doan-quoc-hoi.md) · [20-KH/TW, mục IV.1, ý 1]" in home
    assert "## Văn bản mới {: #van-ban-moi }" in home
    _, files = generate(reported, dt.date(2024, 10, 15), pdfs=False)
    due_soon = files["index.md"].decode("utf-8").split("{: #sap-den-han }", 1)[1].split("###", 1)[0]
    assert due_soon.count("<li data-kind=") == 5 and " hidden markdown=" not in due_soon  # the five due by the end of 2024, 77 days on
    assert '<li class="overview-list__empty" hidden>' in due_soon and '<span class="overview-list__next" hidden>' in due_soon


def test_the_tasks_export_follows_its_published_schema(reported: Project) -> None:
    import jsonschema

    _, files = generate(reported, AS_OF, pdfs=False)
    schema = json.loads(files["nhiem-vu/nhiem-vu.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(files["nhiem-vu/nhiem-vu.json"])
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert {t["status"] for t in data["tasks"]} >= {"done", "in_progress", "overdue"}


def test_a_reports_words_are_text_wherever_they_land(project: Project) -> None:
    hostile = '<img src=x onerror="alert(1)"> [x](javascript:alert(2)) =cmd'
    report(project, "x.yaml", IN_WORK.replace("Đã trình dự thảo Chiến lược quốc gia về phát triển đội ngũ trí thức.", f"'{hostile}'"))
    _, files = generate(project, AS_OF, pdfs=False)
    for page in ("nhiem-vu/index.md", "co-quan/ban-can-su-dang-chinh-phu.md", "van-ban/20-kh-tw.md"):
        text = files[page].decode("utf-8")
        assert '&lt;img src=x onerror="alert(1)"&gt; \\[x\\](javascript:alert(2)) =cmd' in text and "<img" not in text, page
    rows = list(csv.DictReader(io.StringIO(files["nhiem-vu/nhiem-vu.csv"].decode("utf-8-sig"))))
    assert all(not row["Báo cáo gần nhất"].startswith(("=", "+", "-", "@")) for row in rows)
    assert json.loads(files["nhiem-vu/nhiem-vu.json"])["tasks"][5]["reports"][0]["summary"] == hostile


@pytest.mark.parametrize("shown", [1, 2, 10])
def test_the_home_pages_lists_hold_every_task_they_can_show_within_the_year(reported: Project, shown: int) -> None:
    """Picking, as the reader's script does, among the tasks the build listed gives on every day of the year
    after the build the lists a build on that day would show."""
    from generator.commands.build import check
    from generator.corpus.tracking import DUE_SOON_DAYS, site_status
    from generator.pages.overview import Overviews
    from generator.pages.tasks import TaskViews

    site = check(reported)
    built = Overviews(TaskViews(site, AS_OF)).overview("index.md", shown)
    for offset in range(0, 367):
        day = AS_OF + dt.timedelta(days=offset)
        last = (day + dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
        late = [i.task.anchor for i in built.overdue if today_status(site, i.task.anchor, day) == "overdue"][:shown]
        soon = [
            i.task.anchor
            for i in built.due_soon
            if today_status(site, i.task.anchor, day) in ("due", "upcoming") and day.isoformat() <= i.task.date <= last
        ][:shown]
        due = [t for t in site.tasks if site_status(site, t, day) in ("due", "upcoming") and day <= t.deadline.date <= last_day(day)]
        if not soon:  # nothing due within DUE_SOON_DAYS: the script shows the next date's tasks
            later = [i.task for i in built.due_soon if today_status(site, i.task.anchor, day) in ("due", "upcoming") and i.task.date > last]
            soon = [t.anchor for t in later if t.date == later[0].date][:shown] if later else []
            after = [t for t in site.tasks if site_status(site, t, day) in ("due", "upcoming") and t.deadline.date > last_day(day)]
            after.sort(key=lambda t: t.deadline.date)
            due = [t for t in after if t.deadline.date == after[0].deadline.date] if after else []
        assert late == [f"nv-{t.id}" for t in site.tasks if site_status(site, t, day) == "overdue"][:shown], day
        assert soon == [f"nv-{t.id}" for t in sorted(due, key=lambda t: t.deadline.date)][:shown], day


def last_day(day: dt.date) -> dt.date:
    from generator.corpus.tracking import DUE_SOON_DAYS

    return day + dt.timedelta(days=DUE_SOON_DAYS)


def today_status(site: object, anchor: str, day: dt.date) -> str:
    from generator.corpus.tracking import site_status

    task = next(t for t in site.tasks if f"nv-{t.id}" == anchor)  # type: ignore[attr-defined]
    return site_status(site, task, day)  # type: ignore[arg-type]
