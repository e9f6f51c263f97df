"""The text of a PDF that has a text layer, read by PDFium word by word with positions (pdfwords.py) and laid out
again by layout.py: one paragraph a line, columns in order, page numbers and running headers dropped. A PDF
without text on any page is a scan (scan.py)."""

from __future__ import annotations

from pathlib import Path

from generator.intake.layout import drop_running, page_lines, paragraphs, rows_by_top
from generator.intake.limits import MAX_PDF_PAGES, counted
from generator.intake.pdfwords import page_words
from generator.intake.source import Source, SourceError, unreadable_pdf


def pdf_lines(path: Path) -> Source:
    """The paragraphs of a PDF's text layer, and the lines dropped with the reason; no lines for a scan."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        raise unreadable_pdf(path.name) from None
    try:
        pages = len(document)
        if pages > MAX_PDF_PAGES:
            raise SourceError(f"Tệp {path.name} có {counted(pages)} trang; một tệp PDF tối đa {counted(MAX_PDF_PAGES)} trang.")
        lines = [line for number in range(pages) for line in page_lines(number, rows_by_top(page_words(document[number])))]
    finally:
        document.close()
    dropped: list[tuple[str, str]] = []
    return Source([paragraph.text for paragraph in paragraphs(drop_running(lines, dropped))], dropped, pages=pages)
