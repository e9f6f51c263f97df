"""The chart of task deadlines on the board, drawn at build time as inline SVG: a row per task while
there are few, a column per quarter once there are many. Here the geometry; the markup is in
templates/chart_rows.svg.j2 and templates/chart_quarters.svg.j2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.corpus.deadlines import START_FROM
from generator.corpus.resolve import Task
from generator.corpus.tracking import ANSWERED, DONE, DUE, IN_PROGRESS, OVERDUE, STARTED, STATUS_LABELS, UPCOMING, quarter_name, quarter_of
from generator.pages.common import display_date, section_label, thousands

# The chart is drawn one unit to a CSS pixel, with text the size of the body's (16px): it scrolls
# sideways on a phone rather than shrinking its labels out of reach.
ROW = 30
LABEL_WIDTH = 190
CHART_WIDTH = 420
TOP = 44
# Month labels ("12/2023", 16px text) are about 62 units wide: keep their starts further apart.
LABEL_GAP = 70
# Label every Nth month, the first N that leaves room: months, quarters, half years, years.
LABEL_STEPS = (1, 3, 6, 12, 24, 60)
# A row per task reads well for a few dozen tasks; a national corpus has thousands (2,000 rows
# would make the chart 44,000 units tall), so beyond this many it counts tasks per quarter.
ROWS_AT_MOST = 40

# The chart of quarters: its columns stand on BASELINE, the tallest BAR_HEIGHT high.
QUARTERS_WIDTH = 680
AXIS_WIDTH = 56
BAR_TOP = 30
BAR_HEIGHT = 200
BASELINE = BAR_TOP + BAR_HEIGHT
# "Quý III" in the 16px axis font is about 56 units wide.
QUARTER_LABEL_GAP = 64
QUARTER_LABEL_STEPS = (1, 2, 4, 8, 20)
# Bottom to top (on a phone, left to right), as the caption names them.
STACKED = (DONE, ANSWERED, OVERDUE, IN_PROGRESS, STARTED, DUE, UPCOMING)


def coordinate(value: float) -> str:
    """A coordinate as the SVG writes it: one decimal."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Month:
    """A month's grid line, and its label when the axis names it."""

    x: str
    label_x: str
    label: str


@dataclass(frozen=True)
class Bar:
    """A bar from a start-from deadline onward."""

    x: str
    y: str
    width: str


@dataclass(frozen=True)
class TaskRow:
    """A dated task's row: its label, a dot at its deadline, a bar onward for "start from"."""

    task_id: str
    label: str
    wording: str
    status: str
    label_y: str
    dot_x: str
    dot_y: str
    bar: Bar | None


@dataclass(frozen=True)
class RowsChart:
    """A row per dated task."""

    width: int
    height: int
    title: str
    grid_top: int
    grid_bottom: int
    axis_y: int
    months: list[Month]
    today_x: str
    rows: list[TaskRow]
    tracks: list[str]  # the y of each row's line of time, where the layout draws one


@dataclass(frozen=True)
class RowsLayout:
    """Where a row per task puts things: the time axis from `left`, `width` long, in a drawing `total` wide;
    rows `row` high from `top`, a row's label and its dot `label_dy` and `dot_dy` below its top."""

    left: float
    width: float
    total: int
    top: int
    row: int
    label_dy: float
    dot_dy: float
    tracks: bool = False  # a line of time under each row's dot (the phone's, whose labels stand above it)


# A label column on the left and the row's dot beside its label; the drawing leaves room for the last month's label.
WIDE_ROWS = RowsLayout(LABEL_WIDTH, CHART_WIDTH, LABEL_WIDTH + CHART_WIDTH + LABEL_GAP, TOP, ROW, ROW / 2 + 6, ROW / 2)


@dataclass(frozen=True)
class Segment:
    """One status's part of a quarter's column."""

    status: str
    x: str
    y: str
    width: str
    height: str


@dataclass(frozen=True)
class Column:
    """A quarter: its axis label (when named), and its stacked column, a link to the board filtered to it."""

    quarter: str
    left_x: str
    name: str
    year: str
    label: str
    segments: list[Segment]
    count: str
    count_x: str
    count_y: str


@dataclass(frozen=True)
class QuartersChart:
    """A column per quarter, the tasks due in it stacked by status."""

    width: int
    height: int
    title: str
    axis_x: int
    axis_label_x: int
    axis_right: int
    baseline: int
    top_label_y: int
    base_label_y: int
    name_y: int
    year_y: int
    tallest: str
    columns: list[Column]
    today_x: str
    today_top: int


@dataclass(frozen=True)
class Chart:
    """The chart to draw (None when no task has a date), whether it counts tasks per quarter, and the statuses
    its colours show, with their labels, for the caption."""

    drawing: RowsChart | QuartersChart | None
    by_quarter: bool
    legend: tuple[tuple[str, str], ...] = ()


def legend(statuses: list[str]) -> tuple[tuple[str, str], ...]:
    """The statuses among `statuses`, in the vocabulary's order, with their labels."""
    return tuple((status, label) for status, label in STATUS_LABELS.items() if status in statuses)


def column_label(quarter: str, column: dict[str, int]) -> str:
    """ "Quý I/2024: 300 nhiệm vụ (Có văn bản trả lời: 100; Quá hạn, chưa có văn bản trả lời: 100)"."""
    name, year = quarter_name(quarter)
    described = "; ".join(f"{STATUS_LABELS[status]}: {thousands(column[status])}" for status in STACKED if column[status])
    return f"{name}/{year}: {thousands(sum(column.values()))} nhiệm vụ ({described})"


def deadline_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> Chart:
    """A row per dated task when there are at most ROWS_AT_MOST of them, else a column per quarter."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    shown = legend([statuses[t.id] for t in dated])
    if len(dated) <= ROWS_AT_MOST:
        return Chart(rows_chart(tasks, statuses, as_of), by_quarter=False, legend=shown)
    return Chart(quarters_chart(tasks, statuses, as_of), by_quarter=True, legend=shown)


def rows_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date, layout: RowsLayout = WIDE_ROWS) -> RowsChart | None:
    """A row per dated task: a dot at its deadline, a bar onward for "start from"."""
    dated = [t for t in tasks if t.deadline and t.deadline.date]
    if not dated:
        return None
    dates = [t.deadline.date for t in dated if t.deadline and t.deadline.date] + [as_of]
    first = dt.date(min(dates).year, min(dates).month, 1)
    last_month = max(dates)
    last = dt.date(last_month.year + (last_month.month == 12), last_month.month % 12 + 1, 1)
    span = (last - first).days or 1

    def x(date: dt.date) -> float:
        return layout.left + layout.width * (date - first).days / span

    height = layout.top + layout.row * len(dated) + 10
    months = month_starts(first, last)
    labelled = labelled_months(months, x)
    rows, tracks = [], []
    for index, task in enumerate(dated):
        assert task.deadline and task.deadline.date
        top = layout.top + layout.row * index
        y = top + layout.dot_dy
        at = x(task.deadline.date)
        starts = task.deadline.kinds[0] == START_FROM or len(task.deadline.kinds) > 1
        rows.append(
            TaskRow(
                task.id,
                f"{task.document.number} {section_label(task.section, task.ancestors)}",
                task.deadline.wording,
                statuses[task.id],
                coordinate(top + layout.label_dy),
                coordinate(at),
                coordinate(y),
                Bar(coordinate(at), coordinate(y - 3), coordinate(max(x(last) - at, 2))) if starts else None,
            )
        )
        tracks += [coordinate(y)] if layout.tracks else []
    return RowsChart(
        width=layout.total,
        height=height,
        title=f"Thời hạn của {len(dated)} nhiệm vụ, tính đến ngày {display_date(as_of)}",
        grid_top=layout.top - 6,
        grid_bottom=height - 6,
        axis_y=layout.top - 12,
        months=[Month(coordinate(x(m)), coordinate(x(m) + 2), f"{m.month:02d}/{m.year}" if m in labelled else "") for m in months],
        today_x=coordinate(x(as_of)),
        rows=rows,
        tracks=tracks,
    )


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


def quarters_chart(tasks: list[Task], statuses: dict[str, str], as_of: dt.date) -> QuartersChart | None:
    """A column per quarter: the tasks due in it, stacked by status.

    A task counts in the quarter of the date it is due by (or should start by), as the board's
    quarter filter counts it; each column links to the board filtered to its quarter.
    """
    counts: dict[str, dict[str, int]] = {}
    for task in tasks:
        due = task.deadline.due if task.deadline else None
        if due is not None:
            column = counts.setdefault(quarter_of(due), dict.fromkeys(STACKED, 0))
            column[statuses[task.id]] += 1
    if not counts:
        return None
    quarters = quarter_range(min(min(counts), quarter_of(as_of)), max(max(counts), quarter_of(as_of)))
    width = (QUARTERS_WIDTH - AXIS_WIDTH - 10) / len(quarters)
    tallest = max(sum(column.values()) for column in counts.values())
    total = sum(sum(column.values()) for column in counts.values())
    step = next((n for n in QUARTER_LABEL_STEPS if n * width >= QUARTER_LABEL_GAP), QUARTER_LABEL_STEPS[-1])
    columns = [
        _column(quarter, counts.get(quarter), AXIS_WIDTH + index * width, width, tallest, index % step == 0)
        for index, quarter in enumerate(quarters)
    ]
    today = AXIS_WIDTH + width * (quarters.index(quarter_of(as_of)) + share_of_quarter(as_of))
    return QuartersChart(
        width=QUARTERS_WIDTH,
        height=BASELINE + 52,
        title=f"Số nhiệm vụ đến hạn theo quý: {thousands(total)} nhiệm vụ, tính đến ngày {display_date(as_of)}",
        axis_x=AXIS_WIDTH,
        axis_label_x=AXIS_WIDTH - 6,
        axis_right=QUARTERS_WIDTH - 10,
        baseline=BASELINE,
        top_label_y=BAR_TOP + 6,
        base_label_y=BASELINE + 6,
        name_y=BASELINE + 22,
        year_y=BASELINE + 42,
        tallest=thousands(tallest),
        columns=columns,
        today_x=coordinate(today),
        today_top=BAR_TOP - 8,
    )


def _column(quarter: str, column: dict[str, int] | None, left: float, width: float, tallest: int, named: bool) -> Column:
    """One quarter: its stacked bar (none without tasks), and its name on the axis when `named`."""
    name, year = quarter_name(quarter)
    segments = []
    count = sum(column.values()) if column else 0
    bottom = float(BASELINE)
    for status in STACKED if column else ():
        assert column is not None
        height = BAR_HEIGHT * column[status] / tallest
        if height:
            segments.append(
                Segment(status, coordinate(left + width * 0.15), coordinate(bottom - height), coordinate(width * 0.7), coordinate(height))
            )
            bottom -= height
    return Column(
        quarter=quarter,
        left_x=coordinate(left + 2),
        name=name if named else "",
        year=year if named else "",
        label=column_label(quarter, column) if column else "",
        segments=segments,
        count=thousands(count) if column and width >= 28 else "",
        count_x=coordinate(left + width / 2),
        count_y=coordinate(bottom - 4),
    )


def quarter_range(first: str, last: str) -> list[str]:
    """Every quarter from `first` to `last`, both "2024-Q1" keys."""
    quarters = []
    year, number = (int(part) for part in first.split("-Q"))
    while (key := f"{year}-Q{number}") <= last:
        quarters.append(key)
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return quarters


def share_of_quarter(date: dt.date) -> float:
    """How far into its quarter `date` is, from 0 to 1."""
    start = dt.date(date.year, (date.month - 1) // 3 * 3 + 1, 1)
    end = dt.date(date.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return (date - start).days / (end - start).days
