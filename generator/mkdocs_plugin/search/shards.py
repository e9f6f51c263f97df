"""The sharded search index: shards the search worker fetches per query term.

search/vn/meta.json lists the sections (location, title, boost, the issuer/signer rows of
metadata sections, and the label of a numbered heading or item, "IV.1, ý 2", when it has one);
search/vn/w/<key>.json maps the folded words starting with <key> (three letters) to their postings
(section, field, position); search/vn/t/<n>.json holds section texts in chunks, fetched only for
results on screen. search_index.json keeps Material's config and no documents, so the
page downloads almost nothing before the first query.
The entries come from generator/mkdocs_plugin/search/indexing.py.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from generator.corpus.vocabulary import KEY_ROWS, SHARD_PREFIX, fold
from generator.support.jsonfile import compact

CHUNK = 16
# Tags and entities separate words and are not words themselves.
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")
_WORD = re.compile(r"[^\W_]+")
_PLAIN_HEAD = re.compile(rf"[a-z0-9]{{1,{SHARD_PREFIX}}}")


class FoldCache(dict[str, str]):
    """Folded words by word, folded on first use: a corpus has millions of words but few distinct ones."""

    def __missing__(self, word: str) -> str:
        folded = self[word] = fold(word)
        return folded


def folded_words(html: str, cache: FoldCache | None = None) -> list[str]:
    """The words of an HTML fragment as the worker sees them: text between tags, entities skipped."""
    words = _WORD.findall(_MARKUP.sub(" ", html))
    return list(map((FoldCache() if cache is None else cache).__getitem__, words))


def shard_key(word: str) -> str:
    """The shard a word lives in: its first SHARD_PREFIX characters, hex-encoded when not a-z or 0-9.

    Two letters are too few for Vietnamese, where most common words start with "tr", "th", "ch"…
    """
    head = word[:SHARD_PREFIX]
    return head if _PLAIN_HEAD.fullmatch(head) else "x" + "-".join(f"{ord(c):x}" for c in head)


def _sequence(words: list[str], phrase: str, start: int) -> int:
    wanted = phrase.split(" ")
    for index in range(start, len(words) - len(wanted) + 1):
        if words[index : index + len(wanted)] == wanted:
            return index
    return -1


def key_ranges(words: list[str]) -> list[list[int]]:
    """Word ranges of the issuer's and the signer's rows in a metadata table."""
    ranges = []
    for label, following in KEY_ROWS:
        found = _sequence(words, label, 0)
        if found >= 0:
            start = found + len(label.split(" "))
            end = _sequence(words, following, start)
            ranges.append([start, end if end >= 0 else len(words)])
    return ranges


class ShardWriter:
    """Accumulates postings page by page (section numbers in arrival order) and writes the shards.

    Postings are typed arrays (4 bytes a number, not a Python int and its slot), and with a `target` the
    section texts go to their chunk files as soon as a chunk is full. A 10,000-document site has tens of
    millions of postings: with a `spill` folder, whenever more than SPILL_AT numbers are held they are
    appended to one file per shard there, and each shard is read back alone when it is written."""

    SPILL_AT = 8_000_000

    def __init__(self, target: Path | None = None, spill: Path | None = None) -> None:
        self.sections: list[list[object]] = []
        self.texts: list[str] = []  # those not yet written, from text number `self.written`
        self.written = 0
        self.target = target
        self.postings: dict[str, array[int]] = {}  # those not spilled yet
        self.held = 0  # numbers in self.postings
        self.ids: dict[str, int] = {}  # every word, numbered in order of first appearance
        self.spill = spill
        self.spilled: set[str] = set()  # shard keys with a spill file
        self.folded = FoldCache()

    def add(self, entries: list[dict[str, object]]) -> None:
        """Index Material-style entries: location, title, text and an optional boost."""
        for entry in entries:
            number = len(self.sections)
            location, title, text = str(entry["location"]), str(entry.get("title", "")), str(entry.get("text", ""))
            text_words = folded_words(text, self.folded)
            ranges = key_ranges(text_words) if location.endswith("#thong-tin") else []
            section = [location, title, entry.get("boost", 1), ranges]
            if entry.get("label"):
                section.append(str(entry["label"]))
            self.sections.append(section)
            self.texts.append(text)
            title_words = folded_words(title, self.folded)
            for field, words in ((0, title_words), (1, text_words)):
                for position, word in enumerate(words):
                    found = self.postings.get(word)
                    if found is None:
                        found = self.postings[word] = array("I")
                        self.ids.setdefault(word, len(self.ids))
                    found.extend((number, field, position))
            self.held += 3 * (len(title_words) + len(text_words))
            if self.target is not None and len(self.texts) == CHUNK:
                self._write_texts(self.target)
            if self.spill is not None and self.held > self.SPILL_AT:
                self._spill(self.spill)

    def _spill(self, folder: Path) -> None:
        """Append the postings held to their shards' files, as blocks of (word number, count, numbers)."""
        by_shard: dict[str, list[str]] = {}
        for word in self.postings:
            by_shard.setdefault(shard_key(word), []).append(word)
        for key, words in by_shard.items():
            with (folder / f"{key}.bin").open("ab") as out:
                for word in words:
                    found = self.postings[word]
                    out.write(array("I", (self.ids[word], len(found))).tobytes())
                    out.write(found.tobytes())
            self.spilled.add(key)
        self.postings, self.held = {}, 0

    def _shard(self, key: str, words: list[str]) -> dict[str, array[int]]:
        """The postings of the shard `key`'s `words`, spilled ones first, words in order of first appearance."""
        found: dict[int, array[int]] = {}
        if key in self.spilled and self.spill is not None:
            data = array("I")
            data.frombytes((self.spill / f"{key}.bin").read_bytes())
            at = 0
            while at < len(data):
                word_id, count = data[at], data[at + 1]
                found.setdefault(word_id, array("I")).extend(data[at + 2 : at + 2 + count])
                at += 2 + count
        for word in words:
            held = self.postings.get(word)
            if held is not None:
                found.setdefault(self.ids[word], array("I")).extend(held)
        return {word: found[self.ids[word]] for word in sorted(words, key=self.ids.__getitem__)}

    def _write_texts(self, target: Path) -> None:
        """Write the texts held, a chunk of CHUNK to a file, numbered from the first text not yet written."""
        (target / "t").mkdir(parents=True, exist_ok=True)
        for start in range(0, len(self.texts), CHUNK):
            _dump(target / "t" / f"{(self.written + start) // CHUNK}.json", self.texts[start : start + CHUNK])
        self.written += len(self.texts)
        self.texts = []

    def write(self, target: Path) -> None:
        """Write meta.json, w/<key>.json and t/<n>.json under `target`."""
        shards: dict[str, list[str]] = {}
        for word in self.ids:
            shards.setdefault(shard_key(word), []).append(word)
        (target / "w").mkdir(parents=True, exist_ok=True)
        _dump(target / "meta.json", {"sections": self.sections, "chunk": CHUNK})
        for key, words in shards.items():
            _dump(target / "w" / f"{key}.json", {word: found.tolist() for word, found in self._shard(key, words).items()})
        self._write_texts(target)


def _dump(path: Path, data: object) -> None:
    path.write_bytes(compact(data))
