"""Adding a document from a file: the upload page, the importer run in the background, the review screen with the
source beside the draft, and the page images of a PDF or a scan."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.commands.project import Project
from generator.editor import uploads
from generator.editor.drafts import Draft, Drafts
from generator.editor.forms import form_from_data
from generator.editor.importing import FORMATS, MAX_SOURCE_BYTES, Imported, ImportSlots, SourceError, import_file
from generator.editor.views.formflow import Screen, handle, render
from generator.editor.web import Room, account, record, room

blueprint = Blueprint("intake", __name__)


@blueprint.route("/them", methods=["GET", "POST"])
def upload() -> BaseResponse | tuple[str, int]:
    if request.method == "GET":
        return render_template("upload.html", formats=FORMATS, limit=MAX_SOURCE_BYTES >> 20, message=""), 200
    parts = room()
    folder = parts.drafts.uploads
    owner = account().name
    if not parts.imports.take(owner):
        record("từ chối tệp", detail="đang đọc tệp khác")
        message = "Đang có một tệp khác được đọc; hãy chờ xong rồi gửi tiếp."
        return render_template("upload.html", formats=FORMATS, limit=MAX_SOURCE_BYTES >> 20, message=message), 429
    try:
        return _receive(parts, folder, owner)
    except BaseException:
        parts.imports.give_back(owner)  # the slot is the importer thread's only once it has started
        raise


def _receive(parts: Room, folder: Path, owner: str) -> BaseResponse | tuple[str, int]:
    try:
        sent = request.files.get("file")
        if sent is not None and sent.filename:
            received = uploads.receive(folder, sent.filename, sent.stream)
        elif request.form.get("text", "").strip():
            received = uploads.receive_text(folder, request.form["text"])
        else:
            raise uploads.UploadError("Hãy chọn một tệp hoặc dán văn bản vào ô.")
    except uploads.UploadError as error:
        parts.imports.give_back(owner)
        record("từ chối tệp", detail=str(error))
        return render_template("upload.html", formats=FORMATS, limit=MAX_SOURCE_BYTES >> 20, message=str(error)), 400
    draft = parts.drafts.new(owner, "import")
    draft.status = "running"
    draft.upload = {"token": received.token, "suffix": received.suffix, "name": received.shown_name}
    parts.drafts.keep(draft)
    record("nhận tệp", draft.id, received.shown_name)
    work = partial(_import, parts.config.project, parts.drafts, draft, received)
    threading.Thread(target=_in_slot, args=(parts.imports, owner, work), daemon=True, name="nhap-tep").start()
    return redirect(url_for("intake.review", draft_id=draft.id))


def _in_slot(slots: ImportSlots, owner: str, work: Callable[[], None]) -> None:
    try:
        work()
    finally:
        slots.give_back(owner)


def _import(project: Project, drafts: Drafts, draft: Draft, received: uploads.Upload) -> None:
    """Run the importer on a received file and keep what it made in the draft."""
    try:
        imported = import_file(project, received.path, received.shown_name, partial(_progress, drafts, draft))
    except SourceError as error:
        draft.status, draft.message = "failed", str(error).replace(received.path.name, received.shown_name)
    except Exception:  # the importer failing on a file nobody foresaw: a message, never a dead page; the details logged
        logging.getLogger(__name__).exception("import of %s failed", received.path)
        draft.status = "failed"
        draft.message = f"Không đọc được tệp {received.shown_name}: trình nhập gặp lỗi không lường trước với tệp này (chi tiết đã ghi "
        draft.message += "vào nhật ký của máy chủ). Hãy lưu tệp lại dưới dạng khác (.docx hoặc .pdf) rồi gửi lại."
    else:
        draft.pages = uploads.page_images(received)
        draft.keep_form(form_from_data(imported.data))
        draft.review = _review(imported)
        draft.target = imported.existing or ""
        draft.status = "ready"
    drafts.keep(draft)


def _progress(drafts: Drafts, draft: Draft, message: str) -> None:
    """What the importer is doing (a scan's page being recognised), for the waiting page."""
    draft.message = message[:200]
    drafts.keep(draft)


def _review(imported: Imported) -> dict[str, object]:
    return {
        "lines": [asdict(line) for line in imported.lines],
        "dropped_by_reader": imported.dropped_by_reader,
        "guessed": imported.guessed,
        "origins": imported.origins,
        "notes": imported.notes,
        "unplaced": imported.unplaced,
        "missing": imported.missing,
        "doubtful": imported.doubtful,
        "existing": imported.existing or "",
    }


def _own(draft_id: str) -> Draft:
    draft = room().drafts.get(draft_id)
    if draft is None or draft.owner != account().name or draft.kind != "import":
        abort(404)
    return draft


@blueprint.route("/ban-nhap/<draft_id>", methods=["GET", "POST"])
def review(draft_id: str) -> BaseResponse | tuple[str, int]:
    draft = _own(draft_id)
    if draft.status != "ready":
        if request.method == "POST" and request.form.get("op") == "bo":
            room().drafts.discard(draft)
            flash("Đã bỏ bản nháp.", "ok")
            return redirect(url_for("documents.index"))
        return render_template("importing.html", draft=draft), 200 if draft.status == "running" else 422
    if request.method == "POST":
        return handle(draft)
    return render(draft.document_form(), Screen(draft, draft.target))


@blueprint.route("/ban-nhap/<draft_id>/trang-<int:page>.png")
def page_image(draft_id: str, page: int) -> BaseResponse:
    draft = _own(draft_id)
    upload = uploads.find(room().drafts.uploads, draft.upload.get("token", ""), draft.upload.get("suffix", ""), "")
    path = uploads.page_image(upload, page) if upload else None
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=0)
