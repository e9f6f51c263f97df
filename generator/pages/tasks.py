"""Tasks as pages show them: the board, badges in a document's text, lists on a body's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.corpus.collation import vietnamese_key
from generator.corpus.deadlines import COMPLETE_BY, START_FROM
from generator.corpus.model import REPORT_LABELS, Report
from generator.corpus.numbers import number_key
from generator.corpus.resolve import Site, Task
from generator.corpus.tracking import STATUS_LABELS, quarter_name, quarter_of, reports_of, site_status
from generator.pages import paths
from generator.pages.chart import deadline_chart
from generator.pages.chartphone import phone_chart
from generator.pages.common import display_date, section_label, thousands
from generator.pages.markdown import attribute, escape, link, relative
from generator.pages.output import RenderContext, SiteOutput
from generator.pages.render import chart_svg, phone_chart_svg
from generator.support.files import GeneratedFiles

NO_DEADLINE = "Không nêu thời hạn"
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
    timing_md: str
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
class Count:
    status: str
    label: str
    count: int
    link_md: str  # the label, or a link to the board filtered to the status


@dataclass(frozen=True)
class Option:
    """A choice of a filter on the board; `anchor`: the board's anchor that shows its rows without JavaScript."""

    value: str
    label: str

    @property
    def anchor(self) -> str:
        return filter_anchor(self.value)


def board_filter(page: str, name: str, value: str) -> str:
    """The address, from `page`, of the board filtered to `value` of its filter `name` ("status", "quarter"): the
    filter in the query for the board's script, and, for a reader without JavaScript, an anchor whose target
    shows only those rows (extra.css)."""
    return relative(page, paths.TASKS, filter_anchor(value), query=f"{name}={value}")


def board_link(label_md: str, page: str, name: str, value: str) -> str:
    """A Markdown link to the board filtered as `board_filter` says."""
    return link(label_md, page, paths.TASKS, filter_anchor(value), query=f"{name}={value}")


def filter_anchor(value: str) -> str:
    """The board's anchor that shows only the rows of a filter's value: "loc-overdue", "loc-2024-q1"."""
    return f"loc-{value.lower()}"


def timing_text(task: Task) -> str:
    """When the task is due, in words that say what the date is: "Hạn 31/03/2024", "Thực hiện từ 01/01/2024",
    "Thực hiện thường xuyên". The document's wording follows in brackets only when the task's text does
    not already end with it (a deadline given in the data rather than in the text)."""
    deadline = task.deadline
    if deadline is None:
        return NO_DEADLINE
    kind = deadline.kinds[0] if deadline.kinds else ""
    if deadline.date is None:
        said = deadline.wording[:1].upper() + deadline.wording[1:]
        return said if deadline.wording in task.text else f"Thực hiện thường xuyên ({deadline.wording})"
    lead = {COMPLETE_BY: "Hạn", START_FROM: "Thực hiện từ"}.get(kind, "Hạn")
    timing = f"{lead} {display_date(deadline.date)}"
    return timing if deadline.wording in task.text else f"{timing} ({deadline.wording})"


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

    def view(self, task: Task, page: str, answers_shown: int | None = None, reporter: str | None = None) -> TaskView:
        """The task as `page` shows it, naming `answers_shown` answering documents at most (all if None); with
        `reporter`, as that body's page shows it: its status and reports from that body's reports only."""
        status = site_status(self.site, task, self.as_of, reporter)
        section = escape(section_label(task.section, task.ancestors))
        where = link(escape(task.document.number), page, paths.document_page(task.document.id), task.section.id) + f", mục {section}"
        bodies = "; ".join(link(escape(b.name), page, paths.body_page(b.id)) for b in task.bodies)
        due = task.deadline.due if task.deadline else None
        kind, date, answered, reports = self.facts_of(task, reporter)
        return TaskView(
            anchor=f"nv-{task.id}",
            text_md=escape(task.text),
            where_md=where,
            bodies_md=bodies,
            timing_md=escape(timing_text(task)),
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
            reports=[self.report(r, page) for r in reversed(reports_of(self.site, task, reporter))],
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
        return [(self.task_link(task, page), self.report(report, page)) for report, task in ordered]

    def task_link(self, task: Task, page: str) -> str:
        """ "20-KH/TW, mục IV.1, ý 2", a link to the task in its document's text."""
        label = f"{task.document.number}, mục {section_label(task.section, task.ancestors)}"
        return link(escape(label), page, paths.document_page(task.document.id), task.section.id)

    def scorecard(self, body_id: str, page: str) -> list[Count]:
        """The body's tasks counted by status, as the home page counts all tasks, from the body's own reports."""
        statuses = [site_status(self.site, t, self.as_of, body_id) for t in self.by_body.get(body_id, [])]
        return [Count(status, label, statuses.count(status), escape(label)) for status, label in STATUS_LABELS.items()]

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
        return [self.view(t, page, ANSWERS_SHOWN, reporter=body_id) for t in self.by_body.get(body_id, [])]

    def answered_by(self, document_id: str, page: str) -> list[str]:
        """Links to the tasks a document answers, for its page."""
        return [self.task_link(answer.task, page) for answer in self.site.answers_by.get(document_id, [])]

    def facts_of(self, task: Task, reporter: str | None = None) -> tuple[str, str, str, str]:
        """What the reader's script works a status out from: kind, date, answered, reports ("2024-06-30:done …");
        with `reporter`, that body's reports only."""
        deadline = task.deadline
        reports = reports_of(self.site, task, reporter)
        return (
            deadline.kinds[0] if deadline and deadline.kinds else "",
            deadline.date.isoformat() if deadline and deadline.date else "",
            "1" if self.site.answers_to.get(task.id) else "0",
            " ".join(f"{r.date.isoformat()}:{r.status}" for r in reports),
        )

    def filters(self) -> dict[str, list[Option]]:
        """The choices of the board's filters: bodies, documents, deadline quarters, statuses."""
        bodies = {b.id: b.name for t in self.site.tasks for b in t.bodies}
        documents = {t.document.id: t.document.number for t in self.site.tasks}
        quarters = sorted({quarter_of(t.deadline.due) for t in self.site.tasks if t.deadline and t.deadline.due})
        return {
            "body": [Option(k, attribute(v)) for k, v in sorted(bodies.items(), key=lambda item: vietnamese_key(item[1]))],
            "document": [Option(k, attribute(v)) for k, v in documents.items()],
            "quarter": [Option(q, "/".join(quarter_name(q))) for q in quarters],
            "status": [Option(k, v) for k, v in STATUS_LABELS.items()],
        }


def task_board(context: RenderContext) -> GeneratedFiles:
    """The board of every task, with its filters, the deadline chart (and its phone form) and the stylesheet
    that filters the board for a reader without JavaScript."""
    tasks, site = context.tasks, context.site
    statuses = {task.id: tasks.status(task) for task in site.tasks}
    filters = tasks.filters()
    chart = deadline_chart(site.tasks, statuses, context.as_of)
    page = context.page(
        "tasks.md.j2",
        tasks=tasks.board(),
        filters=filters,
        chart=chart_svg(chart),
        chart_phone=phone_chart_svg(phone_chart(site.tasks, statuses, context.as_of)),
        chart_by_quarter=chart.by_quarter,
        legend=chart.legend,
        **context.as_of_values,
    )
    css = context.env.get_template("board-filters.css.j2").render(filters=filters).encode("utf-8")
    return {paths.TASKS: page, paths.TASK_FILTERS_CSS: css}


BOARD = SiteOutput(task_board)
