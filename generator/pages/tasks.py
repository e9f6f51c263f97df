"""Tasks as pages show them: the board, badges in a document's text, lists on a body's page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from generator.corpus.model import REPORT_LABELS, Report
from generator.corpus.numbers import number_key
from generator.corpus.resolve import Site, Task
from generator.corpus.tracking import (
    DUE,
    DUE_SOON_DAYS,
    OVERDUE,
    OVERVIEW_SHOWN,
    SCORECARD,
    STATUS_LABELS,
    UPCOMING,
    change_days,
    quarter_name,
    quarter_of,
    site_status,
)
from generator.pages import paths
from generator.pages.common import display_date, section_label, thousands
from generator.pages.markdown import attribute, escape, link, relative

NO_DEADLINE = "Không nêu thời hạn"
# The reader's script works the home page's lists out again up to this many days after the build.
OVERVIEW_HORIZON_DAYS = 366
# A task badge or a body's list names this many answering documents; the board names them all.
ANSWERS_SHOWN = 5


@dataclass(frozen=True)
class TaskView:
    """One task, escaped and linked relative to the page that shows it; the data-* values the board's
    script filters by are escaped for attributes."""

    anchor: str
    text_md: str
    where_md: str
    bodies_md: str
    deadline_md: str
    status: str
    status_label: str
    answers_md: str
    board_link_md: str
    body_ids_attribute: str
    document_id: str
    due: str
    quarter: str
    # What the page's script needs to work the status out again on the reader's day.
    kind: str
    date: str
    answered: str
    reports_attribute: str  # "2024-06-30:in_progress 2024-09-30:done", oldest first
    reports: list[ReportView]  # newest first


@dataclass(frozen=True)
class ReportView:
    """One progress report, escaped for the page that shows it."""

    date: str
    body_md: str
    status_label: str
    summary_md: str
    link: str  # attribute-escaped, "" without one
    document_md: str


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


@dataclass(frozen=True)
class Option:
    """A choice of a filter on the board."""

    value: str
    label: str


def deadline_text(task: Task) -> str:
    """ "31/03/2024 (hoàn thành trong quý I/2024)", as plain text."""
    if task.deadline is None:
        return NO_DEADLINE
    if task.deadline.date is None:
        return task.deadline.wording
    return f"{display_date(task.deadline.date)} ({task.deadline.wording})"


class TaskViews:
    """Builds task views for one as-of date."""

    def __init__(self, site: Site, as_of: dt.date) -> None:
        self.site = site
        self.as_of = as_of
        self.by_document: dict[str, list[Task]] = {}
        self.by_body: dict[str, list[Task]] = {}
        for task in site.tasks:
            self.by_document.setdefault(task.document.id, []).append(task)
            for body in task.bodies:
                self.by_body.setdefault(body.id, []).append(task)

    def status(self, task: Task) -> str:
        return self.status_on(task, self.as_of)

    def status_on(self, task: Task, day: dt.date) -> str:
        return site_status(self.site, task, day)

    def view(self, task: Task, page: str, answers_shown: int | None = None) -> TaskView:
        """The task as `page` shows it, naming `answers_shown` answering documents at most (all if None)."""
        status = self.status(task)
        section = escape(section_label(task.section, task.ancestors))
        where = link(escape(task.document.number), page, paths.document_page(task.document.id), task.section.id) + f", mục {section}"
        bodies = "; ".join(link(escape(b.name), page, paths.body_page(b.id)) for b in task.bodies)
        due = task.deadline.due if task.deadline else None
        kind, date, answered, reports = self._facts_of(task)
        return TaskView(
            anchor=f"nv-{task.id}",
            text_md=escape(task.text),
            where_md=where,
            bodies_md=bodies,
            deadline_md=escape(deadline_text(task)),
            status=status,
            status_label=STATUS_LABELS[status],
            answers_md=self.answer_links(task, page, answers_shown),
            board_link_md=link("bảng nhiệm vụ", page, paths.TASKS, f"nv-{task.id}"),
            body_ids_attribute=attribute(" ".join(b.id for b in task.bodies)),
            document_id=task.document.id,
            due=due.isoformat() if due else "",
            quarter=quarter_of(due) if due else "",
            kind=kind,
            date=date,
            answered=answered,
            reports_attribute=reports,
            reports=[self.report(r, page) for r in reversed(self.site.reports_on.get(task.id, []))],
        )

    def report(self, report: Report, page: str) -> ReportView:
        body = self.site.bodies[report.body]
        document = self.site.by_key.get(number_key(report.document)) if report.document else None
        return ReportView(
            date=display_date(report.date),
            body_md=link(escape(body.name), page, paths.body_page(body.id)),
            status_label=REPORT_LABELS[report.status],
            summary_md=escape(report.summary),
            link=attribute(report.link) if report.link else "",
            document_md=link(escape(document.number), page, paths.document_page(document.id)) if document else "",
        )

    def reports_by(self, body_id: str, page: str) -> list[tuple[str, ReportView]]:
        """Every report of a body, newest first, with a link to the task it speaks of."""
        found: dict[str, tuple[Report, Task]] = {}
        for task in self.by_body.get(body_id, []):
            for report in self.site.reports_on.get(task.id, []):
                if report.body == body_id:
                    found.setdefault(report.id, (report, task))
        ordered = sorted(found.values(), key=lambda pair: (pair[0].date, pair[0].id), reverse=True)
        return [(self._task_link(task, page), self.report(report, page)) for report, task in ordered]

    def _task_link(self, task: Task, page: str) -> str:
        label = f"{task.document.number}, mục {section_label(task.section, task.ancestors)}"
        return link(escape(label), page, paths.document_page(task.document.id), task.section.id)

    def scorecard(self, body_id: str) -> list[tuple[str, str, int]]:
        """(key, label, count) of the body's tasks in each group of statuses."""
        statuses = [self.status(t) for t in self.by_body.get(body_id, [])]
        return [(key, label, sum(s in group for s in statuses)) for key, label, group in SCORECARD]

    def answer_links(self, task: Task, page: str, shown: int | None) -> str:
        """Links to the documents answering `task`; past `shown` of them, a link to the rest on the board."""
        answers = self.site.answers_to.get(task.id, [])
        listed = answers if shown is None else answers[:shown]
        links = ", ".join(
            link(escape(a.document.number), page, paths.document_page(a.document.id), a.section.id if a.section else None) for a in listed
        )
        if len(listed) < len(answers):
            links += " " + link(f"và {thousands(len(answers) - len(listed))} văn bản khác", page, paths.TASKS, f"nv-{task.id}")
        return links

    def board(self) -> list[TaskView]:
        return [self.view(task, paths.TASKS) for task in self.site.tasks]

    def for_document(self, document_id: str, page: str) -> dict[str, TaskView]:
        """Task views of a document, keyed by the id of the section they stand in."""
        return {t.section.id: self.view(t, page, ANSWERS_SHOWN) for t in self.by_document.get(document_id, [])}

    def for_body(self, body_id: str, page: str) -> list[TaskView]:
        return [self.view(t, page, ANSWERS_SHOWN) for t in self.by_body.get(body_id, [])]

    def answered_by(self, document_id: str, page: str) -> list[str]:
        """Links to the tasks a document answers, for its page."""
        links = []
        for answer in self.site.answers_by.get(document_id, []):
            task = answer.task
            label = f"{task.document.number}, mục {section_label(task.section, task.ancestors)}"
            links.append(link(escape(label), page, paths.document_page(task.document.id), task.section.id))
        return links

    def overview(self, page: str, shown: int = OVERVIEW_SHOWN) -> Overview:
        """The home page's summary of every task as of the build's day, with what the reader's script needs
        to work it out again on any day up to a year later."""
        horizon = self.as_of + dt.timedelta(days=OVERVIEW_HORIZON_DAYS)
        statuses = {t.id: self.status(t) for t in self.site.tasks}
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
            reports=[(self._task_link(t, page), self.report(r, page)) for r, t in reports],
        )

    def _board_link(self, label_md: str, page: str, status: str) -> str:
        return link(label_md, page, paths.TASKS, "bang-nhiem-vu", query=f"status={status}")

    def _fact_groups(self) -> str:
        """Every task's facts, tasks with the same facts counted together: "complete_by,2024-03-31,0,,12;…"."""
        groups: Counter[str] = Counter()
        for task in self.site.tasks:
            view = self._facts_of(task)
            groups[",".join(view)] += 1
        return ";".join(f"{facts},{count}" for facts, count in sorted(groups.items()))

    def _facts_of(self, task: Task) -> tuple[str, str, str, str]:
        """What the reader's script works a status out from: kind, date, answered, reports ("2024-06-30:done …")."""
        deadline = task.deadline
        reports = self.site.reports_on.get(task.id, [])
        return (
            deadline.kinds[0] if deadline and deadline.kinds else "",
            deadline.date.isoformat() if deadline and deadline.date else "",
            "1" if self.site.answers_to.get(task.id) else "0",
            " ".join(f"{r.date.isoformat()}:{r.status}" for r in reports),
        )

    def _statuses_until(self, task: Task, horizon: dt.date) -> list[str]:
        """The statuses `task` takes from the build's day to `horizon`."""
        reports = self.site.reports_on.get(task.id, [])
        return [self.status_on(task, day) for day in change_days(task, reports, self.as_of, horizon)]

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
        return [Listed(self.view(t, page, ANSWERS_SHOWN), t.id in shown) for t in candidates]

    def _date(self, task: Task) -> dt.date:
        return task.deadline.date if task.deadline and task.deadline.date else dt.date.max

    def filters(self) -> dict[str, list[Option]]:
        """The choices of the board's filters: bodies, documents, deadline quarters, statuses."""
        bodies = {b.id: b.name for t in self.site.tasks for b in t.bodies}
        documents = {t.document.id: t.document.number for t in self.site.tasks}
        quarters = sorted({quarter_of(t.deadline.due) for t in self.site.tasks if t.deadline and t.deadline.due})
        return {
            "body": [Option(k, attribute(v)) for k, v in sorted(bodies.items(), key=lambda item: item[1])],
            "document": [Option(k, attribute(v)) for k, v in documents.items()],
            "quarter": [Option(q, "/".join(quarter_name(q))) for q in quarters],
            "status": [Option(k, v) for k, v in STATUS_LABELS.items()],
        }
