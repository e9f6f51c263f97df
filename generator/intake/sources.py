"""Reading a received file into lines of text, within limits, with a clear message for what is not one."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

# A long document is a few megabytes even as a scan's text; a Word file unpacks to a few times its size.
MAX_SOURCE_BYTES = 20 << 20
MAX_UNPACKED_BYTES = 200 << 20
MAX_ZIP_MEMBERS = 5000
# A scan is recognised at about 10 s a page: the longest documents have a few dozen pages.
MAX_SCAN_PAGES = 100
# The longest documents run to a few thousand lines.
MAX_LINES = 20_000
# What a Word file's own paragraph breaks inside a paragraph ("Shift+Enter") become: new lines.
_LINE_BREAKS = ("\r\n", "\r", "\v", "\x0c", "\x85", "\u2028", "\u2029")


class SourceError(Exception):
    """The file cannot be read as a document; the message says why and what to do."""


@dataclass
class Source:
    """A received file's text, one paragraph or line a line, what its reader dropped, with the reason, and the
    words recognition was unsure of, by the number of their line."""

    lines: list[str]
    dropped: list[tuple[str, str]] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)


IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_document(path: Path) -> Source:
    """The text of a received file: plain text, a Word file, a PDF with a text layer, or a saved web page."""
    if path.suffix.lower() == ".pdf":
        _check_size(path)
        from generator.intake.pdftext import pdf_lines

        try:
            lines, dropped = pdf_lines(path)
        except Exception as error:  # pdfminer raises many kinds on a damaged file
            raise SourceError(f"Tệp {path.name} không đọc được như tệp PDF ({type(error).__name__}); hãy lưu lại tệp PDF.") from None
        if not any(line.strip() for line in lines):
            return _recognised(path, _pdf_pages(path))
        return Source(_within_limit(path, lines), dropped)
    if path.suffix.lower() in IMAGES:
        _check_size(path)
        return _recognised(path, _image_pages(path))
    if path.suffix.lower() in (".html", ".htm"):
        _check_size(path)
        from generator.intake.webpage import page_lines

        lines, dropped = page_lines(path.read_bytes())
        if not lines:
            raise SourceError(f"Không tìm thấy bài viết trong trang {path.name}; hãy chép phần văn bản vào tệp .txt rồi nhập tệp đó.")
        return Source(_within_limit(path, lines), dropped)
    return Source(read_source(path))


def _recognised(path: Path, pages: Iterator[tuple[Image, float]]) -> Source:
    """The text Tesseract recognises in a scan's pages."""
    from generator.intake.ocr import OcrError, recognise_pages

    try:
        scan = recognise_pages(pages)
    except OcrError as error:
        raise SourceError(f"Không nhận dạng được chữ trong {path.name}: {error}. Chạy make site để cài.") from None
    lines = _within_limit(path, [paragraph.text for paragraph in scan.paragraphs])
    if not lines:
        raise SourceError(f"Không nhận dạng được chữ nào trong {path.name}; hãy quét lại rõ hơn (300 dpi, thẳng trang).")
    doubtful = [(number, word) for number, paragraph in enumerate(scan.paragraphs, 1) for word in paragraph.doubtful]
    return Source(lines, scan.dropped, doubtful)


def _pdf_pages(path: Path) -> Iterator[tuple[Image, float]]:
    """A scanned PDF's pages as images, for recognition, rendered one at a time."""
    import pypdfium2

    from generator.intake.ocr import RENDER_DPI

    document = pypdfium2.PdfDocument(str(path))
    _check_pages(path, len(document))
    for index in range(len(document)):
        yield document[index].render(scale=RENDER_DPI / 72).to_pil(), float(RENDER_DPI)


def _image_pages(path: Path) -> Iterator[tuple[Image, float]]:
    """The frames of an image file (a TIFF holds one a page), each with its resolution (300 dpi unless it says)."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        image = PILImage.open(path)
        _check_pages(path, getattr(image, "n_frames", 1))
        dpi = float(image.info.get("dpi", (300, 300))[0] or 300)
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            yield image.copy(), dpi
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError, EOFError) as error:
        # A decompression bomb: a small file that claims billions of pixels.
        kind = type(error).__name__
        raise SourceError(f"Tệp {path.name} không đọc được như một ảnh ({kind}); hãy quét lại thành .png, .jpg hoặc .tif.") from None


def _check_pages(path: Path, count: int) -> None:
    if count > MAX_SCAN_PAGES:
        raise SourceError(f"Tệp {path.name} có {count} trang; một bản quét tối đa {MAX_SCAN_PAGES} trang. Hãy tách tệp.")


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SourceError(f"Không đọc được tệp {path.name}: {error.strerror}.") from None
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"Tệp {path.name} quá lớn ({size:,} byte); tối đa {MAX_SOURCE_BYTES:,} byte.".replace(",", "."))


def _within_limit(path: Path, lines: list[str]) -> list[str]:
    if len(lines) > MAX_LINES:
        raise SourceError(f"Tệp {path.name} có {len(lines):,} dòng; một văn bản tối đa {MAX_LINES:,} dòng.".replace(",", "."))
    return lines


def read_source(path: Path) -> list[str]:
    """The lines of a .txt (UTF-8) or .docx file, one per line or paragraph, none holding a line break."""
    _check_size(path)
    return _within_limit(path, _docx_lines(path) if path.suffix.lower() == ".docx" else _text_lines(path))


def split_lines(text: str) -> list[str]:
    """`text` cut at every kind of line break."""
    for separator in _LINE_BREAKS:
        text = text.replace(separator, "\n")
    return text.split("\n")


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if b"\x00" in data:
        where = data.index(b"\x00") + 1
        raise SourceError(
            f"Tệp {path.name} chứa byte 0 ở vị trí {where}: đây không phải tệp văn bản. Hãy lưu văn bản dạng .txt (UTF-8) hoặc .docx."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise SourceError(f"Tệp {path.name} không phải UTF-8 (dòng {line}, cột {column}); hãy mở tệp và lưu lại với mã UTF-8.") from None
    return split_lines(text)


def _docx_lines(path: Path) -> list[str]:
    if not zipfile.is_zipfile(path):
        raise SourceError(f"Tệp {path.name} không phải tệp Word .docx (không đọc được như tệp nén); hãy lưu lại bằng Word dạng .docx.")
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(f"Tệp {path.name} giải nén ra quá lớn ({unpacked:,} byte); tệp Word hợp lệ không như vậy.".replace(",", "."))
    import docx  # python-docx, imported only for Word files

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise SourceError(
            f"Tệp {path.name} không mở được bằng trình đọc Word ({type(error).__name__}); hãy lưu lại bằng Word dạng .docx."
        ) from None
    return [line for paragraph in _paragraphs_in_order(document) for line in split_lines(paragraph)]


def _paragraphs_in_order(document: object) -> list[str]:
    """Every paragraph of a Word file in reading order, those of tables (the header block, the signature) cell by
    cell where they stand."""
    from docx.table import Table

    found: list[str] = []
    for block in document.iter_inner_content():  # type: ignore[attr-defined]  # a python-docx Document, typed `object` here: docx has no stubs
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found += [paragraph.text for paragraph in cell.paragraphs]
        else:
            found.append(block.text)
    return found
