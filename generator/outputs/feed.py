"""feed.xml: an Atom feed of dated documents, newest first; links are absolute from the site's address (site_url),
as feed readers need them (relative to the feed when the site has no address)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from generator.corpus.numbers import number_key
from generator.corpus.resolve import Site, document_order
from generator.outputs.opendata import page_url
from generator.outputs.templating import render
from generator.pages import paths
from generator.pages.common import document_name
from generator.pages.output import SiteOutput

FEED_ID = "tag:vusta.vn,2023:nghi-quyet-45"
FEED_TITLE = "Nghị quyết 45-NQ/TW và các văn bản triển khai"
# A feed with no dated document is dated by the resolution itself.
FIRST_DAY = "2023-11-24"


@dataclass(frozen=True)
class FeedEntry:
    """One document as the feed lists it."""

    title: str
    key: str
    stamp: str
    page: str
    author: str
    summary: str


def _stamp(day: str) -> str:
    return f"{day}T00:00:00+07:00"


def atom_feed(site: Site, site_url: str = "") -> bytes:
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    dated = sorted((d for d in site.documents.values() if d.date), key=document_order, reverse=True)
    entries = [
        FeedEntry(
            title=document_name(document),
            key=number_key(document.number),
            stamp=_stamp(document.date.isoformat()),
            page=urljoin(base, page_url(paths.document_page(document.id))),
            author=site.bodies[document.issuer].name,
            summary=document.summary or document.title or document_name(document),
        )
        for document in dated
        if document.date is not None
    ]
    updated = entries[0].stamp if entries else _stamp(FIRST_DAY)
    home, feed = urljoin(base, "./"), urljoin(base, paths.FEED)
    return render("feed.xml.j2", title=FEED_TITLE, feed_id=FEED_ID, updated=updated, entries=entries, home=home, feed=feed).encode("utf-8")


FEED = SiteOutput(lambda context: {paths.FEED: atom_feed(context.site, context.site_url)})
