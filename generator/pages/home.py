"""The home page: where the programme stands (tasks counted by status, the overdue ones, those due soon, the
latest reports), the tree of derived documents and the latest documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.corpus.resolve import Task
from generator.corpus.tracking import DUE, DUE_SOON_DAYS, OVERDUE, OVERVIEW_SHOWN, STATUS_LABELS, UPCOMING, change_days
from generator.pages import paths
from generator.pages.markdown import attribute, escape, link, relative
from generator.pages.output import RenderContext, SiteOutput
from generator.pages.tasks import ANSWERS_SHOWN, ReportView, TaskView, TaskViews
from generator.support.files import GeneratedFiles

# The reader's script works the home page's lists out again up to this many days after the build.
OVERVIEW_HORIZON_DAYS = 366


@dataclass(frozen=True)
class Listed:
    """A task the home page may list: shown on the build's day, or kept hidden for the reader's script,
    which lists it when the reader's day makes it due or late."""

    task: TaskView
    shown: bool


@dataclass(frozen=True)
class Count:
    status: str
    label: str
    count: int
    link_md: str  # the board filtered to the status


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


class Overviews:
    """Builds the home page's summary of the tasks for one as-of date."""

    def __init__(self, tasks: TaskViews) -> None:
        self.tasks, self.site, self.as_of = tasks, tasks.site, tasks.as_of

    def of(self, page: str, shown: int = OVERVIEW_SHOWN) -> Overview:
        """The home page's summary of every task as of the build's day, with what the reader's script needs
        to work it out again on any day up to a year later."""
        horizon = self.as_of + dt.timedelta(days=OVERVIEW_HORIZON_DAYS)
        statuses = {t.id: self.tasks.status(t) for t in self.site.tasks}
        counts = [
            Count(status, label, sum(s == status for s in statuses.values()), self._board_link(escape(label), page, status))
            for status, label in STATUS_LABELS.items()
        ]
        overdue = [t for t in self.site.tasks if statuses[t.id] == OVERDUE]
        until = {t.id: self._statuses_until(t, horizon) for t in self.site.tasks}
        everyone = {r.id: (r, t) for t in self.site.tasks for r in self.site.reports_on.get(t.id, [])}
        reports = sorted(everyone.values(), key=lambda pair: (pair[0].date, pair[0].id), reverse=True)[:shown]
        return Overview(
            counts=counts,
            total=len(statuses),
            facts_attribute=attribute(self._fact_groups()),
            horizon=horizon.isoformat(),
            due_soon=self._listed(self._due_soon_candidates(until, horizon, shown), self._due_soon_now(statuses, shown), page),
            overdue=self._listed(self._overdue_candidates(until, shown), set(t.id for t in overdue[:shown]), page),
            overdue_count=len(overdue),
            overdue_url=relative(page, paths.TASKS, "bang-nhiem-vu", query="status=overdue"),
            reports=[(self.tasks.task_link(t, page), self.tasks.report(r, page)) for r, t in reports],
        )

    def _board_link(self, label_md: str, page: str, status: str) -> str:
        return link(label_md, page, paths.TASKS, "bang-nhiem-vu", query=f"status={status}")

    def _fact_groups(self) -> str:
        """Every task's facts, tasks with the same facts counted together: "complete_by,2024-03-31,0,,12;…"."""
        groups: Counter[str] = Counter()
        for task in self.site.tasks:
            view = self.tasks.facts_of(task)
            groups[",".join(view)] += 1
        return ";".join(f"{facts},{count}" for facts, count in sorted(groups.items()))

    def _statuses_until(self, task: Task, horizon: dt.date) -> list[str]:
        """The statuses `task` takes from the build's day to `horizon`."""
        reports = self.site.reports_on.get(task.id, [])
        return [self.tasks.status_on(task, day) for day in change_days(task, reports, self.as_of, horizon)]

    def _overdue_candidates(self, until: dict[str, list[str]], shown: int) -> list[Task]:
        """The tasks that can be among the first `shown` late ones on a day up to the horizon, in the board's
        order: once `shown` tasks stay late all along, no later task can be listed. `until`: each task's
        statuses up to the horizon."""
        candidates, steady = [], 0
        for task in self.site.tasks:
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
        for task in sorted(self.site.tasks, key=self._date):
            date = self._date(task)
            if not self.as_of <= date <= last or steady[date] >= shown:
                continue
            statuses = until[task.id]
            if DUE in statuses or UPCOMING in statuses:
                candidates.append(task)
                steady[date] += all(s in (DUE, UPCOMING) for s in statuses)
        return candidates

    def _due_soon_now(self, statuses: dict[str, str], shown: int) -> set[str]:
        """The first `shown` tasks due within DUE_SOON_DAYS of the build's day; `statuses`: as of that day."""
        last = self.as_of + dt.timedelta(days=DUE_SOON_DAYS)
        due = [t for t in self.site.tasks if statuses[t.id] in (DUE, UPCOMING) and self.as_of <= self._date(t) <= last]
        due.sort(key=self._date)
        return {t.id for t in due[:shown]}

    def _listed(self, candidates: list[Task], shown: set[str], page: str) -> list[Listed]:
        return [Listed(self.tasks.view(t, page, ANSWERS_SHOWN), t.id in shown) for t in candidates]

    def _date(self, task: Task) -> dt.date:
        return task.deadline.date if task.deadline and task.deadline.date else dt.date.max


def home_page(context: RenderContext) -> GeneratedFiles:
    listings = context.views.listings
    tree, others = listings.tree(paths.HOME)
    page = context.page(
        "home.md.j2",
        tree=tree,
        others=others,
        overview=Overviews(context.tasks).of(paths.HOME),
        latest=listings.latest(paths.HOME),
        **context.as_of_values,
    )
    return {paths.HOME: page}


HOME = SiteOutput(home_page)
