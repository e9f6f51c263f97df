"""Fixtures for the intake benchmark and tests: the project's own documents as the office receives them, and
how much of each a draft recovers."""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from generator.corpus.model import Document, body_parts
from generator.corpus.text import normalize

if TYPE_CHECKING:
    from PIL.Image import Image

PORTAL_TOP = [
    "Trang chủ > Tin tức > Văn bản chỉ đạo",
    "Mặc định Cỡ chữ",
    "In bài viết",
    "Ngày đăng: 25/03/2024 13:36",
    "Lượt xem: 594",
]
PORTAL_BOTTOM = ["Chia sẻ", "Tin liên quan", "Lượt truy cập: 1.204.334", "Về đầu trang"]
NEWSPAPER_TOP = ["Thứ Năm, 18/7/2024, 09:15 (GMT+7)", "(Ảnh minh họa)", "Ảnh: Thu Hà"]
NEWSPAPER_BOTTOM = ["Tin cùng chuyên mục", "Bình luận"]
CHROME_WORDS = " ".join(PORTAL_TOP + PORTAL_BOTTOM + NEWSPAPER_TOP + NEWSPAPER_BOTTOM)


def document_lines(document: Document) -> list[str]:
    """The document as plain text, one paragraph a line, as it reads on paper."""
    lines: list[str] = []
    header = document.header
    if header:
        lines += [*header.issuer_lines, f"Số: {document.number}", header.motto, header.place_date, header.kind_line, *header.title_lines]
    lines += list(document.preamble)
    for part in body_parts(document):
        marker = (part.section.number or "-") + " " if part.kind != "paragraph" else ""
        lines.append(marker + part.text)
    if document.recipients:
        lines += ["Nơi nhận:", *(f"- {r.text}" for r in document.recipients)]
    if document.signature:
        lines += [*document.signature.lines, document.signature.name]
    return [line for line in lines if line]


def wrapped(lines: list[str], width: int) -> list[str]:
    """Each paragraph cut into lines of at most `width` characters, as a portal or a PDF copy cuts it."""
    return [piece for line in lines for piece in (textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""])]


def on_portal(lines: list[str]) -> list[str]:
    return [*PORTAL_TOP, "", *lines, "", *PORTAL_BOTTOM]


def in_newspaper(lines: list[str]) -> list[str]:
    return [*NEWSPAPER_TOP, *lines, *NEWSPAPER_BOTTOM]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize(text).lower())


SCAN_DPI = 200
STAMP_WORDS = ("ĐẢNG", "ĐOÀN", "LIÊN", "HIỆP", "HỘI", "VIỆT", "NAM")
STAMP_TEXT = "ĐẢNG ĐOÀN LIÊN HIỆP HỘI VIỆT NAM"


def scanned(pdf: Path, dpi: int = SCAN_DPI, seed: int = 45) -> list[Image]:
    """The PDF as a stamped, signed scan: pages at `dpi`, a red round stamp over a body paragraph of the first
    page and over the signature, a blue signature, a tilt of 1° and scanner noise."""
    import random

    import pypdfium2
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageDraw

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    pages = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    stamp_at = [(0, 0.55, 0.45), (len(pages) - 1, 0.72, 0.47)]
    for index, x, y in stamp_at:
        _stamp(pages[index], int(pages[index].width * x), int(pages[index].height * y), dpi)
    last = pages[-1]
    draw = ImageDraw.Draw(last)
    cx, cy = int(last.width * 0.72), int(last.height * 0.5)
    points = [(cx - 120 + i * 12, cy + int(25 * math.sin(i / 2.5)) + rng.randint(-4, 4)) for i in range(22)]
    draw.line(points, fill=(25, 40, 170), width=4)
    out = []
    for page in pages:
        tilted = page.rotate(1.0, resample=PILImage.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
        noise = PILImage.effect_noise(tilted.size, 28).convert("RGB")
        out.append(ImageChops.multiply(tilted, ImageChops.invert(ImageChops.invert(noise).point(lambda v: v // 6))))
    return out


def _stamp(page: Image, cx: int, cy: int, dpi: int) -> None:
    """A red round stamp, its ink laid over the print as ink is (multiplied, so black print stays black)."""
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageDraw, ImageFont

    radius = int(dpi * 0.8)
    layer = PILImage.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    red = (210, 30, 40)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(4, dpi // 40))
    draw.ellipse((cx - radius + 18, cy - radius + 18, cx + radius - 18, cy + radius - 18), outline=red, width=2)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", dpi // 8)
    draw.text((cx, cy), STAMP_TEXT, fill=red, font=font, anchor="mm")
    draw.text(
        (cx, cy - radius // 2),
        "★",
        fill=red,
        font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", dpi // 5),
        anchor="mm",
    )
    page.paste(ImageChops.multiply(page, layer))


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A table as the README writes them."""
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])
