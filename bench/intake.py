"""Fixtures for the intake benchmark and tests: the project's own documents as the office receives them, and
how much of each a draft recovers."""

from __future__ import annotations

import re
import textwrap

from generator.corpus.model import Document, body_parts
from generator.corpus.text import normalize

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
