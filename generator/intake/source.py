"""A received file's text as the readers give it, checked against the limits and cleaned of what a terminal or
a YAML file would act on."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from generator.intake.limits import MAX_LINE_CHARS, MAX_LINES, MAX_TEXT_CHARS, counted
from generator.support.display import strip_acting


class SourceError(Exception):
    """The file cannot be read as a document; the message says why and what to do, in Vietnamese (never a
    library's own text, which is English and names its internals)."""


def unreadable_pdf(name: str) -> SourceError:
    """A file PDFium cannot open (whatever it said)."""
    return SourceError(
        f"Tệp {name} không đọc được như tệp PDF: tệp hỏng, bị cắt dở, có mật khẩu hoặc không phải PDF. "
        "Hãy mở tệp bằng trình đọc PDF rồi lưu lại (hoặc in ra PDF) và gửi lại."
    )


@dataclass
class Source:
    """A received file's text, one paragraph or line a line, what its reader dropped, with the reason, and the
    words recognition was unsure of, by the number of their line. `pages`: a scan's or a PDF's page count."""

    lines: list[str]
    dropped: list[tuple[str, str]] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)
    pages: int = 0


def checked(name: str, source: Source) -> Source:
    """`source` within the limits of lines and characters, each line in NFC without control characters or
    escape sequences; SourceError naming the limit otherwise."""
    if len(source.lines) > MAX_LINES:
        raise SourceError(f"Tệp {name} có {counted(len(source.lines))} dòng; một văn bản tối đa {counted(MAX_LINES)} dòng.")
    total = 0
    for number, line in enumerate(source.lines, 1):
        total += len(line)
        if len(line) > MAX_LINE_CHARS:
            raise SourceError(
                f"Dòng {number} của tệp {name} dài {counted(len(line))} ký tự; một đoạn văn tối đa {counted(MAX_LINE_CHARS)} ký tự."
            )
        if total > MAX_TEXT_CHARS:
            raise SourceError(f"Tệp {name} có hơn {counted(MAX_TEXT_CHARS)} ký tự chữ; một văn bản tối đa chừng ấy.")
    lines = [unicodedata.normalize("NFC", strip_acting(line)) for line in source.lines]
    dropped = [(unicodedata.normalize("NFC", strip_acting(text)), reason) for text, reason in source.dropped]
    doubtful = [(number, strip_acting(word)) for number, word in source.doubtful]
    return Source(lines, dropped, doubtful, source.pages)
