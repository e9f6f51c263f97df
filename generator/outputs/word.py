"""A Word file (.docx) per document with its full text, laid out like its PDF: A4, the header block, the
numbering, the signature and the recipients, Times New Roman (Liberation Serif where Word is not installed).

The parts of the package are XML templates (templates/docx/, every value escaped); the zip is written with
fixed dates and order, so the same document always gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from pathlib import Path

import jinja2
import orjson

from generator.corpus.model import Document
from generator.outputs.pdf import print_data
from generator.outputs.templating import TEMPLATES
from generator.pages import paths
from generator.pages.output import DocumentOutput, RenderContext
from generator.support.files import FileOrder, GeneratedFiles
from generator.support.templatecache import strict_environment

FOLDER = TEMPLATES / "docx"
# Each part of the package: its name in the zip and the template or file it comes from, in the order written.
PARTS = (
    ("[Content_Types].xml", "content_types.xml"),
    ("_rels/.rels", "rels.xml"),
    ("docProps/app.xml", "app.xml"),
    ("docProps/core.xml", "core.xml.j2"),
    ("word/_rels/document.xml.rels", "document_rels.xml"),
    ("word/document.xml", "document.xml.j2"),
    ("word/styles.xml", "styles.xml"),
    ("word/settings.xml", "settings.xml"),
    ("word/footer1.xml", "footer1.xml"),
)
# Zip entries dated at the earliest date a zip can hold: a file's bytes never depend on when it was made.
EPOCH = (1980, 1, 1, 0, 0, 0)
DEEPEST_HEADING = 4


@functools.cache
def environment() -> jinja2.Environment:
    return strict_environment(FOLDER, autoescape=True, layout=False, final_newline=False)


@functools.cache
def fixed_part(name: str) -> bytes:
    return (FOLDER / name).read_bytes()


def word_data(document: Document, author: str) -> dict[str, object]:
    """What the Word templates read: the print data, with heading levels for Word's outline."""
    data = print_data(document, author)
    data["blocks"] = _levelled(data["blocks"])
    appendices = data["appendices"]
    assert isinstance(appendices, list)
    data["appendices"] = [{**appendix, "blocks": _levelled(appendix["blocks"])} for appendix in appendices]
    data["date"] = document.date.isoformat() if document.date else ""
    return data


def _levelled(blocks: object) -> list[dict[str, object]]:
    assert isinstance(blocks, list)
    return [{**block, "level": min(block["depth"] + 1, DEEPEST_HEADING)} for block in blocks]


def document_docx(document: Document, author: str) -> bytes:
    """The document as a .docx file; `author`: the issuing body's name."""
    return _package(word_data(document, author))


def _package(data: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, source in PARTS:
            part = environment().get_template(source).render(doc=data).encode("utf-8") if source.endswith(".j2") else fixed_part(source)
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, part)
    return buffer.getvalue()


@functools.cache
def _templates_digest() -> str:
    return hashlib.sha256(b"".join((FOLDER / source).read_bytes() for _, source in PARTS)).hexdigest()


def docx_order(document: Document, cache_dir: Path, author: str) -> FileOrder:
    """The document's Word file in `cache_dir`, written unless its data and templates are unchanged."""
    data = word_data(document, author)
    key = hashlib.sha256(_templates_digest().encode("utf-8") + orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return FileOrder(cache_dir / f"{key}.docx", _package, data)


def docx_file(document: Document, cache_dir: Path, author: str) -> Path:
    """The document's Word file in `cache_dir`, written here unless it is there already."""
    return docx_order(document, cache_dir, author).made()


def docx_output(context: RenderContext, document: Document) -> GeneratedFiles:
    """van-ban/<id>.docx, from the print cache, for a document with its full text when PDFs are asked for."""
    if not context.prints(document) or context.pdf_cache is None:
        return {}
    return {paths.document_docx(document.id): context.made(docx_order(document, context.pdf_cache, context.issuer_name(document)))}


WORD = DocumentOutput(docx_output)
