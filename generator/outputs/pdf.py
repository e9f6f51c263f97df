"""A PDF per document with its full text, laid out like the paper original (A4, fonts embedded)."""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.corpus.model import Document, body_parts
from generator.outputs.templating import print_environment


@dataclass(frozen=True)
class PrintBlock:
    """A block of the body as plain text; the template escapes it."""

    kind: str
    level: int
    marker: str
    text: str


def print_blocks(document: Document) -> list[PrintBlock]:
    """Flatten the body: headings, numbered items (bullets as "-") and paragraphs."""
    return [
        PrintBlock(
            part.kind,
            min(part.depth + 2, 5) if part.kind == "heading" else 0,
            (part.section.number or "-") if part.kind != "paragraph" else "",
            part.text,
        )
        for part in body_parts(document)
    ]


def document_html(document: Document) -> str:
    """Return the print HTML of a document, every value escaped."""
    return print_environment().get_template("document.pdf.html.j2").render(doc=document, blocks=print_blocks(document))


def document_pdf(document: Document, cache_dir: Path | None) -> bytes:
    """Render the PDF, reusing a cached one when the print HTML has not changed."""
    html = document_html(document)
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    cached = cache_dir / f"{key}.pdf" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    from weasyprint import HTML

    data: bytes | None = HTML(string=html).write_pdf(pdf_identifier=key[:32].encode(), uncompressed_pdf=False)
    assert data is not None
    # Typesetting leaves cyclic garbage, and the build pauses the automatic collector.
    gc.collect()
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    return data
