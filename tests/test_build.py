"""End-to-end: the real corpus builds into a site that carries every word and no noise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.commands.build import Project, build, generate, write_docs
from generator.corpus.model import walk_sections
from tests.conftest import REPO, files_of
from tests.htmltext import element, page_text

SEEDS = REPO / "tests" / "fixtures" / "seeds"
PLAN = SEEDS / "004_68fb64faef70eced.txt"
PROGRAMME = SEEDS / "000_60df4423a8dd02ea.txt"
# Line ranges of the seeds that are the document (1-based, inclusive), and lines inside them that are noise.
PLAN_LINES, PLAN_NOISE = (13, 135), {14, 17}
PROGRAMME_LINES, PROGRAMME_NOISE = (3, 125), {8, 74, 75, 76, 77, 78, 79, 80}
NOISE = [
    "Từ khoá: Số Hiệu",
    "Đăng nhập",
    "Đang tải văn bản",
    "Bạn Chưa Đăng Nhập Thành Viên",
    "Văn bản này chưa cập nhật nội dung Tiếng Anh",
    "DMCA.com",
    "IP: 3.149.24.143",
    "1.242",
    "Đã biết",
    "Đang cập nhật",
    "Hãy để chúng tôi hỗ trợ bạn",
    "ĐĂNG KÝ",
    "BỘ ĐOÀN",
    "ANH TRÚC",
    "HỘI HỌC",
    "VÀ NGHỀ",
]


def html_of(project: Project, page: str) -> str:
    return (project.site_dir / page / "index.html").read_text(encoding="utf-8")


def seed_lines(path: Path, span: tuple[int, int], noise: set[int]) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = []
    for number in range(span[0], span[1] + 1):
        line = lines[number - 1].strip()
        if line and number not in noise:
            kept.append(re.sub(r"^- ", "", line))
    return kept


@pytest.mark.parametrize(
    "page, seed, span, noise",
    [("van-ban/20-kh-tw", PLAN, PLAN_LINES, PLAN_NOISE), ("van-ban/287-ctr-ddlhhvn", PROGRAMME, PROGRAMME_LINES, PROGRAMME_NOISE)],
)
def test_every_line_of_the_document_is_on_its_page(built: Project, page: str, seed: Path, span: tuple[int, int], noise: set[int]) -> None:
    text = page_text(html_of(built, page))
    missing = [line for line in seed_lines(seed, span, noise) if " ".join(line.split()) not in text]
    assert missing == []


@pytest.mark.parametrize("page", ["van-ban/20-kh-tw", "van-ban/287-ctr-ddlhhvn"])
def test_no_noise_on_the_page(built: Project, page: str) -> None:
    html = html_of(built, page)
    body = page_text(html).split("Ghi chú biên tập")[0]
    assert [noise for noise in NOISE if noise in body] == []
    assert "ĐDLHHVN" not in body and "287 - CTr" not in body


def test_corrected_number_and_editorial_note(built: Project) -> None:
    html = html_of(built, "van-ban/287-ctr-ddlhhvn")
    assert element(html, "van-ban").text.startswith("Chương trình hành động 287-CTr/ĐĐLHHVN")
    notes = element(html, "ghi-chu")
    assert notes is not None
    assert "287 - CTr/ĐDLHHVN" in page_text(html).split("Ghi chú biên tập")[-1]


def test_h1_carries_the_canonical_number(built: Project) -> None:
    for document in ("45-nq-tw", "20-kh-tw", "118-qd-tw"):
        html = html_of(built, f"van-ban/{document}")
        assert re.search(r"<h1 id=\"van-ban\">[^<]*(45-NQ/TW|20-KH/TW|118-QĐ/TW)", html)


def test_every_section_has_its_anchor(built: Project) -> None:
    from generator.corpus.load import load_corpus

    corpus = load_corpus(built.data_dir, built.root)
    for document in corpus.documents:
        html = html_of(built, f"van-ban/{document.id}")
        for section, _ in walk_sections(document.sections):
            assert f'id="{section.id}"' in html, (document.id, section.id)


def test_both_spellings_link_to_the_same_document(built: Project) -> None:
    html = html_of(built, "van-ban/287-ctr-ddlhhvn")
    assert '<a href="../118-qd-tw/">118/QĐ/TW</a>' in html
    assert '<a href="../118-qd-tw/">118-QĐ/TW</a>' in html


def test_relations_both_ways(built: Project) -> None:
    root = html_of(built, "van-ban/45-nq-tw")
    assert "Văn bản triển khai" in root and 'href="../287-ctr-ddlhhvn/"' in root and 'href="../20-kh-tw/"' in root
    programme = html_of(built, "van-ban/287-ctr-ddlhhvn")
    assert 'href="../20-kh-tw/#iv-3"' in programme
    cited = html_of(built, "van-ban/118-qd-tw")
    assert "Được dẫn chiếu bởi" in cited


def test_root_page_says_its_text_is_missing(built: Project) -> None:
    html = html_of(built, "van-ban/45-nq-tw")
    text = page_text(html)
    assert "Toàn văn văn bản này chưa có trên trang." in text
    assert html.index('class="doc-no-text"') < html.index('id="thong-tin"')  # said first
    assert "Tình trạng" not in text  # "Chưa xác định" is no information
    assert "Tình trạng" not in page_text(html_of(built, "van-ban/20-kh-tw"))


def test_a_page_without_its_text_links_the_official_text_when_the_data_has_it(project: Project) -> None:
    path = project.data_dir / "documents" / "45-nq-tw.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "official_url: https://example.vn/nghi-quyet-45?a=1&b=2\n", encoding="utf-8")
    _, files = generate(project, dt.date(2024, 6, 15), pdfs=False)
    page = files["van-ban/45-nq-tw.md"].decode("utf-8")
    assert '<a href="https://example.vn/nghi-quyet-45?a=1&amp;b=2">Xem toàn văn chính thức</a>' in page
    assert page.index("Xem toàn văn chính thức") < page.index("## Thông tin văn bản")


def test_the_home_page_says_how_many_documents_carry_their_full_text(built: Project) -> None:
    home = page_text(html_of(built, "."))
    assert "Trang này có 9 văn bản, trong đó 2 văn bản có toàn văn; 7 văn bản còn lại mới có thông tin chung" in home
    assert "toàn văn các văn bản" not in home.lower()
    assert "Toàn văn" not in (built.root / "mkdocs.yml").read_text(encoding="utf-8").split("site_description:")[1].splitlines()[0]


def test_index_pages(built: Project) -> None:
    home = page_text(html_of(built, "."))
    assert "Cây văn bản triển khai" in home
    assert page_text(html_of(built, "van-ban")).count("/") >= 9
    assert "Ban Bí thư Trung ương Đảng" in page_text(html_of(built, "co-quan"))
    assert "Năm 2010" in page_text(html_of(built, "dong-thoi-gian"))


def test_nothing_is_fetched_from_the_internet(built: Project) -> None:
    external = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")
    offenders = []
    for path in built.site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html):
            fetches = not tag.startswith("<link") or re.search(
                r'rel="(?:stylesheet|icon|preload|prefetch|modulepreload|manifest|preconnect|dns-prefetch)"', tag
            )
            if fetches and external.search(tag):
                offenders.append((path.name, tag))
    assert offenders == []
    css = "".join(p.read_text(encoding="utf-8") for p in built.site_dir.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_html_lang_is_vietnamese(built: Project) -> None:
    assert '<html lang="vi"' in html_of(built, "van-ban/20-kh-tw")


def test_the_theme_speaks_vietnamese_where_material_does_not(built: Project) -> None:
    html = html_of(built, "van-ban/20-kh-tw")
    for english_or_wrong in ("Initializing search", 'aria-label="Tabs"', "Trở lại mục lục", '"search.result.term.missing": "Kh'):
        assert english_or_wrong not in html
    assert "Đang chuẩn bị tìm kiếm" in html and "Lên đầu trang" in html and 'aria-label="Mục chính"' in html


def test_site_build_is_deterministic(project: Project) -> None:
    build(project)
    first = files_of(project.site_dir)
    build(project)
    second = files_of(project.site_dir)
    assert first == second


def test_editing_one_file_rewrites_only_what_depends_on_it(project: Project) -> None:
    write_docs(project)
    path = project.data_dir / "documents" / "69-kl-tw.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("issuer: bo-chinh-tri", "issuer: bo-chinh-tri\nsigner: Người Ký"), encoding="utf-8"
    )
    _, result = write_docs(project)
    # and the signer's new page, and the index of signers
    assert result.written == ["documents.json", "nguoi-ky/index.md", "nguoi-ky/nguoi-ky.md", "van-ban/69-kl-tw.json", "van-ban/69-kl-tw.md"]
    assert result.removed == []


def test_the_build_says_what_it_did(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "build", "--no-pdf", "--as-of", "2024-06-15"]) == 0
    count = len(list((project.data_dir / "documents").glob("*.yaml")))
    said = capsys.readouterr().out.strip()
    assert re.fullmatch(
        rf"Đã dựng trang: {count} văn bản; \d+ tệp trong docs/ thay đổi; sinh và ghi docs/ \d+\.\d\d giây, "
        r"MkDocs \d+\.\d\d giây, hoàn tất \d+\.\d\d giây\. Kết quả ở site/\.",
        said,
    ), said
