"""Search entries for the numbered items and bullets of a document page, and the labels readers cite parts by.

Material makes one entry per heading, so a phrase of item 2.3 would open its page at the heading above it.
A document page marks each heading and item it numbers with `data-part` (its label, "IV.1, ý 2"; see
generator/pages/templates/document.md.j2); each item becomes an entry of its own, titled with the document's
number and its label and holding the item's text with the paragraphs that follow it; each entry of a numbered
heading or item carries its label, which the search worker matches a citation ("20-KH/TW mục IV.3") against.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

Entry = dict[str, Any]

# The blocks of a page's content; our HTML has no <p> or heading inside another.
_BLOCK = re.compile(r"<(p|h[1-6])((?:\s+[a-zA-Z-]+=\"[^\"]*\")*)\s*>(.*?)</\1>", re.S)
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_MARKER = re.compile(r'^\s*<a class="doc-marker"[^>]*>.*?</a>\s*', re.S)
_TAG = re.compile(r"<[^>]+>")
# An item's boost: above the section that holds it when both match alike.
ITEM_BOOST = 1.05


def with_items(url: str, number: str, html: str, entries: list[Entry]) -> list[Entry]:
    """Material's `entries` of a document page with an entry for each item after the section holding it, and
    the label of each numbered heading and item on its entry."""
    items, labels, order = item_entries(url, number, html)
    for entry in entries:
        label = labels.get(_anchor(entry))
        if label:
            entry["label"] = label
    return sorted([*entries, *items], key=lambda entry: order.get(_anchor(entry), -1))


def _anchor(entry: Entry) -> str:
    return str(entry["location"]).partition("#")[2]


def item_entries(url: str, number: str, html: str) -> tuple[list[Entry], dict[str, str], dict[str, int]]:
    """The entries of the items of a document page, the label of every numbered heading and item, and the
    order of every block with an id, by id."""
    entries: list[Entry] = []
    labels: dict[str, str] = {}
    order: dict[str, int] = {}
    current: Entry | None = None
    for tag, attribute_text, inner in _BLOCK.findall(html):
        attributes = dict(_ATTRIBUTE.findall(attribute_text))
        classes = attributes.get("class", "").split()
        label, anchor = unescape(attributes.get("data-part", "")), attributes.get("id", "")
        if anchor:
            order.setdefault(anchor, len(order))
        if label and anchor:
            labels[anchor] = label
        if tag == "p" and "doc-item" in classes and label and anchor:
            current = {
                "location": f"{url}#{anchor}",
                "title": _escape_text(f"{number} · {label}"),
                "text": _TAG.sub("", _MARKER.sub("", inner)).strip(),
                "boost": ITEM_BOOST,
                "label": label,
            }
            entries.append(current)
        elif tag == "p" and "doc-paragraph" in classes and current is not None:
            current["text"] += " " + _TAG.sub("", inner).strip()
        else:
            current = None
    return entries, labels, order


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
