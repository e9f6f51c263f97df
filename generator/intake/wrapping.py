"""Lines hard-wrapped at a fixed width joined back into paragraphs.

A text copied from a portal, a newspaper or a PDF is often cut into lines of 60 to 80 characters, and the same
paragraph then splits differently from one copy to another. Wrapping fills a line as long as the next word fits:
so when the next line's first word would have fitted after a line, the line break there is the paragraph's end,
and otherwise it is a wrap. A text is taken as wrapped when many of its lines come close to its longest one.
"""

from __future__ import annotations

import re

# A text is wrapped when at least this share of its lines is within WRAP_SLACK of the longest line.
WRAPPED_SHARE = 0.3
WRAP_SLACK = 0.8
# Lines longer than this were not wrapped by anyone.
MAX_WRAP_WIDTH = 160
SENTENCE_END = re.compile(r"[.;:!?…][\"”’)\]]*$")
# Items end so; recipients with a comma.
ITEM_END = re.compile(r"[.;:,!?…][\"”’)\]]*$")


def wrap_width(lines: list[str]) -> int | None:
    """The width `lines` were wrapped at, or None when they were not wrapped."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 4:
        return None
    width = max(lengths)
    if width > MAX_WRAP_WIDTH:
        return None
    near = sum(length >= WRAP_SLACK * width for length in lengths)
    return width if near >= WRAPPED_SHARE * len(lengths) else None


def is_wrap(line: str, following: str, width: int | None) -> bool:
    """Whether the break between `line` and `following` only wraps a paragraph."""
    if width is None:
        return following[:1].islower()  # a page break inside a sentence
    first_word = following.split(" ", 1)[0]
    return len(line) + 1 + len(first_word) > width


def starts_anew(line: str, following: str, width: int | None) -> bool:
    """Whether a numbered or bulleted `following` line opens an item rather than continuing `line`: always in
    a text that is not wrapped; in a wrapped one, after a sentence's end or a line the number would have fitted."""
    return width is None or bool(ITEM_END.search(line)) or not is_wrap(line, following, width)


_WORD = re.compile(r"(?<![.!?…:;] )(?<=\w )([A-ZĐÀ-Ỹ][\w]*)")


def capitalised_inside(lines: list[str]) -> set[str]:
    """Words the text capitalises inside its sentences (names: "Đảng", "Nghị", "Việt"), which a wrapped line
    may start with; any other capitalised word starts a sentence."""
    return {word for line in lines for word in _WORD.findall(line)}


def heading_ends(line: str, following: str, names: set[str]) -> bool:
    """Whether a numbered `line` with no closing punctuation is a heading of its own before `following`: the
    next line starts with a capital that is no name, so it starts a sentence."""
    first = following.split(" ", 1)[0].rstrip(",.;:)")
    return not SENTENCE_END.search(line) and first[:1].isupper() and not first.isupper() and first not in names
