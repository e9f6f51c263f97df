"""A page's words, with their positions, laid out again as the importer reads text: one paragraph a line.
Shared by the PDF text layer (pdftext.py) and text recognised from scans (ocr.py); positions in points.

- Two columns side by side (the header block: issuer and number | motto, place and date; the footer:
  recipients | signature) become the left column's lines, then the right column's.
- A line that reaches the right margin wraps: the next line continues its paragraph, unless it is indented or
  opens an item.
- Page numbers ("1 / 4", "- 2 -") and running headers repeated at the same place on several pages are dropped,
  and listed with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Word = dict[str, Any]  # x0, x1, top (points), text; "doubtful" when recognition was unsure

# Words whose tops differ by less than this (points) stand on one line.
LINE_TOLERANCE = 3.0
# A gap this wide (points) across the middle of the page separates two columns.
COLUMN_GAP = 36.0
# A line this far (points) below another is the next line of the same block, no farther.
NEXT_LINE = 30.0
# A line ending this close (points) to the right margin of the text is full: the paragraph goes on.
FULL_LINE = 12.0
# A line starting this far (points) right of the text's left edge is indented: a new paragraph.
INDENT = 14.0
PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$|^Trang \d+(?:/\d+)?$")
# A word cut at the line's end ("chuyển-" / "giao"): joined again without the hyphen.
HYPHENATED = re.compile(r"[^\W\d_]-$")
OPENS_ITEM = re.compile(r"^(?:[IVXLC]+[.-]|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-–•+])\s")


@dataclass
class Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str
    column: str  # "" for the full width, "left" or "right" for one of two columns
    doubtful: list[str] = field(default_factory=list)  # words recognition was unsure of


@dataclass
class Paragraph:
    text: str
    doubtful: list[str]


def rows_by_top(words: list[Word], tolerance: float = LINE_TOLERANCE) -> list[list[Word]]:
    """Words grouped into rows by their tops."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def page_lines(number: int, rows: list[list[Word]]) -> list[Line]:
    """A page's rows of words as lines, a row of two columns as two lines."""
    words = [word for row in rows for word in row]
    if not words:
        return []
    # The middle of the text, not of the page: official documents have a wider left margin.
    middle = (min(w["x0"] for w in words) + max(w["x1"] for w in words)) / 2
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        split = next(
            (i for i in range(1, len(row)) if row[i]["x0"] - row[i - 1]["x1"] > COLUMN_GAP and row[i - 1]["x1"] < middle + COLUMN_GAP), None
        )
        if split is None:
            lines.append(_line(number, row, ""))
        else:
            lines += [_line(number, row[:split], "left"), _line(number, row[split:], "right")]
    return _columns_around(lines, middle)


def _columns_around(lines: list[Line], middle: float) -> list[Line]:
    """A line on one side of the middle, just below a line of a column, belongs to that side's column (a column
    that runs on where the other is empty)."""
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if line.column:
                continue
            side = "left" if line.x1 < middle else "right" if line.x0 > middle else ""
            above = lines[max(0, index - 2) : index]
            if side and any(other.column and other.page == line.page and line.top - other.top < NEXT_LINE for other in above):
                line.column = side
                changed = True
    return lines


def _line(page: int, words: list[Word], column: str) -> Line:
    text = " ".join(w["text"] for w in words)
    doubtful = [w["text"] for w in words if w.get("doubtful")]
    return Line(page, float(words[0]["top"]), float(words[0]["x0"]), float(words[-1]["x1"]), text, column, doubtful)


def drop_running(lines: list[Line], dropped: list[tuple[str, str]]) -> list[Line]:
    """Without page numbers and the lines every page repeats at the same height."""
    pages = len({line.page for line in lines})
    repeated = Counter((round(line.top), line.text) for line in lines)
    kept = []
    for line in lines:
        if PAGE_NUMBER.match(line.text):
            dropped.append((line.text, "số trang"))
        elif pages > 2 and repeated[(round(line.top), line.text)] >= pages - 1 and line.page > 0:
            dropped.append((line.text, "dòng đầu hoặc chân trang lặp lại ở mọi trang"))
        else:
            kept.append(line)
    return kept


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Column blocks left then right; full-width lines joined while they reach the right margin."""
    body = [line for line in lines if not line.column]
    left_edge = min((line.x0 for line in body), default=0.0)
    right_edge = max((line.x1 for line in body), default=0.0)
    out: list[Paragraph] = []
    block: list[Line] = []
    joining = False
    for line in lines:
        if line.column:
            block.append(line)
            joining = False
            continue
        out += _column_block(block)
        block = []
        starts_anew = line.x0 - left_edge > INDENT or bool(OPENS_ITEM.match(line.text))
        if joining and out and not starts_anew:
            hyphenated = HYPHENATED.search(out[-1].text) and line.text[:1].islower()
            out[-1].text = f"{out[-1].text[:-1]}{line.text}" if hyphenated else f"{out[-1].text} {line.text}"
            out[-1].doubtful += line.doubtful
        else:
            out.append(Paragraph(line.text, list(line.doubtful)))
        joining = right_edge - line.x1 < FULL_LINE
    return out + _column_block(block)


def _column_block(block: list[Line]) -> list[Paragraph]:
    ordered = [line for line in block if line.column == "left"] + [line for line in block if line.column == "right"]
    return [Paragraph(line.text, list(line.doubtful)) for line in ordered]
