"""The text of a saved web page: the article, found by trafilatura (the main content, without menus, related
links, captions and counters), one paragraph a line; every other block of the page is listed as dropped."""

from __future__ import annotations

from typing import Any

from generator.corpus.text import normalize

_INLINE = frozenset(
    ("a", "span", "b", "strong", "i", "em", "u", "small", "sup", "sub", "br", "img", "abbr", "code", "mark", "font", "time")
)
_SKIPPED = frozenset(("script", "style", "noscript", "template", "head"))
DROPPED_REASON = "ngoài bài viết của trang web: thanh điều hướng, tin liên quan, chú thích hoặc chân trang"


def page_lines(data: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    """The article's paragraphs, and the page's other blocks with the reason they were dropped."""
    import trafilatura

    text = _decoded(data)
    article = trafilatura.extract(
        text, output_format="txt", include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    lines = [normalize(line) for line in (article or "").splitlines() if line.strip()]
    kept = Kept(lines)
    dropped = [(block, DROPPED_REASON) for block in _leaf_blocks(text) if not kept.holds(block)]
    return lines, dropped


class Kept:
    """The article's lines, to tell in about constant time whether a block of the page is one of them or part
    of one: lines are indexed by their words' trigrams, and a block is looked for only in the lines that hold its
    first trigram (at most CANDIDATES of them), so that listing the dropped blocks stays linear in the page."""

    CANDIDATES = 32

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.whole = set(lines)
        self.index: dict[tuple[str, ...], list[int]] = {}
        for number, line in enumerate(lines):
            words = line.split()
            for start in range(len(words)):
                for size in (1, 3):
                    if start + size <= len(words):
                        self.index.setdefault(tuple(words[start : start + size]), []).append(number)

    def holds(self, block: str) -> bool:
        if block in self.whole:
            return True
        words = block.split()
        found = self.index.get(tuple(words[:3] if len(words) >= 3 else words[:1]), [])
        return any(block in self.lines[number] for number in dict.fromkeys(found[: self.CANDIDATES]))


def _decoded(data: bytes) -> str:
    """The page's text: UTF-8 as most pages are, else the encoding charset_normalizer finds (Windows-1258, say)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def _leaf_blocks(text: str) -> list[str]:
    """The text of every block of the page that holds no other block, in order."""
    from lxml import etree

    try:
        # Plain elements, not lxml.html's: walking them takes half the time on a large page.
        root = etree.fromstring(text, etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True))
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):  # an empty page
        return []
    if root is None:
        return []
    found: list[str] = []
    _walk(root, found)
    return found


def _walk(element: Any, found: list[str]) -> None:
    if not isinstance(element.tag, str) or element.tag in _SKIPPED:
        return
    children = [child for child in element if isinstance(child.tag, str) and child.tag not in _SKIPPED]
    if all(child.tag in _INLINE for child in children):
        text = normalize(" ".join(element.itertext()))
        if text and element.tag != "title":
            found.append(text)
        return
    own = normalize(element.text or "")
    if own:
        found.append(own)
    for child in children:
        _walk(child, found)
