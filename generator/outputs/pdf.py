"""A PDF per document with its full text, laid out like the paper original (A4, fonts embedded).

Typst typesets it (templates/document.typ) from the document as JSON data, so no value is ever read as
markup; a PDF takes about a hundredth of a second. Each process keeps one Typst compiler, which loads the
fonts once.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import orjson
import typst

from generator.corpus.model import Appendix, Document, body_parts
from generator.outputs.opendata import header_data, signature_data
from generator.outputs.templating import TEMPLATES
from generator.pages import paths
from generator.pages.output import DocumentOutput, RenderContext
from generator.support.files import FileOrder, GeneratedFiles

TEMPLATE = TEMPLATES / "document.typ"
# Liberation Serif 2 (Debian's fonts-liberation2, installed by `make site`): Times New Roman's metrics and
# every Vietnamese letter, which Liberation 1 lacks. Only these fonts are used, whatever else the machine has,
# so that every machine typesets alike; Typst's own fonts stand in for a character they lack.
FONTS = Path("/usr/share/fonts/truetype/liberation2")
FONT_FILES = tuple(f"LiberationSerif-{style}.ttf" for style in ("Regular", "Bold", "Italic", "BoldItalic"))


@dataclass(frozen=True)
class PrintBlock:
    """A block of the body as plain text."""

    kind: str
    marker: str
    text: str
    depth: int  # of its section: 0 for a top-level part


def print_blocks(document: Document | Appendix) -> list[PrintBlock]:
    """Flatten a body: headings, numbered items (bullets as "-") and paragraphs."""
    return [
        PrintBlock(part.kind, (part.section.number or "-") if part.kind != "paragraph" else "", part.text, part.depth)
        for part in body_parts(document)
    ]


def appendix_print_data(appendix: Appendix) -> dict[str, object]:
    """A text attached after the signature, as the print templates read it."""
    return {
        "title_lines": list(appendix.title_lines),
        "note": appendix.note,
        "preamble": list(appendix.preamble),
        "blocks": [asdict(block) for block in print_blocks(appendix)],
    }


def print_data(document: Document, author: str) -> dict[str, object]:
    """What the print template reads of a document; `author`: the issuing body's name, the file's author."""
    return {
        "title": f"{document.type} {document.number}",
        "number": document.number,
        "author": author,
        "header": header_data(document),
        "preamble": list(document.preamble),
        "blocks": [asdict(block) for block in print_blocks(document)],
        "recipients": [recipient.text for recipient in document.recipients],
        "signature": signature_data(document),
        "notes": list(document.notes),
        "appendices": [appendix_print_data(appendix) for appendix in document.appendices],
    }


def print_json(document: Document, author: str) -> str:
    return orjson.dumps(print_data(document, author), option=orjson.OPT_SORT_KEYS).decode("utf-8")


def font_files() -> list[Path]:
    """The fonts the PDFs are typeset in, or none where they are missing (the machine's fonts serve then)."""
    found = [FONTS / name for name in FONT_FILES]
    return found if all(path.is_file() for path in found) else []


@functools.cache
def _template_digest() -> str:
    """What else than the data decides a PDF's bytes: the template, the fonts and the typesetter's version."""
    fonts = b"".join(f"{path.name}:{path.stat().st_size}".encode() for path in font_files())
    return hashlib.sha256(TEMPLATE.read_bytes() + fonts + version("typst").encode()).hexdigest()


_compilers: dict[int, typst.Compiler] = {}


def _compiler() -> typst.Compiler:
    """This process's compiler (one per process: a forked child makes its own)."""
    pid = os.getpid()
    if pid not in _compilers:
        _compilers.clear()
        fonts = font_files()
        _compilers[pid] = typst.Compiler(TEMPLATE, root=TEMPLATES, font_paths=[FONTS] if fonts else [], ignore_system_fonts=bool(fonts))
    return _compilers[pid]


def document_pdf(document: Document, author: str) -> bytes:
    """Typeset the document's PDF; `author`: the issuing body's name."""
    return _typeset(print_json(document, author))


def _typeset(payload: str) -> bytes:
    data = _compiler().compile(format="pdf", sys_inputs={"document": payload})
    assert isinstance(data, bytes)
    return data


def pdf_order(document: Document, cache_dir: Path, author: str) -> FileOrder:
    """The document's PDF in `cache_dir`, named by a digest of its data, template, fonts and typesetter: typeset
    only when no file of that name is there."""
    payload = print_json(document, author)
    key = hashlib.sha256((_template_digest() + payload).encode("utf-8")).hexdigest()
    return FileOrder(cache_dir / f"{key}.pdf", _typeset, payload)


def pdf_file(document: Document, cache_dir: Path, author: str) -> Path:
    """The document's PDF in `cache_dir`, typeset here unless it is there already."""
    return pdf_order(document, cache_dir, author).made()


def pdf_output(context: RenderContext, document: Document) -> GeneratedFiles:
    """van-ban/<id>.pdf, from the print cache, for a document with its full text when PDFs are asked for."""
    if not context.prints(document) or context.pdf_cache is None:
        return {}
    return {paths.document_pdf(document.id): context.made(pdf_order(document, context.pdf_cache, context.issuer_name(document)))}


PDF = DocumentOutput(pdf_output)
