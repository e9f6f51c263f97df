"""Plain text (.txt, UTF-8) and Markdown (.md): one line a line; Markdown's marks (headings, emphasis, list
markers, links) taken off, so that what remains is the document's own text."""

from __future__ import annotations

import re
from pathlib import Path

from generator.intake.source import Source, SourceError
from generator.support.safefiles import UnsafeFileError, read_bounded

# What a Word file's own paragraph breaks inside a paragraph ("Shift+Enter") become: new lines.
_LINE_BREAKS = ("\r\n", "\r", "\v", "\x0c", "\x85", "\u2028", "\u2029")


def split_lines(text: str) -> list[str]:
    """`text` cut at every kind of line break."""
    for separator in _LINE_BREAKS:
        text = text.replace(separator, "\n")
    return text.split("\n")


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, a regular file read within `limit`; SourceError otherwise."""
    try:
        return read_bounded(path, path.parent, limit)
    except UnsafeFileError as refused:
        raise SourceError(f"Tệp {path.name} {refused}.") from None


def decoded(name: str, data: bytes) -> str:
    """UTF-8 text (with or without its mark); SourceError naming the line and column where it is not."""
    if b"\x00" in data:
        where = data.index(b"\x00") + 1
        raise SourceError(
            f"Tệp {name} chứa byte 0 ở vị trí {where}: đây không phải tệp văn bản. Hãy lưu văn bản dạng .txt (UTF-8) hoặc .docx."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise SourceError(f"Tệp {name} không phải UTF-8 (dòng {line}, cột {column}); hãy mở tệp và lưu lại với mã UTF-8.") from None


def text_lines(path: Path, limit: int) -> Source:
    """A .txt file's lines; Markdown marks are taken off when the text is written in Markdown."""
    lines = split_lines(decoded(path.name, read_bytes(path, limit)))
    return Source(unmarked(lines) if looks_like_markdown(lines) else lines)


def markdown_lines(path: Path, limit: int) -> Source:
    """A .md file's lines without Markdown's marks."""
    return Source(unmarked(split_lines(decoded(path.name, read_bytes(path, limit)))))


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_LIST = re.compile(r"^(\s*)[*+]\s+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def looks_like_markdown(lines: list[str]) -> bool:
    """Whether a text is written in Markdown: headings marked with #, or **strong** words, on several lines."""
    marked = sum(1 for line in lines if _HEADING.match(line) or _STRONG.search(line) or _LIST.match(line))
    return marked >= 2


def unmarked(lines: list[str]) -> list[str]:
    """Markdown's marks off each line: "## I. MỤC ĐÍCH" -> "I. MỤC ĐÍCH", "* ý" -> "- ý", "**Điều 1.**" -> "Điều 1."."""
    out = []
    for line in lines:
        if _RULE.match(line) or _TABLE_RULE.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", _HEADING.sub("", line))
        line = _LIST.sub(r"\1- ", line)
        line = _LINK.sub(r"\1", line)
        line = _STRONG.sub(r"\2", line)
        line = _EMPHASIS.sub(r"\1", line)
        line = line.replace("\\.", ".").replace("\\-", "-").replace("\\*", "*")
        out.append(line)
    return out
