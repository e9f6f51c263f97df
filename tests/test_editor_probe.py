"""What a security probe of the editorial room found, each kept from coming back: redirects after login only to this
site, a failed save losing nothing, crafted form values and files refused with a message, a draft discarded only by
a POST with its token, lockout and audit behind a proxy, limits on imports, received files deleted, Vietnamese errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from tests.editorkit import HOST, PASSWORD, csrf_of, editor_app, form_fields, signed_in


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return editor_app(tmp_path)


FOREIGN = ["/\t/evil.com", "/\r\n/x", "//evil.com", "/\\evil.com", "\\\\evil.com", "https://evil.com/", "/\x00", "x/y", ""]


@pytest.mark.parametrize("wanted", FOREIGN)
def test_after_login_only_a_path_of_this_site_is_followed(app: Flask, wanted: str) -> None:
    client = app.test_client()
    token = csrf_of(client.get("/dang-nhap", headers=HOST).text)
    response = client.post("/dang-nhap", data={"csrf": token, "name": "bientap", "password": PASSWORD, "next": wanted}, headers=HOST)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_after_login_a_local_path_is_followed(app: Flask) -> None:
    client = app.test_client()
    token = csrf_of(client.get("/dang-nhap", headers=HOST).text)
    data = {"csrf": token, "name": "bientap", "password": PASSWORD, "next": "/van-ban/118-qd-tw/sua?a=1"}
    assert client.post("/dang-nhap", data=data, headers=HOST).headers["Location"] == "/van-ban/118-qd-tw/sua?a=1"


def test_a_save_git_cannot_record_puts_data_back_and_keeps_the_typing_in_the_draft(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    path = tmp_path / "data" / "documents" / "118-qd-tw.yaml"
    before = path.read_bytes()
    fields = form_fields(client.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    assert not list((tmp_path / ".editor" / "drafts").glob("*.json"))  # opening the form keeps no draft
    fields["place"], fields["op"] = "Nơi gõ dở", "luu"
    (tmp_path / ".git" / "index.lock").write_text("", encoding="utf-8")  # git busy (any git failure)
    refused = client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST)
    assert refused.status_code == 503
    assert "Chưa lưu được: kho lưu trữ dữ liệu đang bận hoặc lỗi" in refused.text
    assert path.read_bytes() == before
    (tmp_path / ".git" / "index.lock").unlink()
    again = client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    assert "Đang mở bản nháp chưa lưu" in again and "Nơi gõ dở" in again
    fields = form_fields(again)
    fields["op"] = "luu"
    assert client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST).status_code == 302
    assert "place: Nơi gõ dở" in path.read_text(encoding="utf-8")


def test_a_new_file_git_cannot_record_is_removed(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    page = client.get("/bao-cao/moi", headers=HOST).text
    report = {"csrf": csrf_of(page), "base": "", "body": "ban-can-su-dang-chinh-phu", "task": "20-KH/TW#iv-2", "date": "2024-06-30"}
    report |= {"status": "Đang thực hiện", "summary": "Tóm tắt", "link": "", "document": ""}
    (tmp_path / ".git" / "index.lock").write_text("", encoding="utf-8")
    refused = client.post("/bao-cao/moi", data=report, headers=HOST)
    assert refused.status_code in (409, 422, 503) and "Chưa lưu được" in refused.text
    assert not list((tmp_path / "data" / "reports").glob("2024-06-30-*.yaml"))


def test_the_commit_names_its_author_apart_and_keeps_one_line_of_the_message(app: Flask, tmp_path: Path) -> None:
    import subprocess

    client = signed_in(app, "bientap")
    fields = form_fields(client.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    fields["place"], fields["op"], fields["message"] = "Hà Nội", "luu", "Dòng đầu\nCo-authored-by: Ai <ai@x>"
    assert client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST).status_code == 302
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "-1", "--format=%an|%ae|%B"], capture_output=True, text=True, check=True)
    assert log.stdout.strip() == "Cán bộ bientap|bientap@phong-bien-tap|Dòng đầu"


def _form(client: object, doc_id: str = "118-qd-tw") -> dict[str, object]:
    fields = form_fields(client.get(f"/van-ban/{doc_id}/sua", headers=HOST).text)  # type: ignore[attr-defined]  # a FlaskClient
    return {key: fields.getlist(key) for key in fields}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        *[("op", "cay-tach-²"), ("split_at", "²"), ("s-level", "²"), ("op", "cay-tach-" + "9" * 5000), ("split_at", "9" * 5000)],
        *[("s-level", "9" * 5000), ("extra", "[" * 100_000), ("extra", '{"a":' * 500 + "1" + "}" * 500)],
    ],
    ids=["op-superscript", "split-superscript", "level-superscript", "op-long", "split-long", "level-long", "extra-deep", "extra-yaml"],
)
def test_crafted_form_values_are_refused_with_a_message(app: Flask, name: str, value: str) -> None:
    client = signed_in(app, "bientap")
    fields = _form(client)
    fields["op"] = "cay-tach-0" if name == "split_at" else "kiem-tra"
    fields[name] = [value]
    refused = client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST)
    assert refused.status_code == 400
    assert "Biểu mẫu không hợp lệ" in refused.text


def test_a_linked_data_file_is_refused_with_a_message(app: Flask, tmp_path: Path) -> None:
    documents, reports = tmp_path / "data" / "documents", tmp_path / "data" / "reports"
    (documents / "lien-ket.yaml").symlink_to(documents / "118-qd-tw.yaml")
    reports.mkdir(exist_ok=True)
    (reports / "lien-ket.yaml").symlink_to(documents / "118-qd-tw.yaml")
    client = signed_in(app, "bientap")
    fields = _form(client)
    for method, url in [("get", "/van-ban/lien-ket/sua"), ("post", "/van-ban/lien-ket/sua"), ("get", "/bao-cao/lien-ket/sua")]:
        response = getattr(client, method)(url, data={**fields, "op": "luu"} if method == "post" else None, headers=HOST)
        assert response.status_code == 422, url
        assert "tệp không phải tệp thường trong data/" in response.text
    response = client.post("/bao-cao/lien-ket/sua", data={"csrf": fields["csrf"], "body": "bo-chinh-tri"}, headers=HOST)
    assert response.status_code == 422 and "tệp không phải tệp thường trong data/" in response.text


def test_a_draft_is_discarded_only_by_a_post_with_its_token(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    fields = _form(client)
    fields["place"], fields["op"] = ["Nơi gõ dở"], "luu-nhap"
    assert client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST).status_code == 200
    for method in ("get", "head"):
        getattr(client, method)("/van-ban/118-qd-tw/sua?bo-nhap=1", headers=HOST)
    page = client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    assert "Nơi gõ dở" in page
    assert client.post("/van-ban/118-qd-tw/sua", data={"op": "bo"}, headers=HOST).status_code == 403  # no token
    assert "Nơi gõ dở" in client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    discarded = client.post("/van-ban/118-qd-tw/sua", data={"op": "bo", "csrf": csrf_of(page)}, headers=HOST)
    assert discarded.status_code == 302 and discarded.headers["Location"] == "/van-ban/118-qd-tw/sua"
    assert "Nơi gõ dở" not in client.get("/van-ban/118-qd-tw/sua", headers=HOST).text
    assert not list((tmp_path / ".editor" / "drafts").glob("*.json"))


def _attempt(client: object, name: str, password: str, headers: dict[str, str] | None = None) -> int:
    sent = {**HOST, **(headers or {})}
    token = csrf_of(client.get("/dang-nhap", headers=sent).text)  # type: ignore[attr-defined]  # a FlaskClient
    return int(client.post("/dang-nhap", data={"csrf": token, "name": name, "password": password}, headers=sent).status_code)  # type: ignore[attr-defined]


def test_behind_a_proxy_each_client_is_counted_and_logged_by_its_own_address(tmp_path: Path) -> None:
    app = editor_app(tmp_path, behind_proxy=True)
    for number in range(25):
        _attempt(app.test_client(), f"khong-co-{number}", "sai-mat-khau-roi", {"X-Forwarded-For": "10.0.0.7"})
    assert _attempt(app.test_client(), "quantri", PASSWORD, {"X-Forwarded-For": "10.0.0.7"}) == 401  # that client is locked
    assert _attempt(app.test_client(), "quantri", PASSWORD, {"X-Forwarded-For": "10.0.0.8"}) == 302  # the office is not
    log = (tmp_path / ".editor" / "audit.log").read_text(encoding="utf-8")
    assert "10.0.0.7" in log and "10.0.0.8" in log


def test_without_the_option_forwarded_addresses_are_not_trusted(app: Flask, tmp_path: Path) -> None:
    _attempt(app.test_client(), "khong-co", "sai-mat-khau-roi", {"X-Forwarded-For": "10.0.0.7"})
    assert "10.0.0.7" not in (tmp_path / ".editor" / "audit.log").read_text(encoding="utf-8")


def test_an_admin_unlocks_an_account_and_a_new_password_unlocks_it_too(app: Flask) -> None:
    for _ in range(5):
        _attempt(app.test_client(), "bientap", "sai-mat-khau-roi")
    assert _attempt(app.test_client(), "bientap", PASSWORD) == 401
    admin = signed_in(app, "quantri")
    page = admin.get("/tai-khoan", headers=HOST).text
    assert "đang bị khóa" in page
    assert admin.post("/tai-khoan/bientap", data={"csrf": csrf_of(page), "action": "unlock"}, headers=HOST).status_code == 302
    assert _attempt(app.test_client(), "bientap", PASSWORD) == 302
    for _ in range(5):
        _attempt(app.test_client(), "bientap", "sai-mat-khau-roi")
    new = {"csrf": csrf_of(page), "action": "update", "role": "editor", "password": "mat-khau-moi-dai"}
    assert admin.post("/tai-khoan/bientap", data=new, headers=HOST).status_code == 302
    assert _attempt(app.test_client(), "bientap", "mat-khau-moi-dai") == 302


def test_concurrent_wrong_passwords_get_no_more_guesses_than_the_limit(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from generator.editor.accounts import ACCOUNT_FAILURES, Accounts

    verified: list[str] = []
    real = Accounts.verify

    def slow(self: Accounts, name: str, password: str) -> object:
        verified.append(password)
        time.sleep(0.2)  # Argon2 takes this long; every request checks the lock meanwhile
        return real(self, name, password)

    clients = [app.test_client() for _ in range(16)]
    tokens = [csrf_of(client.get("/dang-nhap", headers=HOST).text) for client in clients]
    monkeypatch.setattr(Accounts, "verify", slow)

    def guess(index: int) -> None:
        data = {"csrf": tokens[index], "name": "bientap", "password": f"doan-sai-{index:02d}"}
        clients[index].post("/dang-nhap", data=data, headers=HOST)

    threads = [threading.Thread(target=guess, args=(index,)) for index in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(verified) == ACCOUNT_FAILURES


def test_at_most_two_imports_run_at_once_and_one_per_account(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from generator.editor.views import intake

    release = threading.Event()
    real = intake.import_file

    def waiting(*arguments: object, **options: object) -> object:
        release.wait(30)
        return real(*arguments, **options)  # type: ignore[arg-type]  # the same arguments

    monkeypatch.setattr(intake, "import_file", waiting)

    def send(name: str) -> tuple[int, str]:
        client = signed_in(app, name)
        token = csrf_of(client.get("/them", headers=HOST).text)
        response = client.post("/them", data={"csrf": token, "text": "QUYẾT ĐỊNH\nvề việc thử"}, headers=HOST)
        return response.status_code, response.text

    try:
        assert send("bientap")[0] == 302
        refused = send("bientap")
        assert refused[0] == 429 and "Đang có một tệp khác được đọc; hãy chờ xong rồi gửi tiếp." in refused[1]
        assert send("bientap2")[0] == 302
        assert send("xuatban")[0] == 429  # two run already in the whole editor
    finally:
        release.set()
    for thread in threading.enumerate():
        if thread.name == "nhap-tep":
            thread.join(30)
    assert send("xuatban")[0] == 302


def _import_text(client: object) -> str:
    import time

    token = csrf_of(client.get("/them", headers=HOST).text)  # type: ignore[attr-defined]  # a FlaskClient
    sent = client.post("/them", data={"csrf": token, "text": "QUYẾT ĐỊNH\nvề việc thử"}, headers=HOST)  # type: ignore[attr-defined]
    url = sent.headers["Location"]
    for _ in range(300):
        page = client.get(url, headers=HOST)  # type: ignore[attr-defined]
        if page.status_code != 200 or "bieu-mau" in page.text:
            return str(url)
        time.sleep(0.1)
    raise AssertionError("the import did not end")


def test_a_discarded_draft_takes_its_received_file_with_it_and_orphans_are_swept_at_start(app: Flask, tmp_path: Path) -> None:
    received = tmp_path / ".editor" / "tep-nhan"
    client = signed_in(app, "bientap")
    url = _import_text(client)
    assert len(list(received.iterdir())) == 1
    page = client.get(url, headers=HOST).text
    assert client.post(url, data={"csrf": csrf_of(page), "op": "bo"}, headers=HOST).status_code == 302
    assert list(received.iterdir()) == []
    _import_text(client)
    (received / ("x" * 24)).mkdir()
    (received / ("x" * 24) / "tep.txt").write_text("bỏ quên", encoding="utf-8")
    from generator.editor.app import create_app

    create_app(app.extensions["phong_bien_tap"].config)  # the editor started again
    assert [path.name for path in received.iterdir()] == [_token_of(tmp_path)]  # the draft's own is kept


def _token_of(root: Path) -> str:
    import json

    (draft,) = (root / ".editor" / "drafts").glob("*.json")
    return str(json.loads(draft.read_text(encoding="utf-8"))["upload"]["token"])


def _laughs_docx(path: Path) -> None:
    import zipfile

    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    document = f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
    document += '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&a9;</w:t>'
    document += "</w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        archive.writestr("word/document.xml", document)


def test_import_errors_say_in_vietnamese_what_is_wrong_without_a_librarys_text(tmp_path: Path) -> None:
    from generator.intake.formats import read_document
    from generator.intake.source import SourceError

    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4 hong")
    (tmp_path / "hong.png").write_bytes(b"\x89PNG\r\n\x1a\nhong")
    _laughs_docx(tmp_path / "cuoi.docx")
    for name, expected in [("hong.pdf", "không đọc được như tệp PDF"), ("hong.png", "không đọc được như một ảnh")]:
        with pytest.raises(SourceError) as refused:
            read_document(tmp_path / name)
        said = str(refused.value)
        assert expected in said and "hãy" in said.lower()
        assert not any(word in said for word in ("PDFium", "Error", "Data format", "Unidentified")), said
    with pytest.raises(SourceError) as refused:
        read_document(tmp_path / "cuoi.docx")
    said = str(refused.value)
    assert "tệp Word" in said and not any(word in said for word in ("Maximum", "amplification", "exceeded", "line ")), said


def test_a_request_over_the_limit_gets_a_vietnamese_page_from_the_server(app: Flask) -> None:
    import http.client
    from urllib.parse import urlsplit

    from generator.editor.config import MAX_REQUEST_BYTES
    from generator.editor.server import SERVER_OPTIONS
    from tests.editorkit import running

    assert SERVER_OPTIONS["max_request_body_size"] > MAX_REQUEST_BYTES
    with running(app) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)
        body = b"x" * (MAX_REQUEST_BYTES + (1 << 20))
        connection.request("POST", "/them", body=body, headers={"Host": HOST["Host"], "Content-Type": "application/octet-stream"})
        answer = connection.getresponse()
        text = answer.read().decode("utf-8")
    assert answer.status == 413
    assert "quá lớn" in text and "Request Entity" not in text


def test_a_publish_job_failing_unforeseen_ends_with_a_vietnamese_error(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.editor import publishing

    def broken(*arguments: object, **options: object) -> object:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(publishing, "publish_project", broken)
    publisher = app.extensions["phong_bien_tap"].publisher
    job = publishing.Job("xuat-ban", "xuatban")
    publisher._run(job, None, False)  # type: ignore[arg-type]  # publish_project, which reads it, is replaced
    assert job.done and job.result is None
    assert job.error.startswith("Xuất bản dừng vì một lỗi không lường trước") and "internal detail" not in job.error
