"""The text of a PDF that has a text layer, read by pdfplumber (pdfminer.six) word by word with positions and
laid out again by layout.py: one paragraph a line, columns in order, page numbers and running headers dropped."""

from __future__ import annotations

from pathlib import Path

from generator.intake.layout import drop_running, page_lines, paragraphs, rows_by_top


def pdf_lines(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The paragraphs of a PDF's text layer, and the lines dropped with the reason."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        lines = [
            line
            for number, page in enumerate(pdf.pages)
            for line in page_lines(number, rows_by_top(page.extract_words(keep_blank_chars=False, use_text_flow=False)))
        ]
    dropped: list[tuple[str, str]] = []
    return [paragraph.text for paragraph in paragraphs(drop_running(lines, dropped))], dropped
