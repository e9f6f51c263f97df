"""Unit tests of slugs, diacritic folding and document numbers."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.corpus.numbers import find_mentions, number_key, parse_number, type_code
from generator.corpus.text import is_safe_slug, normalize, slugify
from generator.corpus.vocabulary import fold


def test_slugify_transliterates_d_with_stroke() -> None:
    assert slugify("Đảng đoàn Liên hiệp Hội") == "dang-doan-lien-hiep-hoi"
    assert slugify("ĐĐLHHVN") == "ddlhhvn"


def test_fold_keeps_letters_and_drops_marks() -> None:
    assert fold("Trí thức ĐẢNG") == "tri thuc dang"
    assert fold("Tri\u0301 thu\u031bc") == "tri thuc"  # typed with combining marks
    assert fold("４５-ＮＱ") == "45-nq"


def test_normalize_composes_and_collapses_space() -> None:
    decomposed = "Nghi\u0323 quyê\u0301t\n  45"
    assert normalize(decomposed) == "Nghị quyết 45"


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u200bab", max_size=20)
)
def test_normalize_collapses_exactly_what_the_regex_white_space_class_matches(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert normalize(text) == re.sub(r"\s+", " ", nfc).strip()


@pytest.mark.parametrize("value, safe", [("45-nq-tw", True), ("Đảng", False), ("../x", False), ("", False), ("a_b", False)])
def test_safe_slugs(value: str, safe: bool) -> None:
    assert is_safe_slug(value) is safe


@pytest.mark.parametrize(
    "spelling",
    ["287-CTr/ĐĐLHHVN", "287 - CTr/ĐDLHHVN", "287/CTr-ĐĐLHHVN", "287-ctr/ddlhhvn"],
)
def test_number_key_ignores_spelling(spelling: str) -> None:
    assert number_key(spelling) == "287-ctr-ddlhhvn"


def test_number_key_with_year() -> None:
    assert number_key("01/2024/TT-BKHCN") == "01-2024-tt-bkhcn"


def test_parse_number_rejects_malformed() -> None:
    assert parse_number("45-NQ/TW") == "45-nq-tw"
    assert parse_number("") is None
    assert parse_number("//") is None
    assert parse_number("x" * 300) is None
    assert parse_number("24/11/2023") is None


def test_type_code() -> None:
    assert type_code("118-QĐ/TW") == "QĐ"
    assert type_code("nonsense") is None


def test_mentions_both_spellings_of_one_decision() -> None:
    text = "Quyết định 118/QĐ/TW của Ban Bí thư; Quyết định 118-QĐ/TW ngày 22/8/2023"
    assert [m.key for m in find_mentions(text)] == ["118-qd-tw", "118-qd-tw"]


def test_mentions_skip_dates_and_ranges() -> None:
    assert list(find_mentions("ngày 24/11/2023, giai đoạn 2021-2030, KH&CN")) == []
