"""Helpers for the editor's tests: a client signed in, the form of a page, a document under another number (the
editor over a project copy with accounts is in bench/editorkit.py, which the benchmark shares)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from bench.editorkit import PASSWORD, editor_app, running

__all__ = ["HOST", "PASSWORD", "csrf_of", "derived", "editor_app", "form_fields", "running", "signed_in"]

HOST = {"Host": "127.0.0.1:8045"}


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def signed_in(app: Flask, name: str) -> FlaskClient:
    client = app.test_client()
    token = csrf_of(client.get("/dang-nhap", headers=HOST).text)
    response = client.post("/dang-nhap", data={"csrf": token, "name": name, "password": PASSWORD}, headers=HOST)
    assert response.status_code == 302, response.text
    return client


class _Form(HTMLParser):
    """The fields a browser would send for the form holding a given field."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[list[str]] = []
        self._area: list[str] | None = None
        self._select: list[str] | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attributes}
        name = found.get("name", "")
        if tag == "input" and name and found.get("type") not in ("checkbox", "file", "submit"):
            self.fields.append([name, found.get("value", "")])
        elif tag == "input" and name and found.get("type") == "checkbox" and "checked" in found:
            self.fields.append([name, found.get("value", "on")])
        elif tag == "textarea":
            self._area = [name, ""]
        elif tag == "select":
            self._select = [name, ""]
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None and "selected" in found:
            self._select[1] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._area is not None:
            self.fields.append(self._area)
            self._area = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._area is not None:
            self._area[1] += data


def form_fields(html: str, start: str = '<form method="post" class="bieu-mau') -> MultiDict[str, str]:
    """The fields of the page's document form as a browser sends them."""
    section = html[html.index(start) :]
    section = section[: section.index("</form>")]
    parser = _Form()
    parser.feed(section)
    return MultiDict([(name, value) for name, value in parser.fields])


def derived(root: Path, source: str, number: str, new_id: str) -> None:
    """A document of data/ written again under another number (a fixture for imports that make a new record)."""
    text = (root / "data" / "documents" / f"{source}.yaml").read_text(encoding="utf-8")
    old = re.search(r"^number: (.+)$", text, re.MULTILINE)
    assert old
    text = text.replace(f"number: {old.group(1)}", f"number: {number}", 1)
    (root / "data" / "documents" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
