"""Tables a portal lays over a document: a legal-document site's attribute table ("Số hiệu: … Loại văn bản: …"),
and a header whose two columns a portal flattened into "|" rows ("Chính phủ Số: 04/NQ-CP | CỘNG HÒA …")."""

from __future__ import annotations

import re

from generator.corpus.text import normalize

ATTRIBUTES = (
    "Số hiệu",
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Nơi ban hành",
    "Người ký",
    "Chức danh",
    "Ngày ban hành",
    "Ngày hiệu lực",
    "Ngày hết hiệu lực",
    "Ngày công báo",
    "Ngày đăng công báo",
    "Số công báo",
    "Lĩnh vực",
    "Tình trạng",
    "Tình trạng hiệu lực",
    "Trích yếu",
)
# What a site writes where it hides or does not know a value.
UNKNOWN_VALUES = frozenset({"Đã biết", "Đang cập nhật", "Không có", "--", "...", "Chưa có"})
_LABELS = "|".join(re.escape(label) for label in sorted(ATTRIBUTES, key=len, reverse=True))
# A site may glue a value to the next label ("Bộ Giáo dục và Đào tạoSố công báo:Đang cập nhật").
_PAIR = re.compile(rf"({_LABELS})\s*:\s*(.*?)(?=\s*(?:{_LABELS})\s*:|$)")
_STARTS = re.compile(rf"^(?:{_LABELS})\s*:")
# "Chính phủ Số: 04/NQ-CP": a body's name and the number in one cell.
_NAME_AND_NUMBER = re.compile(r"^(?P<name>\S.*?\S)\s+(?P<number>Số\s*:?\s*\d.*)$")
_MOTTO_START = re.compile(
    r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM)\s+(?P<rest>\S.*)$"
)


# A cell's rule under a name ("THỦ TƯỚNG CHÍNH PHỦ __________").
_RULE = re.compile(r"\s*[-–—_=*.]{3,}\s*")
# A header table a portal copied cell by cell, a "|" alone on the line after each cell: cells of a few short lines.
MAX_CELL_LINES = 4


def unflattened(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rows a portal wrote with "|" between cells, a cell a line; a label cell joined to its value; a cell that holds
    a name and a "Số:" line, or both motto lines, cut in two; a cell the copy cut into lines (a "|" alone after it)
    joined again."""
    out: list[tuple[int, str]] = []
    for number, line in _cells_joined(lines):
        cells = [_RULE.sub(" ", cell).strip() for cell in line.split("|")] if "|" in line else [line]
        cells = [normalize(cell) for cell in cells if cell and not re.fullmatch(r"[-–—_=*.\s]+", cell)]
        index = 0
        while index < len(cells):
            cell = cells[index]
            if re.fullmatch(rf"(?:{_LABELS})\s*:?", cell) and index + 1 < len(cells):
                cell = f"{cell.rstrip(':').strip()}: {cells[index + 1]}"
                index += 1
            out += [(number, part) for part in _split_cell(cell)]
            index += 1
    return out


def copied_cell_by_cell(lines: list[tuple[int, str]]) -> bool:
    """Whether a portal copied the text's tables cell by cell, a "|" alone after each cell (its lines are cut at
    the page source's width too)."""
    return sum(1 for _, line in lines if line.strip() == "|") >= 2


def _cells_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of each cell before a "|" that stands alone joined into one (a few short lines each)."""
    if not copied_cell_by_cell(lines):
        return lines
    out: list[tuple[int, str]] = []
    cell: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip() != "|":
            cell.append((number, line))
            continue
        tail = cell[-MAX_CELL_LINES:]
        while tail and (len(tail[0][1]) > 60 or tail[0][1].endswith((".", ";"))):
            tail = tail[1:]
        out += cell[: len(cell) - len(tail)]
        if tail:
            out.append((tail[0][0], " ".join(text for _, text in tail)))
        cell = []
    return out + cell


def _split_cell(cell: str) -> list[str]:
    named = _NAME_AND_NUMBER.match(cell)
    if named and not _STARTS.match(cell) and len(named.group("name")) <= 120:
        return [named.group("name"), named.group("number")]
    motto = _MOTTO_START.match(cell)
    if motto:
        return [motto.group(1), *_split_cell(motto.group("rest"))]
    return [cell]


def attribute_table(lines: list[tuple[int, str]]) -> tuple[dict[str, str], list[tuple[int, str]], list[tuple[int, str]]]:
    """The attributes a legal-document site lists ("Số hiệu: 20-KH/TW Loại văn bản: Kế hoạch"), the lines left, and
    the lines read (to report as dropped)."""
    attributes: dict[str, str] = {}
    rest: list[tuple[int, str]] = []
    read: list[tuple[int, str]] = []
    for number, line in lines:
        found = _PAIR.findall(line) if _STARTS.match(line) else []
        if not found:
            rest.append((number, line))
            continue
        for label, value in found:
            value = value.strip()
            if value and value not in UNKNOWN_VALUES:
                attributes.setdefault(_canonical(label), value)
        read.append((number, line))
    return attributes, rest, read


def _canonical(label: str) -> str:
    return {"Số ký hiệu": "Số hiệu", "Tình trạng hiệu lực": "Tình trạng"}.get(label, label)
