"""Open data: documents.json and one JSON file per document, with stable ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.corpus.model import Appendix, Document, Section
from generator.corpus.numbers import number_key
from generator.corpus.resolve import Relation, Site, document_order
from generator.pages import paths
from generator.pages.output import DocumentOutput, GatheredOutput, RenderContext
from generator.support.files import GeneratedFiles
from generator.support.jsonfile import compact_line


def page_url(markdown_path: str) -> str:
    """The page's address relative to the site root, as published (directory URLs)."""
    return markdown_path.removesuffix("index.md").removesuffix(".md") + ("/" if not markdown_path.endswith("index.md") else "")


def section_data(section: Section) -> dict[str, object]:
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "text": section.text,
        "paragraphs": list(section.paragraphs),
        "bodies": list(section.bodies),
        "task": None
        if section.task is None
        else {
            "bodies": list(section.task.bodies),
            "deadline": None
            if section.task.deadline is None
            else {
                "kinds": list(section.task.deadline.kinds),
                "period": section.task.deadline.period,
                "date": section.task.deadline.date.isoformat() if section.task.deadline.date else None,
                "wording": section.task.deadline.wording,
            },
        },
        "sections": [section_data(child) for child in section.children],
    }


def header_data(document: Document) -> dict[str, object] | None:
    """The header block as the open data and the print templates read it."""
    header = document.header
    if header is None:
        return None
    return {
        "issuer_lines": list(header.issuer_lines),
        "motto": header.motto,
        "slogan": header.slogan,
        "place_date": header.place_date,
        "kind_line": header.kind_line,
        "title_lines": list(header.title_lines),
    }


def signature_data(document: Document) -> dict[str, object] | None:
    signature = document.signature
    return None if signature is None else {"lines": list(signature.lines), "name": signature.name}


def _relation(relation: Relation, incoming: bool) -> dict[str, object]:
    other = relation.source if incoming else relation.target
    return {
        "kind": relation.kind,
        "direction": "incoming" if incoming else "outgoing",
        "document": other.number,
        "document_id": other.id,
        "section": relation.section.id if relation.section else None,
        "derived": relation.derived,
    }


def document_data(site: Site, document: Document, with_pdf: bool) -> dict[str, object]:
    """Everything known of one document, with stable ids."""
    return {
        "id": document.id,
        "number": document.number,
        "number_key": number_key(document.number),
        "type": document.type,
        "title": document.title,
        "summary": document.summary,
        "issuer": {"id": document.issuer, "name": site.bodies[document.issuer].name},
        "signer": document.signer,
        "signer_title": document.signer_title,
        "place": document.place,
        "date": document.date.isoformat() if document.date else None,
        "term": document.term,
        "status": document.status,
        "official_url": document.official_url,
        "page": page_url(paths.document_page(document.id)),
        "short_url": f"so-hieu/{number_key(document.number)}/",
        "pdf": paths.document_pdf(document.id) if with_pdf else None,
        "docx": paths.document_docx(document.id) if with_pdf else None,
        "relations": [_relation(r, False) for r in site.outgoing.get(document.id, [])]
        + [_relation(r, True) for r in site.incoming.get(document.id, [])],
        "header": header_data(document),
        "preamble": list(document.preamble),
        "sections": [section_data(s) for s in document.sections],
        "signature": signature_data(document),
        "recipients": [{"text": r.text, "bodies": list(r.bodies)} for r in document.recipients],
        "notes": list(document.notes),
        "appendices": [appendix_data(appendix) for appendix in document.appendices],
    }


def appendix_data(appendix: Appendix) -> dict[str, object]:
    """A text attached after the signature, with its own tree."""
    return {
        "id": appendix.id,
        "title_lines": list(appendix.title_lines),
        "note": appendix.note,
        "preamble": list(appendix.preamble),
        "sections": [section_data(s) for s in appendix.sections],
    }


def document_json(site: Site, document: Document, pdfs: bool) -> bytes:
    """van-ban/<id>.json: one document's data."""
    return compact_line(document_data(site, document, pdfs and document.has_full_text))


def documents_json(parts: Iterable[bytes]) -> Iterator[bytes]:
    """documents.json, piece by piece, from each document's van-ban/<id>.json in document order: the same
    bytes as dumping the list whole (each item is dumped with the same separators)."""
    yield b'{"documents":['
    for position, data in enumerate(parts):
        yield (b"," if position else b"") + data.rstrip(b"\n")
    yield b"]}\n"


def documents_in_order(site: Site) -> list[Document]:
    """The documents in the order documents.json lists them."""
    return sorted(site.documents.values(), key=document_order)


def document_data_file(context: RenderContext, document: Document) -> GeneratedFiles:
    return {paths.document_json(document.id): document_json(context.site, document, context.pdfs)}


DOCUMENT_DATA = DocumentOutput(document_data_file)
# documents.json: every document's van-ban/<id>.json read back, in document order.
DOCUMENTS_INDEX = GatheredOutput(
    paths.DOCUMENTS_JSON, lambda site, read: documents_json(read(paths.document_json(d.id)) for d in documents_in_order(site))
)
