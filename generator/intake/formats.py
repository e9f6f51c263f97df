"""What the office receives, by file kind: one reader each, declared in one table. Every file is read in a child
process held to a memory budget and a time limit (support/confined.py), so that no file, however made, can hold
the machine; each limit passed is a Vietnamese message naming it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.intake.limits import MAX_NAME_CHARS, MAX_SOURCE_BYTES, MEMORY_BUDGET, SCAN_SECONDS_PER_PAGE, TEXT_SECONDS, megabytes
from generator.intake.source import Source, SourceError, checked
from generator.support.confined import Channel, ConfinedError, run_confined
from generator.support.display import excerpt, safe_message
from generator.support.safefiles import refusal

if TYPE_CHECKING:
    from PIL.Image import Image


@dataclass(frozen=True)
class Format:
    """A kind of file: the endings it has, what people call it, and its reader."""

    suffixes: tuple[str, ...]
    label: str
    read: Callable[[Path, Channel | None], Source]


def _text(path: Path, channel: Channel | None) -> Source:
    from generator.intake.textfile import text_lines

    return text_lines(path, MAX_SOURCE_BYTES)


def _markdown(path: Path, channel: Channel | None) -> Source:
    from generator.intake.textfile import markdown_lines

    return markdown_lines(path, MAX_SOURCE_BYTES)


def _word(path: Path, channel: Channel | None) -> Source:
    from generator.intake.wordfile import docx_lines

    return docx_lines(path)


def _web_page(path: Path, channel: Channel | None) -> Source:
    from generator.intake.textfile import read_bytes
    from generator.intake.webpage import page_lines

    lines, dropped = page_lines(read_bytes(path, MAX_SOURCE_BYTES))
    if not lines:
        raise SourceError(f"Không tìm thấy bài viết trong trang {path.name}; hãy chép phần văn bản vào tệp .txt rồi nhập tệp đó.")
    return Source(lines, dropped)


def _pdf(path: Path, channel: Channel | None) -> Source:
    from generator.intake.pdftext import pdf_lines
    from generator.intake.scan import pdf_pages

    source = pdf_lines(path)
    if any(line.strip() for line in source.lines):
        return source
    return _recognised(path, pdf_pages(path), channel, source.pages)


def _image(path: Path, channel: Channel | None) -> Source:
    from generator.intake.scan import image_pages

    return _recognised(path, image_pages(path), channel, 1)


def _recognised(path: Path, pages: Iterator[tuple[Image, float]], channel: Channel | None, count: int) -> Source:
    """The text Tesseract recognises in a scan's pages."""
    from generator.intake.ocr import OcrError, recognise_pages

    if channel is not None:
        channel.extend(SCAN_SECONDS_PER_PAGE * max(count, 1))
    try:
        scan = recognise_pages(pages, channel.progress if channel is not None else None)
    except OcrError as error:
        raise SourceError(f"Không nhận dạng được chữ trong {path.name}: {error}.") from None
    lines = [paragraph.text for paragraph in scan.paragraphs]
    if not lines:
        raise SourceError(f"Không nhận dạng được chữ nào trong {path.name}; hãy quét lại rõ hơn (300 dpi, thẳng trang).")
    doubtful = [(number, word) for number, paragraph in enumerate(scan.paragraphs, 1) for word in paragraph.doubtful]
    return Source(lines, scan.dropped, doubtful, count)


# Every kind of file the importer reads. A new kind is a reader function and one line here.
FORMATS: tuple[Format, ...] = (
    Format((".txt",), "văn bản thuần (UTF-8)", _text),
    Format((".md", ".markdown"), "Markdown", _markdown),
    Format((".docx",), "tệp Word", _word),
    Format((".pdf",), "PDF (có lớp chữ hoặc bản quét)", _pdf),
    Format((".html", ".htm"), "trang web đã lưu", _web_page),
    Format((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "ảnh quét", _image),
)


def format_of(path: Path) -> Format:
    """The format a file's ending names; SourceError listing those read when it names none."""
    suffix = path.suffix.lower()
    found = next((kind for kind in FORMATS if suffix in kind.suffixes), None)
    if found is None:
        accepted = ", ".join(f"{kind.label} ({'/'.join(kind.suffixes)})" for kind in FORMATS)
        hint = " Tệp .doc (Word cũ) hãy mở bằng Word và lưu dạng .docx." if suffix == ".doc" else ""
        raise SourceError(f"Không đọc được tệp {shown_name(path)}: loại tệp này không được hỗ trợ. Nhận: {accepted}.{hint}")
    return found


def shown_name(path: Path) -> str:
    """A file's name fit for a message: control characters visible, long names cut."""
    return excerpt(path.name, MAX_NAME_CHARS)


def read_document(path: Path, on_progress: Callable[[str], None] | None = None, confined: bool = True) -> Source:
    """The text of a received file, by its kind, within every limit; SourceError with a Vietnamese message."""
    try:
        kind = format_of(path)
        _check_file(path)
        if not confined:
            return checked(shown_name(path), kind.read(path, None))
        try:
            source = run_confined(partial(kind.read, path), MEMORY_BUDGET, TEXT_SECONDS, on_progress)
        except ConfinedError as error:
            raise SourceError(_limit_message(shown_name(path), error)) from None
        return checked(shown_name(path), source)
    except SourceError as error:  # the readers name the file as it is called: shown safely here
        raise SourceError(safe_message(str(error))) from None


def _check_file(path: Path) -> None:
    name = shown_name(path)
    real = path.resolve()
    reason = refusal(real, real.parent) if real.exists() else "không có"
    if reason is not None:
        raise SourceError(f"Không đọc được tệp {name}: tệp {reason}.")
    size = real.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"Tệp {name} lớn {megabytes(size)}; tệp nhập tối đa {megabytes(MAX_SOURCE_BYTES)}.")


def _limit_message(name: str, error: ConfinedError) -> str:
    if error.kind == "memory":
        return f"Đọc tệp {name} cần quá {megabytes(MEMORY_BUDGET)} bộ nhớ, giới hạn của một lần nhập; tệp bị hỏng hoặc được làm để gây hại."
    if error.kind == "time":
        return (
            f"Đọc tệp {name} quá thời gian cho phép ({TEXT_SECONDS} giây, thêm {SCAN_SECONDS_PER_PAGE} giây mỗi trang quét); "
            "tệp bị hỏng hoặc quá lớn. Hãy tách tệp hoặc lưu lại."
        )
    return f"Không đọc được tệp {name}: trình đọc dừng đột ngột ({error.detail}). Hãy lưu lại tệp rồi nhập lại."


__all__ = ["FORMATS", "Format", "Source", "SourceError", "format_of", "read_document", "shown_name"]
