"""Browser tests of the site's own search box: served over HTTP and opened from disk."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import Project
from tests.searchpage import links, opened_part, page_of, results, search_page

__all__ = ["search_page"]  # a fixture, used by name

pytestmark = pytest.mark.browser

NUMBER_QUERIES = {
    "45-NQ/TW": "45-nq-tw",
    "45/NQ-TW": "45-nq-tw",
    "45 NQ TW": "45-nq-tw",
    "NQ45": "45-nq-tw",
    "nq 45": "45-nq-tw",
    "nghị quyết 45": "45-nq-tw",
    "nghi quyet 45": "45-nq-tw",
    "287-CTr/ĐĐLHHVN": "287-ctr-ddlhhvn",
    "287/CTr-ĐĐLHHVN": "287-ctr-ddlhhvn",
    "ctr 287": "287-ctr-ddlhhvn",
    "kế hoạch 20": "20-kh-tw",
    "KH20": "20-kh-tw",
    "287": "287-ctr-ddlhhvn",
    "DDLHHVN": "287-ctr-ddlhhvn",
    "118/QĐ/TW": "118-qd-tw",
}


@pytest.mark.parametrize("query, document", sorted(NUMBER_QUERIES.items()))
def test_numbers_in_any_spelling_find_their_document_first(search_page, query: str, document: str) -> None:
    page, _, _ = search_page
    assert page_of(results(page, query)[0]["href"]) == document


def test_query_without_diacritics_finds_and_marks_the_real_words(search_page) -> None:
    page, _, _ = search_page
    plain = results(page, "dang doan")
    assert "<mark>đoàn</mark>" in plain[0]["html"].lower()
    accented = results(page, "Đảng đoàn")
    assert [r["href"].split("?")[0] for r in plain[:3]] == [r["href"].split("?")[0] for r in accented[:3]]


def test_highlighting_marks_tri_thuc_not_trien(search_page) -> None:
    page, _, _ = search_page
    first = results(page, "tri thuc")[0]["html"]
    assert "<mark>trí</mark> <mark>thức</mark>" in first
    assert "<mark>triển" not in first and "<mark>tri</mark>" not in first


def test_heading_beats_a_passing_mention(search_page) -> None:
    page, _, _ = search_page
    first = results(page, "to chuc thuc hien")[0]
    assert "<mark>TỔ</mark> <mark>CHỨC</mark> <mark>THỰC</mark> <mark>HIỆN</mark>" in first["html"]


@pytest.mark.parametrize(
    "query, documents",
    [
        ("Phan Xuân Dũng", {"287-ctr-ddlhhvn"}),
        ("Truong Thi Mai", {"20-kh-tw"}),
        ("Bộ Chính trị", {"20-kh-tw", "42-ct-tw", "35-kl-tw", "69-kl-tw"}),
        ("Ban Bi thu", {"93-kl-tw", "118-qd-tw"}),
    ],
)
def test_a_name_finds_what_they_signed_or_issued_first(search_page, query: str, documents: set[str]) -> None:
    page, _, _ = search_page
    assert page_of(results(page, query)[0]["href"]) in documents


def test_no_request_leaves_the_machine(search_page) -> None:
    page, _, requests = search_page
    results(page, "tri thuc")
    assert [url for url in requests if not url.startswith(("http://127.0.0.1", "file://", "data:"))] == []


@pytest.mark.parametrize("mode", ["http", "file"])
def test_opened_result_marks_whole_words_only(browser, server: str, offline: Project, mode: str) -> None:
    base = f"{server}/van-ban/287-ctr-ddlhhvn/" if mode == "http" else f"{offline.offline_dir.as_uri()}/van-ban/287-ctr-ddlhhvn.html"
    page = browser.new_page()
    page.goto(f"{base}?h=tri+thuc")
    page.wait_for_timeout(1000)
    marks = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    assert marks and set(marks) == {"trí", "thức"}
    assert page.eval_on_selector_all("mark[data-md-highlight]", "marks => marks.length") == 0
    page.close()


def test_the_offline_zip_works_opened_from_disk(browser, offline: Project, tmp_path) -> None:
    import zipfile

    with zipfile.ZipFile(offline.offline_zip) as archive:
        archive.extractall(tmp_path)
    index = tmp_path / "nghi-quyet-45-offline" / "index.html"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(index.as_uri())
    page.locator(".md-search__input").click()
    assert page_of(results(page, "nghi quyet 45")[0]["href"]) == "45-nq-tw"
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/van-ban/45-nq-tw.html*")
    page.goto(index.as_uri())
    page.fill("#lookup-input", "kh20")
    page.press("#lookup-input", "Enter")
    page.wait_for_url("**/van-ban/20-kh-tw.html")
    assert page.locator(".rel-diagram").is_visible()
    assert [url for url in requests if not url.startswith(("file://", "data:"))] == []
    page.close()


def test_shards_are_tokenised_as_the_worker_reads_them(browser, offline: Project) -> None:
    """Python writes the shards and the worker highlights by position: both must see the same words."""
    import json

    from generator.mkdocs_plugin.search.shards import folded_words, shard_key

    docs = json.loads((offline.offline_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    fields = [doc["title"] for doc in docs] + [doc["text"] for doc in docs] + ["Đảng đoàn &amp; KH&amp;CN 中文 ＡＢＣ ǅ x_y"]
    page = browser.new_page()
    page.goto((offline.offline_dir / "index.html").as_uri())
    in_js = page.evaluate("fields => fields.map(f => window.vnSearch.foldedWords(f))", fields)
    assert in_js == [folded_words(field) for field in fields]
    words = sorted({w for field in in_js for w in field})
    assert page.evaluate("words => words.map(w => window.vnSearch.shardKey(w))", words) == [shard_key(w) for w in words]
    page.close()


_RANDOM_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("ĐđẢảệỆẾƯứ\u0301\u0323\u0300 ＡＢｃ４５-/&İſǅ"), max_size=30)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_RANDOM_TEXT, min_size=40, max_size=40))
def test_scripts_fold_and_key_numbers_as_python_does(browser, offline: Project, texts: list[str]) -> None:
    """numbers.js gets its table from generator/corpus/vocabulary.py: the same folds and keys on any text."""
    from generator.corpus.numbers import number_key
    from generator.corpus.vocabulary import accent_key, fold
    from generator.mkdocs_plugin.search.shards import shard_key

    page = browser.new_page()
    page.goto((offline.offline_dir / "index.html").as_uri())
    folded = page.evaluate("texts => texts.map(t => window.vnNumbers.fold(t))", texts)
    assert folded == [fold(text) for text in texts]
    keys = page.evaluate("texts => texts.map(t => window.vnNumbers.numberKey(t))", texts)
    assert keys == [number_key(text) for text in texts]
    shards = page.evaluate("words => words.map(w => window.vnSearch.shardKey(w))", folded)
    assert shards == [shard_key(word) for word in folded]
    keys = page.evaluate("texts => texts.map(t => window.vnSearchText.accentKey(t))", texts)
    assert keys == [accent_key(text) for text in texts]
    page.close()


_PIECES = st.sampled_from(
    [
        *("24", "11", "2023", "3", "28", "2024", "02", "29", "1999", "/", "-", ".", ",", " ", "ngày", "tháng", "năm", "Ngày", "THÁNG"),
        *("KH&CN", "khoa", "học", "và", "công", "nghệ", "Bộ", "Chính", "trị", "Ban", "Bí", "thư", "Trung", "ương", "Đảng", "TP.HCM"),
        *("Thành", "phố", "Hồ", "Chí", "Minh", "MTTQ", "Việt", "Nam", "Mặt", "trận", "Tổ", "quốc", "Liên", "hiệp", "Hội", "VUSTA"),
    ]
)
# Characters both sides know: a letter assigned since Python's Unicode database may be a letter to the browser only.
_ASSIGNED = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cn", "Cs")) | st.sampled_from("ĐđẢảệỆẾƯứ\u0301\u0323 ＡＢｃ４５-/&İſǅ"), max_size=12
)
_TEXTS = st.lists(_PIECES | _ASSIGNED, max_size=24).map(lambda pieces: " ".join(pieces) if len(pieces) % 2 else "".join(pieces))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXTS, min_size=30, max_size=30))
def test_scripts_read_dates_and_names_as_python_does(browser, offline: Project, texts: list[str]) -> None:
    """Dates in any writing and the names of data/abbreviations.yaml and data/bodies.yaml: found alike by the index
    (Python) and by the query and the highlighting (numbers.js with forms.js)."""
    import json

    from generator.corpus.searchtext import FormReader, concepts, words_and_gaps

    forms = json.loads((offline.offline_dir / "search" / "forms.json").read_text(encoding="utf-8"))
    reader = FormReader({token: tuple(written) for token, written in forms.items()})
    page = browser.new_page()
    page.goto((offline.offline_dir / "index.html").as_uri())
    found = page.evaluate(
        "texts => texts.map(t => vnSearchText.concepts(vnSearchText.textWords(t)).map(c => [c.start, c.span, c.token]))", texts
    )
    assert found == [[[c.start, c.span, c.token] for c in concepts(*words_and_gaps(text), reader)] for text in texts]
    words = page.evaluate("texts => texts.map(t => window.vnSearchText.textWords(t).map(w => [w.folded, w.key, w.gap]))", texts)
    assert words == [[[f, accent_key_of(w), g] for f, w, g in zip(*_words(text), strict=True)] for text in texts]
    page.close()


def _words(text: str) -> tuple[list[str], list[str], list[str]]:
    from generator.corpus.searchtext import WORD, words_and_gaps

    folded, gaps = words_and_gaps(text)
    return folded, WORD.findall(text), gaps


def accent_key_of(word: str) -> str:
    from generator.corpus.vocabulary import accent_key

    return accent_key(word)


@pytest.mark.parametrize(
    "query, part",
    [
        ("tôn vinh trí thức tiêu biểu", "287-ctr-ddlhhvn#ii-2-3"),
        ("Đề án nhân sự Đại hội", "287-ctr-ddlhhvn#ii-3-3"),
        ("tri thuc nguoi viet nam o nuoc ngoai", "20-kh-tw#iv-6-g3"),
        ("Chiến lược quốc gia về phát triển đội ngũ trí thức", "20-kh-tw#iv-2-g3"),
    ],
)
def test_a_phrase_opens_the_item_that_holds_it(search_page, query: str, part: str) -> None:
    page, _, _ = search_page
    first = links(page, query)[0]
    assert opened_part(first) == part


def test_an_items_result_names_its_document_and_label_and_opens_marked(search_page) -> None:
    page, suffix, _ = search_page
    results(page, "tôn vinh trí thức tiêu biểu")
    item = page.locator(".md-search-result__item").first.locator("a[href*='#ii-2-3']")
    assert item.locator("h1, h2").first.inner_text() == "287-CTr/ĐĐLHHVN · II.2.3"
    item.click()
    page.wait_for_url(f"**/287-ctr-ddlhhvn{suffix}?h=*#ii-2-3")
    page.wait_for_timeout(500)
    marked = page.eval_on_selector_all("#ii-2-3 mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    assert {"tôn", "vinh", "trí", "thức", "tiêu", "biểu"} <= set(marked)
    page.go_back()
    page.locator(".md-search__input").click()


@pytest.mark.parametrize(
    "query, part",
    [
        ("20-KH/TW mục IV.3", "20-kh-tw#iv-3"),
        ("ke hoach 20 muc IV.4", "20-kh-tw#iv-4"),
        ("287 mục 2.3", "287-ctr-ddlhhvn#ii-2-3"),
        ("kh20 iv.1 ý 2", "20-kh-tw#iv-1-g2"),
        ("20/KH-TW phần II", "20-kh-tw#ii"),
    ],
)
def test_a_citation_puts_the_part_first(search_page, query: str, part: str) -> None:
    page, _, _ = search_page
    assert opened_part(links(page, query)[0]) == part


def test_a_citation_of_a_part_that_does_not_exist_says_so_and_offers_the_document(search_page) -> None:
    page, _, _ = search_page
    first = results(page, "20-KH/TW mục IV.9")[0]
    assert page_of(first["href"]) == "20-kh-tw"
    assert "Văn bản này không có mục IV.9." in first["html"]


@pytest.mark.parametrize("path", ["index.html", "van-ban/20-kh-tw.html", "nhiem-vu/index.html"])
def test_the_offline_copy_passes_axe_from_disk(browser, offline: Project, path: str) -> None:
    from tests.test_browser import _serious_violations

    page = browser.new_page()
    page.goto((offline.offline_dir / path).as_uri())  # pages as name.html: the offline copy has no directory URLs
    assert _serious_violations(page) == []
    page.close()
