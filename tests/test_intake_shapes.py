"""Intake on the shapes real documents take, in fixtures written for these tests (tests/fixtures/intake/): a
Government resolution with Điều, lettered items and an attached programme; a newspaper's report whose headline
cites another number above the sentence announcing the plan; an article that states no number of its own; a
portal's introduction above a reprint; a header a portal flattened into "|" rows; a Markdown copy of a plan whose
number carries the issuer's term ("3260-KH/ĐĐQH15") and has no colon after "Số"."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.commands.build import Project, build
from generator.corpus.load import load_corpus_bodies
from generator.intake.formats import read_document
from generator.intake.identity import MAYBE, OWN, RELATION, mentions
from generator.intake.importer import import_document
from tests.conftest import REPO, copy_project

SHAPES = REPO / "tests" / "fixtures" / "intake"


def draft_of(name: str) -> tuple[dict[str, object], list[str]]:
    bodies = load_corpus_bodies(REPO / "data", REPO)
    source = read_document(SHAPES / name)
    draft, report = import_document(source.lines, bodies, source.dropped)
    return draft.data(), report.lines()


def identity(draft: dict[str, object]) -> tuple[object, ...]:
    return tuple(draft.get(name) for name in ("number", "type", "date", "issuer"))


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        (
            "Thực hiện Kết luận số 52-KL/TW ngày 30/5/2019, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 114-KH/TU, ngày 07/8/2019",
            {"52-KL/TW": RELATION, "114-KH/TU": OWN},
        ),
        ("Hướng dẫn thực hiện Nghị quyết số 45-NQ/TW về tiếp tục xây dựng", {"45-NQ/TW": RELATION}),
        (
            "Ngày 12/3, Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 145-HD/BTGTW hướng dẫn thực hiện Nghị quyết số 45-NQ/TW.",
            {"145-HD/BTGTW": OWN, "45-NQ/TW": RELATION},
        ),
        ("Thực hiện Nghị quyết số 45-NQ/TW; Kế hoạch số 20-KH/TW; Hướng dẫn số 145-HD/BTGTW, Đảng đoàn xây dựng", {"20-KH/TW": RELATION}),
        ("Căn cứ Nghị định số 69/2017/NĐ-CP ngày 25 tháng 5 năm 2017 của Chính phủ", {"69/2017/NĐ-CP": RELATION}),
        ("(Kế hoạch này thay Kế hoạch số 336-KH/TU ngày 10/3/2023)", {"336-KH/TU": RELATION}),
        ("Kế hoạch số 21-KH/TW ngày 28/11/2023 của Bộ Chính trị về thực hiện Kết luận", {"21-KH/TW": MAYBE}),
        ("Cổng Thông tin điện tử trân trọng giới thiệu toàn văn Nghị quyết số 03/NQ-CP.", {"03/NQ-CP": OWN}),
        ("(Kèm theo Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ)", {"03/NQ-CP": OWN}),
        ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch 359-KH/TU thực hiện Nghị quyết 57-NQ/TW", {"359-KH/TU": OWN, "57-NQ/TW": RELATION}),
    ],
)
def test_what_a_number_is_to_the_document_comes_from_the_words_before_it(sentence: str, roles: dict[str, str]) -> None:
    found = {seen.number: seen.role for seen in mentions(sentence, 1, "lời dẫn", year_hint=2024)}
    assert {number: found.get(number) for number in roles} == roles


def test_a_government_resolution_with_articles_and_an_attached_programme() -> None:
    draft, report = draft_of("nghi-quyet-chinh-phu.txt")
    assert identity(draft) == ("12/NQ-CP", "Nghị quyết", "2024-01-15", "chinh-phu")
    assert draft["title"].startswith("Ban hành Chương trình hành động của Chính phủ")  # type: ignore[union-attr]
    header = draft["header"]
    assert isinstance(header, dict) and header["slogan"] == "Độc lập - Tự do - Hạnh phúc" and header["issuer_lines"] == ["CHÍNH PHỦ"]
    assert draft["preamble"][:3] == [  # type: ignore[index]
        "CHÍNH PHỦ",
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị quyết số 45-NQ/TW ngày 24 tháng 11 năm 2023 của Ban Chấp hành Trung ương Đảng khóa XIII;",
    ]
    sections = draft["sections"]
    assert isinstance(sections, list) and [s["number"] for s in sections] == ["Điều 1", "Điều 2", "Điều 3"]
    clauses = sections[2]["sections"]
    assert [s["number"] for s in clauses] == ["1.", "2."] and [s["number"] for s in clauses[1]["sections"]] == ["a)", "b)", "đ)"]
    (programme,) = draft["appendices"]  # type: ignore[misc]
    assert programme["title_lines"][0] == "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ"
    assert programme["note"] == "(Kèm theo Nghị quyết số 12/NQ-CP ngày 15 tháng 01 năm 2024 của Chính phủ)"
    assert [s["number"] for s in programme["sections"]] == ["I.", "II.", "III."]
    assert [s["number"] for s in programme["sections"][1]["sections"][0]["sections"]] == ["a)", "b)"]
    assert draft["signature"] == {"lines": ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"], "name": "Trần Văn Bình"}
    assert any('cơ quan "Chính phủ" chưa có trong data/bodies.yaml; thêm: - id: chinh-phu' in line for line in report)


def test_a_newspaper_headline_citing_another_number_never_names_the_document(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    draft, report = draft_of("ke-hoach-tinh-uy-tren-bao.txt")
    assert identity(draft) == ("214-KH/TU", "Kế hoạch", "2022-08-07", "ban-thuong-vu-tinh-uy-quang-nam")
    assert "  52-KL/TW — văn bản được thực hiện (tiêu đề bài đăng, dòng 3)" in report
    assert not any(word in str(draft) for word in ("Skip to main content", "IMG_5000", "Xem thêm", "288 0", "Ảnh minh họa"))
    # A record of the cited number in data/ is never written.
    record = project.data_dir / "documents" / "52-kl-tw.yaml"
    record.write_text("number: 52-KL/TW\ntype: Kết luận\nissuer: ban-bi-thu\ndate: 2019-05-30\n", encoding="utf-8")
    before = files(project.data_dir / "documents")
    assert main(["--root", str(project.root), "import", str(SHAPES / "ke-hoach-tinh-uy-tren-bao.txt")]) == 0
    assert files(project.data_dir / "documents") == before
    assert (project.data_dir / "drafts" / "214-kh-tu.yaml").is_file()


def test_an_article_without_a_number_of_its_own_becomes_a_draft_check_refuses(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(project.data_dir / "documents")
    assert main(["--root", str(project.root), "import", str(SHAPES / "tin-khong-so.txt")]) == 0
    out = capsys.readouterr().out
    assert "số hiệu: chưa xác định — văn bản không ghi số hiệu của chính nó" in out
    assert "45-NQ/TW — tiêu đề bài đăng, không có câu công bố văn bản" in out or "45-NQ/TW — văn bản được thực hiện" in out
    assert files(project.data_dir / "documents") == before
    (draft,) = (project.data_dir / "drafts").iterdir()
    assert draft.name.startswith("khong-so-hieu-")
    shutil.move(draft, project.data_dir / "documents" / "khong-so-hieu.yaml")
    assert main(["--root", str(project.root), "check"]) == 1
    assert "còn chỗ cần điền" in capsys.readouterr().err


def test_a_portals_introduction_never_reaches_the_record_it_completes(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    record = project.data_dir / "documents" / "45-nq-tw.yaml"
    officer = record.read_bytes()
    assert main(["--root", str(project.root), "import", str(SHAPES / "cong-thong-tin-gioi-thieu.txt")]) == 0
    text = record.read_text(encoding="utf-8")
    assert text.encode().startswith(officer) and "sections:" in text and "trân trọng giới thiệu" not in text
    assert main(["--root", str(project.root), "check"]) == 0


def test_a_header_flattened_by_a_portal_and_a_decision_of_the_prime_minister() -> None:
    draft, _ = draft_of("quyet-dinh-cong-thong-tin.txt")
    assert identity(draft) == ("719/QĐ-TTg", "Quyết định", "2024-06-28", "thu-tuong-chinh-phu")
    assert draft["title"] == "Phê duyệt Đề án phát triển đội ngũ trí thức trẻ giai đoạn 2024 - 2030"
    assert "relations" not in draft  # 69-KL/TW is not in data/: proposed, not claimed
    assert draft["signature"] == {"lines": ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"], "name": "Trần Văn Bình"}


def test_a_markdown_copy_with_a_number_carrying_the_term(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    draft, _ = draft_of("ke-hoach-dang-doan-quoc-hoi.md")
    assert identity(draft) == ("3260-KH/ĐĐQH15", "Kế hoạch", "2024-02-19", "dang-doan-quoc-hoi")
    assert draft["title"] == "Thực hiện Nghị quyết số 45-NQ/TW của Ban Chấp hành Trung ương Đảng"
    assert not any("**" in line or line.startswith("#") for line in str(draft).split("'"))
    assert main(["--root", str(project.root), "import", str(SHAPES / "ke-hoach-dang-doan-quoc-hoi.md")]) == 0
    path = project.data_dir / "drafts" / "3260-kh-ddqh15.yaml"
    shutil.move(path, project.data_dir / "documents" / "3260-kh-ddqh15.yaml")
    assert main(["--root", str(project.root), "check"]) == 0, capsys.readouterr().err


@pytest.fixture(scope="module")
def resolution_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The Government resolution imported, its body added, built with its PDF and Word file."""
    project = copy_project(tmp_path_factory.mktemp("resolution"))
    bodies = project.data_dir / "bodies.yaml"
    bodies.write_text(bodies.read_text(encoding="utf-8") + "\n  - id: chinh-phu\n    name: Chính phủ\n", encoding="utf-8")
    assert main(["--root", str(project.root), "import", str(SHAPES / "nghi-quyet-chinh-phu.txt")]) == 0
    shutil.move(project.data_dir / "drafts" / "12-nq-cp.yaml", project.data_dir / "documents" / "12-nq-cp.yaml")
    build(project)
    return project


def test_the_attached_programme_is_on_the_page_with_its_tree(resolution_site: Project) -> None:
    page = (resolution_site.site_dir / "van-ban" / "12-nq-cp" / "index.html").read_text(encoding="utf-8")
    assert 'id="phu-luc-1"' in page and "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ" in page
    assert 'data-part="Điều 3, khoản 2, điểm đ"' in page and 'data-part="Phụ lục 1, II.1, điểm a"' not in page
    assert 'id="phu-luc-1-ii-1-a"' in page and "Độc lập - Tự do - Hạnh phúc" in page
    data = yaml.safe_load((resolution_site.site_dir / "van-ban" / "12-nq-cp.json").read_text(encoding="utf-8"))
    assert data["appendices"][0]["sections"][1]["sections"][0]["sections"][0]["id"] == "phu-luc-1-ii-1-a"


def test_the_attached_programme_is_in_the_pdf_and_the_word_file(resolution_site: Project) -> None:
    import docx

    pdf = subprocess.run(
        ["pdftotext", "-layout", str(resolution_site.site_dir / "van-ban" / "12-nq-cp.pdf"), "-"], capture_output=True, text=True
    )
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ" in pdf.stdout and "Độc lập - Tự do - Hạnh phúc" in pdf.stdout
    word = "\n".join(p.text for p in docx.Document(str(resolution_site.site_dir / "van-ban" / "12-nq-cp.docx")).paragraphs)
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ" in word and "a) Rà soát" in word


@pytest.mark.parametrize(
    ("written", "key", "code"),
    [
        ("3260-KH/ĐĐQH15", "3260-kh-ddqh15", "KH"),
        ("719/QĐ-TTg", "719-qd-ttg", "QĐ"),
        ("04/NQ-CP", "04-nq-cp", "NQ"),
        ("51-CTr/TU", "51-ctr-tu", "CTr"),
        ("114-KH/TU", "114-kh-tu", "KH"),
        ("55-HD/BTGTW", "55-hd-btgtw", "HD"),
        ("234-TB/T.Ư", "234-tb-t-u", "TB"),
        ("01/2024/TT-BKHCN", "01-2024-tt-bkhcn", "TT"),
    ],
)
def test_every_real_form_of_a_number_is_read(written: str, key: str, code: str) -> None:
    from generator.corpus.numbers import parse_number, type_code

    assert parse_number(written) == key and type_code(written) == code


def test_a_line_cut_inside_a_name_is_joined_again() -> None:
    from generator.intake.wrapping import name_pairs, rejoined

    pairs = name_pairs({"Ban Bí thư", "Thành phố Hồ Chí Minh"})
    lines = [
        (1, "Đồng chí Trần Văn A, Ủy viên Bộ Chính trị, Ủy viên Ban"),
        (2, "Bí thư, phát biểu."),
        (3, "Tại Thành phố Hồ Chí"),
        (4, "Minh, ngày 5."),
    ]
    assert [text for _, text in rejoined(lines, pairs)] == [
        "Đồng chí Trần Văn A, Ủy viên Bộ Chính trị, Ủy viên Ban Bí thư, phát biểu.",
        "Tại Thành phố Hồ Chí Minh, ngày 5.",
    ]
