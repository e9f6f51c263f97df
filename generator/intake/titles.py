"""A title printed in capitals, as readers write it: in sentence case, with the names of bodies and documents
capitalised as the bodies' list and the document types write them, and without a conference line."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.corpus.model import Body
from generator.corpus.numbers import MENTION
from generator.corpus.vocabulary import DOCUMENT_TYPES

# Names capitalised inside a title beyond those of data/bodies.yaml and the document types.
NAMES = (
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Trung ương",
    "Hội nghị",
    "Nhà nước",
    "Quốc hội",
    "Chính phủ",
    "Việt Nam",
    "Hồ Chí Minh",
    "Hà Nội",
    "Mặt trận Tổ quốc",
)
# A line of the title block that names the conference a resolution comes from ("HỘI NGHỊ LẦN THỨ TÁM", "BAN CHẤP
# HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII"), which the title leaves out.
CONFERENCE = re.compile(r"^(?:HỘI NGHỊ\b|BAN CHẤP HÀNH TRUNG ƯƠNG\b)")
# A term or a part numbered in Roman figures: "khóa XIII", "lần thứ VIII".
ROMAN_AFTER = re.compile(r"\b(khóa|khoá|phần|chương|lần thứ)\s+([ivxlc]+)\b")


def title_from_block(lines: list[str], bodies: Iterable[Body]) -> str:
    """The title a header's title lines give, without conference lines, the lines in capitals in sentence case."""
    if not lines or not any(_in_capitals(line) for line in lines):
        return " ".join(lines)
    kept = [line for index, line in enumerate(lines) if not (CONFERENCE.match(line) and index < len(lines) - 1)]
    while len(kept) > 1 and CONFERENCE.match(kept[0]):
        kept = kept[1:]
    if all(_in_capitals(line) for line in kept):
        return sentence_case(" ".join(kept), names(bodies))
    return sentence_case(" ".join(line.lower() if _in_capitals(line) else line for line in kept), names(bodies), lower=False)


def names(bodies: Iterable[Body]) -> list[str]:
    """The names a title capitalises, longest first."""
    found = {name for body in bodies for name in (body.name, *body.short_names) if not name.startswith("Các ")}
    found |= set(DOCUMENT_TYPES) | set(NAMES)
    return sorted(found, key=len, reverse=True)


def sentence_case(text: str, capitalised: list[str], lower: bool = True) -> str:
    """`text` in lower case (unless `lower` is False) but its first letter and the `capitalised` names (longest
    first)."""
    lowered = text.lower() if lower else text
    spans: list[tuple[int, int, str]] = []
    for name in capitalised:
        for found in re.finditer(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered if lower else lowered.lower()):
            if not any(start < found.end() and found.start() < end for start, end, _ in spans):
                spans.append((found.start(), found.end(), name))
    for found in MENTION.finditer(text):  # a document's number keeps its capitals: 45-NQ/TW
        if not any(start < found.end() and found.start() < end for start, end, _ in spans):
            spans.append((found.start(), found.end(), found.group(0)))
    out = lowered
    for start, end, name in sorted(spans, reverse=True):
        out = out[:start] + name + out[end:]
    out = ROMAN_AFTER.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", out)
    return out[:1].upper() + out[1:]


def _in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)
