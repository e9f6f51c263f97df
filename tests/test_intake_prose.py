"""What prose says of a document (no header block), the relations its text states, and saved web pages."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from bench.intake import document_lines
from generator.cli.main import main
from generator.commands.build import Project
from generator.corpus.load import load_corpus, load_corpus_bodies
from generator.corpus.resolve import resolve
from generator.intake.formats import read_document
from generator.intake.prose import facts_in
from tests.conftest import REPO
from tests.support import imported, known_numbers


@pytest.mark.parametrize(
    ("sentence", "number", "kind", "date", "issuer"),
    [
        (
            "Tỉnh ủy Sóc Trăng ban hành Chương trình số 51-CTr/TU, ngày 10/5/2024 thực hiện Nghị quyết",
            "51-CTr/TU",
            "Chương trình",
            "2024-05-10",
            "Tỉnh ủy Sóc Trăng",
        ),
        (
            "Kế hoạch số 21-KH/TW ngày 28/11/2023 của Bộ Chính trị về thực hiện Kết luận",
            "21-KH/TW",
            "Kế hoạch",
            "2023-11-28",
            "Bộ Chính trị",
        ),
        (
            "Ngày 12/3, Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 145-HD/BTGTW về tiếp tục",
            "145-HD/BTGTW",
            "Hướng dẫn",
            "2024-03-12",
            "Ban Tuyên giáo Trung ương",
        ),
    ],
)
def test_metadata_written_in_prose(sentence: str, number: str, kind: str, date: str, issuer: str) -> None:
    facts = facts_in([sentence], year_hint=2024)
    assert (facts.number, facts.type, facts.date, facts.issuer) == (number, kind, date, issuer)


NEWS = [
    "Thứ Năm, 18/7/2024, 09:15 (GMT+7)",
    "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam ban hành Kế hoạch số 99-KH/ĐĐLHHVN, ngày 5/6/2024 "
    "triển khai Nghị quyết số 45-NQ/TW và Kế hoạch số 77-KH/TU của Tỉnh ủy Sóc Trăng.",
    "I. MỤC ĐÍCH",
    "1. Quán triệt Nghị quyết trong toàn hệ thống.",
    "II. NHIỆM VỤ",
    "1. Tổ chức hội nghị quán triệt trong quý III/2024.",
]


def test_a_news_text_without_header_gives_a_draft_that_validates(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    source = project.root / "tin.txt"
    source.write_text("\n".join(NEWS), encoding="utf-8")
    target = project.data_dir / "documents" / "99-kh-ddlhhvn.yaml"
    assert main(["--root", str(project.root), "import", str(source), "--output", str(target)]) == 0
    out = capsys.readouterr().out
    assert '  số hiệu: 99-KH/ĐĐLHHVN — từ câu công bố văn bản (lời dẫn của bài đăng), dòng 2: "Đảng đoàn Liên hiệp' in out
    assert "  cơ quan ban hành: dang-doan-lhhvn — từ câu công bố văn bản" in out
    assert "  45-NQ/TW — văn bản được thực hiện" in out
    assert "Đoán, cần đối chiếu: relations.implements: 45-NQ/TW, đọc từ câu văn" in out
    assert "Đề xuất: văn bản 77-KH/TU (implements) chưa có trong data/documents/" in out
    draft = target.read_text(encoding="utf-8")
    assert "date: '2024-06-05'" in draft and "implements:\n  - 45-NQ/TW\n" in draft and "77-KH/TU\n" not in draft.split("# ")[-1]
    assert main(["--root", str(project.root), "check"]) == 0


def test_an_unknown_issuer_gets_a_proposed_entry() -> None:
    bodies = load_corpus_bodies(REPO / "data", REPO)
    lines = ["Tỉnh ủy Sóc Trăng ban hành Chương trình số 51-CTr/TU, ngày 10/5/2024 thực hiện Nghị quyết số 45-NQ/TW.", "1. Quán triệt."]
    draft, report = imported(lines, bodies, known=known_numbers(REPO / "data"))
    assert draft["issuer"] == "tinh-uy-soc-trang" and "issuer" not in report.missing
    assert (
        'cơ quan "Tỉnh ủy Sóc Trăng" chưa có trong data/bodies.yaml; thêm: - id: tinh-uy-soc-trang / name: Tỉnh ủy Sóc Trăng'
        in report.proposals
    )
    assert draft["relations"] == {"implements": ["45-NQ/TW"]}


def test_a_saved_web_page_gives_the_article_and_lists_the_rest(tmp_path: Path) -> None:
    site = resolve(load_corpus(REPO / "data", REPO))
    bodies = load_corpus_bodies(REPO / "data", REPO)
    lines = document_lines(site.documents["287-ctr-ddlhhvn"])
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="windows-1258"><title>Tin</title></head><body>'
        "<header><nav><a href='/'>Trang chủ</a> <a href='/tin'>Tin tức</a></nav><div>Mặc định Cỡ chữ</div></header>"
        "<aside><h3>Tin liên quan</h3><ul><li><a href='/a'>Hội nghị tổng kết năm 2023 của Liên hiệp Hội</a></li></ul></aside>"
        f"<main><article><h1>Chương trình hành động số 287-CTr/ĐĐLHHVN</h1><div>Ngày đăng: 25/03/2024 13:36 | Lượt xem: 594</div>"
        f"<div class='content'>{paragraphs}</div><figure><figcaption>Ảnh: Thu Hà</figcaption></figure></article></main>"
        "<footer><p>Bản quyền © Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam</p></footer></body></html>"
    )
    path = tmp_path / "trang.html"
    path.write_bytes(page.encode("utf-8"))
    received = read_document(path)
    draft, report = imported(received.lines, bodies, received.dropped, known_numbers(REPO / "data"))
    plain, _ = imported(lines, bodies)
    for name in ("number", "type", "title", "issuer", "date", "preamble", "sections", "recipients", "signature"):
        assert draft[name] == plain[name], name
    dropped = {text for _, text, _ in report.noise}
    assert {"Mặc định Cỡ chữ", "Tin liên quan", "Ảnh: Thu Hà", "Ngày đăng: 25/03/2024 13:36 | Lượt xem: 594"} <= dropped
    assert "Chương trình hành động số 287-CTr/ĐĐLHHVN" in dropped  # the page's headline, not the document's text
    assert draft["relations"] == {"implements": ["45-NQ/TW", "20-KH/TW", "145-HD/BTGTW"]}


def test_an_unknown_issuer_in_the_header_gets_a_proposed_entry() -> None:
    bodies = load_corpus_bodies(REPO / "data", REPO)
    lines = [
        "ĐẢNG BỘ TỈNH SÓC TRĂNG",
        "TỈNH ỦY SÓC TRĂNG",
        "Số: 51-CTr/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Sóc Trăng, ngày 10 tháng 5 năm 2024",
    ]
    lines += ["CHƯƠNG TRÌNH", "Thực hiện Nghị quyết số 45-NQ/TW", "I. MỤC ĐÍCH", "1. Quán triệt."]
    draft, report = imported(lines, bodies, known=known_numbers(REPO / "data"))
    assert (draft["number"], draft["type"], draft["date"], draft["place"]) == ("51-CTr/TU", "Chương trình", "2024-05-10", "Sóc Trăng")
    assert 'cơ quan "Tỉnh ủy Sóc Trăng" chưa có trong data/bodies.yaml' in report.proposals[0]
    assert "id: tinh-uy-soc-trang" in report.proposals[0] and draft["issuer"] == "tinh-uy-soc-trang"


def test_a_word_cut_by_a_hyphen_at_a_lines_end_is_joined() -> None:
    from generator.intake.layout import Line, paragraphs

    lines = [
        Line(0, 10, 80, 540, "Phát triển hạ tầng số, mạng viễn thông và kết nối Inter-", ""),
        Line(0, 25, 80, 300, "net toàn quốc.", ""),
    ]
    assert [p.text for p in paragraphs(lines)] == ["Phát triển hạ tầng số, mạng viễn thông và kết nối Internet toàn quốc."]


def test_the_term_is_read_from_the_title_block_or_the_prose() -> None:
    bodies = load_corpus_bodies(REPO / "data", REPO)
    block = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "Số: 45-NQ/TW", "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 24 tháng 11 năm 2023", "NGHỊ QUYẾT"]
    block += [
        "HỘI NGHỊ LẦN THỨ TÁM",
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII",
        "VỀ TIẾP TỤC XÂY DỰNG VÀ PHÁT HUY VAI TRÒ CỦA ĐỘI NGŨ TRÍ THỨC",
    ]
    block += ["I. TÌNH HÌNH", "1. Trí thức."]
    draft, _ = imported(block, bodies)
    assert draft["term"] == "khóa XIII" and draft["title"] == "Về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức"
    prose = ["Tỉnh ủy Sóc Trăng khóa XV ban hành Chương trình số 51-CTr/TU, ngày 10/5/2024 thực hiện Nghị quyết.", "1. Quán triệt."]
    draft, report = imported(prose, bodies)
    assert draft["term"] == "khóa XV" and 'term: "khóa XV", đọc từ câu văn' in " ".join(report.lines())
    assert 'cơ quan "Tỉnh ủy Sóc Trăng" chưa có' in " ".join(report.proposals)


def test_the_title_and_signer_written_in_prose() -> None:
    sentence = (
        "Tỉnh ủy Sóc Trăng ban hành Chương trình số 51-CTr/TU, ngày 10/5/2024 thực hiện Nghị quyết số 45-NQ/TW về tiếp tục "
        "xây dựng đội ngũ trí thức, do đồng chí Lâm Văn Mẫn, Bí thư Tỉnh ủy ký."
    )
    facts = facts_in([sentence])
    assert facts.title == "Thực hiện Nghị quyết số 45-NQ/TW về tiếp tục xây dựng đội ngũ trí thức"
    assert facts.signer == "Lâm Văn Mẫn"


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỉnh ủy Sóc Trăng ban hành Chương trình số 51-CTr/TU tại Sóc Trăng, ngày 10/5/2024 thực hiện Nghị quyết.",
        "Chương trình số 51-CTr/TU (Sóc Trăng, ngày 10/5/2024) của Tỉnh ủy Sóc Trăng thực hiện Nghị quyết.",
    ],
)
def test_the_place_written_in_prose(sentence: str) -> None:
    assert facts_in([sentence]).place == "Sóc Trăng"
