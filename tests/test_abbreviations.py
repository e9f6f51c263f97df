"""data/abbreviations.yaml: validated like the rest of the data, and read into the search vocabulary of names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli.main import main
from generator.commands.build import Project
from generator.corpus.abbreviations import load_abbreviations
from generator.corpus.errors import Location, Problem
from generator.corpus.model import Abbreviation, Body
from generator.corpus.searchtext import FormReader, concepts, search_forms, words_and_gaps
from tests.conftest import REPO


def load(tmp_path: Path, text: str) -> tuple[tuple[Abbreviation, ...], list[Problem]]:
    path = tmp_path / "abbreviations.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return load_abbreviations(path, "data/abbreviations.yaml", problems), problems


def test_the_projects_vocabulary_loads_without_problems() -> None:
    problems: list[Problem] = []
    found = load_abbreviations(REPO / "data" / "abbreviations.yaml", "data/abbreviations.yaml", problems)
    assert problems == []
    assert ("KH&CN", "KHCN", "khoa học và công nghệ", "khoa học công nghệ") in [entry.forms for entry in found]


def test_no_file_no_abbreviations(tmp_path: Path) -> None:
    problems: list[Problem] = []
    assert load_abbreviations(tmp_path / "abbreviations.yaml", "data/abbreviations.yaml", problems) == ()
    assert problems == []


@pytest.mark.parametrize(
    "text, line, column, field, message",
    [
        ("abbreviations:\n  - forms: [KHCN]\n", 2, 12, "abbreviations[1].forms", "cần ít nhất hai cách viết"),
        ("abbreviations:\n  - forms: [KHCN, '45']\n", 2, 19, "abbreviations[1].forms[2]", "quá ngắn hoặc chỉ có số"),
        ("abbreviations:\n  - forms: [KHCN, '---']\n", 2, 19, "abbreviations[1].forms[2]", "không có chữ hay số nào"),
        ("abbreviations:\n  - forms: [ngày lễ, ngày 24 tháng 11 năm 2023]\n", 2, 22, "abbreviations[1].forms[2]", "là một ngày"),
        ("abbreviations:\n  - forms: [KHCN, KH&CN]\n  - forms: [KH CN, khoa học]\n", 3, 13, "abbreviations[2].forms[1]", "đã có ở dòng 2"),
        ("abbreviations:\n  - form: [KHCN, KH&CN]\n", 2, 5, "abbreviations[1].form", 'trường "form" không được hỗ trợ'),
        ("abbreviations:\n  - forms: KHCN\n", 2, 12, "abbreviations[1].forms", "cần một danh sách"),
        ("abbreviations:\n  - forms: [KHCN, '[cần điền]']\n", 2, 19, "abbreviations[1].forms[2]", "còn chỗ cần điền"),
        ("abbreviation: []\n", 1, 1, "abbreviation", 'trường "abbreviation" không được hỗ trợ'),
    ],
)
def test_bad_entries_are_named_by_place_and_field(tmp_path: Path, text: str, line: int, column: int, field: str, message: str) -> None:
    _, problems = load(tmp_path, text)
    assert any(
        problem.location == Location("data/abbreviations.yaml", line, column) and problem.field == field and message in problem.message
        for problem in problems
    ), problems


def test_one_form_twice_in_one_entry_is_no_error(tmp_path: Path) -> None:
    found, problems = load(tmp_path, "abbreviations:\n  - forms: [TP.HCM, TP HCM, Thành phố Hồ Chí Minh]\n")
    assert problems == [] and found[0].forms == ("TP.HCM", "TP HCM", "Thành phố Hồ Chí Minh")


def test_check_reports_a_bad_vocabulary_in_vietnamese_with_its_place(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = project.data_dir / "abbreviations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - forms: [VUSTA, Liên hiệp Hội]\n", encoding="utf-8")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert 'Lỗi: cách viết "VUSTA" đã có ở dòng' in err
    assert 'File "data/abbreviations.yaml", dòng' in err and "trường abbreviations[" in err
    assert "Traceback" not in err


def body(body_id: str, name: str, *short: str) -> Body:
    return Body(id=body_id, name=name, short_names=short, parent=None, location=Location("data/bodies.yaml", 1, 1))


def test_names_sharing_a_form_become_one_term_with_every_form() -> None:
    entries = (Abbreviation(("VUSTA", "LHHVN"), Location("a", 1, 1)), Abbreviation(("CP", "Chính phủ"), Location("a", 2, 1)))
    bodies = (body("lhhvn", "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "LHHVN"), body("btg", "Ban Tuyên giáo Trung ương", "BTGTW"))
    forms = search_forms(entries, bodies)
    assert forms == {
        "_btgtw": ("ban tuyen giao trung uong", "btgtw"),
        "_cp": ("chinh phu", "cp"),
        "_lhhvn": ("lhhvn", "lien hiep cac hoi khoa hoc va ky thuat viet nam", "vusta"),
    }


def test_every_form_is_found_in_text_even_inside_a_longer_one() -> None:
    reader = FormReader({"_mttq": ("mat tran to quoc", "mttq"), "_mttqvn": ("mat tran to quoc viet nam",), "_cp": ("chinh phu",)})
    words, gaps = words_and_gaps("Đảng đoàn Mặt trận Tổ quốc Việt Nam và Chính phủ")
    assert [(c.start, c.span, c.token) for c in concepts(words, gaps, reader)] == [(2, 4, "_mttq"), (2, 6, "_mttqvn"), (9, 2, "_cp")]


@pytest.mark.parametrize(
    "text, token, start, span",
    [
        ("Nghị quyết ngày 24/11/2023 của", "_24112023", 3, 3),
        ("ngày 24-11-2023", "_24112023", 1, 3),
        ("24.11.2023", "_24112023", 0, 3),
        ("Hà Nội, ngày 28 tháng 3 năm 2024", "_28032024", 3, 5),
        ("ký ngày 28/3/2024.", "_28032024", 2, 3),
        ("từ 2023-11-24", "_24112023", 1, 3),
        ("ngày 29/02/2024", "_29022024", 1, 3),
    ],
)
def test_dates_in_every_common_writing(text: str, token: str, start: int, span: int) -> None:
    words, gaps = words_and_gaps(text)
    assert [(c.token, c.start, c.span) for c in concepts(words, gaps, None)] == [(token, start, span)]


@pytest.mark.parametrize("text", ["ngày 30/02/2024", "ngày 29/02/2023", "24/11-2023", "mục 2.3", "1/2024", "quý I/2024", "24/13/2023"])
def test_what_is_no_date(text: str) -> None:
    assert concepts(*words_and_gaps(text), None) == []
