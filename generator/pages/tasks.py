"""Views of tasks: status as of a date, the board, per-document badges, per-body lists, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from generator.pages import paths
from generator.corpus.deadlines import KIND_LABELS
from generator.support.jsonfile import compact_line
from generator.pages.markdown import attribute, escape, link
from generator.corpus.resolve import Site, Task
from generator.pages.views import display_date, section_label, thousands

ANSWERED, OVERDUE, DUE = "answered", "overdue", "due"
STATUS_LABELS = {ANSWERED: "Đã có văn bản trả lời", OVERDUE: "Quá hạn, chưa có văn bản trả lời", DUE: "Chưa có văn bản trả lời, còn hạn"}
NO_DEADLINE = "Không nêu thời hạn"
ROMAN = ("I", "II", "III", "IV")
# A task badge or a body's list names this many answering documents; the board names them all.
ANSWERS_SHOWN = 5


@dataclass(frozen=True)
class TaskView:
    """One task, escaped and linked relative to the page that shows it."""

    anchor: str
    text_md: str
    where_md: str
    bodies_md: str
    deadline_md: str
    status: str
    status_label: str
    answers_md: str
    board_link_md: str
    meta_html: str


@dataclass(frozen=True)
class Option:
    """A choice of a filter on the board."""

    value: str
    label: str


def status_of(task: Task, answered: bool, as_of: dt.date) -> str:
    """Answered if any document answers it; overdue once its date has passed; due otherwise."""
    if answered:
        return ANSWERED
    due = task.deadline.due if task.deadline else None
    return OVERDUE if due is not None and as_of > due else DUE


def deadline_text(task: Task) -> str:
    """"31/03/2024 (hoàn thành trong quý I/2024)", as plain text."""
    if task.deadline is None:
        return NO_DEADLINE
    if task.deadline.date is None:
        return task.deadline.wording
    return f"{display_date(task.deadline.date)} ({task.deadline.wording})"


def quarter_of(date: dt.date) -> str:
    """"2024-Q1": the bucket the board filters deadlines by."""
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def quarter_name(quarter: str) -> tuple[str, str]:
    """("Quý I", "2024") for "2024-Q1", as the documents write quarters."""
    year, number = quarter.split("-Q")
    return f"Quý {ROMAN[int(number) - 1]}", year


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
        return status_of(task, bool(self.site.answers_to.get(task.id)), self.as_of)

    def view(self, task: Task, page: str, answers_shown: int | None = None) -> TaskView:
        """The task as `page` shows it, naming `answers_shown` answering documents at most (all if None)."""
        status = self.status(task)
        section = escape(section_label(task.section, task.ancestors))
        where = link(escape(task.document.number), page, paths.document_page(task.document.id), task.section.id) + f", mục {section}"
        bodies = "; ".join(link(escape(b.name), page, paths.body_page(b.id)) for b in task.bodies)
        due = task.deadline.due if task.deadline else None
        meta = (
            f'<span class="task-meta" id="nv-{task.id}" data-bodies="{attribute(" ".join(b.id for b in task.bodies))}"'
            f' data-document="{task.document.id}" data-due="{due.isoformat() if due else ""}"'
            f' data-quarter="{quarter_of(due) if due else ""}" data-status="{status}"></span>'
        )
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
            meta_html=meta,
        )

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

    def export_rows(self) -> list[dict[str, object]]:
        rows = []
        for task in self.site.tasks:
            deadline = task.deadline
            status = self.status(task)
            rows.append({
                "id": task.id,
                "document": task.document.number,
                "section": section_label(task.section, task.ancestors),
                "section_id": task.section.id,
                "text": task.text,
                "bodies": [b.name for b in task.bodies],
                "body_ids": [b.id for b in task.bodies],
                "deadline_kinds": list(deadline.kinds) if deadline else [],
                "deadline_period": deadline.period if deadline else None,
                "deadline_date": deadline.date.isoformat() if deadline and deadline.date else None,
                "deadline_wording": deadline.wording if deadline else None,
                "status": status,
                "status_label": STATUS_LABELS[status],
                "answered_by": [a.document.number for a in self.site.answers_to.get(task.id, [])],
                "as_of": self.as_of.isoformat(),
            })
        return rows

    def export_json(self) -> bytes:
        data = {"as_of": self.as_of.isoformat(), "tasks": self.export_rows()}
        return compact_line(data)

    def export_csv(self) -> bytes:
        """CSV with a BOM so that spreadsheet programs read the Vietnamese text as UTF-8."""
        headings = {
            "id": "Mã", "document": "Văn bản", "section": "Mục", "text": "Nội dung nhiệm vụ", "bodies": "Cơ quan chủ trì",
            "deadline_kinds": "Loại thời hạn", "deadline_date": "Thời hạn", "deadline_wording": "Thời hạn theo văn bản",
            "status_label": "Trạng thái", "answered_by": "Văn bản trả lời", "as_of": "Tính đến ngày",
        }
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headings.values())
        for row in self.export_rows():
            kinds = row["deadline_kinds"]
            assert isinstance(kinds, list)
            values = dict(row, bodies="; ".join(row["bodies"]), answered_by="; ".join(row["answered_by"]),  # type: ignore[arg-type]
                          deadline_kinds=", ".join(KIND_LABELS[k] for k in kinds))
            writer.writerow([values[key] if values[key] is not None else "" for key in headings])
        return ("\ufeff" + out.getvalue()).encode("utf-8")
