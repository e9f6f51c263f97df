"""The timeline chart of task deadlines, drawn at build time as inline SVG."""

from __future__ import annotations

import datetime as dt
from typing import Callable
from html import escape

from generator.deadlines import START_FROM
from generator.resolve import Task
from generator.views import display_date, section_label

ROW = 22
LABEL_WIDTH = 150
CHART_WIDTH = 560
TOP = 34
# Month labels ("12/2023", 11px text) are about 43 units wide: keep their starts further apart.
LABEL_GAP = 50
# Label every Nth month, the first N that leaves room: months, quarters, half years, years.
LABEL_STEPS = (1, 3, 6, 12, 24, 60)


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
