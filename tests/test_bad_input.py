"""Each kind of bad input: a clear message with file, line and field, and nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.commands.build import Project, build
from generator.support.engine import engine

DOC = "data/documents/287-ctr-ddlhhvn.yaml"


def snapshot(directory: Path) -> dict[str, str]:
    """Hash every file below `directory`, with its modification time."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest() + str(path.stat().st_mtime_ns)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def built_project(project: Project) -> Project:
    build(project)
    return project


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(project: Project, relative: str, text: str) -> None:
    (project.root / relative).write_text(text, encoding="utf-8")


def failed_build(project: Project, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `build` on broken data; assert it fails and leaves docs/ and site/ untouched."""
    docs, site = snapshot(project.docs_dir), snapshot(project.site_dir)
    assert main(["--root", str(project.root), "build"]) == 1
    assert snapshot(project.docs_dir) == docs
    assert snapshot(project.site_dir) == site
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_yaml_syntax_error(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "place: Hà Nội", "place: [Hà Nội")
    err = failed_build(built_project, capsys)
    assert "Lỗi: lỗi cú pháp YAML" in err
    assert f'File "{DOC}", dòng 9' in err


def test_duplicate_key(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "place: Hà Nội\n", "place: Hà Nội\nplace: Hải Phòng\n")
    err = failed_build(built_project, capsys)
    assert err.splitlines()[:4] == [
        'Lỗi: khóa "place" bị lặp (đã có ở dòng 8); mỗi khóa chỉ được viết một lần',
        f'  File "{DOC}", dòng 9, cột 1, trường place',
        "    place: Hải Phòng",
        "    ^",
    ]
    assert err.splitlines()[-1] == "Có 1 lỗi. Không có tệp nào được ghi ra."


def test_unknown_and_missing_fields(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "issuer: dang-doan-lhhvn\n", "isuer: dang-doan-lhhvn\n")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: trường "isuer" không được hỗ trợ; các trường hợp lệ: number, type, issuer, title' in err
    assert 'Lỗi: thiếu trường bắt buộc "issuer"' in err
    assert "Có 2 lỗi." in err


def test_wrong_type(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "signer: Phan Xuân Dũng", "signer: [Phan Xuân Dũng]")
    err = failed_build(built_project, capsys)
    assert "Lỗi: cần một chuỗi văn bản" in err
    assert f'File "{DOC}", dòng 6, cột 9, trường signer' in err


def test_invalid_date(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "date: '2024-03-28'", "date: 2024-02-30")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: ngày không hợp lệ "2024-02-30"; cần dạng YYYY-MM-DD (ví dụ 2024-03-28) hoặc DD/MM/YYYY' in err
    assert f'File "{DOC}", dòng 9, cột 7, trường date' in err


def test_duplicate_document_number(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    write(built_project, "data/documents/copy-of-287.yaml", "number: 287/CTr-ĐĐLHHVN\ntype: Chương trình hành động\nissuer: lhhvn\n")
    err = failed_build(built_project, capsys)
    assert 'số hiệu "287/CTr-ĐĐLHHVN" trùng với văn bản trong data/documents/287-ctr-ddlhhvn.yaml' in err
    assert 'File "data/documents/copy-of-287.yaml", dòng 1, cột 9, trường number' in err


def test_duplicate_section_id(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "  - number: '2.'\n    text: Cụ thể hóa", "  - number: '1.'\n    text: Cụ thể hóa")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: mã mục "i-1" bị trùng với mục ở dòng 36; hãy sửa số thứ tự hoặc đặt trường "id" riêng' in err
    assert "trường sections[1].sections[2]" in err


def test_unsafe_file_name(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    write(built_project, "data/documents/Kế hoạch 9.yaml", "number: 9-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\n")
    err = failed_build(built_project, capsys)
    assert (
        'Lỗi: tên tệp "Kế hoạch 9.yaml" không dùng được làm địa chỉ trang; cần chữ thường không dấu, số và gạch ngang, '
        'ví dụ "ke-hoach-9.yaml"' in err
    )


def test_unsafe_section_id(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "- number: I.\n", "- number: I.\n  id: Mục một\n")
    err = failed_build(built_project, capsys)
    assert 'mã mục "Mục một" không dùng được làm neo liên kết' in err


def test_relation_to_missing_document(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "  - 145-HD/BTGTW", "  - 146-HD/BTGTW")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: không có văn bản nào mang số hiệu "146-HD/BTGTW"' in err
    assert f'File "{DOC}", dòng 15, cột 5, trường relations.based_on' in err


def test_relation_to_missing_section(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "20-KH/TW#iv-3", "20-KH/TW#iv-30")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: văn bản 20-KH/TW không có mục "iv-30"' in err


def test_unknown_body(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "issuer: dang-doan-lhhvn", "issuer: dang-doan-xyz")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: cơ quan "dang-doan-xyz" không có trong data/bodies.yaml' in err
    assert f'File "{DOC}", dòng 5, cột 9, trường issuer' in err


def test_cycle_of_implementation(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        built_project,
        "data/documents/45-nq-tw.yaml",
        "issuer: ban-chap-hanh-trung-uong\n",
        "issuer: ban-chap-hanh-trung-uong\nrelations:\n  based_on: 287-CTr/ĐĐLHHVN\n",
    )
    err = failed_build(built_project, capsys)
    assert "chuỗi thực hiện/căn cứ bị vòng lặp: " in err
    assert "45-NQ/TW → 287-CTr/ĐĐLHHVN → 45-NQ/TW" in err or "287-CTr/ĐĐLHHVN → 45-NQ/TW → 287-CTr/ĐĐLHHVN" in err


def test_type_and_number_disagree(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "type: Chương trình hành động", "type: Kế hoạch")
    err = failed_build(built_project, capsys)
    assert 'số hiệu "287-CTr/ĐĐLHHVN" mang mã loại "CTr" nhưng loại văn bản là "Kế hoạch" (mã KH)' in err


def test_control_character(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "signer: Phan Xuân Dũng", 'signer: "Phan\\x07 Xuân Dũng"')
    err = failed_build(built_project, capsys)
    assert "chứa ký tự điều khiển U+0007 ở vị trí 5 của giá trị, không phải chữ; hãy xóa ký tự này" in err


def test_every_problem_is_reported_at_once(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "date: '2024-03-28'", "date: 2024-13-01")
    edit(built_project, "data/documents/45-nq-tw.yaml", "date: 2023-11-24", "date: 24/13/2023")
    write(built_project, "data/documents/bad.yaml", "number: 1-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\nfoo: 1\n")
    err = failed_build(built_project, capsys)
    assert "Có 3 lỗi." in err


def test_mkdocs_failure_keeps_previous_output(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, "mkdocs.yml", "  - Dòng thời gian: dong-thoi-gian.md", "  - Dòng thời gian: khong-co.md")
    err = failed_build(built_project, capsys)
    assert f"Lỗi khi dựng trang bằng {engine().name}" in err
    assert "Thư mục docs/ và site/ được giữ nguyên như trước lần dựng này." in err


def test_mkdocs_failure_on_a_first_build_leaves_no_docs(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    # docs/ is staged beside before MkDocs builds from it (generator.commands.build): none of it may stay.
    edit(project, "mkdocs.yml", "  - Dòng thời gian: dong-thoi-gian.md", "  - Dòng thời gian: khong-co.md")
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 1
    assert not project.docs_dir.exists() and not project.site_dir.exists()
    assert not (project.staging_dir / "docs").exists()
    assert f"Lỗi khi dựng trang bằng {engine().name}" in capsys.readouterr().err


PLAN = "data/documents/20-kh-tw.yaml"


def test_unreadable_deadline_is_quoted(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, PLAN, "(hoàn thành trong quý I/2024).", "(hoàn thành trong quý V/2024).")
    err = failed_build(built_project, capsys)
    assert 'Lỗi: không đọc được thời hạn "hoàn thành trong quý V/2024"; cần dạng như "hoàn thành trong quý I/2024"' in err
    assert "trường sections[4].sections[2].sections[1].task.deadline" in err


def test_explicit_deadline_is_checked(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        built_project,
        PLAN,
        "    task:\n      bodies:\n      - bo-chinh-tri",
        "    task:\n      deadline: trước Tết\n      bodies:\n      - bo-chinh-tri",
    )
    err = failed_build(built_project, capsys)
    assert 'không đọc được thời hạn "trước Tết"' in err


def test_task_without_a_body(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, PLAN, "    bodies:\n    - dang-doan-quoc-hoi\n", "")
    err = failed_build(built_project, capsys)
    assert 'nhiệm vụ chưa có cơ quan chủ trì; thêm "bodies" vào nhiệm vụ hoặc vào mục chứa nó' in err
    assert err.count("nhiệm vụ chưa có cơ quan chủ trì") == 2


def test_task_with_an_unknown_body(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, PLAN, "    - dang-doan-quoc-hoi\n", "    - dang-doan-quoc-hoi-x\n")
    err = failed_build(built_project, capsys)
    assert 'cơ quan "dang-doan-quoc-hoi-x" không có trong data/bodies.yaml' in err


def test_answer_to_a_section_without_tasks(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, DOC, "answers:\n- 20-KH/TW#iv-3", "answers:\n- 20-KH/TW#i")
    err = failed_build(built_project, capsys)
    assert "Lỗi: mục i của văn bản 20-KH/TW không giao nhiệm vụ nào để trả lời" in err
