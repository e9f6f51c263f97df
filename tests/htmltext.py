"""Read text and child tags of elements out of built HTML pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK = {
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "figure",
    "nav",
    "header",
    "footer",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """The text inside an element and the tags nested in it."""

    text: str = ""
    tags: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.depth = 0
        self.found: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.found.tags.append(tag)  # type: ignore[union-attr]
            if tag not in VOID:
                self.depth += 1
        elif dict(attrs).get("id") == self.wanted and self.found is None:
            self.found = Element()
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found.text += data  # type: ignore[union-attr]


def element(html: str, element_id: str) -> Element:
    """Return the element with `element_id`; fail if there is none."""
    collector = _Collector(element_id)
    collector.feed(html)
    assert collector.found is not None, f"no element #{element_id}"
    return collector.found


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    """Return the visible text of a page with white space collapsed."""
    parser = _PageText()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
