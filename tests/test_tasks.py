"""Tasks: status as of a date, answers, and the CSV and JSON exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from generator.corpus.load import load_corpus
from generator.corpus.resolve import Site, resolve
from generator.corpus.tracking import ANSWERED, DUE, OPEN, OVERDUE, STARTED, UPCOMING
from generator.outputs.exports import tasks_csv, tasks_json
from generator.pages.tasks import TaskViews
from tests.conftest import AS_OF, REPO


@pytest.fixture(scope="module")
def site() -> Site:
    return resolve(load_corpus(REPO / "data", REPO))


def task(site: Site, task_id: str):
    return next(t for t in site.tasks if t.id == task_id)


def test_tasks_of_section_iv_have_bodies_and_deadlines(site: Site) -> None:
    iv = [t for t in site.tasks if t.document.id == "20-kh-tw" and t.section.id.startswith("iv-")]
    assert len(iv) == 20
    assert {b.id for t in iv for b in t.bodies} >= {
        "dang-doan-quoc-hoi",
        "ban-can-su-dang-chinh-phu",
        "lhhvn",
        "hoc-vien-ctqg-hcm",
        "tinh-uy-thanh-uy",
    }
    assert task(site, "20-kh-tw-iv-2-g1").deadline.date == dt.date(2024, 3, 31)
    assert task(site, "20-kh-tw-iv-4-g2").deadline is None


def test_the_programme_answers_the_tasks_given_to_vusta(site: Site) -> None:
    answered = sorted(t.id for t in site.tasks if site.answers_to.get(t.id))
    assert answered == ["20-kh-tw-iv-3-g1", "20-kh-tw-iv-3-g2"]
    assert {a.document.id for a in site.answers_to["20-kh-tw-iv-3-g1"]} == {"287-ctr-ddlhhvn"}
    assert "lhhvn" in {b.id for b in task(site, "20-kh-tw-iv-3-g1").bodies}


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (dt.date(2024, 3, 31), DUE),
        (dt.date(2024, 4, 1), OVERDUE),
    ],
)
def test_status_turns_overdue_the_day_after_the_deadline(site: Site, as_of: dt.date, expected: str) -> None:
    assert TaskViews(site, as_of).status(task(site, "20-kh-tw-iv-2-g1")) == expected


def test_answered_and_undated_tasks(site: Site) -> None:
    views = TaskViews(site, dt.date(2030, 1, 1))
    assert views.status(task(site, "20-kh-tw-iv-3-g1")) == ANSWERED
    assert views.status(task(site, "20-kh-tw-iv-4-g2")) == OPEN


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(dt.date(2023, 12, 31), UPCOMING), (dt.date(2024, 1, 1), STARTED), (dt.date(2030, 1, 1), STARTED)],
)
def test_a_start_from_task_starts_and_is_never_overdue(site: Site, as_of: dt.date, expected: str) -> None:
    """ "thực hiện từ tháng 01/2024": not yet begun before, to be under way from that day; never "quá hạn"."""
    assert TaskViews(site, as_of).status(task(site, "20-kh-tw-iv-1-g1")) == expected


def test_the_first_kind_of_a_deadline_decides() -> None:
    """ "hoàn thành trong tháng 12/2023 và chỉ đạo thực hiện thường xuyên" is overdue once December has passed."""
    from generator.corpus.deadlines import parse_deadline
    from generator.corpus.tracking import RECURRING, apply_rules

    known = {
        "reported": "",
        "answered": False,
        "kind": parse_deadline("thực hiện thường xuyên").kinds[0],
        "passed": False,
        "reached": False,
    }
    assert apply_rules(known) == RECURRING
    assert apply_rules(known | {"kind": "complete_by", "passed": True, "reached": True}) == OVERDUE
    assert apply_rules(known | {"answered": True, "kind": "complete_by", "passed": True}) == ANSWERED


def test_every_task_has_a_status_on_any_day(site: Site) -> None:
    from generator.corpus.tracking import STATUS_LABELS

    for day in range(0, 1200, 30):
        views = TaskViews(site, dt.date(2023, 11, 1) + dt.timedelta(days=day))
        assert {views.status(t) for t in site.tasks} <= STATUS_LABELS.keys()


def test_csv_export(site: Site) -> None:
    data = tasks_csv(site, AS_OF)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã",
        "Văn bản",
        "Mục",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Loại thời hạn",
        "Thời hạn",
        "Ngày hạn hoặc ngày bắt đầu",
        "Thời hạn theo văn bản",
        "Trạng thái",
        "Văn bản trả lời",
        "Báo cáo gần nhất",
        "Tính đến ngày",
    ]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["20-kh-tw-iv-2-g1"][1:3] == ["20-KH/TW", "IV.2, ý 1"]
    timing = ["hoàn thành", "Hạn 31/03/2024", "2024-03-31", "hoàn thành trong quý I/2024", "Quá hạn, chưa có văn bản trả lời"]
    assert by_id["20-kh-tw-iv-2-g1"][5:10] == timing
    assert by_id["20-kh-tw-iv-1-g1"][6] == "Thực hiện từ 01/01/2024"  # a start date is not a deadline
    assert by_id["20-kh-tw-iv-3-g1"][10] == "287-CTr/ĐĐLHHVN"
    assert len(rows) == len(site.tasks) + 1


def test_json_export(site: Site) -> None:
    data = json.loads(tasks_json(site, AS_OF))
    assert data["as_of"] == "2024-06-15"
    first = data["tasks"][0]
    assert first["id"] == "20-kh-tw-ii-1"
    assert first["deadline_kinds"] == ["complete_by"] and first["deadline_date"] == "2023-12-31"
