"""The deadline chart as a phone shows it: the same facts as the wide chart (pages/chart.py) in a drawing
340 units wide, so that nothing scrolls sideways and labels keep the body text's size. A row per task puts
its label above its line of time; a count per quarter becomes a bar per quarter, one under the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.corpus.deadlines import START_FROM
from generator.corpus.resolve import Task
from generator.corpus.tracking import quarter_name, quarter_of
from generator.pages.chart import (
    ROWS_AT_MOST,
    STACKED,
    Bar,
    Month,
    TaskRow,
    column_label,
    coordinate,
    labelled_months,
    month_starts,
    quarter_range,
    share_of_quarter,
)
from generator.pages.common import display_date, section_label, thousands

WIDTH = 340
# A task's row: its label on one line, its line of time under it.
ROW = 48
TOP = 30
SIDE = 8
# A quarter's row: its name, then its bar and count.
QUARTER_ROW = 34
NAME_WIDTH = 100
COUNT_WIDTH = 44


@dataclass(frozen=True)
class PhoneRows:
    """A row per dated task, its label above its line."""

    width: int
    height: int
    title: str
    grid_top: int
    grid_bottom: int
    axis_y: int
    months: list[Month]
    today_x: str
    rows: list[TaskRow]
    tracks: list[str]  # the y of each row's line of time


@dataclass(frozen=True)
class QuarterBar:
    """One status's part of a quarter's bar."""

    status: str
    x: str
    width: str


@dataclass(frozen=True)
class QuarterRow:
    """A quarter: its name, its bar (a link to the board filtered to it) and its count."""

    quarter: str
    name: str
    label: str
    name_y: str
    bar_y: str
    parts: list[QuarterBar]
    count: str
    count_x: str


@dataclass(frozen=True)
class PhoneQuarters:
    """A bar per quarter, one under the other, stacked by status from left to right."""

    width: int
    height: int
    title: str
    bar_x: int
    baseline_top: int
    rows: list[QuarterRow]
    today_y: str


def phone_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> PhoneRows | PhoneQuarters | None:
    """The phone's drawing of the chart the board shows: rows while there are at most ROWS_AT_MOST dated tasks."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    if not dated:
        return None
    return phone_rows(dated, statuses, as_of) if len(dated) <= ROWS_AT_MOST else phone_quarters(dated, statuses, as_of)


def phone_rows(dated: list[Task], statuses: dict[str, str], as_of: dt.date) -> PhoneRows:
    dates = [t.deadline.date for t in dated if t.deadline and t.deadline.date] + [as_of]
    first = dt.date(min(dates).year, min(dates).month, 1)
    last_month = max(dates)
    last = dt.date(last_month.year + (last_month.month == 12), last_month.month % 12 + 1, 1)
    span = (last - first).days or 1
    # The last month's label starts at its line: keep room for it on the right.
    inner = WIDTH - 2 * SIDE - 62

    def x(date: dt.date) -> float:
        return SIDE + inner * (date - first).days / span

    months = month_starts(first, last)
    labelled = labelled_months(months, x)
    rows, tracks = [], []
    for index, task in enumerate(dated):
        assert task.deadline and task.deadline.date
        top = TOP + ROW * index
        y = top + 34
        at = x(task.deadline.date)
        starts = task.deadline.kinds[0] == START_FROM or len(task.deadline.kinds) > 1
        label = f"{task.document.number} {section_label(task.section, task.ancestors)}"
        bar = Bar(coordinate(at), coordinate(y - 3), coordinate(max(x(last) - at, 2))) if starts else None
        rows.append(
            TaskRow(task.id, label, task.deadline.wording, statuses[task.id], coordinate(top + 18), coordinate(at), coordinate(y), bar)
        )
        tracks.append(coordinate(y))
    height = TOP + ROW * len(dated) + 6
    return PhoneRows(
        width=WIDTH,
        height=height,
        title=f"Thời hạn của {len(dated)} nhiệm vụ, tính đến ngày {display_date(as_of)}",
        grid_top=TOP - 6,
        grid_bottom=height - 4,
        axis_y=TOP - 12,
        months=[Month(coordinate(x(m)), coordinate(x(m) + 2), f"{m.month:02d}/{m.year}" if m in labelled else "") for m in months],
        today_x=coordinate(x(as_of)),
        rows=rows,
        tracks=tracks,
    )


def phone_quarters(dated: list[Task], statuses: dict[str, str], as_of: dt.date) -> PhoneQuarters:
    counts: dict[str, dict[str, int]] = {}
    for task in dated:
        due = task.deadline.due if task.deadline else None
        if due is not None:
            counts.setdefault(quarter_of(due), dict.fromkeys(STACKED, 0))[statuses[task.id]] += 1
    now = quarter_of(as_of)
    quarters = quarter_range(min(min(counts, default=now), now), max(max(counts, default=now), now))
    tallest = max((sum(c.values()) for c in counts.values()), default=1)
    room = WIDTH - NAME_WIDTH - COUNT_WIDTH
    rows = []
    for index, quarter in enumerate(quarters):
        column = counts.get(quarter)
        top = TOP + QUARTER_ROW * index
        parts, left = [], float(NAME_WIDTH)
        for status in STACKED if column else ():
            assert column is not None
            width = room * column[status] / tallest
            if width:
                parts.append(QuarterBar(status, coordinate(left), coordinate(width)))
                left += width
        name, year = quarter_name(quarter)
        rows.append(
            QuarterRow(
                quarter=quarter,
                name=f"{name}/{year}",
                label=column_label(quarter, column) if column else "",
                name_y=coordinate(top + 21),
                bar_y=coordinate(top + 7),
                parts=parts,
                count=thousands(sum(column.values())) if column else "",
                count_x=coordinate(left + 4),
            )
        )
    today = TOP + QUARTER_ROW * (quarters.index(now) + share_of_quarter(as_of))
    total = sum(sum(c.values()) for c in counts.values())
    return PhoneQuarters(
        width=WIDTH,
        height=TOP + QUARTER_ROW * len(quarters) + 6,
        title=f"Số nhiệm vụ đến hạn theo quý: {thousands(total)} nhiệm vụ, tính đến ngày {display_date(as_of)}",
        bar_x=NAME_WIDTH,
        baseline_top=TOP - 8,
        rows=rows,
        today_y=coordinate(today),
    )
