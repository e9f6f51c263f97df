"""Short URLs (/so-hieu/<key>/): small static pages that send the reader on to the document."""

from __future__ import annotations

from generator.corpus.model import Document
from generator.corpus.numbers import number_key
from generator.outputs.templating import render
from generator.pages import paths
from generator.pages.common import document_name
from generator.pages.output import DocumentOutput, RenderContext
from generator.support.files import GeneratedFiles


def redirect_html(document: Document) -> bytes:
    """The page at so-hieu/<key>/index.html: to van-ban/<id>/ on the web, van-ban/<id>.html from disk."""
    return render(
        "redirect.html.j2",
        name=document_name(document),
        web=f"../../van-ban/{document.id}/",
        disk=f"../../van-ban/{document.id}.html",
    ).encode("utf-8")


def short_address(context: RenderContext, document: Document) -> GeneratedFiles:
    return {paths.short_page(number_key(document.number)): redirect_html(document)}


SHORT_ADDRESS = DocumentOutput(short_address)
