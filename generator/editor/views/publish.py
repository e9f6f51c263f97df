"""Publishing, for publishers: what publishing would change on the site (a dry run, after building when the site is
older than data/), then the publish with its progress and its result; the releases on each target and a switch back."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.editor.accounts import Role
from generator.editor.publishing import SHOWN_PATHS
from generator.editor.web import account, needs, record, room

blueprint = Blueprint("publish", __name__)


@blueprint.route("/xuat-ban")
@needs(Role.PUBLISHER)
def index() -> str:
    publisher = room().publisher
    config, problem = publisher.config()
    releases, unreachable = publisher.releases(config) if config is not None else ((), "")
    job = publisher.job
    return render_template(
        "publish.html", config=config, problem=problem, releases=releases, unreachable=unreachable, job=job, shown=SHOWN_PATHS
    )


@blueprint.route("/xuat-ban", methods=["POST"])
@needs(Role.PUBLISHER)
def start() -> BaseResponse:
    parts = room()
    kind = "xuat-ban" if request.form.get("op") == "xuat-ban" else "thu"
    if kind == "xuat-ban" and not request.form.get("dong-y"):
        flash("Hãy xem thay đổi rồi đánh dấu ô xác nhận trước khi xuất bản.", "error")
        return redirect(url_for("publish.index"))
    job = parts.publisher.start(kind, account().full_name, force=bool(request.form.get("xoa-nhieu")))
    if job is None:
        flash("Đang có một lần xuất bản khác; hãy đợi xong.", "error")
    else:
        record("xuất bản" if kind == "xuat-ban" else "xem thay đổi khi xuất bản")
    return redirect(url_for("publish.index"))


@blueprint.route("/xuat-ban/quay-lai", methods=["POST"])
@needs(Role.PUBLISHER)
def rollback() -> BaseResponse:
    target = request.form.get("target") or None
    message = room().publisher.rollback(target)
    record("quay lại bản trước", target or "mọi nơi", message[:200])
    flash(message, "ok")
    return redirect(url_for("publish.index"))
