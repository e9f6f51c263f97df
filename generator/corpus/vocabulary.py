"""The words and rules that the Python code and the site's scripts share, written once.

The generator writes `script_vocabulary()` into javascripts/numbers.js and `search_vocabulary()` into
javascripts/searchtext.js at build time, so the search worker, the number lookup and the highlighter read
document numbers, document types, folded words, dates and names exactly as the build did (tests compare both
on random text).
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


@functools.cache
def lower_table() -> dict[str, str]:
    """Each character of the folded blocks with its lowercase form (one character), where lowering keeps the
    fold ("Ứ" -> "ứ"): the search index keeps words lowercase with their diacritics, so that a reader who types
    accents finds those accents ("trí" before "trị") and one who types none finds every one."""
    table = {}
    for first, last in _FOLDED_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            lowered = char.lower()
            if len(lowered) == 1 and lowered != char and unicodedata.category(char) != "Cn" and fold(lowered) == fold(char):
                table[char] = lowered
    return table


@functools.cache
def _lowering() -> dict[int, str]:
    return {ord(char): lowered for char, lowered in lower_table().items()}


def lower(text: str) -> str:
    """`text` in lowercase with its diacritics: "Đảng" -> "đảng"."""
    return text.translate(_lowering())


# The five tone marks of Vietnamese. Where a word carries its tone varies ("hóa" and "hoá", "thủy" and "thuỷ" are one
# word), so the search index keeps the tone apart, after the letters.
TONES = "\u0300\u0301\u0303\u0309\u0323"


@functools.cache
def tone_table() -> dict[str, str]:
    """Each letter of the folded blocks that carries a tone, with the same letter lowercase and toneless followed by
    its tone mark ("Ứ" -> "ư" + U+0301)."""
    table = {}
    for first, last in _FOLDED_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            marks = unicodedata.normalize("NFD", char)
            tones = [mark for mark in marks[1:] if mark in TONES]
            if len(tones) == 1 and unicodedata.category(char) != "Cn":
                base = unicodedata.normalize("NFC", marks.replace(tones[0], "")).lower()
                if len(base) == 1 and fold(base) == fold(char):
                    table[char] = base + tones[0]
    return table


@functools.cache
def _toning() -> dict[str, tuple[str, str]]:
    return {char: (toned[0], toned[1]) for char, toned in tone_table().items()}


def accent_key(word: str) -> str:
    """How the search index keeps a word: lowercase, its letters' marks kept, its tone moved after its letters, so
    that "Hóa" and "hoá" are one and "trí" and "trị" two."""
    letters, tones = [], []
    table = _toning()
    for char in lower(word):
        toned = table.get(char)
        if toned is None:
            letters.append(char)
        else:
            letters.append(toned[0])
            tones.append(toned[1])
    return "".join(letters) + "".join(tones)


# Search: how readers write what they look for. Text is read as a stream of folded words, each after the
# class of the gap before it: "/", "-" or "." when the gap holds one (in that order), "," likewise, else " "
# ("Ngày 24/11/2023" -> " ngay 24/11/2023"). Dates are found in that stream.
GAP_CLASSES = "/-.,"
_GAP = "[ ,./-]"
_END = "(?=[ ,./-]|$)"
# A date in any common writing, with the groups that hold its day, month and year: 24/11/2023, 24-11-2023,
# 24.11.2023, 28/3/2024, "ngày 24 tháng 11 năm 2023", "24 tháng 11/2023", 2023-11-24. A "ngày" before it
# belongs to it (a query drops it) but its span, which the search index and the highlighting mark, starts
# at the day.
DATE_PATTERNS: tuple[tuple[str, tuple[int, int, int]], ...] = (
    (rf"(?:{_GAP}ngay)?{_GAP}([0-9]{{1,2}})([/.-])([0-9]{{1,2}})\2([0-9]{{4}}){_END}", (1, 3, 4)),
    (rf"(?:{_GAP}ngay)?{_GAP}([0-9]{{1,2}}) thang ([0-9]{{1,2}})(?: nam)?[ ,/]([0-9]{{4}}){_END}", (1, 2, 3)),
    (rf"{_GAP}([0-9]{{4}})-([0-9]{{1,2}})-([0-9]{{1,2}}){_END}", (3, 2, 1)),
)
# A date's search term: "_" and its day, month and year ("_24112023"); "_" keeps it apart from every word.
DATE_TOKEN = "_{day:02d}{month:02d}{year:04d}"
# The longest name or abbreviation the search vocabulary (data/abbreviations.yaml, bodies' names) reads, in words.
MAX_FORM_WORDS = 16
# What readers add around what they look for, lowercase with diacritics, longest first: dropped from a search
# that holds anything else. A word typed without diacritics matches any of these by its fold ("la gi"); one typed
# with them only as written ("lá" is no filler).
QUESTION_WORDS = (
    "được ban hành khi nào",
    "ban hành khi nào",
    "ban hành ngày nào",
    "do ai ban hành",
    "ai là người ký",
    "văn bản nào",
    "văn bản gì",
    "cơ quan ban hành",
    "ngày ban hành",
    "như thế nào",
    "ai ban hành",
    "ai chủ trì",
    "người ký",
    "văn bản",
    "số hiệu",
    "tìm kiếm",
    "cho tôi",
    "là gì",
    "là ai",
    "do ai",
    "ai ký",
    "đã ký",
    "ban hành",
    "ở đâu",
    "khi nào",
    "lúc nào",
    "bao giờ",
    "thế nào",
    "ra sao",
    "bao nhiêu",
    "những gì",
    "hay không",
    "có không",
    "phải không",
    "nào",
    "gì",
    "ai",
    "ký",
    "tìm",
    "xin",
)
# The parts of a document's own search entry (its metadata), in the order its text holds them; its title
# holds the kind and the number. The search worker ranks a match by the part it is in.
META_ZONES = ("title", "issuer", "signer", "other", "date")


def script_vocabulary() -> dict[str, object]:
    """What numbers.js needs, as JSON-ready data: every page's scripts read numbers and fold words."""
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
        "partWords": list(PART_WORDS),
    }


def search_vocabulary() -> dict[str, object]:
    """What searchtext.js needs, as JSON-ready data: the search worker and the highlighter read text with it."""
    lowered = lower_table()
    return {
        "lowerFrom": "".join(lowered),
        "lowerTo": "".join(lowered.values()),
        "toneFrom": "".join(tone_table()),
        "toneTo": "".join(tone_table().values()),
        "maxQuery": MAX_QUERY,
        "gapClasses": GAP_CLASSES,
        "datePatterns": [[pattern, list(groups)] for pattern, groups in DATE_PATTERNS],
        "maxFormWords": MAX_FORM_WORDS,
        "questionWords": list(QUESTION_WORDS),
        "metaZones": list(META_ZONES),
    }
