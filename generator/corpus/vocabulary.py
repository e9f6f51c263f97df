"""The words and rules that the Python code and the site's scripts share, written once.

The generator writes `script_vocabulary()` into javascripts/numbers.js at build time, so the
search worker, the number lookup and the highlighter read document numbers, document types and
folded words exactly as the build did (tests compare both on random text).
"""

from __future__ import annotations

import functools
import unicodedata

# Display name -> the type codes its numbers use (folded, lowercase).
DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    "Nghị quyết": ("nq",),
    "Kế hoạch": ("kh",),
    "Chương trình hành động": ("ctr",),
    "Chương trình": ("ctr",),
    "Hướng dẫn": ("hd",),
    "Chỉ thị": ("ct",),
    "Kết luận": ("kl",),
    "Quyết định": ("qd",),
    "Quy định": ("qdi",),
    "Thông báo": ("tb",),
    "Thông tri": ("ttr",),
    "Báo cáo": ("bc",),
    "Công văn": ("cv",),
    "Nghị định": ("nd",),
    "Thông tư": ("tt",),
    "Thông tư liên tịch": ("ttlt",),
    "Đề án": ("da",),
}
# Types whose numbers carry no type code: a Công văn is numbered "<n>/<issuer>-<unit>" ("1234/BKHCN-VP").
UNCODED_TYPES = frozenset({"Công văn"})

# Names the site's own pages and folders use: no document file or body may be called so, or its
# page would replace one of them ("index" would replace the list of documents).
RESERVED_IDS = frozenset(
    (
        "index",
        "van-ban",
        "co-quan",
        "so-hieu",
        "nhiem-vu",
        "quan-he",
        "nguoi-ky",
        "dong-thoi-gian",
        "search",
        "javascripts",
        "stylesheets",
        "images",
        "assets",
        "feed",
        "documents",
        "documents-schema",
        "sitemap",
        "404",
    )
)

# A document number as printed: "45-NQ/TW", "118/QĐ/TW", "287 - CTr/ĐDLHHVN", "01/2024/TT-BKHCN", "04/NQ-CP",
# "719/QĐ-TTg", "3260-KH/ĐĐQH15" (an issuer code may end in the term's number).
# Groups: the number, a year, the type code, the issuer code.
_LETTERS = r"[A-Za-zĐđ&]{1,15}"
# "TU", "ĐĐQH15", "T.Ư" (Trung ương, as some bodies write it).
_ISSUER_CODE = r"[A-Za-zĐđƯư&]{1,15}(?:\.[A-Za-zĐđƯư]{1,5})*[0-9]{0,3}"
_SEPARATOR = r"\s*[-/]\s*"
NUMBER_PATTERN = rf"([0-9]{{1,5}})(?:{_SEPARATOR}([0-9]{{4}}))?{_SEPARATOR}({_LETTERS}){_SEPARATOR}({_ISSUER_CODE})"

# What a reader types into the lookup is read up to this many characters.
MAX_QUERY = 200
# Words a lookup ignores around a number ("số hiệu", "văn bản"), folded.
LOOKUP_FILLER = ("so", "hieu", "van ban")
# What a value still to be filled in starts with, in a skeleton from `new` or a draft from `import`:
# `check` refuses it, so that a placeholder is never published.
PLACEHOLDER = "[cần điền"

# Words that introduce a reference to a part of a document in a citation ("20-KH/TW mục IV.3"), folded,
# longest first; "y" (ý) also marks a bullet inside an item ("IV.1, ý 2").
PART_WORDS = ("tieu muc", "chuong", "khoan", "dieu", "diem", "phan", "muc", "y")
# The search index keeps words in shards by their first characters: this many.
SHARD_PREFIX = 3
# In a document's metadata table, the rows whose values name the issuer and the signer: each row's
# label and the label of the row after it, folded.
KEY_ROWS = (("co quan ban hanh", "nguoi ky"), ("nguoi ky", "chuc vu"))

# Folding: combining marks (U+0300–U+036F, every mark Vietnamese uses) are dropped, and each letter
# of these blocks becomes its lowercase base letter ("Ệ" -> "e", "Đ" -> "d"). A table, not the
# Unicode database at run time, so that Python and every browser fold alike.
MARKS = (0x0300, 0x036F)
_FOLDED_BLOCKS = ((0x0000, 0x052F), (0x1E00, 0x1EFF), (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
_SPECIAL = {"đ": "d", "Đ": "d"}  # a letter of its own in Unicode, which no decomposition strips


def _folded_letter(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    lowered = unicodedata.normalize("NFKD", char).lower()
    return "".join(c for c in lowered if not MARKS[0] <= ord(c) <= MARKS[1])


@functools.cache
def fold_table() -> dict[str, str]:
    """Each character of the folded blocks that folding changes, with what it becomes (one character)."""
    table = {}
    for first, last in _FOLDED_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            if MARKS[0] <= code <= MARKS[1] or unicodedata.category(char) == "Cn":
                continue
            folded = _folded_letter(char)
            if len(folded) == 1 and folded != char and (folded.isalnum() or folded in "&"):
                table[char] = folded
    return table


@functools.cache
def _translation() -> dict[int, str | None]:
    translation: dict[int, str | None] = {ord(char): folded for char, folded in fold_table().items()}
    translation.update((code, None) for code in range(MARKS[0], MARKS[1] + 1))
    return translation


def fold(text: str) -> str:
    """`text` in lowercase without diacritics: "Đảng Đoàn" -> "dang doan"."""
    return text.translate(_translation())


def type_words() -> tuple[tuple[str, str], ...]:
    """Document type names as typed (folded), longest first, with the code each stands for."""
    words = {fold(name): codes[0] for name, codes in DOCUMENT_TYPES.items()}
    return tuple(sorted(words.items(), key=lambda item: -len(item[0])))


def script_vocabulary() -> dict[str, object]:
    """What the site's scripts need, as JSON-ready data."""
    table = fold_table()
    return {
        "foldFrom": "".join(table),
        "foldTo": "".join(table.values()),
        "marks": list(MARKS),
        "numberPattern": NUMBER_PATTERN,
        "typeWords": [list(pair) for pair in type_words()],
        "maxQuery": MAX_QUERY,
        "lookupFiller": list(LOOKUP_FILLER),
        "shardPrefix": SHARD_PREFIX,
        "keyRows": [list(pair) for pair in KEY_ROWS],
        "partWords": list(PART_WORDS),
    }
