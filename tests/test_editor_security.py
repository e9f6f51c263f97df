"""The editorial room refuses what it must: requests to another host name, changes without a session or a valid CSRF
token, work beyond a role, repeated wrong passwords, oversized and crafted uploads, ids that are paths; data shows as
text; its state is private."""

from __future__ import annotations

import io
import re
import stat
import subprocess
from pathlib import Path

import pytest
from flask import Flask

from generator.editor.sessions import COOKIE
from tests.editorkit import HOST, PASSWORD, csrf_of, editor_app, form_fields, signed_in

ARGUMENTS = {"doc_id": "45-nq-tw", "commit": "0" * 40, "name": "bientap", "draft_id": "x" * 24, "body_id": "bo-chinh-tri"}
ARGUMENTS |= {"report_id": "bao-cao-thu", "path": "index.html", "page": 1}


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return editor_app(tmp_path)


def _changes(app: Flask) -> list[str]:
    """Every URL that changes something (every POST route, its variables filled in)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and rule.endpoint != "auth.login":
            urls.append(rule.build({name: ARGUMENTS[name] for name in rule.arguments}, append_unknown=False)[1])
    return sorted(set(urls))


def _head(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout


def test_every_change_without_a_session_or_a_valid_token_is_refused(app: Flask, tmp_path: Path) -> None:
    urls = _changes(app)
    assert len(urls) >= 10
    head = _head(tmp_path)
    anonymous = app.test_client()
    for url in urls:
        assert anonymous.post(url, data={"op": "luu"}, headers=HOST).status_code == 401, url
    client = signed_in(app, "quantri")
    for url in urls:
        assert client.post(url, data={"op": "luu"}, headers=HOST).status_code == 403, url
        assert client.post(url, data={"op": "luu", "csrf": "sai"}, headers=HOST).status_code == 403, url
    assert _head(tmp_path) == head
    log = (tmp_path / ".editor" / "audit.log").read_text(encoding="utf-8")
    assert "thiếu mã chống giả mạo" in log and "chưa đăng nhập" in log


def test_login_needs_its_own_token_and_a_stolen_session_cookie_is_not_enough_from_another_site(app: Flask) -> None:
    client = app.test_client()
    assert client.post("/dang-nhap", data={"name": "quantri", "password": PASSWORD}, headers=HOST).status_code == 403
    signed = signed_in(app, "quantri")
    page = signed.get("/them", headers=HOST).text
    evil = {**HOST, "Origin": "https://ke-gian.example"}
    assert signed.post("/them", data={"csrf": csrf_of(page), "text": "x"}, headers=evil).status_code == 403


def test_another_host_name_is_refused_and_a_configured_one_answered(tmp_path: Path) -> None:
    app = editor_app(tmp_path, extra_hosts=("bientap.vusta.vn",))
    client = app.test_client()
    assert client.get("/dang-nhap", headers={"Host": "attacker.example"}).status_code == 421
    assert client.post("/dang-nhap", headers={"Host": "attacker.example:8045"}).status_code == 421
    assert client.get("/dang-nhap", headers={"Host": "bientap.vusta.vn"}).status_code == 200
    assert client.get("/dang-nhap", headers={"Host": "localhost:8045"}).status_code == 200


def test_an_editor_can_neither_publish_nor_manage_accounts(app: Flask) -> None:
    editor = signed_in(app, "bientap")
    token = csrf_of(editor.get("/", headers=HOST).text)
    assert editor.get("/xuat-ban", headers=HOST).status_code == 403
    publish = {"csrf": token, "op": "xuat-ban", "dong-y": "1"}
    assert editor.post("/xuat-ban", data=publish, headers=HOST).status_code == 403
    assert editor.post("/xuat-ban/quay-lai", data={"csrf": token}, headers=HOST).status_code == 403
    assert editor.get("/tai-khoan", headers=HOST).status_code == 403
    made = {"csrf": token, "name": "moi", "full_name": "Mới", "role": "admin", "password": "x" * 12}
    assert editor.post("/tai-khoan", data=made, headers=HOST).status_code == 403
    assert editor.post("/tai-khoan/bientap", data={"csrf": token, "role": "admin"}, headers=HOST).status_code == 403
    publisher = signed_in(app, "xuatban")
    assert publisher.get("/xuat-ban", headers=HOST).status_code == 200
    assert publisher.get("/tai-khoan", headers=HOST).status_code == 403
    assert "Xuất bản" not in editor.get("/", headers=HOST).text.split("<main")[0]


def test_cookies_are_http_only_strict_and_secure_when_configured(tmp_path: Path) -> None:
    app = editor_app(tmp_path, secure_cookies=True)
    client = app.test_client()
    token = csrf_of(client.get("/dang-nhap", headers=HOST).text)
    response = client.post("/dang-nhap", data={"csrf": token, "name": "quantri", "password": PASSWORD}, headers=HOST)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith(COOKIE))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_repeated_failures_lock_the_account_and_the_client(app: Flask) -> None:
    client = app.test_client()

    def attempt(name: str, password: str) -> int:
        token = csrf_of(client.get("/dang-nhap", headers=HOST).text)
        return client.post("/dang-nhap", data={"csrf": token, "name": name, "password": password}, headers=HOST).status_code

    for _ in range(5):
        assert attempt("bientap", "sai-mat-khau-roi") == 401
    assert attempt("bientap", PASSWORD) == 401  # locked although the password is right
    assert attempt("xuatban", PASSWORD) == 302  # another account from the same client is not
    for number in range(20):
        attempt(f"khong-co-{number}", "sai-mat-khau-roi")
    assert attempt("quantri", PASSWORD) == 401  # the client itself is locked now
    assert "đăng nhập bị khóa" in (Path(app.extensions["phong_bien_tap"].config.state_dir) / "audit.log").read_text(encoding="utf-8")


def test_a_session_ends_after_idling(tmp_path: Path) -> None:
    app = editor_app(tmp_path, idle_minutes=0)
    client = signed_in(app, "bientap")
    assert client.get("/", headers=HOST).status_code == 302


def test_uploads_over_the_limits_or_of_other_kinds_are_refused_with_a_message(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    token = csrf_of(client.get("/them", headers=HOST).text)

    def send(name: str, data: bytes) -> tuple[int, str]:
        response = client.post("/them", data={"csrf": token, "file": (io.BytesIO(data), name)}, headers=HOST)
        return response.status_code, response.text

    status, page = send("lon.pdf", b"%PDF" + b"0" * (20 << 20))
    assert status == 400 and "quá lớn: tối đa 20 MiB" in page
    status, page = send("rat-lon.docx", b"0" * (22 << 20))
    assert status == 413 and "quá lớn" in page
    status, page = send("chuong-trinh.exe", b"MZ")
    assert status == 400 and "chỉ nhận các loại" in page
    status, page = send("<img src=x onerror=alert(1)>.exe", b"x")
    assert status == 400 and "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.exe" in page
    assert not any(path.is_file() for path in (tmp_path / ".editor" / "tep-nhan").rglob("*"))


def test_a_crafted_file_name_is_only_ever_shown_as_text(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    token = csrf_of(client.get("/them", headers=HOST).text)
    name = "../../../tmp/<img src=x onerror=alert(1)>\u202egpj\u0007.txt"
    text = "Số: 12-KH/ĐĐLHHVN\nKẾ HOẠCH\nthử\n".encode()
    response = client.post("/them", data={"csrf": token, "file": (io.BytesIO(text), name)}, headers=HOST)
    assert response.status_code == 302
    stored = [path for path in (tmp_path / ".editor" / "tep-nhan").rglob("*") if path.is_file()]
    assert [path.name for path in stored] == ["tep.txt"]
    assert not (tmp_path.parent / "tmp" / "a").exists()
    page = client.get(response.headers["Location"], headers=HOST).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;gpj.txt" in page and "\u202e" not in page


@pytest.mark.parametrize("doc_id", ["..%2F..%2Fetc%2Fpasswd", "index", "45-NQ-TW", "a" * 81])
def test_an_id_that_is_not_a_slug_reaches_no_file(app: Flask, doc_id: str) -> None:
    client = signed_in(app, "bientap")
    assert client.get(f"/van-ban/{doc_id}/sua", headers=HOST).status_code == 404
    assert client.get(f"/van-ban/{doc_id}/lich-su", headers=HOST).status_code == 404


def test_markup_in_a_field_is_shown_as_text_in_the_form(app: Flask) -> None:
    client = signed_in(app, "bientap")
    page = client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    fields = form_fields(page)
    fields["title"] = '<script>alert("x")</script><b>đậm</b>'
    fields["op"] = "luu"
    assert client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST).status_code == 302
    page = client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in page


def test_the_editors_state_is_private(app: Flask, tmp_path: Path) -> None:
    signed_in(app, "bientap")
    state = tmp_path / ".editor"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    for path in state.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    accounts = (state / "accounts.json").read_text(encoding="utf-8")
    assert PASSWORD not in accounts and "$argon2id$" in accounts
    sessions = (state / "sessions.json").read_text(encoding="utf-8")
    assert re.search(r'"[0-9a-f]{64}"', sessions)  # digests of the ids, never the ids
