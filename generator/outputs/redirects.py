"""Short URLs (/so-hieu/<key>/): small static pages that send the reader on to the document."""

from __future__ import annotations

from generator.corpus.model import Document
from generator.outputs.templating import render
from generator.pages.common import document_name


def redirect_html(document: Document) -> bytes:
    """The page at so-hieu/<key>/index.html: to van-ban/<id>/ on the web, van-ban/<id>.html from disk."""
    return render(
        "redirect.html.j2",
        name=document_name(document),
        web=f"../../van-ban/{document.id}/",
        disk=f"../../van-ban/{document.id}.html",
    ).encode("utf-8")
