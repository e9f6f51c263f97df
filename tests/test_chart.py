"""The deadline chart: a row per task with month labels that never overlap, or a column per quarter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

import pytest

from generator.corpus.deadlines import COMPLETE_BY, START_FROM, Deadline
from generator.corpus.load import load_corpus
from generator.corpus.resolve import resolve
from generator.corpus.tracking import ANSWERED, DUE, OVERDUE
from generator.pages.chart import (
    AXIS_WIDTH,
    BAR_HEIGHT,
    LABEL_GAP,
    QUARTERS_WIDTH,
    ROWS_AT_MOST,
    Chart,
    deadline_chart,
    labelled_months,
    month_starts,
    quarter_range,
    rows_chart,
)
from generator.pages.render import chart_svg
from generator.pages.tasks import TaskViews
from tests.conftest import AS_OF, REPO

# "12/2023" in the 16px axis font is about 62 units wide.
LABEL_WIDTH = 62


def axis_labels(svg: str) -> list[tuple[float, str]]:
    return [(float(x), text) for x, text in re.findall(r'<text class="axis" x="([\d.]+)"[^>]*>([^<]+)</text>', svg)]


def test_the_real_chart_names_the_first_month_then_quarters_without_overlap() -> None:
    site = resolve(load_corpus(REPO / "data", REPO))
    tasks = TaskViews(site, AS_OF)
    labels = axis_labels(chart_svg(Chart(rows_chart(site.tasks, {t.id: tasks.status(t) for t in site.tasks}, AS_OF), False)))
    names = [text for _, text in labels]
    assert names[0] == "12/2023" and "01/2024" not in names  # it was drawn over "12/2023"
    assert all(text.split("/")[0] in ("01", "04", "07", "10") for text in names[1:])
    assert all(b - a >= LABEL_WIDTH for (a, _), (b, _) in itertools.pairwise(labels))


@pytest.mark.parametrize(
    ("first", "last", "width", "months_labelled"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 5, 1), 420, {1, 2, 3, 4, 5}),  # room for every month
        (dt.date(2024, 1, 1), dt.date(2025, 1, 1), 420, {1, 4, 7, 10}),  # quarters
        (dt.date(2023, 12, 1), dt.date(2026, 1, 1), 420, {1, 7, 12}),  # half years
        (dt.date(2023, 11, 1), dt.date(2031, 1, 1), 420, {1, 11}),  # years
    ],
)
def test_labels_fall_on_the_first_month_and_then_every_nth(first: dt.date, last: dt.date, width: int, months_labelled: set[int]) -> None:
    months = month_starts(first, last)
    span = (last - first).days

    def x(date: dt.date) -> float:
        return width * (date - first).days / span

    labelled = sorted(labelled_months(months, x))
    assert labelled[0] == first and {m.month for m in labelled} == months_labelled
    assert all(x(b) - x(a) >= LABEL_GAP for a, b in itertools.pairwise(labelled))


def many_tasks(count: int) -> tuple[list, dict[str, str]]:
    """`count` copies of a real task, due in turn at the end of 2024's quarters (one in five only
    starting then), with statuses answered, overdue and due in turn."""
    site = resolve(load_corpus(REPO / "data", REPO))
    model = next(t for t in site.tasks if t.deadline and t.deadline.due)
    ends = [dt.date(2024, 3, 31), dt.date(2024, 6, 30), dt.date(2024, 9, 30), dt.date(2024, 12, 31)]
    tasks, statuses = [], {}
    for index in range(count):
        kinds = (START_FROM,) if index % 5 == 0 else (COMPLETE_BY,)
        deadline = Deadline(kinds, "quarter", ends[index % 4], "hoàn thành trong quý")
        task = dataclasses.replace(model, id=f"t{index}", deadline=deadline)
        tasks.append(task)
        statuses[task.id] = (ANSWERED, OVERDUE, DUE)[index % 3]
    return tasks, statuses


def columns(svg: str) -> dict[str, str]:
    return dict(re.findall(r'<a href="\?quarter=([\d]{4}-Q\d)#loc-\d{4}-q\d" aria-label="([^"]+)">', svg))


COUNTS = "Có văn bản trả lời: 100; Quá hạn, chưa có văn bản trả lời: 100; Còn hạn, chưa có văn bản trả lời: 100"


def test_a_few_dozen_tasks_get_a_row_each() -> None:
    tasks, statuses = many_tasks(ROWS_AT_MOST)
    chart = deadline_chart(tasks, statuses, AS_OF)
    assert not chart.by_quarter
    assert chart_svg(chart).count('<circle class="dot') == ROWS_AT_MOST


def test_many_tasks_are_counted_per_quarter_by_status_with_links_to_the_board() -> None:
    tasks, statuses = many_tasks(1200)
    chart = deadline_chart(tasks, statuses, dt.date(2024, 5, 16))
    assert chart.by_quarter
    assert columns(chart_svg(chart)) == {
        f"2024-Q{n}": f"Quý {roman}/2024: 300 nhiệm vụ ({COUNTS})" for n, roman in enumerate(("I", "II", "III", "IV"), start=1)
    }
    assert "Số nhiệm vụ đến hạn theo quý: 1.200 nhiệm vụ, tính đến ngày 16/05/2024" in chart_svg(chart)
    assert len(chart_svg(chart)) < 10_000  # the chart no longer grows with the number of tasks
    # The as-of line stands about half way into the second quarter.
    width = (QUARTERS_WIDTH - AXIS_WIDTH - 10) / 4
    today = float(re.search(r'<line class="today" x1="([\d.]+)"', chart_svg(chart)).group(1))
    assert AXIS_WIDTH + 1.4 * width < today < AXIS_WIDTH + 1.6 * width


def test_columns_are_as_tall_as_their_counts_and_quarters_without_tasks_stay_empty() -> None:
    tasks, statuses = many_tasks(60)
    tasks = [t for t in tasks if t.deadline.date.month != 6]  # nothing due in the second quarter
    chart = deadline_chart(tasks, statuses, dt.date(2025, 2, 1))
    assert list(columns(chart_svg(chart))) == ["2024-Q1", "2024-Q3", "2024-Q4"]
    heights = [sum(float(h) for h in re.findall(r'height="([\d.]+)"', column)) for column in chart_svg(chart).split("<a ")[1:]]
    assert heights == [pytest.approx(BAR_HEIGHT, abs=0.2)] * 3  # 15 tasks each, the tallest column (segments rounded)
    # The axis runs to the as-of date's quarter, 2025-Q1, and names every quarter.
    assert re.findall(r">(Quý [IV]+)</text><text[^>]*>(\d{4})<", chart_svg(chart)) == [
        ("Quý I", "2024"),
        ("Quý II", "2024"),
        ("Quý III", "2024"),
        ("Quý IV", "2024"),
        ("Quý I", "2025"),
    ]


def test_quarter_range_crosses_years() -> None:
    assert quarter_range("2023-Q3", "2024-Q2") == ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]


def test_the_phone_drawing_fits_a_phone_and_shows_the_same_tasks_and_today() -> None:
    from generator.pages.chartphone import WIDTH, phone_chart
    from generator.pages.render import phone_chart_svg

    site = resolve(load_corpus(REPO / "data", REPO))
    tasks = TaskViews(site, AS_OF)
    statuses = {t.id: tasks.status(t) for t in site.tasks}
    wide, phone = chart_svg(deadline_chart(site.tasks, statuses, AS_OF)), phone_chart_svg(phone_chart(site.tasks, statuses, AS_OF))
    assert WIDTH <= 358  # the text's width on a 390-pixel phone
    assert f'width="{WIDTH}"' in phone
    dots = re.compile(r'<circle class="dot (\w+)" data-task="([^"]+)"')
    assert dots.findall(phone) == dots.findall(wide)  # every dated task, in the same order and colour
    today = float(re.search(r'<line class="today" x1="([\d.]+)"', phone).group(1))
    assert 0 < today < WIDTH
    assert all(0 <= x <= WIDTH for x, _ in axis_labels(phone))


def test_the_phone_drawing_of_many_tasks_has_a_bar_per_quarter() -> None:
    from generator.pages.chartphone import WIDTH, phone_chart
    from generator.pages.render import phone_chart_svg

    tasks, statuses = many_tasks(1200)
    phone = phone_chart_svg(phone_chart(tasks, statuses, dt.date(2024, 5, 16)))
    assert columns(phone) == columns(chart_svg(deadline_chart(tasks, statuses, dt.date(2024, 5, 16))))
    widths = [
        sum(float(w) for w in re.findall(r'<rect class="column \w+" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', row))
        for row in phone.split("<a ")[1:]
    ]
    assert widths == [pytest.approx(widths[0], abs=0.3)] * 4 and max(widths) < WIDTH
    today = float(re.search(r'<line class="today" x1="0" y1="([\d.]+)"', phone).group(1))
    assert 30 + 34 * 1.4 < today < 30 + 34 * 1.6  # about half way into the second quarter's row
