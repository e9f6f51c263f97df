"""What every kind of page shows the same way: dates, counts, section labels, front matter, and
links to documents and bodies, escaped for Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import markupsafe

from generator.corpus.model import Document, Section
from generator.corpus.numbers import number_key
from generator.corpus.resolve import Site
from generator.pages import paths
from generator.pages.markdown import escape, link

MISSING = "Chưa cập nhật"


def display_date(date: dt.date | None) -> str:
    """Format a date the Vietnamese way: 28/03/2024."""
    return date.strftime("%d/%m/%Y") if date else MISSING


def document_name(document: Document) -> str:
    """Return "Kế hoạch 20-KH/TW"."""
    return f"{document.type} {document.number}"


def thousands(count: int) -> str:
    """A count as Vietnamese writes it: 1.002."""
    return f"{count:,}".replace(",", ".")


def html_text(text: str) -> str:
    """`text` escaped for HTML text and quoted attributes (&, <, >, " and ')."""
    return str(markupsafe.escape(text))


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's string, with what YAML reads as a line break or
    cannot read at all written as an escape."""
    return _NOT_YAML_PRINTABLE.sub(_escaped_code, json.dumps(text, ensure_ascii=False))


_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escaped_code(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


@dataclass(frozen=True)
class Part:
    """An entry of a document's contents ("Mục lục"): the anchor it jumps to, the label readers cite ("IV.3",
    "" for the page's own sections), its words, and its depth."""

    anchor: str
    label: str
    title: str
    depth: int


def front_matter(
    title: str,
    description: str,
    search_boost: float = 1.0,
    searchable: bool = True,
    number: str = "",
    document: Mapping[str, str] | None = None,
    parts: tuple[Part, ...] = (),
) -> str:
    """Return a YAML front matter block; `number`: the document number the page bears, which search puts before
    the label of each of its items; `document`: the metadata search ranks the document by, by part (META_ZONES);
    `parts`: the document's contents, which the theme shows as "Mục lục".

    The title and the description are written escaped for HTML: Material's templates print them as markup
    into the page's <title>, <meta>, header, navigation and footer, and so does any engine that builds docs/
    with the theme (MkDocs without the project's plugin, ProperDocs, Zensical): data never becomes markup
    there. The plugin marks them as markup already escaped, so that templates that escape leave them as they are.
    """
    lines = ["---", f"title: {yaml_string(html_text(title))}", f"description: {yaml_string(html_text(description))}"]
    if number:
        lines.append(f"number: {yaml_string(number)}")
    if document:
        lines += ["document:", *(f"  {zone}: {yaml_string(value)}" for zone, value in document.items() if value)]
    if parts:
        lines.append("parts:")
        lines += [f"  - [{yaml_string(p.anchor)}, {yaml_string(p.label)}, {yaml_string(p.title)}, {p.depth}]" for p in parts]
    if not searchable:
        lines += ["search:", "  exclude: true"]
    elif search_boost != 1.0:
        lines += ["search:", f"  boost: {search_boost}"]
    return "\n".join([*lines, "---"])


# Parts a state document names with a word before their number.
_NAMED_PARTS = frozenset(("Phần", "PHẦN", "Chương", "CHƯƠNG", "Mục", "MỤC", "Điều"))


def section_label(section: Section, ancestors: tuple[Section, ...]) -> str:
    """Return a reader's label for a section: "IV.3", "II.1.1", "IV.1, ý 2"; in a state document, as the law cites
    it: "Điều 3, khoản 2, điểm a"; in a text attached after the signature, after its name: "Phụ lục 1, I.2"."""
    numbers: list[str] = []
    article = False
    for part in (*ancestors, section):
        if part.number is None:
            continue
        own = part.number.rstrip(".-)")
        if own.split(" ", 1)[0] in _NAMED_PARTS:
            numbers.append(own)
            article = own.startswith("Điều")
        elif article:
            numbers.append(f"{'điểm' if own.isalpha() else 'khoản'} {own}")
        else:
            if numbers and own.startswith(numbers[-1] + "."):
                numbers.pop()
            numbers.append(own)
    label = ", ".join(numbers) if article or any(n.split(" ", 1)[0] in _NAMED_PARTS for n in numbers) else ".".join(numbers)
    if section.number is None:
        bullet = section.id.rsplit("-g", 1)[-1]
        label = f"{label}, ý {bullet}" if label else f"ý {bullet}"
    return f"Phụ lục {section.appendix}, {label}" if section.appendix else label


def natural_order(document: Document) -> tuple[int, str]:
    """Sort key by number as readers count: 9-KH before 20-KH before 118-QĐ."""
    key = number_key(document.number)
    head = key.partition("-")[0]
    return (int(head) if head.isdigit() else 0, key)


@dataclass(frozen=True)
class ListedDocument:
    """A document as one line or row of an index page."""

    number_link_md: str
    type_md: str
    title_md: str
    issuer_md: str
    date_md: str


class Linker:
    """Escaped text and links relative to the page that shows them."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def text(self, text: str, page: str, current: Document | None = None) -> str:
        """Escape running text, turning known document numbers into links."""
        parts = []
        for segment in self.site.segments(text, current):
            if segment.target is None:
                parts.append(escape(segment.text))
            else:
                parts.append(link(escape(segment.text), page, paths.document_page(segment.target.id)))
        return "".join(parts)

    def document_link(self, document: Document, page: str, anchor: str | None = None) -> str:
        return link(escape(document.number), page, paths.document_page(document.id), anchor)

    def body_link(self, body_id: str, page: str) -> str:
        body = self.site.bodies[body_id]
        return link(escape(body.name), page, paths.body_page(body.id))

    def listed(self, document: Document, page: str) -> ListedDocument:
        return ListedDocument(
            number_link_md=self.document_link(document, page),
            type_md=escape(document.type),
            title_md=escape(document.title) if document.title else "",
            issuer_md=self.body_link(document.issuer, page),
            date_md=display_date(document.date),
        )

    def documents_by_number(self) -> list[Document]:
        return sorted(self.site.documents.values(), key=natural_order)
