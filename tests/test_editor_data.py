"""What the editor writes: the form and its tree give back every real document's data; a save is validated (each
message beside its field), committed alone with the editor's name; a stale form is refused with the differences;
an old version comes back; bodies.yaml keeps its comments; a report from the form reaches the site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from flask import Flask

from bench.support import REPO
from generator.commands.build import check
from generator.editor import tree
from generator.editor.bodiesfile import with_entry
from generator.editor.forms import data_from_form, form_from_data
from tests.editorkit import HOST, csrf_of, editor_app, form_fields, signed_in


def _git(root: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("path", sorted((REPO / "data" / "documents").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_form_gives_back_every_documents_data(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    again = data_from_form(form_from_data(data))
    normal = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True, default_style=None))
    normal["date"] = str(normal["date"]) if "date" in normal else None
    normal = {k: v for k, v in normal.items() if v is not None}
    assert again == normal
    assert list(again) == list(data)  # the file's order of fields is kept


def test_tree_edits() -> None:
    rows = tree.rows_from_sections(
        [{"number": "I.", "title": "MỤC ĐÍCH", "sections": [{"number": "1.", "text": "Một. Hai câu sau."}, {"number": "2.", "text": "Ba"}]}]
    )
    assert [row.level for row in rows] == [1, 2, 2]
    assert tree.row_paths(rows) == ["sections[1]", "sections[1].sections[1]", "sections[1].sections[2]"]
    split = tree.split(rows, 1, 5)
    assert [(row.level, row.number, row.text) for row in split[1:3]] == [(2, "1.", "Một."), (2, "", "Hai câu sau.")]
    joined = tree.join(split, 2)
    assert joined[1].text == "Một." and joined[1].paragraphs == "Hai câu sau."
    deeper = tree.change_level(rows, 2, 1)
    assert [row.level for row in deeper] == [1, 2, 3]
    assert tree.sections_from_rows(deeper)[0]["sections"][0]["sections"] == [{"number": "2.", "text": "Ba"}]  # type: ignore[index]
    assert [row.level for row in tree.change_level(rows, 0, -1)] == [1, 2, 2]


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return editor_app(tmp_path)


def test_a_save_is_checked_then_committed_alone_with_the_editors_name(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    (tmp_path / "ghi-chu.txt").write_text("không thuộc lần lưu\n", encoding="utf-8")
    fields = form_fields(client.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    fields["date"], fields["issuer"], fields["op"] = "2023-02-30", "khong-co", "luu"
    refused = client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST)
    assert refused.status_code == 422
    page = refused.text
    date_box = page[page.index('id="f-date"') : page.index('id="f-signer"')]
    assert "ngày không hợp lệ" in date_box and 'aria-invalid="true"' in date_box
    assert "khong-co" in page[page.index('id="f-issuer"') : page.index('id="f-date"')]
    assert _git(tmp_path, "log", "--format=%s").count("\n") == 1
    fields["date"], fields["issuer"], fields["signer"] = "2023-08-22", "ban-bi-thu", "Trương Thị Mai"
    fields["message"] = "Thêm người ký"
    assert client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST).status_code == 302
    assert _git(tmp_path, "log", "-1", "--format=%an|%s") == "Cán bộ bientap|Thêm người ký\n"
    assert _git(tmp_path, "show", "--name-only", "--format=", "HEAD").split() == ["data/documents/118-qd-tw.yaml"]
    assert "signer: Trương Thị Mai" in (tmp_path / "data" / "documents" / "118-qd-tw.yaml").read_text(encoding="utf-8")
    assert "ghi-chu.txt" in _git(tmp_path, "status", "--porcelain")  # left alone
    check(app.extensions["phong_bien_tap"].config.project)


def test_two_editors_on_one_document_the_second_save_is_refused_with_the_differences(app: Flask, tmp_path: Path) -> None:
    first, second = signed_in(app, "bientap"), signed_in(app, "bientap2")
    mine = form_fields(first.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    theirs = form_fields(second.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    mine["place"], mine["op"] = "Hà Nội", "luu"
    theirs["signer"], theirs["op"] = "Người ký khác", "luu"
    assert first.post("/van-ban/118-qd-tw/sua", data=mine, headers=HOST).status_code == 302
    saved = (tmp_path / "data" / "documents" / "118-qd-tw.yaml").read_text(encoding="utf-8")
    refused = second.post("/van-ban/118-qd-tw/sua", data=theirs, headers=HOST)
    assert refused.status_code == 409
    assert "văn bản vừa được người khác sửa" in refused.text
    assert '<span class="added">+place: Hà Nội</span>' in refused.text
    assert '<span class="added">+signer: Người ký khác</span>' in refused.text
    assert (tmp_path / "data" / "documents" / "118-qd-tw.yaml").read_text(encoding="utf-8") == saved
    kept = second.get("/van-ban/118-qd-tw/sua", headers=HOST).text  # the refused form is kept as a draft
    assert "Đang mở bản nháp chưa lưu" in kept and "Người ký khác" in kept


def test_an_old_version_is_restored(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    path = tmp_path / "data" / "documents" / "118-qd-tw.yaml"
    original = path.read_bytes()
    fields = form_fields(client.get("/van-ban/118-qd-tw/sua", headers=HOST).text)
    fields["title"], fields["op"] = "Trích yếu sai", "luu"
    client.post("/van-ban/118-qd-tw/sua", data=fields, headers=HOST)
    history = client.get("/van-ban/118-qd-tw/lich-su", headers=HOST).text
    first = _git(tmp_path, "rev-list", "--max-parents=0", "HEAD").strip()
    assert first in history
    version = client.get(f"/van-ban/118-qd-tw/lich-su/{first}", headers=HOST).text
    assert '<span class="added">+title: Trích yếu sai</span>' in version  # from this version to the current one
    restore = {"csrf": csrf_of(version), "base": version.split('name="base" value="')[1].split('"')[0]}
    assert client.post(f"/van-ban/118-qd-tw/lich-su/{first}/khoi-phuc", data=restore, headers=HOST).status_code == 302
    assert path.read_bytes() == original
    assert _git(tmp_path, "log", "-1", "--format=%s").startswith("Khôi phục 118-qd-tw về bản")


def test_bodies_yaml_keeps_its_comments_and_layout() -> None:
    text = (REPO / "data" / "bodies.yaml").read_text(encoding="utf-8")
    changed = with_entry(text, "dang-doan-quoc-hoi", {"id": "dang-doan-quoc-hoi", "name": "Đảng đoàn Quốc hội", "short_names": ["ĐĐQH"]})
    before, after = text.splitlines(), changed.splitlines()
    assert [line for line in after if line not in before] == ["    short_names: [ĐĐQH]"]
    assert [line for line in before if line not in after] == []
    added = with_entry(text, "tinh-uy-moi", {"id": "tinh-uy-moi", "name": "Tỉnh ủy: mới"})
    assert added.startswith(text) and added.endswith("  - id: tinh-uy-moi\n    name: 'Tỉnh ủy: mới'\n")


def test_a_report_from_the_form_reaches_the_site(app: Flask, tmp_path: Path) -> None:
    client = signed_in(app, "bientap")
    page = client.get("/bao-cao/moi?body=ban-can-su-dang-chinh-phu", headers=HOST).text
    assert "20-KH/TW#iv-2" in page  # the tasks offered
    report = {"csrf": csrf_of(page), "base": "", "body": "ban-can-su-dang-chinh-phu", "task": "20-KH/TW#iv-2", "date": "2024-06-30"}
    report |= {"status": "Đang thực hiện", "summary": "Đã trình dự thảo <b>Chiến lược</b>.", "link": "", "document": ""}
    assert client.post("/bao-cao/moi", data=report, headers=HOST).status_code == 302
    site = check(app.extensions["phong_bien_tap"].config.project)
    found = [r for reports in site.reports_on.values() for r in reports]
    assert {(r.body, r.summary) for r in found} == {("ban-can-su-dang-chinh-phu", "Đã trình dự thảo <b>Chiến lược</b>.")}
    report["body"] = "bo-chinh-tri"  # not responsible for the task: check says so, beside the field
    refused = client.post("/bao-cao/moi", data=report, headers=HOST)
    assert refused.status_code == 422 and 'class="loi"' in refused.text


def test_fields_the_form_has_no_box_for_are_written_back_as_they_were() -> None:
    data = {
        "number": "03/NQ-CP",
        "type": "Nghị quyết",
        "issuer": "chinh-phu",
        "header": {"kind_line": "NGHỊ QUYẾT", "slogan": "Độc lập - Tự do - Hạnh phúc", "future_line": "một dòng mới"},
        "appendices": [{"title_lines": ["CHƯƠNG TRÌNH HÀNH ĐỘNG"], "sections": [{"number": "I.", "title": "MỤC TIÊU"}]}],
    }
    form = form_from_data(data)
    assert "appendices" in form.extra_fields() and "header.future_line" in form.extra_fields()
    assert data_from_form(form) == data
