"""Signing in and out, accounts (admins only) and the audit log."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.editor.accounts import ROLE_NAMES, AccountError, Role
from generator.editor.sessions import COOKIE
from generator.editor.web import account, client, form_value, needs, record, room, session

blueprint = Blueprint("auth", __name__)


def _next_page() -> str:
    """Where to go after signing in: a path of this site only, else the home page."""
    wanted = request.values.get("next", "")
    return wanted if local_path(wanted) else url_for("documents.index")


def local_path(wanted: str) -> bool:
    """Whether `wanted` is a path on this site (browsers drop tabs and newlines and read a backslash as a slash)."""
    if not wanted or "\\" in wanted or any(unicodedata.category(c) == "Cc" for c in wanted):
        return False
    parts = urlsplit(wanted)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/") and not parts.path.startswith("//")


@blueprint.route("/dang-nhap", methods=["GET", "POST"])
def login() -> BaseResponse | str:
    message = ""
    if request.method == "POST":
        parts = room()
        name, password = form_value("name").strip().lower()[:64], form_value("password")
        if (attempt := parts.lockout.attempt(name, client())) is None:
            record("đăng nhập bị khóa", name)
            message = "Đăng nhập tạm bị khóa sau nhiều lần sai mật khẩu; hãy thử lại sau 15 phút hoặc nhờ quản trị viên."
        elif (found := parts.accounts.verify(name, password)) is None:
            record("đăng nhập sai", name)
            message = "Tên đăng nhập hoặc mật khẩu không đúng."
        else:
            parts.lockout.succeeded(name, client(), attempt)
            session_id, _ = parts.sessions.start(found.name)
            g.account = found
            record("đăng nhập", found.name)
            response = redirect(_next_page())
            secure = parts.config.secure_cookies or request.is_secure
            response.set_cookie(COOKIE, session_id, httponly=True, samesite="Strict", secure=secure)
            return response
    status = 200 if not message else 401
    return make_response(render_template("login.html", message=message, next=request.values.get("next", "")), status)


@blueprint.route("/dang-xuat", methods=["POST"])
def logout() -> BaseResponse:
    room().sessions.end(session().digest)
    record("đăng xuất")
    response = redirect(url_for("auth.login"))
    response.delete_cookie(COOKIE)
    return response


@blueprint.route("/tai-khoan", methods=["GET", "POST"])
@needs(Role.ADMIN)
def accounts() -> BaseResponse | str:
    parts = room()
    if request.method == "POST":
        try:
            role = ROLE_NAMES[form_value("role")]
            created = parts.accounts.create(form_value("name").strip(), form_value("full_name"), role, form_value("password"))
        except (AccountError, KeyError) as error:
            flash(f"Không tạo được tài khoản: {error}.", "error")
        else:
            record("tạo tài khoản", created.name, created.role.label)
            flash(f"Đã tạo tài khoản {created.name} ({created.role.label}).", "ok")
        return redirect(url_for("auth.accounts"))
    return render_template("accounts.html", accounts=parts.accounts.all(), roles=ROLE_NAMES, locked=parts.lockout.locked_accounts())


@blueprint.route("/tai-khoan/<name>", methods=["POST"])
@needs(Role.ADMIN)
def change_account(name: str) -> BaseResponse:
    parts = room()
    target = parts.accounts.get(name)
    if target is None:
        flash("Không có tài khoản này.", "error")
        return redirect(url_for("auth.accounts"))
    try:
        if form_value("action") == "unlock":
            parts.lockout.unlock(target.name)
            record("mở khóa tài khoản", target.name)
            flash(f"Đã mở khóa tài khoản {target.name}.", "ok")
            return redirect(url_for("auth.accounts"))
        if form_value("action") == "remove":
            if target.name == account().name:
                raise AccountError("không thể xóa tài khoản đang dùng")
            parts.accounts.remove(target.name)
            record("xóa tài khoản", target.name)
        else:
            role = ROLE_NAMES.get(form_value("role"))
            password = form_value("password") or None
            parts.accounts.update(target.name, role, password)
            if password is not None:  # a new password given by an admin lifts the lock
                parts.lockout.unlock(target.name)
            record("sửa tài khoản", target.name, role.label if role else "")
        parts.sessions.end_all_of(target.name)
    except AccountError as error:
        flash(f"Không sửa được tài khoản: {error}.", "error")
    else:
        flash(f"Đã cập nhật tài khoản {target.name}.", "ok")
    return redirect(url_for("auth.accounts"))


@blueprint.route("/nhat-ky")
@needs(Role.ADMIN)
def audit() -> str:
    return render_template("audit.html", entries=room().audit.latest())
