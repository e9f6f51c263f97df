"""Signers' pages: who signed what. A page per signer (`nguoi-ky/<tên-không-dấu>/`) lists the documents the
name signed, with the capacity each was signed in; an index lists every signer in Vietnamese order. A
document's signer is its `signer`, else the name under its signature block."""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.collation import vietnamese_key
from generator.corpus.model import Document
from generator.corpus.resolve import Site, document_order
from generator.corpus.text import slugify
from generator.pages import paths
from generator.pages.common import Linker, ListedDocument, front_matter, thousands
from generator.pages.markdown import escape, link
from generator.pages.output import RenderContext, SiteOutput
from generator.support.files import GeneratedFiles


@dataclass(frozen=True)
class SignedDocument:
    """A document on its signer's page, with the capacity it was signed in."""

    document: ListedDocument
    capacity_md: str


@dataclass(frozen=True)
class SignerView:
    """Everything a signer's page shows."""

    front_matter: str
    heading_md: str
    documents: list[SignedDocument]


@dataclass(frozen=True)
class SignerEntry:
    """A line of the index of signers."""

    link_md: str
    count: str


def signer_of(document: Document) -> str | None:
    """The name that signed `document`: its metadata's signer, else its signature block's."""
    if document.signer:
        return document.signer
    return document.signature.name if document.signature and document.signature.name else None


def signer_id(name: str) -> str:
    """The signer's page name: the name without diacritics, "Trương Thị Mai" -> "truong-thi-mai"."""
    slug = slugify(name)
    return slug if slug and slug != "index" else f"nguoi-ky-{slug}"


class SignerPages:
    """Builds the signers' pages of one site."""

    def __init__(self, links: Linker) -> None:
        self.links = links
        self.signed: dict[str, tuple[str, list[Document]]] = {}
        for document in sorted(links.site.documents.values(), key=document_order):
            name = signer_of(document)
            if name:
                self.signed.setdefault(signer_id(name), (name, []))[1].append(document)

    @property
    def site(self) -> Site:
        return self.links.site

    def ids(self) -> list[str]:
        return list(self.signed)

    def link(self, document: Document, page: str) -> str:
        """The signer of `document` as a link to their page, "" when the document names none."""
        name = signer_of(document)
        return link(escape(name), page, paths.signer_page(signer_id(name))) if name else ""

    def view(self, key: str) -> SignerView:
        name, documents = self.signed[key]
        page = paths.signer_page(key)
        return SignerView(
            front_matter=front_matter(name, f"Các văn bản do {name} ký.", search_boost=0.5),
            heading_md=escape(name),
            documents=[SignedDocument(self.links.listed(d, page), escape(d.signer_title or "")) for d in documents],
        )

    def index(self) -> list[SignerEntry]:
        """Every signer, in Vietnamese alphabetical order of the name as written."""
        ordered = sorted(self.signed.items(), key=lambda item: vietnamese_key(item[1][0]))
        page = paths.SIGNERS
        return [
            SignerEntry(link(escape(name), page, paths.signer_page(key)), thousands(len(documents))) for key, (name, documents) in ordered
        ]


def signer_pages(context: RenderContext) -> GeneratedFiles:
    """Who signed what: a page per signer and their index."""
    signers = context.views.signers
    files: GeneratedFiles = {paths.SIGNERS: context.page("signers.md.j2", signers=signers.index())}
    files.update({paths.signer_page(key): context.page("signer.md.j2", page=signers.view(key)) for key in signers.ids()})
    return files


SIGNERS = SiteOutput(signer_pages)
