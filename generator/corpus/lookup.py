"""Number lookup: read a number typed any way people type it, and match it to documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.corpus.numbers import number_key
from generator.corpus.vocabulary import LOOKUP_FILLER, MAX_QUERY, fold, type_words

_FILLER = re.compile(r"\b(?:" + "|".join(LOOKUP_FILLER) + r")\b")
_TOKENS = re.compile(r"[a-z]+|[0-9]+")


@dataclass(frozen=True)
class Query:
    """What a typed lookup says: the number, any other numbers (years), and letter codes."""

    number: int | None
    years: tuple[int, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A document as the lookup sees it: its key split into number, year and letter codes."""

    key: str
    number: int
    years: tuple[int, ...]
    codes: tuple[str, ...]


def parse_query(text: str) -> Query:
    """Read a typed number: "NQ45", "nghị quyết 45", "45/NQ-TW" all give 45 and ("nq", ...)."""
    folded = " " + fold(text[:MAX_QUERY]).replace("&", "") + " "
    for words, code in type_words():
        folded = folded.replace(f" {words} ", f" {code} ")
    folded = _FILLER.sub(" ", folded)
    tokens = _TOKENS.findall(folded)
    numbers = [int(token[:9]) for token in tokens if token.isdigit()]
    codes = tuple(token for token in tokens if not token.isdigit())
    return Query(numbers[0] if numbers else None, tuple(numbers[1:]), codes)


def entry(number: str) -> Entry:
    """Split a document number into the parts a lookup matches."""
    key = number_key(number)
    parts = key.split("-")
    digits = [int(part) for part in parts if part.isdigit()]
    return Entry(key, digits[0] if digits else -1, tuple(digits[1:]), tuple(p for p in parts if not p.isdigit()))


def matches(query: Query, candidate: Entry) -> bool:
    """Tell whether every part the reader typed belongs to the candidate's number."""
    if query.number is None or query.number != candidate.number:
        return False
    return all(code in candidate.codes for code in query.codes) and all(year in candidate.years for year in query.years)


def lookup(text: str, entries: list[Entry]) -> list[Entry]:
    """Return the documents whose number the typed text denotes."""
    query = parse_query(text)
    return [candidate for candidate in entries if matches(query, candidate)]
