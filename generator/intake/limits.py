"""Every bound an import keeps, whatever the file: decided from real documents and written once here (the README
lists them). A 200-page Word file is about 2 MB and unpacks to about 8 MB of XML; a 100-page scan at 300 dpi is
read one page at a time, each page about 25 million pixels; the longest texts have a few thousand paragraphs."""

from __future__ import annotations

# The received file as it is on disk.
MAX_SOURCE_BYTES = 20 << 20
# A Word file's zip: how many parts, how much they unpack to in all, and how much XML the text is read from.
MAX_ZIP_MEMBERS = 5000
MAX_UNPACKED_BYTES = 200 << 20
MAX_XML_BYTES = 48 << 20
# A PDF with a text layer: pages read.
MAX_PDF_PAGES = 500
# A scan: pages recognised, the pixels of one page once rendered (an A3 page at 300 dpi is 35 million), and the
# lowest resolution worth recognising (a page so large that it would need less is refused).
MAX_SCAN_PAGES = 100
MAX_PAGE_PIXELS = 60_000_000
MIN_SCAN_DPI = 100
# What the text may come to once read: lines (paragraphs), characters in all, characters in one line.
MAX_LINES = 20_000
MAX_TEXT_CHARS = 5_000_000
MAX_LINE_CHARS = 50_000
# Memory a reader may take beyond what the process held when it started, and the time an import may take: a text
# format is read in seconds; a scan at about 10 s a page.
MEMORY_BUDGET = 1536 << 20
TEXT_SECONDS = 120
SCAN_SECONDS_PER_PAGE = 60
# One page Tesseract spends this long on is not a page of text.
PAGE_SECONDS = 300
# A file name as given, in a message or a draft's comment.
MAX_NAME_CHARS = 120


def megabytes(size: int) -> str:
    """A size as people read it: "20 MB"."""
    return f"{size / (1 << 20):,.0f} MB".replace(",", ".")


def counted(number: int) -> str:
    """A count with Vietnamese thousands separators: 20.000."""
    return f"{number:,}".replace(",", ".")
