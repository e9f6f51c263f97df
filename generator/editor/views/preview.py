"""The preview under /xem-truoc/: the site as the build renders it, with a bar (only here, never on the site) that
links each document's and body's page to its form, and a body's page to the form of each of its progress reports."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, render_template, url_for

from generator.corpus.reports import load_reports
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
        return [
            ("Sửa cơ quan này", url_for("bodies.edit", body_id=parts[1])),
            ("Thêm báo cáo", url_for("reports.edit", body=parts[1])),
            *_report_links(parts[1]),
        ]
    if parts[0] == "nhiem-vu":
        return [("Thêm báo cáo tiến độ", url_for("reports.edit"))]
    return []


def _report_links(body_id: str) -> list[tuple[str, str]]:
    """A link to the form of each progress report of a body, newest first (the reports its page shows; a file with a
    problem is left out here, as the site leaves it out)."""
    project = room().config.project
    reports = load_reports(project.data_dir / "reports", "data/reports", [], project.root)
    mine = sorted((r for r in reports if r.body == body_id and valid_id(r.id)), key=lambda r: (r.date, r.id), reverse=True)
    return [(f"Sửa báo cáo {r.date:%d/%m/%Y}", url_for("reports.edit", report_id=r.id)) for r in mine]


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
