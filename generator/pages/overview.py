"""The home page's summary of where the programme stands: tasks counted by status, the late ones, those due
soon (or else the next ones due), the latest reports; with what the reader's script needs to work it out
again on any day up to a year after the build."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.corpus.resolve import Task
from generator.corpus.tracking import DUE, DUE_SOON_DAYS, OVERDUE, OVERVIEW_SHOWN, STATUS_LABELS, UPCOMING, change_days
from generator.pages.common import display_date
from generator.pages.markdown import attribute, escape
from generator.pages.tasks import ANSWERS_SHOWN, Count, ReportView, TaskView, TaskViews, board_filter, board_link

# The reader's script works the home page's lists out again up to this many days after the build.
OVERVIEW_HORIZON_DAYS = 366


@dataclass(frozen=True)
class Listed:
    """A task the home page may list: shown on the build's day, or kept hidden for the reader's script,
    which lists it when the reader's day makes it due or late."""

    task: TaskView
    shown: bool
    # Shown on the build's day only because nothing is due within DUE_SOON_DAYS: the next thing due.
    later: bool = False


@dataclass(frozen=True)
class Overview:
    """Where the programme stands, for the home page: counts, what is due soon, what is late, what is new.
    The reader's script counts again from `facts_attribute` and picks again among the listed tasks on any day
    from the build's to `horizon`."""

    counts: list[Count]
    total: int
    facts_attribute: str  # "kind,date,answered,reports,count;…", one group per set of identical facts
    horizon: str
    due_soon: list[Listed]
    overdue: list[Listed]
    overdue_count: int
    overdue_url: str
    reports: list[tuple[str, ReportView]]
    next_date: str  # "31/12/2027": the first date due after DUE_SOON_DAYS when nothing is due before, else ""


class Overviews:
    """Builds the home page's overview from the task views of one as-of date."""

    def __init__(self, tasks: TaskViews) -> None:
        self.tasks = tasks

    def overview(self, page: str, shown: int = OVERVIEW_SHOWN) -> Overview:
        """The home page's summary of every task as of the build's day, with what the reader's script needs
        to work it out again on any day up to a year later."""
        horizon = self.tasks.as_of + dt.timedelta(days=OVERVIEW_HORIZON_DAYS)
        statuses = {t.id: self.tasks.status(t) for t in self.tasks.site.tasks}
        counts = [
            Count(status, label, sum(s == status for s in statuses.values()), board_link(escape(label), page, "status", status))
            for status, label in STATUS_LABELS.items()
        ]
        overdue = [t for t in self.tasks.site.tasks if statuses[t.id] == OVERDUE]
        until = {t.id: self._statuses_until(t, horizon) for t in self.tasks.site.tasks}
        everyone = {r.id: (r, t) for t in self.tasks.site.tasks for r in self.tasks.site.reports_on.get(t.id, [])}
        reports = sorted(everyone.values(), key=lambda pair: (pair[0].date, pair[0].id), reverse=True)[:shown]
        due_now = self._due_soon_now(statuses, shown)
        later = set() if due_now else self._due_next(statuses, shown)
        next_dates = sorted(self._date(t) for t in self.tasks.site.tasks if t.id in later)
        candidates = self._due_soon_candidates(until, horizon, shown) + self._due_later_candidates(until, horizon, shown)
        return Overview(
            counts=counts,
            total=len(statuses),
            facts_attribute=attribute(self._fact_groups()),
            horizon=horizon.isoformat(),
            due_soon=[Listed(self.tasks.view(t, page, ANSWERS_SHOWN), t.id in due_now | later, t.id in later) for t in candidates],
            overdue=self._listed(self._overdue_candidates(until, shown), set(t.id for t in overdue[:shown]), page),
            overdue_count=len(overdue),
            overdue_url=board_filter(page, "status", OVERDUE),
            reports=[(self.tasks.task_link(t, page), self.tasks.report(r, page)) for r, t in reports],
            next_date=display_date(next_dates[0]) if next_dates else "",
        )

    def _fact_groups(self) -> str:
        """Every task's facts, tasks with the same facts counted together: "complete_by,2024-03-31,0,,12;…"."""
        groups: Counter[str] = Counter()
        for task in self.tasks.site.tasks:
            view = self.tasks.facts_of(task)
            groups[",".join(view)] += 1
        return ";".join(f"{facts},{count}" for facts, count in sorted(groups.items()))

    def _statuses_until(self, task: Task, horizon: dt.date) -> list[str]:
        """The statuses `task` takes from the build's day to `horizon`."""
        reports = self.tasks.site.reports_on.get(task.id, [])
        return [self.tasks.status_on(task, day) for day in change_days(task, reports, self.tasks.as_of, horizon)]

    def _overdue_candidates(self, until: dict[str, list[str]], shown: int) -> list[Task]:
        """The tasks that can be among the first `shown` late ones on a day up to the horizon, in the board's
        order: once `shown` tasks stay late all along, no later task can be listed. `until`: each task's
        statuses up to the horizon."""
        candidates, steady = [], 0
        for task in self.tasks.site.tasks:
            statuses = until[task.id]
            if OVERDUE in statuses and steady < shown:
                candidates.append(task)
                steady += all(s == OVERDUE for s in statuses)
        return candidates

    def _due_soon_candidates(self, until: dict[str, list[str]], horizon: dt.date, shown: int) -> list[Task]:
        """The tasks that can be among the first `shown` due within DUE_SOON_DAYS of a day up to `horizon`, by
        date: of the tasks of one date, those after `shown` that stay due all along are never listed."""
        last = horizon + dt.timedelta(days=DUE_SOON_DAYS)
        candidates, steady = [], Counter[dt.date]()
        for task in sorted(self.tasks.site.tasks, key=self._date):
            date = self._date(task)
            if not self.tasks.as_of <= date <= last or steady[date] >= shown:
                continue
            statuses = until[task.id]
            if DUE in statuses or UPCOMING in statuses:
                candidates.append(task)
                steady[date] += all(s in (DUE, UPCOMING) for s in statuses)
        return candidates

    def _due_later_candidates(self, until: dict[str, list[str]], horizon: dt.date, shown: int) -> list[Task]:
        """The tasks that can be the next due after the DUE_SOON_DAYS of a day up to `horizon` when nothing is due
        within them: of the tasks due after those the other candidates cover, by date, up to the first date that
        has a task which stays due all along (no later one can be the next), `shown` a date at most."""
        last = horizon + dt.timedelta(days=DUE_SOON_DAYS)
        candidates: list[Task] = []
        taken: Counter[dt.date] = Counter()
        steady_date: dt.date | None = None
        for task in sorted(self.tasks.site.tasks, key=self._date):
            date = self._date(task)
            if date <= last or date == dt.date.max or taken[date] >= shown or (steady_date is not None and date > steady_date):
                continue
            statuses = until[task.id]
            if DUE in statuses or UPCOMING in statuses:
                candidates.append(task)
                taken[date] += 1
                if all(s in (DUE, UPCOMING) for s in statuses):
                    steady_date = date
        return candidates

    def _due_next(self, statuses: dict[str, str], shown: int) -> set[str]:
        """When nothing is due within DUE_SOON_DAYS of the build's day: the first `shown` tasks of the first date due after."""
        last = self.tasks.as_of + dt.timedelta(days=DUE_SOON_DAYS)
        later = sorted(
            (t for t in self.tasks.site.tasks if statuses[t.id] in (DUE, UPCOMING) and last < self._date(t) < dt.date.max), key=self._date
        )
        first = self._date(later[0]) if later else None
        return {t.id for t in [t for t in later if self._date(t) == first][:shown]}

    def _due_soon_now(self, statuses: dict[str, str], shown: int) -> set[str]:
        """The first `shown` tasks due within DUE_SOON_DAYS of the build's day; `statuses`: as of that day."""
        last = self.tasks.as_of + dt.timedelta(days=DUE_SOON_DAYS)
        due = [t for t in self.tasks.site.tasks if statuses[t.id] in (DUE, UPCOMING) and self.tasks.as_of <= self._date(t) <= last]
        due.sort(key=self._date)
        return {t.id for t in due[:shown]}

    def _listed(self, candidates: list[Task], shown: set[str], page: str) -> list[Listed]:
        return [Listed(self.tasks.view(t, page, ANSWERS_SHOWN), t.id in shown) for t in candidates]

    def _date(self, task: Task) -> dt.date:
        return task.deadline.date if task.deadline and task.deadline.date else dt.date.max
