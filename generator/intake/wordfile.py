"""A Word file (.docx) read as the paper reads: every paragraph in order, those of tables (the header block, the
signature) cell by cell where they stand, text boxes once, each list item with the number or bullet Word draws
for it (numbering.xml), line breaks inside a paragraph as new lines. Streamed from the zip with lxml's iterparse,
within limits checked before reading (parts, unpacked size, XML size), with entities and network off."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from generator.intake.limits import MAX_UNPACKED_BYTES, MAX_XML_BYTES, MAX_ZIP_MEMBERS, counted, megabytes
from generator.intake.source import Source, SourceError
from generator.intake.textfile import split_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DOCUMENT = "word/document.xml"
NUMBERING = "word/numbering.xml"
STYLES = "word/styles.xml"
# Subtrees whose text is not the document's: deleted or moved-away text, the fallback copy of a text box, and
# properties a tracked change replaced.
_SKIPPED = frozenset((f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}pPrChange", f"{W}rPrChange", f"{W}numberingChange"))
_BREAKS = frozenset((f"{W}br", f"{W}cr"))


def docx_lines(path: Path) -> Source:
    """The lines of a .docx file; SourceError when it is not one or is past a limit."""
    archive = _archive(path)
    with archive:
        numbering = Numbering.read(archive, _styles(archive))
        with archive.open(DOCUMENT) as stream:
            lines = [line for paragraph in _paragraphs(stream, numbering) for line in split_lines(paragraph)]
    return Source(lines)


def _archive(path: Path) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(path):
        raise SourceError(f"Tệp {path.name} không phải tệp Word .docx (không đọc được như tệp nén); hãy lưu lại bằng Word dạng .docx.")
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SourceError(f"Tệp {path.name} là tệp nén hỏng; hãy mở bằng Word rồi lưu lại dạng .docx.") from None
    if len(members) > MAX_ZIP_MEMBERS:
        archive.close()
        raise SourceError(f"Tệp {path.name} có {counted(len(members))} phần; tệp Word tối đa {counted(MAX_ZIP_MEMBERS)} phần.")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        archive.close()
        raise SourceError(
            f"Tệp {path.name} giải nén ra {megabytes(unpacked)}; tệp Word tối đa {megabytes(MAX_UNPACKED_BYTES)} khi giải nén."
        )
    names = {member.filename: member for member in members}
    if DOCUMENT not in names:
        archive.close()
        raise SourceError(f"Tệp {path.name} không có phần nội dung của tệp Word ({DOCUMENT}); hãy lưu lại bằng Word dạng .docx.")
    xml = sum(member.file_size for name, member in names.items() if name in (DOCUMENT, NUMBERING, STYLES))
    if xml > MAX_XML_BYTES:
        archive.close()
        raise SourceError(f"Nội dung chữ của tệp {path.name} giải nén ra {megabytes(xml)}; tối đa {megabytes(MAX_XML_BYTES)}.")
    return archive


def _parse(stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    from lxml import etree

    try:
        yield from etree.iterparse(
            stream, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
        )
    except etree.XMLSyntaxError:  # broken XML, or entities that expand too far (lxml's message is English)
        raise SourceError(
            "Phần nội dung của tệp Word hỏng hoặc không đúng dạng Word (XML sai cấu trúc hay thực thể lồng nhau quá mức); "
            "hãy mở tệp bằng Word rồi lưu lại dưới dạng .docx."
        ) from None


@dataclass
class _Paragraph:
    parts: list[str] = field(default_factory=list)
    style: str | None = None
    level: int | None = None
    number: str | None = None


def _paragraphs(stream: IO[bytes], numbering: Numbering) -> Iterator[str]:
    """Each paragraph's text as it ends (a paragraph in a text box ends before the one holding it)."""
    open_paragraphs: list[_Paragraph] = []
    skipping = 0
    for event, element in _parse(stream):
        tag = element.tag
        if tag in _SKIPPED:
            skipping += 1 if event == "start" else -1
            continue
        if event == "start":
            if tag == f"{W}p":
                open_paragraphs.append(_Paragraph())
            continue
        if tag == f"{W}p" and open_paragraphs:
            paragraph = open_paragraphs.pop()
            label = numbering.label(paragraph.number, paragraph.level, paragraph.style)
            yield (f"{label} " if label else "") + "".join(paragraph.parts)
            element.clear()
        elif skipping or not open_paragraphs:
            continue
        else:
            _read(tag, element, open_paragraphs[-1])


def _read(tag: str, element: Any, paragraph: _Paragraph) -> None:
    if tag == f"{W}t":
        paragraph.parts.append(element.text or "")
    elif tag == f"{W}tab":
        paragraph.parts.append(" ")
    elif tag in _BREAKS:
        paragraph.parts.append("\n")
    elif tag == f"{W}noBreakHyphen":
        paragraph.parts.append("-")
    elif tag == f"{W}pStyle":
        paragraph.style = element.get(f"{W}val")
    elif tag == f"{W}ilvl":
        paragraph.level = _integer(element.get(f"{W}val"))
    elif tag == f"{W}numId":
        paragraph.number = element.get(f"{W}val")


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _styles(archive: zipfile.ZipFile) -> dict[str, tuple[str | None, int]]:
    """Paragraph styles that number their paragraphs: style id -> (numbering id, level)."""
    found: dict[str, tuple[str | None, int]] = {}
    if STYLES not in archive.namelist():
        return found
    with archive.open(STYLES) as stream:
        style: str | None = None
        number: str | None = None
        level = 0
        for event, element in _parse(stream):
            if element.tag == f"{W}style" and event == "start":
                style, number, level = element.get(f"{W}styleId"), None, 0
            elif event == "end" and element.tag == f"{W}numId":
                number = element.get(f"{W}val")
            elif event == "end" and element.tag == f"{W}ilvl":
                level = _integer(element.get(f"{W}val")) or 0
            elif event == "end" and element.tag == f"{W}style":
                if style is not None and number is not None:
                    found[style] = (number, level)
                element.clear()
    return found


@dataclass
class Level:
    format: str
    text: str
    start: int


@dataclass
class Numbering:
    """Word's list numbering: what each list draws before its items, counted as Word counts them."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numbering id -> level -> how it is drawn
    styles: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, archive: zipfile.ZipFile, styles: dict[str, tuple[str | None, int]]) -> Numbering:
        numbering = cls(styles=styles)
        if NUMBERING not in archive.namelist():
            return numbering
        abstract: dict[str, dict[int, Level]] = {}
        instances: dict[str, str] = {}
        with archive.open(NUMBERING) as stream:
            current: dict[int, Level] | None = None
            for event, element in _parse(stream):
                if event == "start" and element.tag == f"{W}abstractNum":
                    current = abstract.setdefault(element.get(f"{W}abstractNumId", ""), {})
                elif event == "end" and element.tag == f"{W}lvl" and current is not None:
                    current[_integer(element.get(f"{W}ilvl")) or 0] = _level(element)
                elif event == "end" and element.tag == f"{W}num":
                    reference = element.find(f"{W}abstractNumId")
                    if reference is not None:
                        instances[element.get(f"{W}numId", "")] = reference.get(f"{W}val", "")
                    element.clear()
        numbering.levels = {number: abstract.get(reference, {}) for number, reference in instances.items()}
        return numbering

    def label(self, number: str | None, level: int | None, style: str | None) -> str:
        """The number or bullet Word draws before a paragraph ("2.", "a)", "-"), counting it; "" for none."""
        if number is None and style in self.styles:
            number, level = self.styles[style][0], self.styles[style][1] if level is None else level
        levels = self.levels.get(number or "")
        level = level or 0
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(number or "", [0] * 10)
        if level >= len(counters):
            return ""
        shown = levels[level]
        counters[level] = (counters[level] or shown.start - 1) + 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        if shown.format == "bullet":
            return "-"
        text = shown.text
        for index in range(level + 1):
            drawn = levels.get(index)
            value = counters[index] or (drawn.start if drawn else 1)
            text = text.replace(f"%{index + 1}", _drawn(value, drawn.format if drawn else "decimal"))
        return text.strip()


def _level(element: Any) -> Level:
    def value(name: str, default: str) -> str:
        found = element.find(f"{W}{name}")
        return str(found.get(f"{W}val", default)) if found is not None else default

    return Level(value("numFmt", "decimal"), value("lvlText", ""), _integer(value("start", "1")) or 1)


_ROMANS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(value: int) -> str:
    out = ""
    for amount, letters in _ROMANS:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _drawn(value: int, format_name: str) -> str:
    if format_name in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if format_name == "upperLetter" else letter
    if format_name in ("lowerRoman", "upperRoman"):
        return _roman(value).upper() if format_name == "upperRoman" else _roman(value)
    if format_name == "decimalZero":
        return f"{value:02d}"
    if format_name == "none":
        return ""
    return str(value)
