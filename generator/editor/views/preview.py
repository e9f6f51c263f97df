"""The preview under /xem-truoc/: the site as the build renders it, with a bar (only here, never on the site) that
links each document's and body's page to its form."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, render_template, url_for

from generator.editor.datafiles import valid_id
from generator.editor.web import room

blueprint = Blueprint("preview", __name__)
_BODY = re.compile(rb"<body[^>]*>")


def _links(path: str) -> list[tuple[str, str]]:
    """The forms a page of the site is edited with."""
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "van-ban" and valid_id(parts[1]):
        return [("Sửa văn bản này", url_for("documents.edit", doc_id=parts[1])), ("Lịch sử", url_for("documents.history", doc_id=parts[1]))]
    if len(parts) == 2 and parts[0] == "co-quan" and valid_id(parts[1]):
        return [("Sửa cơ quan này", url_for("bodies.edit", body_id=parts[1])), ("Thêm báo cáo", url_for("reports.edit", body=parts[1]))]
    if parts[0] == "nhiem-vu":
        return [("Thêm báo cáo tiến độ", url_for("reports.edit"))]
    return []


@blueprint.route("/xem-truoc/", defaults={"path": ""})
@blueprint.route("/xem-truoc/<path:path>")
def page(path: str) -> Response:
    preview = room().preview
    if preview is None:
        abort(404)
    status, kind, body = preview.page(path)
    if status == 503:
        return Response(render_template("error.html", code=503, message="Trang xem trước đang khởi động; hãy tải lại sau ít giây."), 503)
    if kind == "text/html":
        bar = render_template("preview_bar.html", links=_links(path), problem=preview.problem).encode("utf-8")
        found = _BODY.search(body)
        body = body[: found.end()] + bar + body[found.end() :] if found else bar + body
    return Response(body, status, content_type=f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
