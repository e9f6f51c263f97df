"""Unit tests of the number normaliser behind "Tra cứu số hiệu"."""

from __future__ import annotations

import json

import pytest

from generator.corpus.load import load_corpus
from generator.corpus.lookup import Entry, entry, lookup, parse_query
from tests.conftest import REPO

SPELLINGS = json.loads((REPO / "tests" / "fixtures" / "number_spellings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry(d.number) for d in load_corpus(REPO / "data", REPO).documents]


@pytest.mark.parametrize("typed, key", sorted(SPELLINGS["found"].items()))
def test_every_spelling_finds_its_document(entries: list[Entry], typed: str, key: str) -> None:
    assert [e.key for e in lookup(typed, entries)] == [key]


@pytest.mark.parametrize("typed", SPELLINGS["not_found"])
def test_wrong_or_malformed_input_finds_nothing(entries: list[Entry], typed: str) -> None:
    assert lookup(typed, entries) == []


def test_parse_query_parts() -> None:
    query = parse_query("Thông tư 01/2024/TT-BKHCN")
    assert (query.number, query.years, query.codes) == (1, (2024,), ("tt", "tt", "bkhcn"))


def test_entry_parts() -> None:
    assert entry("01/2024/TT-BKHCN") == Entry("01-2024-tt-bkhcn", 1, (2024,), ("tt", "bkhcn"))
