"""The section tree of a document's body, from its numbering. Each kind of numbering has a rank — Phần above
Chương above Mục above Điều above I. above 1. above 1.1. above a) above - above + — and a line that opens a
section nests under the nearest open section of a higher rank, so that Party documents (I., 1., 1.1., -) and
state documents (Chương, Điều, khoản 1., điểm a)) come out as printed, whichever ranks a document uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.intake.draft import DraftSection

ROMANS = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
_ROMAN_WORDS = "|".join(sorted(ROMANS, key=len, reverse=True))
_ORDINALS = "NHẤT|HAI|BA|TƯ|NĂM|SÁU|BẢY|TÁM|CHÍN|MƯỜI|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười"
# A heading in capitals may lose the space after its number in recognition ("I.MỤC ĐÍCH").
ROMAN = re.compile(r"^(?P<number>[IVXLC]+[.-])(?:\s+|(?=[A-ZĐÀ-Ỹ]{2}))(?P<rest>.+)$")
# What recognition makes of a part's Roman number ("HI." for "III.", "IL." for "II."), set right by its place.
MISREAD_ROMAN = re.compile(r"^(?P<number>[IVXLCHTl1|]{1,5}[.-])\s+(?P<rest>.{4,})$")
ARABIC = re.compile(r"^(?P<number>\d{1,2}[.-])\s+(?P<rest>.+)$")
DECIMAL = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2}\.?)\s+(?P<rest>.+)$")
DECIMAL3 = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2}\.\d{1,2}\.?)\s+(?P<rest>.+)$")
LETTER = re.compile(r"^(?P<number>[a-zđ]\))\s*(?P<rest>.+)$")
BULLET = re.compile(r"^[-–•]\s*(?P<rest>[^-–\s].*)$")
PLUS = re.compile(r"^\+\s*(?P<rest>\S.*)$")
PART = re.compile(rf"^(?P<number>(?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?(?:{_ORDINALS}|{_ROMAN_WORDS}|\d+))\b[.:]?\s*(?P<rest>.*)$")
CHAPTER = re.compile(rf"^(?P<number>(?:CHƯƠNG|Chương)\s+(?:{_ROMAN_WORDS}|\d+))\b[.:]?\s*(?P<rest>.*)$")
DIVISION = re.compile(r"^(?P<number>(?:MỤC|Mục)\s+\d+)\b[.:]?\s*(?P<rest>.*)$")
ARTICLE = re.compile(r"^(?P<number>Điều\s+\d+[a-z]?)\s*[.:]\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Opener:
    """A kind of numbering: its rank, how it is written, and whether what follows it is a heading."""

    rank: int
    pattern: re.Pattern[str]
    heading: bool = False
    numbered: bool = True


# Highest rank first; for a line, the first kind that reads it wins (so 1.1.1. before 1.1. before 1.).
OPENERS = (
    Opener(1, PART, heading=True),
    Opener(2, CHAPTER, heading=True),
    Opener(3, DIVISION, heading=True),
    Opener(4, ARTICLE),
    Opener(5, ROMAN, heading=True),
    Opener(8, DECIMAL3),
    Opener(7, DECIMAL),
    Opener(6, ARABIC),
    Opener(9, LETTER),
    Opener(10, BULLET, numbered=False),
    Opener(11, PLUS, numbered=False),
)
ROMAN_RANK = 5
ROMAN_OPENER = next(opener for opener in OPENERS if opener.rank == ROMAN_RANK)


def is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def opens_section(line: str) -> bool:
    """Whether `line` starts with a section's number or a bullet."""
    return any(opener.pattern.match(line) for opener in OPENERS)


def looks_like_heading(text: str) -> bool:
    return len(text) <= 120 and not text.rstrip().endswith((".", ";", ":", ")."))


class Tree:
    """A body's sections, built a line at a time."""

    def __init__(self) -> None:
        self.roots: list[DraftSection] = []
        self.stack: list[DraftSection] = []
        self.awaiting_title: DraftSection | None = None  # a "Chương I" whose title is on the next line

    def place(self, line: str) -> bool:
        """Open a section if `line` starts with a number or a bullet; tell whether it did."""
        if self.awaiting_title is not None and is_caps(line) and not opens_section(line):
            self.awaiting_title.title, self.awaiting_title = line, None
            return True
        self.awaiting_title = None
        line = self._decimal_misread(line)
        for opener in OPENERS:
            found = opener.pattern.match(line)
            if found is None or not self._fits(opener, found):
                continue
            self._open(opener, found)
            return True
        return self._misread_roman(line)

    def _fits(self, opener: Opener, found: re.Match[str]) -> bool:
        if opener.rank != ROMAN_RANK:
            return True
        # A part's title is in capitals; in mixed case only where the numbering runs on (I., then II.).
        rest = found.group("rest")
        return is_caps(rest) or (self._next_roman(found.group("number")) == found.group("number") and looks_like_heading(rest))

    def _open(self, opener: Opener, found: re.Match[str]) -> None:
        rest = found.group("rest").strip()
        number = found.groupdict().get("number") if opener.numbered else None
        if opener.rank == ROMAN_RANK and number is not None:
            number = self._next_roman(number)
        section = DraftSection(number=number.strip() if number else None, rank=opener.rank)
        if opener.heading or (opener.rank in (4, 6) and looks_like_heading(rest)):
            section.title = rest or None
        else:
            section.text = rest or None
        if opener.heading and not rest:
            self.awaiting_title = section
        while self.stack and self.stack[-1].rank >= opener.rank:
            self.stack.pop()
        (self.stack[-1].sections if self.stack else self.roots).append(section)
        self.stack.append(section)

    def _misread_roman(self, line: str) -> bool:
        found = MISREAD_ROMAN.match(line)
        if found is None or not is_caps(found.group("rest")) or not self._all_of_rank(ROMAN_RANK):
            return False
        self._open(ROMAN_OPENER, found)
        return True

    def _next_roman(self, number: str) -> str:
        """A part's number set right where recognition misread it: parts follow I, II, III…, so a number that
        repeats or skips one before it ("II." after "II.") is the next in the sequence."""
        mark = number[-1]
        before = self._all_of_rank(ROMAN_RANK)
        if not before or before[-1].number is None:
            return number
        previous = before[-1].number.rstrip(".-")
        if previous in ROMANS:
            wanted = ROMANS.index(previous) + 1
            own = number.rstrip(".-")
            if (own not in ROMANS or ROMANS.index(own) != wanted) and wanted < len(ROMANS):
                return ROMANS[wanted] + mark
        return number

    def _all_of_rank(self, rank: int) -> list[DraftSection]:
        siblings = self.roots
        for section in self.stack:
            if section.rank >= rank:
                break
            siblings = section.sections
        return [section for section in siblings if section.rank == rank]

    def _decimal_misread(self, line: str) -> str:
        """ "25. …" where "2.5. …" comes next (after 2.4.): recognition lost the dot."""
        found = ARABIC.match(line)
        parent = next((section for section in reversed(self.stack) if section.rank == 6), None)
        items = [s for s in parent.sections if s.number and DECIMAL.match(f"{s.number} x")] if parent else []
        if found is None or not items:
            return line
        head, _, tail = str(items[-1].number).rstrip(".").partition(".")
        expected = f"{head}.{int(tail) + 1}." if tail.isdigit() else ""
        if expected and found.group("number") == expected.replace(".", "", 1):
            return f"{expected} {found.group('rest')}"
        return line

    def continue_with(self, line: str) -> bool:
        """Add a sentence cut by a page break to the section it belongs to; tell whether there was one."""
        if not self.stack:
            return False
        section = self.stack[-1]
        if section.paragraphs:
            section.paragraphs[-1] = f"{section.paragraphs[-1]} {line}"
        elif section.text is not None:
            section.text = f"{section.text} {line}"
        elif section.title is not None:
            section.title = f"{section.title} {line}"
        return True

    def add_paragraph(self, line: str) -> bool:
        if not self.stack:
            return False
        self.stack[-1].paragraphs.append(line)
        return True


LETTER_RANK = 9


def headings_over_items(sections: list[DraftSection]) -> None:
    """A numbered line with items nested under it is a heading, however long it is; a lettered item or a bullet
    with items under it stays an item."""
    for section in sections:
        if section.sections and section.text is not None and section.title is None and section.rank < LETTER_RANK:
            section.title, section.text = section.text, None
        headings_over_items(section.sections)


def body_tree(lines: list[tuple[int, str]], unplaced: list[tuple[int, str]]) -> tuple[list[str], list[DraftSection]]:
    """The preamble (paragraphs before the first section) and the section tree; lines that fit nowhere are added
    to `unplaced`."""
    preamble: list[str] = []
    tree = Tree()
    for number, line in lines:
        if continues(line) and (tree.continue_with(line) or _join(preamble, line)):
            continue  # a sentence cut by a page break
        if tree.place(line):
            continue
        if not tree.roots:
            preamble.append(line)
        elif (is_caps(line) and len(line) < 60) or not tree.add_paragraph(line):
            unplaced.append((number, line))
    headings_over_items(tree.roots)
    return preamble, tree.roots


def continues(line: str) -> bool:
    """Whether `line` goes on with the sentence before it: it starts in lower case and is no lettered item."""
    return line[:1].islower() and LETTER.match(line) is None


def _join(preamble: list[str], line: str) -> bool:
    if not preamble:
        return False
    preamble[-1] = f"{preamble[-1]} {line}"
    return True
