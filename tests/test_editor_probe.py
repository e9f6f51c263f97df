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


@pytest.mark.parametrize("wanted", ["/\t/evil.com", "/\r\n/x", "//evil.com", "/\\evil.com", "\\\\evil.com", "https://evil.com/", "/\x00", "x/y", ""])
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


