"""The editorial room as a Flask application: its parts, and the checks every request passes first (its Host name,
its session, its CSRF token), the headers every answer carries, and Vietnamese pages for errors."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, Response, abort, g, redirect, render_template, request, url_for
from jinja2 import StrictUndefined
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response as BaseResponse

from generator.editor.accounts import Accounts, Lockout, Role
from generator.editor.audit import AuditLog
from generator.editor.config import MAX_FORM_BYTES, MAX_REQUEST_BYTES, MAX_SESSION_HOURS, EditorConfig
from generator.editor.datafiles import NotFoundError
from generator.editor.drafts import Drafts
from generator.editor.editing import Writer
from generator.editor.history import History
from generator.editor.importing import MAX_SOURCE_BYTES, ImportSlots
from generator.editor.mirror import Checker
from generator.editor.preview import Preview
from generator.editor.publishing import Publisher
from generator.editor.sessions import COOKIE, Sessions, token_matches
from generator.editor.state import private_folder
from generator.editor.web import Room, record, room
from generator.support.hosts import host_allowed, own_names

HERE = Path(__file__).resolve().parent
# Pages a visitor without a session may open.
PUBLIC = frozenset({"auth.login", "static"})
LOGIN_COOKIE = "nq45_dang_nhap"
ERRORS = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập.",
    403: "Tài khoản của bạn không có quyền làm việc này.",
    404: "Không có trang này.",
    405: "Không làm được việc này theo cách đó.",
    413: f"Tệp hoặc biểu mẫu quá lớn: một lần gửi tối đa {MAX_REQUEST_BYTES >> 20} MiB (một tệp tối đa {MAX_SOURCE_BYTES >> 20} MiB). "
    "Hãy tách tệp hoặc nén ảnh quét.",
    500: "Có lỗi không lường trước; chi tiết đã ghi vào nhật ký của máy chủ.",
}
EDITOR_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
# The preview is the site itself, whose theme has inline scripts and styles; the data in it is escaped by the build.
# Not sandboxed: in an opaque origin (a sandbox without allow-same-origin) a link from the preview to a form is a
# cross-site navigation, which the SameSite=Strict session cookie does not follow (the form asks to sign in again).
PREVIEW_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
PREVIEW_POLICY += "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"


def make_room(config: EditorConfig) -> Room:
    state = private_folder(config.state_dir)
    checker = Checker(config.project, state / "kiem-tra")
    history = History(config.project.root)
    return Room(
        config=config,
        accounts=Accounts(state / "accounts.json"),
        sessions=Sessions(state / "sessions.json", config.idle_minutes * 60, MAX_SESSION_HOURS * 3600),
        lockout=Lockout(),
        audit=AuditLog(state / "audit.log"),
        drafts=Drafts(state / "drafts", state / "tep-nhan"),
        history=history,
        checker=checker,
        writer=Writer(config.project, checker, history, state / ".write.lock"),
        preview=Preview(config.project, state / "xem-truoc") if config.preview else None,
        publisher=Publisher(config.project),
        hosts=own_names(config.host, config.extra_hosts),
        imports=ImportSlots(),
    )


def create_app(config: EditorConfig) -> Flask:
    app = Flask("generator.editor", root_path=str(HERE), template_folder="templates", static_folder="static")
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_FORM_BYTES,
        MAX_FORM_PARTS=100_000,  # a long document's section rows are many fields
        TEMPLATES_AUTO_RELOAD=False,
    )
    # Flask's own signed cookie carries only the one-time messages ("Đã lưu …"); the session is server-side (sessions.py).
    app.secret_key = secrets.token_bytes(32)
    app.config.update(SESSION_COOKIE_NAME="nq45_thong_bao", SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_SECURE=config.secure_cookies)
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.autoescape = True
    app.extensions["phong_bien_tap"] = parts = make_room(config)
    parts.drafts.sweep()  # received files whose draft is gone, left by a crash or by older versions
    if config.behind_proxy:  # only then: a client reaching the editor directly could otherwise name any address
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)  # type: ignore[method-assign]  # Flask's documented way to wrap it
    _register(app)
    app.before_request(_check_request)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(NotFoundError, _not_a_file)
    app.context_processor(lambda: {"me": g.get("account"), "csrf": _csrf(), "Role": Role})
    return app


def _register(app: Flask) -> None:
    from generator.editor.views import accounts, bodies, documents, intake, preview, publish, reports

    for module in (accounts, documents, intake, bodies, reports, preview, publish):
        app.register_blueprint(module.blueprint)


def _csrf() -> str:
    if request.endpoint == "auth.login":
        return str(g.get("login_token", ""))
    session = g.get("session")
    return session.csrf if session is not None else ""


def _check_request() -> BaseResponse | None:
    if (request.content_length or 0) > MAX_REQUEST_BYTES:  # refused before anything reads it, session or not
        abort(413)
    parts = room()
    if not host_allowed(request.headers.get("Host"), parts.hosts):
        parts.audit.record("-", request.remote_addr or "?", "từ chối tên máy", request.headers.get("Host", "")[:100])
        return Response("Tên máy không hợp lệ cho phòng biên tập.\n", 421, mimetype="text/plain")
    origin = request.headers.get("Origin")
    if request.method not in ("GET", "HEAD") and origin and not host_allowed(origin.split("://", 1)[-1], parts.hosts):
        record("từ chối nguồn", request.path, origin[:100])
        return Response("Yêu cầu từ trang khác bị từ chối.\n", 403, mimetype="text/plain")
    session = parts.sessions.find(request.cookies.get(COOKIE))
    found = parts.accounts.get(session.account) if session else None
    g.session, g.account = (session, found) if found else (None, None)
    if request.endpoint in PUBLIC:
        return _check_login_token() if request.endpoint == "auth.login" else None
    if g.account is None:
        if request.method in ("GET", "HEAD"):
            return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
        record("từ chối: chưa đăng nhập", request.path)
        return Response("Cần đăng nhập.\n", 401, mimetype="text/plain")
    if request.method not in ("GET", "HEAD") and not token_matches(
        g.session.csrf, request.form.get("csrf") or request.headers.get("X-CSRF-Token")
    ):
        record("từ chối: thiếu mã chống giả mạo", request.path)
        return Response("Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang rồi làm lại.\n", 403, mimetype="text/plain")
    return None


def _check_login_token() -> Response | None:
    """The login form's own CSRF token: a random value in a cookie and in the form (no session yet)."""
    token = request.cookies.get(LOGIN_COOKIE)
    g.login_token = token if token and len(token) < 100 else secrets.token_urlsafe(24)
    g.new_login_token = g.login_token != token
    if request.method == "POST" and not (token and token_matches(token, request.form.get("csrf"))):
        record("từ chối: đăng nhập thiếu mã chống giả mạo", request.path)
        return Response("Biểu mẫu đã hết hạn; hãy tải lại trang đăng nhập.\n", 403, mimetype="text/plain")
    return None


def _headers(response: Response) -> Response:
    preview = request.path.startswith("/xem-truoc/")
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY if preview else EDITOR_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    if g.get("new_login_token"):
        secure = room().config.secure_cookies or request.is_secure
        response.set_cookie(LOGIN_COOKIE, g.login_token, httponly=True, samesite="Strict", secure=secure, max_age=3600)
    return response


def _not_a_file(error: NotFoundError) -> Response:
    """A file of data/ that is a link, a folder or a device: never read or written through the editor."""
    relative = str(error.args[0]) if error.args else "data/"
    record("từ chối tệp không thường", relative)
    message = f"{relative}: tệp không phải tệp thường trong data/ (một liên kết, thư mục hoặc thiết bị); phòng biên tập không đọc "
    message += "và không ghi nó. Hãy nhờ người quản trị máy thay nó bằng một tệp YAML thường."
    return Response(render_template("error.html", code=422, message=message), 422)


def _error_page(error: HTTPException) -> Response:
    code = error.code or 500
    body = render_template("error.html", code=code, message=ERRORS.get(code, error.description or ""))
    return Response(body, code)
