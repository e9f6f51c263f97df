"""The header block of a Party or state document, found wherever it starts and read in any order its columns come
in: the issuer's lines, "Số: …" (with or without a colon), the motto and its second line ("Độc lập - Tự do -
Hạnh phúc"), place and date, the kind line and the title lines, which end where the enacting authority
("CHÍNH PHỦ"), the grounds ("Căn cứ …") or the body begin. What comes before the block is the posting's own
headline and lead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.corpus.numbers import MENTION
from generator.corpus.vocabulary import DOCUMENT_TYPES, fold
from generator.intake.prose import tight_number
from generator.intake.structure import opens_section

MOTTOS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})\.?$", re.IGNORECASE
)
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<value>\S.*)$")
# A line this long is a sentence of the body, not a line of a title (unless written in capitals).
LONG_LINE = 160
# Where the title ends in a state document: the grounds, the proposal, the enacting formula.
GROUNDS = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Xét Tờ trình|Theo Tờ trình)\b", re.IGNORECASE)
ENACTING = re.compile(r"^(?:QUYẾT NGHỊ|QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|BAN HÀNH|QUY ĐỊNH)\s*:\s*$")
# An authority that enacts a state document, printed in capitals after its title.
AUTHORITIES = re.compile(
    r"^(?:CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|BỘ TRƯỞNG .+|CHỦ TỊCH .+|Ủ?Y BAN NHÂN DÂN .+|UỶ BAN NHÂN DÂN .+|HỘI ĐỒNG NHÂN DÂN .+|QUỐC HỘI)$"
)
# An issuer is named in a few lines ("BAN CHẤP HÀNH TRUNG ƯƠNG / ĐẢNG ĐOÀN / LIÊN HIỆP CÁC HỘI …").
MAX_ISSUER_LINES = 6
# How far into a text the header block may start (a portal's headline, lead and attribute table come first).
SEARCH_LINES = 60


@dataclass
class HeaderBlock:
    """A header block as printed, with the line each part stands on."""

    start: int = 0  # index of its first line in the lines given
    start_line: int | None = None  # the number of that line in the received text
    end: int = 0  # index after its last line
    issuer_lines: list[str] = field(default_factory=list)
    number: str | None = None  # a well-formed number, tightened
    number_written: str | None = None  # what the "Số" line says
    number_line: int | None = None
    number_text: str = ""  # the "Số" line as printed
    motto: str | None = None
    slogan: str | None = None
    place_date: str | None = None
    place_date_line: int | None = None
    kind_line: str | None = None
    kind_line_number: int | None = None
    title_lines: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.kind_line is not None or (self.number_written is not None and (self.motto is not None or self.place_date is not None))


def is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def kind_of(line: str) -> tuple[str, str] | None:
    """The document type a kind line names, and what follows it on the line ("KẾ HOẠCH" -> ("Kế hoạch", ""))."""
    if not is_caps(line):
        return None
    folded = fold(line).strip()
    for name in sorted(DOCUMENT_TYPES, key=len, reverse=True):
        key = fold(name)
        if folded == key:
            return name, ""
        if folded.startswith(key + " ") and re.match(r"(?:cua|ve|thuc hien|trien khai|ban hanh|so)\b", folded[len(key) + 1 :]):
            return name, line[len(name) + 1 :].strip()
    return None


def number_written(line: str) -> str | None:
    """What a "Số: …" line gives as the number, as written; None when the line is no such line."""
    found = NUMBER_LINE.match(line)
    if not found or not re.match(r"\d|[-/]", found.group("value")):
        return None
    return found.group("value").strip()


def well_formed(written: str) -> str | None:
    """`written` as a number, tightened ("287 - CTr/ĐDLHHVN" -> "287-CTr/ĐDLHHVN"), when it is one."""
    tight = tight_number(written.split("|")[0])
    found = MENTION.match(tight)
    return found.group(0) if found and len(tight) - found.end() <= 2 else None


def motto_of(line: str) -> str | None:
    """The motto `line` is, written as it should be, even with a letter or two a broken font changed ("CỘNG HỊA")."""
    folded = fold(line).strip()
    for motto in MOTTOS:
        if folded == fold(motto) or (abs(len(folded) - len(motto)) <= 2 and SequenceMatcher(None, folded, fold(motto)).ratio() >= 0.9):
            return motto
    return None


def mottos_rejoined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A motto on a line of its own, spelt as it should be: cut in two by a narrow column ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" /
    "VIỆT NAM"), or printed on the issuer's line where a copy ran the two columns together ("BAN CHẤP HÀNH TRUNG
    ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM"), in the first lines of a text."""
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        split = _motto_split(line, following) if index < SEARCH_LINES else None
        if split is None:
            out.append((number, motto_of(line) or line))
            index += 1
            continue
        before, motto, used_next = split
        out += [(number, part) for part in (before, motto) if part]
        index += 2 if used_next else 1
    return out


def _motto_split(line: str, following: str) -> tuple[str, str, bool] | None:
    """Where `line` ends with a motto or with the start of one that `following` ends: the text before it, the
    motto, and whether the following line was used."""
    if motto_of(line) is not None:
        return None
    for motto in MOTTOS:
        words = motto.split()
        for size in range(len(words), 2, -1):
            start = " ".join(words[:size])
            if not line.endswith(start):
                continue
            rest = " ".join(words[size:])
            if not rest:
                return line[: -len(start)].strip(), motto, False
            if following.strip() == rest:
                return line[: -len(start)].strip(), motto, True
    return None


def _anchor(line: str) -> bool:
    return line in MOTTOS or number_written(line) is not None or PLACE_DATE.match(line) is not None


def find_header(lines: list[tuple[int, str]]) -> HeaderBlock:
    """The header block among `lines` (found=False when there is none)."""
    anchor = next((index for index, (_, line) in enumerate(lines[:SEARCH_LINES]) if _anchor(line)), None)
    if anchor is None:
        anchor = next((index for index, (_, line) in enumerate(lines[:SEARCH_LINES]) if kind_of(line)), None)
        if anchor is None:
            return HeaderBlock()
    start = anchor
    while start > 0 and anchor - start < 6 and _issuer_line(lines[start - 1][1]):
        start -= 1
    header = _read(lines, start)
    return header if header.found else HeaderBlock()


def _issuer_line(line: str) -> bool:
    return is_caps(line) and not kind_of(line) and not opens_section(line) and len(line) <= 80 and line not in MOTTOS


def _read(lines: list[tuple[int, str]], start: int) -> HeaderBlock:
    header = HeaderBlock(start=start, start_line=lines[start][0] if start < len(lines) else None)
    index = start
    while index < len(lines):
        number, line = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        if not _take(header, number, line, following):
            break
        index += 1
    header.end = index
    return header


def _take(header: HeaderBlock, number: int, line: str, following: str) -> bool:
    """Read `line` into the header; False when it is past the header's end."""
    written = number_written(line)
    kind = kind_of(line)
    if written is not None and header.number_written is None:
        header.number_written, header.number, header.number_line, header.number_text = written, well_formed(written), number, line
    elif motto_of(line) is not None and header.motto is None:
        header.motto = line
    elif fold(line).strip(" .") == fold(SLOGAN) and header.slogan is None:
        header.slogan = SLOGAN
    elif PLACE_DATE.match(line) and header.place_date is None:
        header.place_date, header.place_date_line = line.rstrip("."), number
    elif header.kind_line is None and kind is not None:
        header.kind_line, header.kind_line_number = line if not kind[1] else line[: len(line) - len(kind[1])].strip(), number
        if kind[1]:
            header.title_lines.append(kind[1])
    elif header.kind_line is None and _issuer_line(line) and len(header.issuer_lines) < MAX_ISSUER_LINES:
        header.issuer_lines.append(line)
    elif header.kind_line is not None and _title_line(header, line, following):
        if header.title_lines and line[:1].islower() and not is_caps(header.title_lines[-1]):
            header.title_lines[-1] = f"{header.title_lines[-1]} {line}"
        else:
            header.title_lines.append(line)
    else:
        return False
    return True


def _title_line(header: HeaderBlock, line: str, following: str) -> bool:
    """Whether `line` goes on with the title: not where the body, the grounds or the enacting authority begin (an
    authority line of capitals, "CHÍNH PHỦ", followed by the grounds or the enacting formula)."""
    if opens_section(line) or GROUNDS.match(line) or ENACTING.match(line):
        return False
    if header.title_lines and not is_caps(line) and re.search(r"[.:;]$", line):
        return False  # a sentence: the body's first
    if header.title_lines and is_caps(line) and (AUTHORITIES.match(line) or GROUNDS.match(following) or ENACTING.match(following)):
        return False
    # A title's first line may be long (a state document's "Ban hành …" names what it enacts); a long line after
    # it is the body's first sentence.
    return len(line) <= LONG_LINE or is_caps(line) or (not header.title_lines and len(line) <= 3 * LONG_LINE)
