"""Where a task stands on a date, and the quarters its deadline falls in: the rules every view of tasks follows.

The status rules are a table, not code: the build applies them as of its date, and the site's
script (tasks.js, rendered with `script_rules()`) applies the same table as of the reader's today,
so that a page built in March still says in June that a March deadline has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.corpus.deadlines import COMPLETE_BY, ONGOING, START_FROM
from generator.corpus.model import Report
from generator.corpus.resolve import Site, Task

ANSWERED, OVERDUE, DUE, STARTED, UPCOMING, RECURRING, OPEN = "answered", "overdue", "due", "started", "upcoming", "recurring", "open"
DONE, IN_PROGRESS = "done", "in_progress"
# The one vocabulary of task statuses: every page, the chart's legend, the board's filter and the exports
# say these words. Done and under way come only from a progress report; an answering document is
# "có văn bản trả lời", never "done".
STATUS_LABELS = {
    DONE: "Đã hoàn thành (theo báo cáo)",
    ANSWERED: "Có văn bản trả lời",
    OVERDUE: "Quá hạn, chưa có văn bản trả lời",
    IN_PROGRESS: "Đang thực hiện (theo báo cáo)",
    DUE: "Còn hạn, chưa có văn bản trả lời",
    STARTED: "Đã đến lúc thực hiện, chưa có văn bản trả lời",
    UPCOMING: "Chưa đến lúc bắt đầu thực hiện",
    RECURRING: "Thực hiện thường xuyên, chưa có văn bản trả lời",
    OPEN: "Không nêu thời hạn, chưa có văn bản trả lời",
}
# In order, the first rule whose facts all hold gives the status. The facts of a task on a day:
# "reported" (what the latest report up to that day says: "done", "in_progress", "not_started", ""),
# "answered" (a document answers it), "kind" (the first kind of its deadline, "" without one),
# "passed" (the day is after its date) and "reached" (the day is its date or later).
RULES: tuple[tuple[dict[str, object], str], ...] = (
    ({"reported": "done"}, DONE),
    ({"answered": True}, ANSWERED),
    ({"kind": COMPLETE_BY, "passed": True}, OVERDUE),
    ({"reported": "in_progress"}, IN_PROGRESS),
    ({"kind": COMPLETE_BY}, DUE),
    ({"kind": START_FROM, "reached": True}, STARTED),
    ({"kind": START_FROM}, UPCOMING),
    ({"kind": ONGOING}, RECURRING),
    ({}, OPEN),
)
# The home page lists this many tasks of each kind; tasks due within this many days are "due soon".
OVERVIEW_SHOWN = 10
DUE_SOON_DAYS = 90
ROMAN = ("I", "II", "III", "IV")


def facts(task: Task, answered: bool, as_of: dt.date, reports: Sequence[Report] = ()) -> dict[str, object]:
    """What the rules read of `task` on the day `as_of`; `reports` oldest first."""
    deadline = task.deadline
    date = deadline.date if deadline else None
    return {
        "reported": next((r.status for r in reversed(reports) if r.date <= as_of), ""),
        "answered": answered,
        "kind": deadline.kinds[0] if deadline and deadline.kinds else "",
        "passed": date is not None and as_of > date,
        "reached": date is not None and as_of >= date,
    }


def apply_rules(known: dict[str, object]) -> str:
    """The status the first matching rule gives."""
    return next(status for conditions, status in RULES if all(known[name] == value for name, value in conditions.items()))


def status_of(task: Task, answered: bool, as_of: dt.date, reports: Sequence[Report] = ()) -> str:
    """Where `task` stands on `as_of`, given its reports (oldest first)."""
    return apply_rules(facts(task, answered, as_of, reports))


def site_status(site: Site, task: Task, as_of: dt.date, reporter: str | None = None) -> str:
    """Where `task` of `site` stands on `as_of`: its answers and its reports considered; with `reporter`, only
    that body's reports (a body's page speaks of its own work, not of another body's report on a shared task)."""
    return status_of(task, bool(site.answers_to.get(task.id)), as_of, reports_of(site, task, reporter))


def reports_of(site: Site, task: Task, reporter: str | None = None) -> list[Report]:
    """The reports on `task`, oldest first; with `reporter`, only that body's."""
    reports = site.reports_on.get(task.id, [])
    return [r for r in reports if r.body == reporter] if reporter is not None else list(reports)


def change_days(task: Task, reports: Sequence[Report], start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in [start, end] on which the facts of `task` may change, `start` first: its status is the
    same from each of them to the next."""
    date = task.deadline.date if task.deadline else None
    days = {start}
    if date is not None:
        days.update((date, date + dt.timedelta(days=1)))
    days.update(r.date for r in reports)
    return sorted(day for day in days if start <= day <= end)


def script_rules() -> dict[str, object]:
    """The rules and labels as the site's script reads them."""
    return {
        "rules": [[conditions, status] for conditions, status in RULES],
        "labels": STATUS_LABELS,
        "overview": {"shown": OVERVIEW_SHOWN, "days": DUE_SOON_DAYS},
    }


def quarter_of(date: dt.date) -> str:
    """ "2024-Q1": the bucket the board filters deadlines by."""
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def quarter_name(quarter: str) -> tuple[str, str]:
    """("Quý I", "2024") for "2024-Q1", as the documents write quarters."""
    year, number = quarter.split("-Q")
    return f"Quý {ROMAN[int(number) - 1]}", year
