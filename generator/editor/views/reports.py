"""A body's progress report (data/reports/<id>.yaml): body, task, date, status, summary, link."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.corpus.reports import OPTIONAL, REQUIRED
from generator.editor.datafiles import NotFoundError, ids_in, relative_path, valid_id
from generator.editor.editing import Messages, load_yaml
from generator.editor.forms import field_of
from generator.editor.views.choices import choices
from generator.editor.web import account, form_value, record, room

blueprint = Blueprint("reports", __name__)
FIELDS = (*REQUIRED, *OPTIONAL)


@blueprint.route("/bao-cao")
def index() -> str:
    return render_template("reports.html", reports=ids_in(room().config.project, "report"))


def _new_id(date: str, body: str) -> str:
    project = room().config.project
    stem = f"{date}-{body}" if valid_id(f"{date}-{body}") else "bao-cao"
    taken = set(ids_in(project, "report"))
    return next(f"{stem}{'' if n == 1 else f'-{n}'}" for n in range(1, 10_000) if f"{stem}{'' if n == 1 else f'-{n}'}" not in taken)


@blueprint.route("/bao-cao/moi", methods=["GET", "POST"])
@blueprint.route("/bao-cao/<report_id>/sua", methods=["GET", "POST"])
def edit(report_id: str = "") -> BaseResponse | tuple[str, int]:
    parts = room()
    try:
        relative = relative_path("report", report_id) if report_id else ""
    except NotFoundError:
        abort(404)
    base, data = parts.writer.base_of(relative) if relative else ("", None)
    if request.method == "GET":
        values = {"body": request.args.get("body", ""), "task": request.args.get("task", "")}
        if relative:
            loaded, _ = load_yaml(data or b"", relative)
            if loaded is None:
                abort(404)
            values = {name: str(loaded.get(name, "")) for name in FIELDS}
        return _page(values, report_id, base, Messages(), 200)
    values = {name: " ".join(form_value(name).split()) for name in FIELDS}
    fields: dict[str, object] = {name: values[name] for name in FIELDS if values[name]}
    report_id = report_id or _new_id(values["date"], values["body"])
    relative = relative_path("report", report_id)
    outcome = parts.writer.save(relative, fields, form_value("base"), account(), f"Báo cáo {values['body']} về {values['task']}", [])
    if outcome.conflict is not None:
        return _page(values, report_id, base, Messages(general=["Báo cáo này vừa được người khác sửa; hãy mở lại."]), 409)
    if outcome.messages:
        placed = Messages(fields={field_of(k): v for k, v in outcome.messages.fields.items()}, general=outcome.messages.general)
        return _page(values, "" if not base else report_id, base, placed, 422)
    record("lưu báo cáo", report_id, outcome.commit[:10])
    flash(f"Đã lưu báo cáo {report_id}.", "ok")
    if parts.preview is not None:
        parts.preview.refresh_later({})
    return redirect(url_for("reports.edit", report_id=report_id))


def _page(values: dict[str, str], report_id: str, base: str, messages: Messages, status: int) -> tuple[str, int]:
    return render_template("report_form.html", values=values, report_id=report_id, base=base, messages=messages, choices=choices()), status
