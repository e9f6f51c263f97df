"""The text of a PDF that has a text layer, read by pdfplumber (pdfminer.six) word by word with positions and
laid out again by layout.py: one paragraph a line, columns in order, page numbers and running headers dropped.
A PDF without text on any page is a scan (scan.py)."""

from __future__ import annotations

from pathlib import Path

from generator.intake.layout import drop_running, page_lines, paragraphs, rows_by_top
from generator.intake.limits import MAX_PDF_PAGES, counted
from generator.intake.source import Source, SourceError


def pdf_lines(path: Path) -> Source:
    """The paragraphs of a PDF's text layer, and the lines dropped with the reason; no lines for a scan."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise SourceError(f"Tệp {path.name} có {counted(len(pdf.pages))} trang; một tệp PDF tối đa {counted(MAX_PDF_PAGES)} trang.")
            lines = [
                line
                for number, page in enumerate(pdf.pages)
                for line in page_lines(number, rows_by_top(page.extract_words(keep_blank_chars=False, use_text_flow=False)))
            ]
            pages = len(pdf.pages)
    except SourceError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        raise SourceError(f"Tệp {path.name} không đọc được như tệp PDF ({type(error).__name__}); hãy lưu lại tệp PDF.") from None
    dropped: list[tuple[str, str]] = []
    return Source([paragraph.text for paragraph in paragraphs(drop_running(lines, dropped))], dropped, pages=pages)
