"""Input made to hurt the site, or merely unlucky: refused with a message, limited, or shown literally."""

from __future__ import annotations

import csv
import io
import os

import pytest

from generator.cli.main import main
from generator.commands.build import Project, generate
from generator.corpus.load import MAX_SECTION_DEPTH, MAX_SECTIONS
from generator.corpus.yamlsource import MAX_FILE_BYTES, compose_text
from generator.outputs.exports import spreadsheet_cell, tasks_csv
from tests.test_bad_input import edit, failed_build, write

MINIMAL = "number: 9-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\n"


@pytest.fixture
def built_project(project: Project) -> Project:
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 0
    return project


def new_document(project: Project, name: str, text: str) -> None:
    write(project, f"data/documents/{name}", text)


# --- Scripts from data -------------------------------------------------------------------------


def test_a_url_is_never_markdown(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "official_url: \"https://a.example/){:onclick='alert(1)'}\"\n")
    err = failed_build(built_project, capsys)
    assert 'địa chỉ không hợp lệ: có ký tự "{" ở vị trí 20, không được có trong địa chỉ' in err
    assert "trường official_url" in err


def test_only_http_https_and_mailto_links(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "official_url: javascript:alert(1)\n")
    assert "chỉ nhận địa chỉ bắt đầu bằng https://, http:// hoặc mailto:" in failed_build(built_project, capsys)


def test_a_markdown_link_in_a_url_stays_inside_the_href(project: Project) -> None:
    new_document(project, "9-kh-tw.yaml", MINIMAL + 'official_url: "https://a.example/)[x](javascript:alert(1))"\n')
    _, files = generate(project, pdfs=False)
    page = files["van-ban/9-kh-tw.md"].decode("utf-8")
    assert '<a href="https://a.example/)[x](javascript:alert(1))">Xem toàn văn chính thức</a>.' in page


@pytest.mark.parametrize(
    ("char", "said"),
    [
        ("\ufffe", "mã không phải ký tự U+FFFE ở vị trí 4"),
        ("\ue000", "ký tự dùng riêng U+E000 ở vị trí 4"),
        ("\u202e", "ký tự đảo chiều chữ U+202E ở vị trí 4"),
        ("\x7f", "ký tự điều khiển U+007F ở vị trí 4"),
    ],
)
def test_what_is_not_text_is_refused_with_its_name_and_position(
    built_project: Project, capsys: pytest.CaptureFixture[str], char: str, said: str
) -> None:
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + f'title: "Thử\\u{ord(char):04X} nữa"\n')
    err = failed_build(built_project, capsys)
    assert f"chứa {said} của giá trị, không phải chữ; hãy xóa ký tự này" in err and "trường title" in err


def test_front_matter_writes_what_yaml_cannot_read_as_it_is_as_escapes() -> None:
    import yaml

    from generator.pages.common import yaml_string

    for text in ("a\u2028b\u0085c: d", "x\x7fy\ufffe", 'q"\\', "Đảng --- x"):
        assert yaml.safe_load("t: " + yaml_string(text))["t"] == text
    assert yaml_string("a\u2028b") == '"a\\u2028b"'


def test_a_csv_cell_never_starts_a_formula() -> None:
    assert [spreadsheet_cell(v) for v in ("=HYPERLINK(1)", "+1", "-2", "@x", "\tx", "a=b", None, 3)] == [
        "'=HYPERLINK(1)",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "a=b",
        "",
        "3",
    ]


def test_a_task_starting_with_a_formula_is_text_in_the_export(project: Project) -> None:
    edit(
        project,
        "data/documents/20-kh-tw.yaml",
        "text: Bộ Chính trị, Ban Bí thư tổ chức",
        'text: =HYPERLINK("http://evil.example","bấm") Bộ Chính trị, Ban Bí thư tổ chức',
    )
    from generator.commands.build import check

    rows = list(csv.reader(io.StringIO(tasks_csv(check(project), __import__("datetime").date(2024, 6, 15)).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert cells and all(cell.startswith("'=") for cell in cells)


# --- YAML size and shape -----------------------------------------------------------------------

BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9) if previous else '1, 1, 1, 1, 1, 1, 1, 1, 1'}]\n"
    for previous, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)
)


def test_aliases_are_refused_at_once(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(BILLION_LAUGHS.encode()) < 500
    new_document(built_project, "9-kh-tw.yaml", BILLION_LAUGHS)
    err = failed_build(built_project, capsys)
    assert err.count("không dùng bí danh YAML (*…); hãy viết giá trị ra đầy đủ") == 1 and ", trường " in err


def test_aliased_sections_are_refused(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    items = "".join(f"s{n}: &s{n}\n  - {{text: a, sections: *s{n - 1}}}\n  - {{text: b, sections: *s{n - 1}}}\n" for n in range(1, 20))
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "s0: &s0 [{text: x}]\n" + items + "sections: *s19\n")
    assert "không dùng bí danh YAML" in failed_build(built_project, capsys)


@pytest.mark.parametrize(
    "text", ["a: " + "[" * 100_000 + "]" * 100_000, "".join("  " * i + "a:\n" for i in range(3000)), "- " * 5000 + "x"]
)
def test_nesting_is_limited_before_it_can_crash_the_reader(text: str) -> None:
    node, problems = compose_text(text, "x.yaml")
    assert node is None and [p.message for p in problems] == ["các mục lồng nhau quá 64 tầng; hãy viết phẳng hơn"]


def _nested_sections(depth: int) -> str:
    lines = ["sections:"]
    for level in range(depth):
        lines += ["  " * (2 * level) + "- number: 1.", "  " * (2 * level) + "  text: Mục", "  " * (2 * level) + "  sections:"]
    return MINIMAL + "\n".join(lines[:-1]) + "\n"


def test_check_and_build_refuse_the_same_depth(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "9-kh-tw.yaml", _nested_sections(MAX_SECTION_DEPTH))
    assert main(["--root", str(built_project.root), "check"]) == 0
    new_document(built_project, "9-kh-tw.yaml", _nested_sections(MAX_SECTION_DEPTH + 1))
    capsys.readouterr()
    assert main(["--root", str(built_project.root), "check"]) == 1
    said = f"mục lồng nhau quá {MAX_SECTION_DEPTH} tầng"
    assert said in capsys.readouterr().err
    assert said in failed_build(built_project, capsys)


def test_sections_per_document_are_limited(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    items = "".join(f"- text: Mục {n}\n" for n in range(MAX_SECTIONS + 1))
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "sections:\n" + items)
    assert "văn bản có quá 5.000 mục; hãy chia thành nhiều văn bản" in failed_build(built_project, capsys)


def test_a_file_too_large_is_refused(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "notes:\n" + f"- {'x' * 1000}\n" * (MAX_FILE_BYTES // 1000))
    assert "tệp quá lớn" in failed_build(built_project, capsys)


def test_search_indexing_does_not_walk_the_contents_once_per_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Material looked each heading up by walking the whole table of contents: n² steps for n headings."""
    from material.plugins.search import plugin as material
    from mkdocs.structure.toc import get_toc

    from generator.mkdocs_plugin.search.indexing import page_entries

    headings = 400
    html = "".join(f'<h2 id="h{n}">Tiêu đề {n}</h2><p>Nội dung {n}</p>' for n in range(headings))
    toc = get_toc([{"level": 2, "id": f"h{n}", "name": f"Tiêu đề {n}", "children": []} for n in range(headings)])
    steps = 0
    original = material.SearchIndex._find_toc_by_id

    def counted(self: object, toc: object, id: object) -> object:
        nonlocal steps
        steps += 1
        return original(self, toc, id)

    monkeypatch.setattr(material.SearchIndex, "_find_toc_by_id", counted)
    entries = page_entries(("x/", "X", {}, toc, html))
    assert [e["location"] for e in entries[1:3]] == ["x/#h0", "x/#h1"]
    assert steps <= 3 * headings  # headings² / 2 = 80,000 steps before


# --- Names and references ----------------------------------------------------------------------


def test_a_reserved_file_name_is_refused(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "index.yaml", MINIMAL)
    err = failed_build(built_project, capsys)
    assert 'tên tệp "index.yaml" trùng với tên một trang hoặc thư mục của trang web (van-ban/…)' in err


def test_a_reserved_body_id_is_refused(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = built_project.data_dir / "bodies.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: index\n    name: Cơ quan thử\n", encoding="utf-8")
    assert 'mã cơ quan "index" trùng với tên một trang hoặc thư mục của trang web (co-quan/…)' in failed_build(built_project, capsys)


def test_the_site_layout_uses_only_reserved_names() -> None:
    from generator.corpus.vocabulary import RESERVED_IDS
    from generator.pages import paths

    constants = [value for name, value in vars(paths).items() if name.isupper() and isinstance(value, str)]
    folders = {value.split("/")[0].removesuffix(".md") for value in constants}
    pages = (paths.document_page, paths.body_page, paths.relations_page, paths.short_page, paths.signer_page)
    folders |= {make("x").split("/")[0] for make in pages}
    assert folders <= RESERVED_IDS | {"index", "feed.xml", "documents.json"}


def test_a_document_cannot_answer_its_own_tasks(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(built_project, "data/documents/20-kh-tw.yaml", "issuer: bo-chinh-tri\n", "issuer: bo-chinh-tri\nanswers: 20-KH/TW#iv-3\n")
    assert "văn bản không thể trả lời nhiệm vụ do chính nó giao" in failed_build(built_project, capsys)


@pytest.mark.parametrize("number", ["045-NQ/TW", "４５-NQ/TW"])
def test_a_number_written_differently_is_the_same_document(built_project: Project, capsys: pytest.CaptureFixture[str], number: str) -> None:
    new_document(built_project, "045-nq-tw.yaml", f"number: {number}\ntype: Nghị quyết\nissuer: bo-chinh-tri\n")
    err = failed_build(built_project, capsys)
    assert "45-NQ/TW" in err and ("viết khác đi" in err or "không đúng dạng" in err or "trùng với văn bản" in err)


def test_no_documents_folder_is_an_error(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.rmtree(project.data_dir / "documents")
    assert main(["--root", str(project.root), "build"]) == 1
    assert "không có thư mục data/documents/" in capsys.readouterr().err


def test_a_folder_named_like_a_file_and_a_dangling_link_are_messages(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (built_project.data_dir / "documents" / "x.yaml").mkdir()
    os.symlink(built_project.root / "khong-co.yaml", built_project.data_dir / "documents" / "y.yaml")
    err = failed_build(built_project, capsys)
    assert "tệp là một thư mục, không phải tệp dữ liệu" in err
    assert "tệp là liên kết (symlink) trỏ ra ngoài thư mục dự án hoặc tới tệp không có" in err
    assert "Traceback" not in err


def test_a_key_that_is_a_list_is_named_plainly(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    new_document(built_project, "9-kh-tw.yaml", MINIMAL + "[a, b]: c\n")
    err = failed_build(built_project, capsys)
    assert "tên trường phải là một chữ, không phải danh sách hay bảng" in err and "ScalarNode" not in err


def test_a_nul_byte_and_bad_utf8_are_reported_where_they_are(built_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (built_project.data_dir / "documents" / "9-kh-tw.yaml").write_bytes(MINIMAL.encode() + b"title: a\x00b\n")
    (built_project.data_dir / "documents" / "8-kh-tw.yaml").write_bytes(MINIMAL.replace("9-", "8-").encode() + b"title: \xff\n")
    err = failed_build(built_project, capsys)
    assert 'File "data/documents/9-kh-tw.yaml", dòng 4, cột 9' in err and "ký tự U+0000 không được có trong tệp YAML" in err
    assert 'File "data/documents/8-kh-tw.yaml", dòng 4, cột 8' in err and "byte 0xFF không phải mã UTF-8" in err
