"""Browser tests of search as readers ask: dates in any writing, a kind and a number, documents without their text,
the exact phrase first, abbreviations and long forms, question words, diacritics followed when typed. Served and
opened from disk (search_page). Queries are drawn from the data where they can be, so that the behaviour is
general, not tuned to a few examples."""

from __future__ import annotations

import re
from html import unescape

import pytest

from generator.corpus.load import load_corpus
from generator.corpus.vocabulary import fold
from tests.conftest import REPO
from tests.searchpage import links, opened_part, page_of, results, search_page

__all__ = ["search_page"]  # a fixture, used by name

pytestmark = pytest.mark.browser

CORPUS = load_corpus(REPO / "data")
DATED = sorted((d for d in CORPUS.documents if d.date), key=lambda d: d.id)


def groups(page, query: str) -> list[str]:
    """The pages of the result groups, in order."""
    return [page_of(result["href"]) for result in results(page, query)]


def marks(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", found)) for found in re.findall(r"<mark>(.*?)</mark>", html)]


def date_writings(document) -> list[str]:
    day, month, year = document.date.day, document.date.month, document.date.year
    return [
        f"{day:02d}/{month:02d}/{year}",
        f"{day}-{month}-{year}",
        f"{day:02d}.{month:02d}.{year}",
        f"ngày {day} tháng {month} năm {year}",
    ]


@pytest.mark.parametrize("document", DATED, ids=lambda d: d.id)
def test_a_date_in_any_writing_finds_the_document_dated_that_day_first(search_page, document) -> None:
    page, _, _ = search_page
    same_day = {d.id for d in DATED if d.date == document.date}
    for writing in date_writings(document):
        assert groups(page, writing)[0] in same_day, writing
    assert groups(page, f"{document.type.lower()} ngày {document.date:%d/%m/%Y}")[0] == document.id


@pytest.mark.parametrize(
    "query, first, mentioned_by",
    [
        ("nghị quyết ngày 24/11/2023", "45-nq-tw", "287-ctr-ddlhhvn"),
        ("24-11-2023", "45-nq-tw", "287-ctr-ddlhhvn"),
        ("kế hoạch ngày 28/11/2023", "20-kh-tw", "287-ctr-ddlhhvn"),
        ("Kết luận ngày 5 tháng 5 năm 2022", "35-kl-tw", "287-ctr-ddlhhvn"),
    ],
)
def test_the_document_dated_ranks_above_those_that_mention_the_date(search_page, query: str, first: str, mentioned_by: str) -> None:
    page, _, _ = search_page
    found = results(page, query)
    assert page_of(found[0]["href"]) == first
    mention = next(result for result in found if page_of(result["href"]) == mentioned_by)
    assert any(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", m) for m in marks(mention["html"]))  # marked where mentioned


@pytest.mark.parametrize("document", CORPUS.documents, ids=lambda d: d.id)
def test_a_kind_followed_by_a_number_is_a_number(search_page, document) -> None:
    page, _, _ = search_page
    digits = document.number.split("-")[0].split("/")[0]
    assert groups(page, f"{document.type.lower()} {digits}")[0] == document.id
    assert groups(page, f"{fold(document.type)} so {digits} cua {fold(document.issuer).replace('-', ' ')}")[0] == document.id


@pytest.mark.parametrize("query, document", [("hướng dẫn 145 ban tuyên giáo", "145-hd-btgtw"), ("chuong trinh 287", "287-ctr-ddlhhvn")])
def test_the_issues_kind_and_number_queries(search_page, query: str, document: str) -> None:
    page, _, _ = search_page
    assert groups(page, query)[0] == document


@pytest.mark.parametrize("document", [d for d in CORPUS.documents if d.title], ids=lambda d: d.id)
def test_a_documents_title_ranks_above_passing_mentions_with_or_without_its_text(search_page, document) -> None:
    """The first words of a title find the documents titled so before any page that only mentions them."""
    page, _, _ = search_page
    phrase = " ".join(document.title.split()[:6])
    words = fold(phrase).split()
    titled = {d.id for d in CORPUS.documents if d.title and " ".join(words) in " ".join(re.findall(r"\w+", fold(d.title)))}
    found = list(dict.fromkeys(groups(page, phrase)))
    assert set(found[: len(titled)]) == titled


def test_the_title_of_a_document_without_its_text(search_page) -> None:
    page, _, _ = search_page
    assert groups(page, "quy chế hội quần chúng")[0] == "118-qd-tw"


@pytest.mark.parametrize(
    "query, part",
    [
        ("Chương trình hành động của Chính phủ", "20-kh-tw#iv-2-g1"),
        ("đạo đức nghề nghiệp trí thức", "20-kh-tw#iv-4-g3"),
        ("Đảng đoàn Quốc hội thể chế hóa", "20-kh-tw#iv-1-g1"),
        ("dai hoc quoc gia ha noi chi dao", "20-kh-tw#iv-7-g2"),
        ("Ban cán sự đảng Chính phủ chiến lược phát triển văn hóa", "20-kh-tw#iv-2-g3"),
        ("hoạt động hợp tác quốc tế", "287-ctr-ddlhhvn#ii-4-4"),
    ],
)
def test_the_exact_phrase_and_the_item_holding_every_word_open_first(search_page, query: str, part: str) -> None:
    page, _, _ = search_page
    assert opened_part(links(page, query)[0]) == part


def item_phrases() -> list[tuple[str, str]]:
    """Six words from the middle of items of the full-text documents, with the document."""
    found = []
    for document in CORPUS.documents:
        texts = [s.text for s, _ in document.outline if s.text and len(s.text.split()) > 14]
        for text in texts[1::7]:
            words = re.findall(r"\w+", text)[5:11]
            if not any(word.isdigit() for word in words):  # digits would make it a number
                found.append((" ".join(words), document.id))
    return found


@pytest.mark.parametrize("phrase, document", item_phrases())
def test_any_phrase_of_an_item_opens_an_item_that_holds_it(search_page, phrase: str, document: str) -> None:
    page, _, _ = search_page
    found = results(page, phrase)
    assert document in [page_of(result["href"]) for result in found[:2]]  # a body named by the phrase may come first
    marked, wanted = re.findall(r"\w+", fold(" ".join(marks(found[0]["html"])))), fold(phrase).split()
    assert any(marked[k : k + len(wanted)] == wanted for k in range(len(marked)))


@pytest.mark.parametrize(
    "query, document, written",
    [
        ("KHCN", "287-ctr-ddlhhvn", "KH&amp;CN"),
        ("tôn vinh trí thức khoa học và công nghệ tiêu biểu", "287-ctr-ddlhhvn", "KH&amp;CN"),
        ("KH&CN", "20-kh-tw", "Khoa học và Công nghệ"),
        ("TP HCM", "20-kh-tw", "Thành phố Hồ Chí Minh"),
        ("ĐHQG Hà Nội", "20-kh-tw", "Đại học Quốc gia Hà Nội"),
        ("MTTQ", "20-kh-tw", "Mặt trận Tổ quốc"),
        ("LHHVN", "287-ctr-ddlhhvn", "Liên hiệp Hội Việt Nam"),
        ("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "287-ctr-ddlhhvn", "Liên hiệp Hội Việt Nam"),
    ],
)
def test_an_abbreviation_finds_its_long_form_and_back(search_page, query: str, document: str, written: str) -> None:
    page, _, _ = search_page
    found = results(page, query)
    html = " ".join(result["html"] for result in found if page_of(result["href"]) == document)
    runs = re.findall(r"<mark>(.*?)</mark>", re.sub(r"</mark>(\s*|&amp;)<mark>", r"\1", html))
    assert any(written in run for run in runs), runs


@pytest.mark.parametrize("body", [b for b in CORPUS.bodies if b.short_names], ids=lambda b: b.id)
def test_a_bodys_short_name_finds_the_body_and_its_documents(search_page, body) -> None:
    page, _, _ = search_page
    found = groups(page, body.short_names[-1])
    issued = [d.id for d in CORPUS.documents if d.issuer == body.id]
    assert body.id in found[:2]
    assert set(issued) <= set(found[: len(issued) + 2])


@pytest.mark.parametrize(
    "query, document",
    [
        ("ai ký kế hoạch 20", "20-kh-tw"),
        ("Phan Xuân Dũng ký văn bản nào", "287-ctr-ddlhhvn"),
        ("quy chế hội quần chúng là gì", "118-qd-tw"),
        ("nghị quyết 45 do ai ban hành", "45-nq-tw"),
        ("Trương Thị Mai ký những gì", "20-kh-tw"),
        ("hướng dẫn 145 ở đâu", "145-hd-btgtw"),
        ("kết luận nào về danh mục chức danh", "35-kl-tw"),
    ],
)
def test_question_words_do_not_drown_the_query(search_page, query: str, document: str) -> None:
    page, _, _ = search_page
    found = results(page, query)
    assert page_of(found[0]["href"]) == document
    missing = {word for result in found for word in re.findall(r"<del>(.*?)</del>", result["html"])}
    assert not missing & {"ai", "ký", "văn", "bản", "nào", "là", "gì", "do", "ở", "đâu", "những"}


def test_typed_diacritics_are_followed_in_the_marks(search_page) -> None:
    page, _, _ = search_page
    for query, allowed in (("trí thức", {"trí", "thức"}), ("Trọng", {"trọng"}), ("tôn vinh", {"tôn", "vinh"})):
        for result in results(page, query):
            assert {m.lower() for m in marks(result["html"])} <= allowed, (query, marks(result["html"]))
    plain = {m.lower() for result in results(page, "trong") for m in marks(result["html"])}
    assert {"trong", "trọng"} <= plain  # no diacritics typed: any


def test_the_missing_words_are_shown_as_typed(search_page) -> None:
    page, _, _ = search_page
    found = results(page, "tôn vinh Nguyễn Phú Trọng")
    missing = set(re.findall(r"<del>(.*?)</del>", " ".join(result["html"] for result in found)))
    assert "Nguyễn" in missing and missing <= {"tôn", "vinh", "Nguyễn", "Phú", "Trọng"}


@pytest.mark.parametrize(
    "query, part", [("tôn vinhh trí thức", "287-ctr-ddlhhvn#ii-2-3"), ("ton vinh tri thuc tieu bieu", "287-ctr-ddlhhvn#ii-2-3")]
)
def test_typos_and_missing_diacritics_still_find(search_page, query: str, part: str) -> None:
    page, _, _ = search_page
    assert opened_part(links(page, query)[0]) == part
    assert groups(page, "vinhh")[0] == "287-ctr-ddlhhvn"
    assert "20-kh-tw" in groups(page, "tri thúc")[:2]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_the_opened_page_marks_dates_names_and_accents_as_searched(browser, server: str, offline, mode: str) -> None:
    def opened(document: str, h: str) -> list[str]:
        base = f"{server}/van-ban/{document}/" if mode == "http" else f"{offline.offline_dir.as_uri()}/van-ban/{document}.html"
        page = browser.new_page()
        page.goto(f"{base}?h={h}")
        page.wait_for_timeout(800)
        found = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
        page.close()
        return found

    assert "24/11/2023" in opened("287-ctr-ddlhhvn", "24-11-2023")
    assert {"KH&CN"} <= set(opened("287-ctr-ddlhhvn", "KHCN"))
    assert {m.lower() for m in opened("20-kh-tw", "tr%C3%AD+th%E1%BB%A9c")} == {"trí", "thức"}
    assert {m.lower() for m in opened("20-kh-tw", "Tr%E1%BB%8Dng")} == {"trọng"}
