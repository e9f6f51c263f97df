"""Text recognised from a scan — an image, or a PDF without a text layer — by Tesseract with its Vietnamese model
(Debian's tesseract-ocr and tesseract-ocr-vie), laid out again by layout.py.

Before recognition the ink of stamps (red) and signatures (blue) is turned white, so that a stamp's words never
reach the text, while black print under the stamp stays. The page is straightened by the slope of the lines
Tesseract finds. Words Tesseract is unsure of are kept and listed, with their paragraph, for the officer to check
against the paper.
"""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import statistics
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.intake.layout import Line, Paragraph, Word, drop_running, page_lines, paragraphs, rows_by_top
from generator.intake.limits import PAGE_SECONDS

if TYPE_CHECKING:
    from PIL.Image import Image

# A pixel whose red (blue) channel exceeds both others by this much is stamp (signature) ink.
INK_MARGIN = 60
# Below this confidence (0-100) a recognised word is listed for checking.
DOUBTFUL_BELOW = 60
# Recognised words of one row may stand this far apart in height (points): letters differ more than print does.
ROW_TOLERANCE = 6.0
LANGUAGE = "vie"


class OcrError(Exception):
    """Tesseract, or its Vietnamese model, is missing or failed."""


@dataclass
class Recognised:
    """A word as Tesseract gives it, in pixels, with the line it stands on."""

    line: tuple[str, str, str]
    left: float
    top: float
    width: float
    height: float
    conf: float
    text: str


@dataclass
class Scan:
    """The paragraphs recognised in a scan, the lines dropped with the reason, and the doubtful words."""

    paragraphs: list[Paragraph]
    dropped: list[tuple[str, str]]


def check_tesseract() -> None:
    if shutil.which("tesseract") is None:
        raise OcrError("chưa cài Tesseract (gói Debian tesseract-ocr)")
    languages = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout.split()
    if LANGUAGE not in languages:
        raise OcrError("chưa cài mô hình tiếng Việt của Tesseract (gói Debian tesseract-ocr-vie)")


def recognise_pages(pages: Iterable[tuple[Image, float]], progress: Callable[[str], None] | None = None) -> Scan:
    """Recognise every page (an image and its resolution in dots per inch), one at a time, saying which."""
    check_tesseract()
    lines: list[Line] = []
    for number, (image, dpi) in enumerate(pages):
        if progress is not None:
            progress(f"Đang nhận dạng chữ trang {number + 1}")
        lines += page_lines(number, _rows(without_ink(image), dpi))
    dropped: list[tuple[str, str]] = []
    found = []
    for paragraph in paragraphs(drop_running(lines, dropped)):
        if not any(ch.isalnum() for ch in paragraph.text):
            dropped.append((paragraph.text, "ký hiệu rời, không phải chữ (nét dấu, chữ ký)"))
            continue
        paragraph.text = tidy(paragraph.text)
        found.append(paragraph)
    return Scan(found, dropped)


# Confusions of recognition that the document's own conventions set right: a space inside a date ("24/ 11/2023"),
# "II" read as "H" in a term's Roman number ("khóa XIH").
_DATE_SPACE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b")
_TERM = re.compile(r"\b(khóa|khoá|Khóa|Khoá|KHÓA|KHOÁ)\s+([IVXLH]+)\b")


def tidy(text: str) -> str:
    text = _DATE_SPACE.sub(r"\1/\2/\3", text)
    return _TERM.sub(lambda m: f"{m.group(1)} {m.group(2).replace('H', 'II')}", text)


def without_ink(image: Image) -> Image:
    """The page in grey, with red and blue ink (stamps, signatures) turned white."""
    from PIL import Image as PILImage
    from PIL import ImageChops

    red, green, blue = image.convert("RGB").split()
    others_max = ImageChops.lighter(green, blue)
    red_ink = ImageChops.subtract(red, others_max).point(lambda v: 255 if v > INK_MARGIN else 0)
    blue_ink = ImageChops.subtract(blue, ImageChops.lighter(red, green)).point(lambda v: 255 if v > INK_MARGIN // 2 else 0)
    ink = ImageChops.lighter(red_ink, blue_ink)
    grey = image.convert("L")
    return PILImage.composite(PILImage.new("L", grey.size, 255), grey, ink)


def _rows(image: Image, dpi: float) -> list[list[Word]]:
    """Tesseract's words of a page, straightened, in points, grouped into rows."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(round(dpi)), "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            check=False,
            timeout=PAGE_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"một trang nhận dạng quá {PAGE_SECONDS} giây; hãy quét lại từng trang, 300 dpi") from None
    if done.returncode != 0:
        raise OcrError("Tesseract dừng với lỗi khi đọc một trang; hãy quét lại trang đó (300 dpi, .png hoặc .tif)")
    words = _tsv_words(done.stdout.decode("utf-8"))
    angle = _skew(words)
    scale = 72.0 / dpi
    cos, sin = math.cos(angle), math.sin(angle)
    # Rotating by -angle about the page's corner brings every line level; a line stands at the median height of
    # its words' bottoms (letters' tops vary more than the baseline).
    bottoms: dict[tuple[str, str, str], list[float]] = {}
    for word in words:
        bottoms.setdefault(word.line, []).append((word.top + word.height) * cos - word.left * sin)
    straight: list[Word] = []
    for word in words:
        y = statistics.median(bottoms[word.line])
        straight.append(
            {
                "x0": (word.left * cos + (word.top + word.height) * sin) * scale,
                "x1": ((word.left + word.width) * cos + (word.top + word.height) * sin) * scale,
                "top": y * scale,
                "text": word.text,
                "doubtful": 0 <= word.conf < DOUBTFUL_BELOW,
            }
        )
    return rows_by_top(straight, ROW_TOLERANCE)


def _tsv_words(tsv: str) -> list[Recognised]:
    """The words of Tesseract's TSV."""
    rows = [row for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("level") == "5"]
    words = [
        Recognised(
            (row["block_num"], row["par_num"], row["line_num"]),
            float(row["left"]),
            float(row["top"]),
            float(row["width"]),
            float(row["height"]),
            float(row["conf"]),
            row["text"].strip(),
        )
        for row in rows
        if (row.get("text") or "").strip()
    ]
    return words


def _skew(words: list[Recognised]) -> float:
    """The page's tilt (radians): the median slope of the bottoms of the words along each long line."""
    by_line: dict[tuple[str, str, str], list[Recognised]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    slopes = []
    for line in by_line.values():
        first, last = line[0], line[-1]
        run = last.left - first.left
        if len(line) >= 4 and run > 200:
            slopes.append(math.atan2(last.top + last.height - first.top - first.height, run))
    return statistics.median(slopes) if slopes else 0.0
