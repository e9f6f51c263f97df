"""The task board as files to download: nhiem-vu.json and nhiem-vu.csv."""

from __future__ import annotations

import csv
import datetime as dt
import io

from generator.corpus.deadlines import KIND_LABELS
from generator.corpus.model import REPORT_LABELS, Report
from generator.corpus.resolve import Site
from generator.corpus.tracking import STATUS_LABELS, site_status
from generator.pages import paths
from generator.pages.common import section_label
from generator.pages.output import RenderContext, SiteOutput
from generator.pages.tasks import timing_text
from generator.support.files import GeneratedFiles
from generator.support.jsonfile import compact_line

CSV_HEADINGS = {
    "id": "Mã",
    "document": "Văn bản",
    "section": "Mục",
    "text": "Nội dung nhiệm vụ",
    "bodies": "Cơ quan chủ trì",
    "deadline_kinds": "Loại thời hạn",
    "timing": "Thời hạn",
    "deadline_date": "Ngày hạn hoặc ngày bắt đầu",
    "deadline_wording": "Thời hạn theo văn bản",
    "status_label": "Trạng thái",
    "answered_by": "Văn bản trả lời",
    "latest_report": "Báo cáo gần nhất",
    "as_of": "Tính đến ngày",
}


def task_rows(site: Site, as_of: dt.date) -> list[dict[str, object]]:
    """Every task with its deadline, status as of `as_of`, and the documents answering it."""
    rows: list[dict[str, object]] = []
    for task in site.tasks:
        deadline = task.deadline
        answers = site.answers_to.get(task.id, [])
        status = site_status(site, task, as_of)
        rows.append(
            {
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
                "timing": timing_text(task),
                "status": status,
                "status_label": STATUS_LABELS[status],
                "answered_by": [a.document.number for a in answers],
                "reports": [_report_data(site, report) for report in site.reports_on.get(task.id, [])],
                "as_of": as_of.isoformat(),
            }
        )
    return rows


def _report_data(site: Site, report: Report) -> dict[str, object]:
    return {
        "date": report.date.isoformat(),
        "body_id": report.body,
        "body": site.bodies[report.body].name,
        "status": report.status,
        "summary": report.summary,
        "link": report.link,
        "document": report.document,
    }


def _latest_report(row: dict[str, object]) -> str:
    reports = _listed(row["reports"])
    if not reports:
        return ""
    latest = reports[-1]
    assert isinstance(latest, dict)
    return f"{latest['date']} {latest['body']}: {REPORT_LABELS[str(latest['status'])]} — {latest['summary']}"


def tasks_json(site: Site, as_of: dt.date) -> bytes:
    return compact_line({"as_of": as_of.isoformat(), "tasks": task_rows(site, as_of)})


def tasks_csv(site: Site, as_of: dt.date) -> bytes:
    """CSV with a BOM so that spreadsheet programs read the Vietnamese text as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADINGS.values())
    for row in task_rows(site, as_of):
        cells = dict(
            row,
            latest_report=_latest_report(row),
            bodies=_joined(row["bodies"], "; "),
            answered_by=_joined(row["answered_by"], "; "),
            deadline_kinds=_joined([KIND_LABELS[str(k)] for k in _listed(row["deadline_kinds"])], ", "),
        )
        writer.writerow([spreadsheet_cell(cells[key]) for key in CSV_HEADINGS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# What makes a spreadsheet program read a cell as a formula (OWASP's list): such a cell gets a
# leading apostrophe, which spreadsheets take as "text" and do not show.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as the text it is, never as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _listed(value: object) -> list[object]:
    assert isinstance(value, list)
    return value


def _joined(value: object, separator: str) -> str:
    return separator.join(str(item) for item in _listed(value))


def task_exports(context: RenderContext) -> GeneratedFiles:
    """The board as nhiem-vu/nhiem-vu.csv and .json."""
    site, as_of = context.site, context.as_of
    return {paths.TASKS_CSV: tasks_csv(site, as_of), paths.TASKS_JSON: tasks_json(site, as_of)}


TASK_EXPORTS = SiteOutput(task_exports)
