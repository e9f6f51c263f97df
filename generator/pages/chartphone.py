"""The deadline chart as a phone shows it: the same facts as the wide chart (pages/chart.py) in a drawing
340 units wide, so that nothing scrolls sideways and labels keep the body text's size. A row per task puts
its label above its line of time; a count per quarter becomes a bar per quarter, one under the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.corpus.resolve import Task
from generator.corpus.tracking import quarter_name, quarter_of
from generator.pages.chart import (
    ROWS_AT_MOST,
    STACKED,
    RowsChart,
    RowsLayout,
    column_label,
    coordinate,
    quarter_range,
    rows_chart,
    share_of_quarter,
)
from generator.pages.common import display_date, thousands

WIDTH = 340
SIDE = 8
TOP = 30
# A task's row, 48 high: its label on one line, its line of time under it; room on the right for the last
# month's label, which starts at its line.
PHONE_ROWS = RowsLayout(SIDE, WIDTH - 2 * SIDE - 62, WIDTH, TOP, 48, 18, 34, tracks=True)
# A quarter's row: its name, then its bar and count.
QUARTER_ROW = 34
NAME_WIDTH = 100
COUNT_WIDTH = 44


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


def phone_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> RowsChart | PhoneQuarters | None:
    """The phone's drawing of the chart the board shows: rows while there are at most ROWS_AT_MOST dated tasks."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    if not dated:
        return None
    return rows_chart(dated, statuses, as_of, PHONE_ROWS) if len(dated) <= ROWS_AT_MOST else phone_quarters(dated, statuses, as_of)


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
