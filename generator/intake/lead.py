"""A posting's own words before the document: the headline, the byline and dateline, the lead that announces the
document ("Ban Thường vụ Tỉnh ủy vừa ban hành …", "… trân trọng giới thiệu toàn văn …", "Nội dung như sau:").
They are not the document's text, but what they say of it is read."""

from __future__ import annotations

import re

from generator.intake.structure import opens_section

# Sentences a newspaper or a portal writes about a document, never the document itself.
LEAD = re.compile(
    r"\b(?:vừa|mới)\s+(?:ký\s+)?ban hành\b|\btrân trọng\s+(?:giới thiệu|đăng|gửi)|\b(?:giới thiệu|đăng|đăng tải)\s+toàn văn\b|"
    r"^toàn văn\b|\bnội dung\b[^.]{0,80}\bnhư sau\s*:?\s*$|\bxin (?:giới thiệu|trích đăng|đăng)\b|"
    r"^\(?(?:TTXVN|Chinhphu\.vn|ĐCSVN|VOV|TG|BNP)\)?\s*[-–—]",
    re.IGNORECASE,
)
# A dateline or a byline: "(Chinhphu.vn) - …", "Hà Nội (TTXVN) - …", "Nguồn: …", "Theo …".
BYLINE = re.compile(r"^(?:Nguồn|Theo|Tác giả|Bài và ảnh|PV|Phóng viên)\s*[:.-]|^[A-ZĐ][\w\s.]{0,40}\([^)]{1,30}\)\s*[-–—]\s")
# Where a document's own text starts when it has no header block.
OWN_START = re.compile(r"^(?:Thực hiện|Căn cứ|Để|Nhằm|Triển khai|Quán triệt|Theo đề nghị)\b", re.IGNORECASE)
# A headline is a line of its own, short, not a sentence.
MAX_HEADLINE = 300


def is_headline(line: str, following: int) -> bool:
    """Whether `line`, the text's first, is a posting's headline (with `following` lines after it)."""
    return (
        following > 0
        and len(line) <= MAX_HEADLINE
        and not opens_section(line)
        and not OWN_START.match(line)
        and not re.search(r"[.;:!?…]$", line.rstrip(" ”\"'"))
    )


def split_lead(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The posting's headline and lead, and the rest, for a text without a header block."""
    index = 0
    if lines and is_headline(lines[0][1], len(lines) - 1):
        index = 1
    while index < len(lines) and index < 12:
        line = lines[index][1]
        if opens_section(line) or OWN_START.match(line):
            break
        if LEAD.search(line) or BYLINE.match(line):
            index += 1
            continue
        break
    return lines[:index], lines[index:]
