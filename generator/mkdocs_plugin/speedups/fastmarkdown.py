"""A Python-Markdown extension that gives the same HTML with less work: six shortcuts.

Inline: Python-Markdown tries each of its fourteen inline patterns on every text node, in Python,
and most text of these documents holds none of the characters a pattern needs: checking for them
first gives the same HTML with far less work. An inline pattern it does not know switches this off.

Links: the link pattern walks the text and the URL of every link character by character, to
match nested brackets, titles and quotes. A plain `[text](url)` has none of them, and two regular
expressions read it. Before it, the four reference patterns read every link the same way to look
its id up among the text's reference definitions: with no definition, they are skipped.

Tables: the tables extension splits the first line of every block of two lines or more to see
whether it starts a table, and splits every row by walking it for backticks, escapes and pipes.
A block whose second line is not a separator row (pipes, colons, dashes, spaces) is no table, and
a row with no backtick and no backslash splits at every pipe, which str.split does at once.

Raw HTML: md_in_html rebuilds its sets of block-level tags from a list at every tag it reads, and
Markdown.is_block_level searches that list; both use sets made once per page here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.md_in_html import HtmlBlockPreprocessor, HTMLExtractorExtra
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString, Registry

from generator.mkdocs_plugin.speedups.guard import Internal, Speedup

FAST_MARKDOWN = Speedup(
    "chuyển Markdown nhanh",
    "Python-Markdown 3.11.3",
    (
        # The inline loop re-implemented below, and what it calls.
        Internal("markdown.treeprocessors:InlineProcessor.run", "f6c93631f287"),
        Internal("markdown.treeprocessors:InlineProcessor._InlineProcessor__handleInline", "fe27babc114a"),
        Internal("markdown.treeprocessors:InlineProcessor._InlineProcessor__applyPattern", "8862b35197c0"),
        Internal("markdown.util:Registry._sort", "8260424a43a9"),
        Internal("markdown.core:Markdown.reset", "e803a4ef1f19"),  # md.references
        Internal("markdown.core:Markdown.is_block_level", "dc551fffd52a"),
        Internal("markdown.inlinepatterns:build_inlinepatterns", "78e74889e7b3"),  # the patterns TRIGGERS names
        Internal("markdown.inlinepatterns:LinkInlineProcessor.getText", "7d0978a16aae"),
        Internal("markdown.inlinepatterns:LinkInlineProcessor.getLink", "fa42883beb88"),
        Internal("markdown.extensions.tables:TableProcessor.test", "399019a4927e"),
        Internal("markdown.extensions.tables:TableProcessor._split", "d211f03a810f"),
        Internal("markdown.extensions.md_in_html:HTMLExtractorExtra.__init__", "0c71861fbb62"),
        Internal("markdown.extensions.md_in_html:HTMLExtractorExtra.block_level_tags", "70e8c118eeb6"),
        Internal("markdown.extensions.md_in_html:HTMLExtractorExtra.block_tags", "6119369f09ad"),
        Internal("markdown.extensions.md_in_html:HTMLExtractorExtra.span_and_blocks_tags", "b52d7b57fe0c"),
        Internal("markdown.extensions.md_in_html:HtmlBlockPreprocessor.run", "79cbd05926bc"),
    ),
)

# What each of Python-Markdown's inline patterns needs in the text to match at all.
TRIGGERS = {
    "backtick": re.compile("`"),
    "escape": re.compile(r"\\"),
    "reference": re.compile(r"\["),
    "link": re.compile(r"\["),
    "image_link": re.compile(r"!\["),
    "image_reference": re.compile(r"!\["),
    "short_reference": re.compile(r"\["),
    "short_image_ref": re.compile(r"!\["),
    "autolink": re.compile("<"),
    "automail": re.compile("<"),
    "linebreak": re.compile("  \n"),
    "html": re.compile("<"),
    "entity": re.compile("&"),
    "em_strong": re.compile("[*_]"),
}
# Patterns that only ever link to a reference defined in the text ("[id]: url"); without any such
# definition they leave the text as it is.
_REFERENCES = frozenset(("reference", "image_reference", "short_reference", "short_image_ref"))
_NEVER = re.compile("(?!)")
# What a separator row can hold: its cells only "|:- ", but Python-Markdown takes pairs of
# backslashes just before the closing pipe as part of that pipe (two backslashes and "|" close a
# row as "|" does), so a line with backslashes goes to the full test.
_SEPARATOR_ROW = frozenset("|:- \\")
_PLAIN_LINK_TEXT = re.compile(r"[^\[\]]*\]")
_PLAIN_LINK_URL = re.compile(r"""\(([^\s()'"<\x02\x03]*)\)""")
_ANY = re.compile("|".join(sorted({t.pattern for t in TRIGGERS.values()})))


class _ShortcutInline(InlineProcessor):
    """Python-Markdown's inline processor, asked to skip patterns whose first character is absent."""

    # Each pattern in the order patternIndex counts in, with what it needs in the text to match.
    patterns: list[tuple[Any, re.Pattern[str]]] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        registry = self.inlinePatterns
        registry._sort()  # type: ignore[attr-defined]  # private, checked by FAST_MARKDOWN
        names = [item.name for item in registry._priority]  # type: ignore[attr-defined]  # likewise
        known = set(names) <= TRIGGERS.keys()
        idle = frozenset() if self.md.references else _REFERENCES
        self.patterns = [(registry[name], _NEVER if name in idle else TRIGGERS[name]) for name in names] if known else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """Python-Markdown's loop over the patterns, skipping those that cannot match from startIndex on."""
        patterns = self.patterns
        if patterns is None:
            handled: str = super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]  # name-mangled, checked by FAST_MARKDOWN
            return handled
        if isinstance(data, AtomicString) or (patternIndex == 0 and _ANY.search(data) is None):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # name-mangled, checked by FAST_MARKDOWN
        start = 0
        while patternIndex < len(patterns):
            pattern, trigger = patterns[patternIndex]
            if trigger.search(data, start) is None:
                matched, start = False, 0  # what applyPattern returns when nothing matches
            else:
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1  # noqa: N806 - Python-Markdown's own name, kept to compare the loops
        return data


class _ShortcutLink(LinkInlineProcessor):
    """The link pattern, reading a plain `[text](url)` with two regular expressions instead of by character."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        # With no "[" before the first "]", the bracket count falls to zero at that "]".
        plain = _PLAIN_LINK_TEXT.match(data, index)
        if plain is None:
            return super().getText(data, index)
        return data[index : plain.end() - 1], plain.end(), True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        # No space, bracket, quote, "<" or stashed placeholder: no title to find, nothing to
        # unescape or strip, and the first ")" closes the link.
        plain = _PLAIN_LINK_URL.match(data, index)
        if plain is None:
            return super().getLink(data, index)
        return plain.group(1), None, plain.end(), True


class _ShortcutTable(TableProcessor):
    """The tables extension's processor, splitting plain rows with str.split."""

    def test(self, parent: Any, block: str) -> bool:
        # A table's second line is its separator row; without one, splitting the first line (often
        # a paragraph's whole text) would be wasted.
        lines = block.split("\n", 2)
        if len(lines) < 2 or not _SEPARATOR_ROW.issuperset(lines[1]):
            return False
        return super().test(parent, block)

    def _split(self, row: str) -> list[str]:
        if "`" in row or "\\" in row:
            cells: list[str] = super()._split(row)  # type: ignore[misc]  # not in the stubs; checked by FAST_MARKDOWN
            return cells
        return row.split("|")


class _SetsOnceExtractor(HTMLExtractorExtra):
    """md_in_html's HTML reader, with its sets of tags made once instead of at every tag."""

    # Properties in HTMLExtractorExtra that build a set from md.block_level_elements on each use;
    # plain attributes here, set when the reader is made for a page.
    block_level_tags: set[str] = set()  # noqa: RUF012 - replaced per reader in __init__
    block_tags: set[str] = set()  # noqa: RUF012 - replaced per reader in __init__
    span_and_blocks_tags: set[str] = set()  # noqa: RUF012 - replaced per reader in __init__

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.block_level_tags = set(md.block_level_elements)
        self.block_tags = self.block_level_tags - (self.span_tags | self.raw_tags | self.empty_tags)
        self.span_and_blocks_tags = self.block_tags | self.span_tags


class _SetsOnceHtmlBlocks(HtmlBlockPreprocessor):
    """md_in_html's preprocessor, reading with the extractor above."""

    def run(self, lines: list[str]) -> list[str]:
        parser = _SetsOnceExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _Registrar(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.treeprocessors.register(_ShortcutInline(md), "inline", 20)
        _replace(md.inlinePatterns, "link", LinkInlineProcessor, lambda _: _ShortcutLink(LINK_RE, md))
        # md_in_html and tables must have come first: otherwise their processors are not there yet.
        _replace(md.preprocessors, "html_block", HtmlBlockPreprocessor, lambda _: _SetsOnceHtmlBlocks(md))
        _replace(md.parser.blockprocessors, "table", TableProcessor, lambda table: _ShortcutTable(md.parser, table.config))
        block_level = frozenset(md.block_level_elements)  # a list, searched ~600 times a page
        md.is_block_level = partial(_is_block_level, block_level)  # type: ignore[method-assign]  # per instance, same signature


def _replace(registry: Registry[Any], name: str, original: type, shortcut: Callable[[Any], Any]) -> None:
    """Put shortcut(processor) in place of the processor `name`, at its priority, if it is exactly `original`."""
    if name in registry and type(registry[name]) is original:
        priority = next(item.priority for item in registry._priority if item.name == name)  # type: ignore[attr-defined]  # checked
        registry.register(shortcut(registry[name]), name, priority)


def _is_block_level(block_level: frozenset[str], tag: Any) -> bool:
    """Markdown.is_block_level, with a set."""
    return isinstance(tag, str) and tag.lower().rstrip("/") in block_level


def makeExtension(**kwargs: object) -> Extension:  # noqa: N802
    return _Registrar(**kwargs)
