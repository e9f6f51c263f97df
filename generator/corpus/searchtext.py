"""How search reads text, the same way as the site's scripts (numbers.js): words folded, the class of the gap
before each, and the spans that stand for one thing however they are written: a date (24/11/2023, "ngày 24
tháng 11 năm 2023") or a name with its abbreviations (KH&CN, KHCN, "khoa học và công nghệ").

The rules are data in vocabulary.py (dates, gap classes) and in data/ (names: data/abbreviations.yaml and the
bodies' names); tests compare what Python and the scripts find on random text.
"""

from __future__ import annotations

import functools
import operator
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate

from generator.corpus.model import Abbreviation, Body
from generator.corpus.vocabulary import DATE_PATTERNS, DATE_TOKEN, GAP_CLASSES, MAX_FORM_WORDS, fold

# A word, as the search worker reads one: letters and digits ([\p{L}\p{N}]+ in the scripts).
WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")
_DATES = tuple((re.compile(pattern), groups) for pattern, groups in DATE_PATTERNS)
# Every date holds a year of four digits: a text without one holds none.
_YEAR = re.compile(r"[0-9]{4}")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# A name's forms, folded, by the search term that stands for all of them ("_khcn").
Forms = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Concept:
    """A span of words that stands for one thing: its first word, its length in words and its search term."""

    start: int
    span: int
    token: str


@functools.lru_cache(maxsize=4096)  # gaps are few: a space, ", ", "/", " - "…
def gap_class(gap: str) -> str:
    """The class of the text between two words: the first of "/-.," it holds, else a space."""
    return next((mark for mark in GAP_CLASSES if mark in gap), " ")


def split_words(text: str) -> tuple[list[str], list[str]]:
    """The words of plain text as written, and the class of the gap before each."""
    parts = _SPLIT.split(text)
    return parts[1::2], [" " if gap == " " else gap_class(gap) for gap in parts[0:-1:2]]


def words_and_gaps(text: str) -> tuple[list[str], list[str]]:
    """The folded words of plain text and the class of the gap before each."""
    words, gaps = split_words(text)
    return [fold(word) for word in words], gaps


def date_token(day: int, month: int, year: int) -> str | None:
    """The search term of a real date, or None ("31/02/2024" is none)."""
    if not 1 <= month <= 12 or year < 1000:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= day <= _DAYS[month - 1] + (1 if month == 2 and leap else 0):
        return None
    return DATE_TOKEN.format(day=day, month=month, year=year)


def dates(words: list[str], gaps: list[str]) -> list[Concept]:
    """The dates written in a stream of words, in any common writing."""
    pieces = list(map(operator.add, gaps, words))
    stream = "".join(pieces)
    if not _YEAR.search(stream):
        return []
    ends = list(accumulate(map(len, pieces)))  # where each word ends in the stream
    found = []
    for pattern, (day, month, year) in _DATES:
        for match in pattern.finditer(stream):
            token = date_token(int(match.group(day)), int(match.group(month)), int(match.group(year)))
            if token is not None:
                first = bisect_right(ends, min(match.start(day), match.start(year)))
                last = bisect_right(ends, max(match.start(day), match.start(year)))
                found.append(Concept(first, last - first + 1, token))
    return found


# A node of the tree of forms: each next word's node, and under "" the term of the form that ends here.
_Node = dict[str, "_Node | str"]


class FormReader:
    """Finds the names of a vocabulary in a stream of folded words: at each word, the longest form starting there."""

    def __init__(self, forms: Forms) -> None:
        self.trie: _Node = {}
        for token, written in forms.items():
            for form in written:
                node = self.trie
                for word in form.split(" "):
                    child = node.setdefault(word, {})
                    assert isinstance(child, dict)  # words are never "", the key of a term
                    node = child
                node[""] = token

    def at(self, words: list[str], start: int) -> list[Concept]:
        """Every form that starts at `start`, shortest first ("MTTQ" and "MTTQ Việt Nam")."""
        node, found = self.trie, []
        for index in range(start, min(len(words), start + MAX_FORM_WORDS)):
            child = node.get(words[index])
            if not isinstance(child, dict):
                break
            node = child
            token = node.get("")
            if isinstance(token, str):
                found.append(Concept(start, index - start + 1, token))
        return found

    def every(self, words: list[str]) -> list[Concept]:
        """Every form in `words`, by first word: forms may overlap (a name inside a longer one)."""
        trie, found, count = self.trie, [], len(words)
        for start in [index for index, word in enumerate(words) if word in trie]:
            node = trie[words[start]]
            # Most words that begin a form begin none here: neither a form of one word nor the next word of one.
            if isinstance(node, dict) and ("" in node or (start + 1 < count and words[start + 1] in node)):
                found += self.at(words, start)
        return found


def concepts(words: list[str], gaps: list[str], reader: FormReader | None) -> list[Concept]:
    """Every date and every name of the vocabulary in a stream of words, by first word then term."""
    found = dates(words, gaps) + (reader.every(words) if reader is not None else [])
    return sorted(found, key=lambda concept: (concept.start, concept.token))


def folded_form(form: str) -> str:
    """A form as the search vocabulary holds it: its folded words, spaced ("KH&CN" -> "kh cn")."""
    return " ".join(fold(word) for word in WORD.findall(form))


def search_forms(abbreviations: Iterable[Abbreviation], bodies: Iterable[Body]) -> dict[str, tuple[str, ...]]:
    """The search vocabulary of names: each set of forms that share one form (an abbreviation's and a body's name
    and short names), under one search term."""
    sets = [tuple(entry.forms) for entry in abbreviations] + [(body.name, *body.short_names) for body in bodies]
    parent: dict[str, str] = {}

    def root(form: str) -> str:
        while parent[form] != form:
            parent[form] = parent[parent[form]]
            form = parent[form]
        return form

    for written in sets:
        folded = [form for form in map(folded_form, written) if form]
        for form in folded:
            parent.setdefault(form, form)
        for form in folded[1:]:
            parent[root(form)] = root(folded[0])
    groups: dict[str, set[str]] = {}
    for form in parent:
        groups.setdefault(root(form), set()).add(form)
    found: dict[str, tuple[str, ...]] = {}
    for members in sorted(groups.values(), key=lambda forms: sorted(forms)):
        found[_token(members, found)] = tuple(sorted(members))
    return dict(sorted(found.items()))


def _token(forms: set[str], taken: Mapping[str, object]) -> str:
    """The search term of a set of forms: "_" and its shortest form's letters, numbered when taken."""
    shortest = min(forms, key=lambda form: (len(form.replace(" ", "")), form)).replace(" ", "")
    base = "_" + (shortest if shortest[:1].isalpha() and shortest.isascii() else "n" + _ascii(shortest))[:24]
    token, number = base, 1
    while token in taken:
        number += 1
        token = f"{base}{number}"
    return token


@functools.cache
def _ascii(text: str) -> str:
    return "".join(char if char.isascii() and char.isalnum() else f"{ord(char):x}" for char in text)
