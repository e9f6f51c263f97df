"""The list of documents, a document's form, its history with the differences of each version, and restoring one."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.corpus.lookup import entry
from generator.corpus.lookup import lookup as find_numbers
from generator.corpus.numbers import number_key
from generator.corpus.vocabulary import MAX_QUERY
from generator.editor.datafiles import NotFoundError, ids_in, read, relative_path
from generator.editor.editing import diff, load_yaml
from generator.editor.forms import form_from_data
from generator.editor.history import blob_hash
from generator.editor.views.formflow import Screen, handle, render
from generator.editor.web import account, record, room

blueprint = Blueprint("documents", __name__)


def _relative(doc_id: str) -> str:
    try:
        return relative_path("document", doc_id)
    except NotFoundError:
        abort(404)


@blueprint.route("/")
def index() -> str:
    parts = room()
    site, problems = parts.checker.site()
    query = request.args.get("q", "").strip()[:100].lower()
    documents = []
    for doc_id in ids_in(parts.config.project, "document"):
        document = site.documents.get(doc_id) if site else None
        number, title = (document.number, document.title or "") if document else (doc_id, "")
        if not query or query in f"{number} {title} {doc_id}".lower():
            documents.append((doc_id, number, title))
    drafts = parts.drafts.of(account().name)
    return render_template("index.html", documents=documents, drafts=drafts, query=query, problems=problems[:20])


@blueprint.route("/van-ban/<doc_id>/sua", methods=["GET", "POST"])
def edit(doc_id: str) -> BaseResponse | tuple[str, int]:
    parts = room()
    relative = _relative(doc_id)
    draft = parts.drafts.editing(account().name, doc_id)
    if request.method == "POST":
        return handle(draft or parts.drafts.unsaved(account().name, "edit", doc_id))
    if draft is not None:
        return render(draft.document_form(), Screen(draft, doc_id))
    base, data = parts.writer.base_of(relative)
    if data is None:
        abort(404)
    fields, problems = load_yaml(data, relative)
    if fields is None:
        flash("Tệp này không đọc được như YAML của một văn bản; hãy sửa bằng tay theo lỗi dưới đây.", "error")
        return render_template("broken.html", relative=relative, problems=problems), 422
    from generator.editor.drafts import Draft

    return render(form_from_data(fields, base), Screen(Draft("", account().name, "edit", doc_id), doc_id))


@blueprint.route("/tra-so-hieu")
def lookup() -> Response:
    """The documents a typed number denotes, read as the site's lookup box reads it (corpus/lookup.py)."""
    site, _ = room().checker.site()
    typed = request.args.get("q", "")[:MAX_QUERY]
    if site is None or not typed.strip():
        return jsonify([])
    documents = {document.number: document for document in site.documents.values()}
    found = find_numbers(typed, [entry(number) for number in documents])
    by_key = {number_key(number): document for number, document in documents.items()}
    return jsonify([{"number": by_key[e.key].number, "title": by_key[e.key].title or by_key[e.key].type} for e in found[:10]])


@blueprint.route("/van-ban/<doc_id>/lich-su")
def history(doc_id: str) -> str:
    relative = _relative(doc_id)
    return render_template("history.html", doc_id=doc_id, relative=relative, versions=room().history.versions(relative))


@blueprint.route("/van-ban/<doc_id>/lich-su/<commit>")
def version(doc_id: str, commit: str) -> str:
    parts = room()
    relative = _relative(doc_id)
    versions = parts.history.versions(relative)
    index = next((i for i, v in enumerate(versions) if v.commit == commit), None)
    if index is None:
        abort(404)
    older = parts.history.content(versions[index + 1].commit, relative) if index + 1 < len(versions) else b""
    this = parts.history.content(commit, relative) or b""
    current = read(parts.config.project, relative) or b""
    return render_template(
        "version.html",
        doc_id=doc_id,
        version=versions[index],
        changes=diff((older or b"").decode("utf-8", "replace"), this.decode("utf-8", "replace"), "bản trước", "bản này"),
        to_current=diff(this.decode("utf-8", "replace"), current.decode("utf-8", "replace"), "bản này", "bản đang lưu"),
        base=blob_hash(current),
    )


@blueprint.route("/van-ban/<doc_id>/lich-su/<commit>/khoi-phuc", methods=["POST"])
def restore(doc_id: str, commit: str) -> BaseResponse | tuple[str, int]:
    parts = room()
    relative = _relative(doc_id)
    old = parts.history.content(commit, relative)
    if old is None:
        abort(404)
    outcome = parts.writer.save_bytes(
        relative, old, request.form.get("base", ""), account(), f"Khôi phục {doc_id} về bản {commit[:10]}", []
    )
    if outcome.failed:
        flash(" ".join(outcome.messages.general), "error")
    elif outcome.conflict is not None:
        flash("Tệp đã thay đổi từ khi bạn mở trang này; hãy xem lại lịch sử rồi khôi phục lại.", "error")
    elif outcome.messages:
        flash("Bản cũ này không còn hợp lệ với dữ liệu hiện nay: " + "; ".join(outcome.messages.all()[:5]), "error")
    elif outcome.unchanged:
        flash("Bản này giống hệt bản đang lưu.", "ok")
    else:
        record("khôi phục", doc_id, commit[:10])
        flash(f"Đã khôi phục bản {commit[:10]} (lịch sử: {outcome.commit[:10]}).", "ok")
        if parts.preview is not None:
            parts.preview.refresh_later({})
    return redirect(url_for("documents.history", doc_id=doc_id))
