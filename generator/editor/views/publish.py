"""Publishing: for publishers, the site built, what would change on the site, then published."""

from __future__ import annotations

from flask import Blueprint, render_template

from generator.editor.accounts import Role
from generator.editor.web import needs

blueprint = Blueprint("publish", __name__)


@blueprint.route("/xuat-ban")
@needs(Role.PUBLISHER)
def index() -> str:
    return render_template("publish.html", available=False)
