"""The sharded search index: shards the search worker fetches per query term.

search/vn/meta.json lists the sections (location, title, boost, the ends of the parts of a document's own entry
(its metadata: title, issuer, signer, other, date; see META_ZONES), and the label of a numbered heading or item,
"IV.1, ý 2", when it has one); search/vn/w/<key>.json maps the words whose folded form starts with <key> (three
letters), lowercase with their diacritics and their tone after their letters ("trí", "trị"; "hóa" and "hoá" are
one: vocabulary.accent_key), and the search terms of the dates and names found in
the text ("_24112023", "_khcn"), to their postings (section, field, position: field 0 is the title, 1 the text,
and a date's or name's field adds twice its length in words less one); search/vn/t/<n>.json holds section texts
in chunks, fetched only for results on screen. search_index.json keeps Material's config and no documents, so
the page downloads almost nothing before the first query. The entries come from
generator/mkdocs_plugin/search/indexing.py.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from generator.corpus.searchtext import FormReader, concepts, split_words
from generator.corpus.vocabulary import SHARD_PREFIX, accent_key, fold
from generator.support.jsonfile import compact

CHUNK = 16
# Tags and entities separate words and are not words themselves.
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")
_PLAIN_HEAD = re.compile(rf"[a-z0-9]{{1,{SHARD_PREFIX}}}")


class FoldCache(dict[str, tuple[str, str]]):
    """Each word folded and as the index keeps it (accent_key), on first use: a corpus has millions of words but few
    distinct ones."""

    def __missing__(self, word: str) -> tuple[str, str]:
        found = self[word] = (fold(word), accent_key(word))
        return found


class Words:
    """The words of an HTML fragment as the worker sees them (text between tags, entities skipped): folded, as the
    index keeps them (lowercase, marks kept, the tone after the letters), and the class of the gap before each."""

    __slots__ = ("folded", "gaps", "keys")

    def __init__(self, html: str, cache: FoldCache | None = None) -> None:
        forms = FoldCache() if cache is None else cache
        written, self.gaps = split_words(_MARKUP.sub(" ", html))
        pairs = list(map(forms.__getitem__, written))
        self.folded: list[str] = [pair[0] for pair in pairs]
        self.keys: list[str] = [pair[1] for pair in pairs]


def folded_words(html: str, cache: FoldCache | None = None) -> list[str]:
    """The folded words of an HTML fragment, as the worker reads them."""
    return Words(html, cache).folded


def shard_key(word: str) -> str:
    """The shard a folded word lives in: its first SHARD_PREFIX characters, hex-encoded when not a-z or 0-9.

    Two letters are too few for Vietnamese, where most common words start with "tr", "th", "ch"…
    """
    head = word[:SHARD_PREFIX]
    return head if _PLAIN_HEAD.fullmatch(head) else "x" + "-".join(f"{ord(c):x}" for c in head)


def postings_of(words: Words, reader: FormReader | None) -> list[tuple[str, int, int]]:
    """What a field's words put in the index: (key, span code, position) for each word (its key, span code 0) and
    each date or name found in it (its search term, twice its length in words less one)."""
    found = [(word, 0, position) for position, word in enumerate(words.keys)]
    found += [(concept.token, 2 * (concept.span - 1), concept.start) for concept in concepts(words.folded, words.gaps, reader)]
    return found


def entry_concepts(entry: dict[str, object], reader: FormReader | None, cache: FoldCache | None = None) -> list[list[object]]:
    """The dates and names in an entry's title (field 0) and text (field 1): [term, field, first word, length]."""
    found: list[list[object]] = []
    for field, name in ((0, "title"), (1, "text")):
        words = Words(str(entry.get(name, "")), cache)
        found += [[concept.token, field, concept.start, concept.span] for concept in concepts(words.folded, words.gaps, reader)]
    return found


class ShardWriter:
    """Accumulates postings page by page (section numbers in arrival order) and writes the shards.

    Postings are typed arrays (4 bytes a number, not a Python int and its slot), and with a `target` the
    section texts go to their chunk files as soon as a chunk is full. A 10,000-document site has tens of
    millions of postings: with a `spill` folder, whenever more than SPILL_AT numbers are held they are
    appended to one file per shard there, and each shard is read back alone when it is written."""

    SPILL_AT = 8_000_000

    def __init__(self, target: Path | None = None, spill: Path | None = None, reader: FormReader | None = None) -> None:
        self.reader = reader
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
        """Index Material-style entries: location, title, text, an optional boost, label and zones."""
        for entry in entries:
            number = len(self.sections)
            title, text = str(entry.get("title", "")), str(entry.get("text", ""))
            section = [str(entry["location"]), title, entry.get("boost", 1), entry.get("zones", [])]
            if entry.get("label"):
                section.append(str(entry["label"]))
            self.sections.append(section)
            self.texts.append(text)
            for field, html in ((0, title), (1, text)):
                words = Words(html, self.folded)
                for position, key in enumerate(words.keys):  # the hot loop: _post written out
                    found = self.postings.get(key)
                    if found is None:
                        found = self.postings[key] = array("I")
                        self.ids.setdefault(key, len(self.ids))
                    found.extend((number, field, position))
                self.held += 3 * len(words.keys)
                for concept in concepts(words.folded, words.gaps, self.reader):
                    self._post(concept.token, number, field + 2 * (concept.span - 1), concept.start)
            if self.target is not None and len(self.texts) == CHUNK:
                self._write_texts(self.target)
            if self.spill is not None and self.held > self.SPILL_AT:
                self._spill(self.spill)

    def _post(self, key: str, number: int, field: int, position: int) -> None:
        found = self.postings.get(key)
        if found is None:
            found = self.postings[key] = array("I")
            self.ids.setdefault(key, len(self.ids))
        found.extend((number, field, position))
        self.held += 3

    def _spill(self, folder: Path) -> None:
        """Append the postings held to their shards' files, as blocks of (word number, count, numbers)."""
        by_shard: dict[str, list[str]] = {}
        for word in self.postings:
            by_shard.setdefault(shard_key(fold(word)), []).append(word)
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
            shards.setdefault(shard_key(fold(word)), []).append(word)
        (target / "w").mkdir(parents=True, exist_ok=True)
        _dump(target / "meta.json", {"sections": self.sections, "chunk": CHUNK})
        for key, words in shards.items():
            _dump(target / "w" / f"{key}.json", {word: found.tolist() for word, found in self._shard(key, words).items()})
        self._write_texts(target)


def _dump(path: Path, data: object) -> None:
    path.write_bytes(compact(data))
