"""Lines hard-wrapped at a fixed width joined back into paragraphs.

A text copied from a portal, a newspaper or a PDF is often cut into lines of 60 to 80 characters, and the same
paragraph then splits differently from one copy to another. Wrapping fills a line as long as the next word fits:
so when the next line's first word would have fitted after a line, the line break there is the paragraph's end,
and otherwise it is a wrap. A text is taken as wrapped when many of its lines come close to its longest one.
"""

from __future__ import annotations

import itertools
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


def unwrapped(lines: list[tuple[int, str]], known_names: set[str]) -> list[tuple[int, str]]:
    """Join the lines of a text hard-wrapped at a fixed width back into paragraphs (numbered by their first line);
    a text that is not wrapped is left as it is."""
    width = wrap_width([line for _, line in lines])
    if width is None:
        return lines
    names = capitalised_inside([line for _, line in lines]) | known_names
    joined: list[tuple[int, str]] = []
    previous = ""
    for n, line in lines:
        if joined and is_wrap(previous, line, width) and not _breaks(joined[-1][1], previous, line, width, names):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {line}")
        else:
            joined.append((n, line))
        previous = line
    return joined


def _breaks(paragraph: str, previous: str, line: str, width: int, names: set[str]) -> bool:
    """Whether `line` starts a paragraph although `previous` was full: an item after a sentence's end, the
    recipients or the signature, a block in capitals after text, or a sentence after a one-line numbered heading."""
    from generator.intake.structure import ARABIC, DECIMAL, ROMAN, is_caps, opens_section
    from generator.intake.tail import starts_tail

    if opens_section(line) and starts_anew(previous, line, width):
        return True
    if starts_tail(line):
        return True
    if is_caps(line) and len(line.split()) > 1 and not is_caps(previous):
        return True
    if is_caps(previous) and len(previous.split()) > 1 and not is_caps(line):
        return True
    if previous.endswith(("”", '"', "»")) and heading_ends(previous, line, names):
        return True  # a quoted title, then a sentence
    numbered = any(pattern.match(previous) for pattern in (ROMAN, DECIMAL, ARABIC))
    return paragraph == previous and numbered and heading_ends(previous, line, names)


def name_pairs(names: set[str]) -> set[tuple[str, str]]:
    """The pairs of words that stand side by side inside multi-word names ("Bí", "thư"; "Chí", "Minh")."""
    pairs: set[tuple[str, str]] = set()
    for name in names:
        words = name.split()
        pairs.update(itertools.pairwise(words))
    return pairs


def rejoined(lines: list[tuple[int, str]], pairs: set[tuple[str, str]]) -> list[tuple[int, str]]:
    """Lines a copy broke inside a name ("… Ủy viên Ban" / "Bí thư, …", "… Thành phố Hồ Chí" / "Minh, …") joined
    again: the line ends without a sentence's end and the two words around the break belong to one name."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        if out and not SENTENCE_END.search(out[-1][1]) and line.split():
            last = out[-1][1].split()[-1] if out[-1][1].split() else ""
            first = line.split()[0].rstrip(",.;:")
            if (last, first) in pairs:
                out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
                continue
        out.append((number, line))
    return out


def sentences_rejoined(lines: list[tuple[int, str]], names: set[str]) -> list[tuple[int, str]]:
    """Lines a copy cut at the page source's width, at any length, joined again: a line that does not end a
    sentence goes on with the next, unless that one opens a section, the grounds, the recipients or the signature,
    is in capitals, or starts the text under a one-line numbered heading."""
    from generator.intake.header import GROUNDS, MOTTOS, PLACE_DATE, SLOGAN, number_written
    from generator.intake.structure import is_caps, opens_section
    from generator.intake.tail import starts_tail

    out: list[tuple[int, str]] = []
    for number, line in lines:
        if out:
            previous = out[-1][1]
            ends = SENTENCE_END.search(previous) or is_caps(previous) or is_caps(line) or previous in (*MOTTOS, SLOGAN)
            opens = opens_section(line) or starts_tail(line) or GROUNDS.match(line) or PLACE_DATE.match(line) or number_written(line)
            heading = opens_section(previous) and heading_ends(previous, line, names)
            if not ends and not opens and not heading:
                out[-1] = (out[-1][0], f"{previous} {line}")
                continue
        out.append((number, line))
    return out
