"""A body's short form (name, short names, the body above it), written into data/bodies.yaml in place."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.editor.bodiesfile import BodiesFileError, body_fields, with_entry
from generator.editor.datafiles import bodies_path, valid_id
from generator.editor.editing import Messages
from generator.editor.tree import words_list
from generator.editor.views.choices import choices
from generator.editor.web import account, form_value, record, room

blueprint = Blueprint("bodies", __name__)


def _form_fields() -> dict[str, object]:
    fields: dict[str, object] = {"id": form_value("id").strip(), "name": " ".join(form_value("name").split())}
    if short := words_list(form_value("short_names")):
        fields["short_names"] = short
    if parent := form_value("parent").strip():
        fields["parent"] = parent
    return fields


@blueprint.route("/co-quan")
def index() -> str:
    return render_template("bodies.html", choices=choices())


@blueprint.route("/co-quan/moi", methods=["GET", "POST"])
@blueprint.route("/co-quan/<body_id>/sua", methods=["GET", "POST"])
def edit(body_id: str = "") -> BaseResponse | tuple[str, int]:
    parts = room()
    relative = bodies_path()
    base, data = parts.writer.base_of(relative)
    text = (data or b"").decode("utf-8", "replace")
    if body_id and not valid_id(body_id):
        abort(404)
    if request.method == "GET":
        try:
            found = body_fields(text, body_id) if body_id else {}
        except BodiesFileError as error:
            return render_template("broken.html", relative=relative, problems=[], message=str(error)), 422
        if found is None:
            abort(404)
        values = {k: ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in found.items()}
        return render_template("body_form.html", values=values, body_id=body_id, base=base, messages=Messages(), choices=choices()), 200
    fields = _form_fields()
    new_id = body_id or str(fields["id"])
    values = {k: ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in fields.items()}
    if not valid_id(new_id):
        messages = Messages(fields={"id": ["mã cơ quan cần chữ thường không dấu, số và gạch ngang, ví dụ ban-tuyen-giao-tinh-uy"]})
        return render_template("body_form.html", values=values, body_id=body_id, base=base, messages=messages, choices=choices()), 422
    fields["id"] = new_id
    try:
        updated = with_entry(text, new_id, fields).encode("utf-8")
    except BodiesFileError as error:
        return render_template("broken.html", relative=relative, problems=[], message=str(error)), 422
    if not body_id and body_fields(text, new_id) is not None:
        messages = Messages(fields={"id": [f'đã có cơ quan mã "{new_id}"']})
        return render_template("body_form.html", values=values, body_id=body_id, base=base, messages=messages, choices=choices()), 422
    message = f"{'Sửa' if body_id else 'Thêm'} cơ quan {new_id}"
    outcome = parts.writer.save_bytes(relative, updated, form_value("base"), account(), message, [])
    if outcome.conflict is not None or outcome.messages:
        messages = outcome.messages if outcome.messages else Messages(general=["Danh sách cơ quan vừa được người khác sửa; hãy mở lại."])
        placed = (
            Messages(fields={name.rsplit(".", 1)[-1]: texts for name, texts in messages.fields.items()}, general=messages.general)
            if outcome.messages
            else messages
        )
        return render_template("body_form.html", values=values, body_id=body_id, base=base, messages=placed, choices=choices()), 409
    record("lưu cơ quan", new_id, outcome.commit[:10])
    flash(f"Đã lưu cơ quan {fields['name']} ({new_id}).", "ok")
    if parts.preview is not None:
        parts.preview.refresh_later({})
    back = str(request.args.get("next", ""))
    return redirect(back if back.startswith("/van-ban/") else url_for("bodies.index"))
