"""Browser tests of "Tra cứu số hiệu" and the short URLs, served and from file://."""

from __future__ import annotations

import json

import pytest

from generator.commands.build import Project
from generator.corpus.load import load_corpus
from generator.corpus.lookup import entry, lookup
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SPELLINGS = json.loads((REPO / "tests" / "fixtures" / "number_spellings.json").read_text(encoding="utf-8"))


def errors_of(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def type_number(page, text: str) -> None:
    page.fill("#lookup-input", text)
    page.press("#lookup-input", "Enter")


@pytest.mark.parametrize("typed, key", sorted(SPELLINGS["found"].items()))
def test_lookup_jumps_to_the_document(browser, server: str, typed: str, key: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/so-hieu/")
    type_number(page, typed)
    page.wait_for_url(f"{server}/van-ban/{key}/")
    page.close()


def test_home_page_box(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/")
    type_number(page, "nghi quyet 45")
    page.wait_for_url(f"{server}/van-ban/45-nq-tw/")
    page.close()


def test_unknown_number_says_so_with_closest_matches(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/so-hieu/")
    type_number(page, "KH45")
    status = page.locator(".lookup-form__result")
    assert status.inner_text().startswith("Không có văn bản nào mang số hiệu “KH45”. Số hiệu gần giống:")
    assert status.locator("li").first.inner_text().startswith("45-NQ/TW")
    page.close()


@pytest.mark.parametrize("typed", ["//", "x" * 300, "<script>alert(1)</script>", "   "])
def test_malformed_input_never_breaks_the_page(browser, server: str, typed: str) -> None:
    page = browser.new_page()
    errors = errors_of(page)
    page.goto(f"{server}/so-hieu/")
    page.fill("#lookup-input", typed)
    page.eval_on_selector("form[data-lookup]", "form => form.requestSubmit()")
    assert page.locator(".lookup-form__result").inner_text() != ""
    assert page.url == f"{server}/so-hieu/"
    assert errors == []
    page.close()


def test_javascript_normaliser_agrees_with_python(browser, server: str) -> None:
    entries = [entry(d.number) for d in load_corpus(REPO / "data", REPO).documents]
    keys = [e.key for e in entries]
    page = browser.new_page()
    page.goto(f"{server}/so-hieu/")
    typed = list(SPELLINGS["found"]) + SPELLINGS["not_found"]
    found_in_js = page.evaluate(
        "([typed, keys]) => typed.map(t => window.numberLookup.lookup(t, keys.map(window.numberLookup.entry)).map(e => e.key))",
        [typed, keys],
    )
    assert found_in_js == [[e.key for e in lookup(t, entries)] for t in typed]
    page.close()


def test_short_url_redirects_with_the_anchor(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/so-hieu/20-kh-tw/#iv-3")
    page.wait_for_url(f"{server}/van-ban/20-kh-tw/#iv-3")
    page.close()


def test_lookup_and_short_urls_work_from_disk(browser, offline: Project) -> None:
    site = offline.offline_dir.as_uri()
    page = browser.new_page()
    page.goto(f"{site}/index.html")
    type_number(page, "ctr 287")
    page.wait_for_url(f"{site}/van-ban/287-ctr-ddlhhvn.html")
    page.goto(f"{site}/so-hieu/45-nq-tw/index.html")
    page.wait_for_url(f"{site}/van-ban/45-nq-tw.html")
    page.close()


def test_unknown_number_from_the_home_page_shows_the_lookup_answer(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/")
    type_number(page, "KH45")
    page.wait_for_url(f"{server}/so-hieu/?so=KH45")
    status = page.locator(".lookup-form__result")
    assert status.inner_text().startswith("Không có văn bản nào mang số hiệu “KH45”")
    assert status.is_visible()
    assert not page.locator(".md-search__output").is_visible()
    page.close()


@pytest.mark.parametrize(
    "typed, opened",
    [
        ("20-KH/TW mục IV.3", "20-kh-tw/#iv-3"),
        ("ke hoach 20 muc iv.4", "20-kh-tw/#iv-4"),
        ("287 mục 2.3", "287-ctr-ddlhhvn/#ii-2-3"),
        ("Kế hoạch số 20-KH/TW, mục IV.1, ý 2", "20-kh-tw/#iv-1-g2"),
        ("287 - CTr/ĐDLHHVN điểm 2.3", "287-ctr-ddlhhvn/#ii-2-3"),
    ],
)
def test_lookup_jumps_to_the_cited_part(browser, server: str, typed: str, opened: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/")
    type_number(page, typed)
    page.wait_for_url(f"{server}/van-ban/{opened}")
    anchor = opened.split("#")[1]
    page.wait_for_function(f"document.getElementById('{anchor}').getBoundingClientRect().top < 200")
    page.close()


def test_lookup_of_a_part_that_does_not_exist_says_so_on_the_document(browser, server: str) -> None:
    page = browser.new_page()
    errors = errors_of(page)
    page.goto(f"{server}/so-hieu/")
    type_number(page, "20-KH/TW mục IV.9")
    page.wait_for_url(f"{server}/van-ban/20-kh-tw/#muc-iv-9")
    assert page.locator(".part-missing").inner_text().startswith("Văn bản này không có mục IV.9.")
    assert page.locator("h1").inner_text().startswith("Kế hoạch 20-KH/TW") and errors == []
    page.close()


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("fragment, anchor", [("#iv-3", "iv-3"), ("#muc-2-3", "ii-2-3"), ("#muc-iv-1-y-2", "iv-1-g2")])
def test_a_short_address_carries_the_part(browser, server: str, offline: Project, mode: str, fragment: str, anchor: str) -> None:
    document = "287-ctr-ddlhhvn" if anchor.startswith("ii-") else "20-kh-tw"
    page = browser.new_page()
    if mode == "http":
        page.goto(f"{server}/so-hieu/{document}/{fragment}")
        page.wait_for_url(f"{server}/van-ban/{document}/#{anchor}")
    else:
        page.goto(f"{(offline.offline_dir / 'so-hieu' / document / 'index.html').as_uri()}{fragment}")
        page.wait_for_url(f"**/van-ban/{document}.html#{anchor}")
    page.close()


def test_the_citation_reader_survives_anything_typed(browser, server: str) -> None:
    """Random and malformed text: either no citation, or a number that reads as one and a part of tokens."""
    import random

    rng = random.Random(45)
    pieces = ["mục", "muc", "IV", ".", "3", "ý", "y", "phần", "điểm", "khoản", "20", "-", "KH", "/", "TW", " ", ","]
    pieces += ["\u0301", "Đ", "…", "0", "xl", "ⅳ"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    numbers, words = ["20-KH/TW", "kh20", "287", "nghi quyet 45"], ["mục", "muc", "phần", "điểm", "ý", ""]
    parts = ["IV.3", "2.3.", "ii", "1 ý 2"]
    texts += [f"{rng.choice(numbers)} {rng.choice(words)} {rng.choice(parts)}" for _ in range(300)]
    texts += ["", " ", "mục", "20-KH/TW mục", "mục IV.3", "20 mục IV." + "1." * 500, "20-KH/TW mục " + "I" * 10000]
    texts += ["\ud800", "20\u0000 mục 1"]
    page = browser.new_page()
    page.goto(f"{server}/")
    answers = page.evaluate(
        """texts => texts.map(t => {
            const c = window.vnNumbers.citation(t);
            return c === null ? null : [window.vnNumbers.parseQuery(c.document).number !== null, c.tokens.length > 0, c.part.length > 0];
        })""",
        texts,
    )
    assert all(answer is None or answer == [True, True, True] for answer in answers)
    assert sum(answer is not None for answer in answers) > 100
    page.close()


def test_a_malformed_part_address_leaves_the_page_working(browser, server: str) -> None:
    page = browser.new_page()
    errors = errors_of(page)
    page.goto(f"{server}/van-ban/20-kh-tw/#muc-%E0%A4")
    page.goto(f"{server}/so-hieu/#muc-%")
    type_number(page, "20-KH/TW mục IV.3")
    page.wait_for_url(f"{server}/van-ban/20-kh-tw/#iv-3")
    assert errors == []
    page.close()
