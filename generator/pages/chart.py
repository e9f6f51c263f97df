"""The chart of task deadlines, drawn at build time as inline SVG: a row per task while there are
few, a column per quarter once there are many."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable
from html import escape

from generator.corpus.deadlines import START_FROM
from generator.corpus.resolve import Task
from generator.pages.tasks import ANSWERED, DUE, OVERDUE, quarter_name, quarter_of
from generator.pages.views import display_date, section_label, thousands

ROW = 22
LABEL_WIDTH = 150
CHART_WIDTH = 560
TOP = 34
# Month labels ("12/2023", 11px text) are about 43 units wide: keep their starts further apart.
LABEL_GAP = 50
# Label every Nth month, the first N that leaves room: months, quarters, half years, years.
LABEL_STEPS = (1, 3, 6, 12, 24, 60)
# A row per task reads well for a few dozen tasks; a national corpus has thousands (2,000 rows
# would make the chart 44,000 units tall), so beyond this many it counts tasks per quarter.
ROWS_AT_MOST = 40

# The chart of quarters: its columns stand on BASELINE, the tallest BAR_HEIGHT high.
QUARTERS_WIDTH = 760
AXIS_WIDTH = 40
BAR_TOP = 24
BAR_HEIGHT = 180
BASELINE = BAR_TOP + BAR_HEIGHT
# "Quý III" in the 11px axis font is about 38 units wide.
QUARTER_LABEL_GAP = 46
QUARTER_LABEL_STEPS = (1, 2, 4, 8, 20)
# Bottom to top, as the caption names them.
STACKED = ((ANSWERED, "đã có văn bản trả lời"), (OVERDUE, "quá hạn"), (DUE, "còn hạn"))


@dataclass(frozen=True)
class Chart:
    """The SVG, and whether it counts tasks per quarter (the page's caption says how to read it)."""

    svg: str
    by_quarter: bool


def deadline_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> Chart:
    """A row per dated task when there are at most ROWS_AT_MOST of them, else a column per quarter."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    if len(dated) <= ROWS_AT_MOST:
        return Chart(timeline_svg(tasks, statuses, as_of), by_quarter=False)
    return Chart(quarters_svg(tasks, statuses, as_of), by_quarter=True)


def timeline_svg(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> str:
    """Return an SVG with a row per dated task: a dot at its deadline, a bar onward for "start from"."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    if not dated:
        return ""
    dates = [t.deadline.date for t in dated if t.deadline and t.deadline.date] + [as_of]
    first = dt.date(min(dates).year, min(dates).month, 1)
    last_month = max(dates)
    last = dt.date(last_month.year + (last_month.month == 12), last_month.month % 12 + 1, 1)
    span = (last - first).days or 1

    def x(date: dt.date) -> float:
        return LABEL_WIDTH + CHART_WIDTH * (date - first).days / span

    height = TOP + ROW * len(dated) + 10
    parts = [
        f'<svg class="task-timeline__svg" viewBox="0 0 {LABEL_WIDTH + CHART_WIDTH + 50} {height}" role="group" aria-labelledby="task-timeline-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="task-timeline-title">Thời hạn của {len(dated)} nhiệm vụ, tính đến ngày {display_date(as_of)}</title>',
    ]
    months = month_starts(first, last)
    labelled = labelled_months(months, x)
    for month in months:
        parts.append(f'<line class="grid" x1="{x(month):.1f}" y1="{TOP - 6}" x2="{x(month):.1f}" y2="{height - 6}"/>')
        if month in labelled:
            parts.append(f'<text class="axis" x="{x(month) + 2:.1f}" y="{TOP - 12}">{month.month:02d}/{month.year}</text>')
    parts.append(f'<line class="today" x1="{x(as_of):.1f}" y1="{TOP - 6}" x2="{x(as_of):.1f}" y2="{height - 6}"/>')
    for index, task in enumerate(dated):
        assert task.deadline and task.deadline.date
        y = TOP + ROW * index + ROW / 2
        label = f"{task.document.number} {section_label(task.section, task.ancestors)}"
        status = statuses[task.id]
        parts.append(f'<a href="#nv-{escape(task.id)}"><text class="label" x="4" y="{y + 4:.1f}">{escape(label)}</text></a>')
        at = x(task.deadline.date)
        if task.deadline.kinds[0] == START_FROM or len(task.deadline.kinds) > 1:
            parts.append(f'<rect class="bar {status}" x="{at:.1f}" y="{y - 3:.1f}" width="{max(x(last) - at, 2):.1f}" height="6" rx="3"/>')
        parts.append(f'<circle class="dot {status}" cx="{at:.1f}" cy="{y:.1f}" r="5"><title>{escape(label)}: {escape(task.deadline.wording)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first` to `last`."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def labelled_months(months: list[dt.date], x: Callable[[dt.date], float]) -> set[dt.date]:
    """The months the axis names: the first one, then every Nth month (N as small as room allows).

    Every Nth counts from January, so that labels fall on quarters, half years or years; one that
    would overlap the label before it is left out.
    """
    month_width = (x(months[-1]) - x(months[0])) / max(len(months) - 1, 1)
    step = next((n for n in LABEL_STEPS if n * month_width >= LABEL_GAP), LABEL_STEPS[-1])
    labelled = {months[0]}
    last_x = x(months[0])
    for month in months[1:]:
        if (month.year * 12 + month.month - 1) % step == 0 and x(month) - last_x >= LABEL_GAP:
            labelled.add(month)
            last_x = x(month)
    return labelled


def quarters_svg(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> str:
    """Return an SVG with a column per quarter: the tasks due in it, stacked by status.

    A task counts in the quarter of the date it is due by (or should start by), as the board's
    quarter filter counts it; each column links to the board filtered to its quarter.
    """
    counts: dict[str, dict[str, int]] = {}
    for task in tasks:
        due = task.deadline.due if task.deadline else None
        if due is not None:
            column = counts.setdefault(quarter_of(due), {status: 0 for status, _ in STACKED})
            column[statuses[task.id]] += 1
    if not counts:
        return ""
    quarters = quarter_range(min(min(counts), quarter_of(as_of)), max(max(counts), quarter_of(as_of)))
    width = (QUARTERS_WIDTH - AXIS_WIDTH - 10) / len(quarters)
    tallest = max(sum(column.values()) for column in counts.values())
    total = sum(sum(column.values()) for column in counts.values())
    parts = [
        f'<svg class="task-timeline__svg" viewBox="0 0 {QUARTERS_WIDTH} {BASELINE + 40}" role="group" aria-labelledby="task-timeline-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="task-timeline-title">Số nhiệm vụ đến hạn theo quý: {thousands(total)} nhiệm vụ, tính đến ngày {display_date(as_of)}</title>',
        f'<line class="grid" x1="{AXIS_WIDTH}" y1="{BASELINE}" x2="{QUARTERS_WIDTH - 10}" y2="{BASELINE}"/>',
        f'<text class="axis" x="{AXIS_WIDTH - 6}" y="{BAR_TOP + 4}" text-anchor="end">{thousands(tallest)}</text>',
        f'<text class="axis" x="{AXIS_WIDTH - 6}" y="{BASELINE + 4}" text-anchor="end">0</text>',
    ]
    step = next((n for n in QUARTER_LABEL_STEPS if n * width >= QUARTER_LABEL_GAP), QUARTER_LABEL_STEPS[-1])
    for index, quarter in enumerate(quarters):
        left = AXIS_WIDTH + index * width
        if index % step == 0:
            name, year = quarter_name(quarter)
            parts.append(f'<text class="axis" x="{left + 2:.1f}" y="{BASELINE + 16}">{name}</text>')
            parts.append(f'<text class="axis" x="{left + 2:.1f}" y="{BASELINE + 30}">{year}</text>')
        if quarter in counts:
            parts.append(_column(quarter, counts[quarter], left, width, tallest))
    today = AXIS_WIDTH + width * (quarters.index(quarter_of(as_of)) + _share_of_quarter(as_of))
    parts.append(f'<line class="today" x1="{today:.1f}" y1="{BAR_TOP - 8}" x2="{today:.1f}" y2="{BASELINE}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _column(quarter: str, column: dict[str, int], left: float, width: float, tallest: int) -> str:
    """One quarter's stacked bar, a link to the board filtered to that quarter."""
    name, year = quarter_name(quarter)
    count = sum(column.values())
    described = ", ".join(f"{thousands(column[status])} {words}" for status, words in STACKED if column[status])
    label = f"{name}/{year}: {thousands(count)} nhiệm vụ ({described})"
    parts = [f'<a href="?quarter={quarter}#bang-nhiem-vu" aria-label="{escape(label)}"><title>{escape(label)}</title>']
    bottom = float(BASELINE)
    for status, _ in STACKED:
        height = BAR_HEIGHT * column[status] / tallest
        if height:
            parts.append(f'<rect class="column {status}" x="{left + width * 0.15:.1f}" y="{bottom - height:.1f}" width="{width * 0.7:.1f}" height="{height:.1f}"/>')
            bottom -= height
    if width >= 28:
        parts.append(f'<text class="count" x="{left + width / 2:.1f}" y="{bottom - 4:.1f}" text-anchor="middle">{thousands(count)}</text>')
    parts.append("</a>")
    return "".join(parts)


def quarter_range(first: str, last: str) -> list[str]:
    """Every quarter from `first` to `last`, both "2024-Q1" keys."""
    quarters = []
    year, number = (int(part) for part in first.split("-Q"))
    while (key := f"{year}-Q{number}") <= last:
        quarters.append(key)
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return quarters


def _share_of_quarter(date: dt.date) -> float:
    """How far into its quarter `date` is, from 0 to 1."""
    start = dt.date(date.year, (date.month - 1) // 3 * 3 + 1, 1)
    end = dt.date(date.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return (date - start).days / (end - start).days
