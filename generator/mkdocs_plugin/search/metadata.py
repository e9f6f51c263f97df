"""A document's own search entry: its metadata, ranked by part.

A document page's front matter names, by part (META_ZONES), what search finds the document by: its title
(trích yếu), issuer, signer, other facts (the signer's title, the place, the term) and date; its page's title
holds the kind and the number. The page's entry gets them as its text, "title · issuer · signer · other · date",
with the end of each part in words, so that the search worker ranks a match in the title or the issuer as such,
and a date searched as the document's own date above the documents that mention it. Every document has this
entry, with or without its full text; the metadata table's own entry, which it replaces, is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from generator.corpus.vocabulary import META_ZONES
from generator.mkdocs_plugin.search.shards import folded_words

Entry = dict[str, Any]

# The anchor of a document page's metadata table (generator/pages/templates/document.md.j2).
METADATA_ANCHOR = "thong-tin"
_SEPARATOR = " · "


def with_metadata(url: str, fields: Mapping[str, object], entries: list[Entry]) -> list[Entry]:
    """`entries` of a document page with the page's own entry holding the document's metadata by part, and
    without the metadata table's entry."""
    text, zones = metadata_text(fields)
    found = []
    for entry in entries:
        location = str(entry["location"])
        if location == url:
            entry = {**entry, "text": text, "zones": zones}
        elif location == f"{url}#{METADATA_ANCHOR}":
            continue
        found.append(entry)
    return found


def metadata_text(fields: Mapping[str, object]) -> tuple[str, list[int]]:
    """The entry's text (HTML: the parts in a paragraph, "title · issuer · …") and where each part ends, in words."""
    parts = [escape(str(fields.get(zone) or ""), quote=False) for zone in META_ZONES]
    ends, count = [], 0
    for part in parts:
        count += len(folded_words(part))
        ends.append(count)
    return f"<p>{_SEPARATOR.join(part for part in parts if part)}</p>", ends
