"""A Python-Markdown extension that gives the same HTML with less work: two shortcuts.

Inline: Python-Markdown tries each of its fourteen inline patterns on every text node, in Python,
and most text of these documents holds none of the characters a pattern needs: checking for them
first gives the same HTML with far less work. An inline pattern it does not know switches this off.

Tables: the tables extension splits the first line of every block of two lines or more to see
whether it starts a table, and splits every row by walking it for backticks, escapes and pipes.
A block whose second line is not a separator row (pipes, colons, dashes, spaces) is no table, and
a row with no backtick and no backslash splits at every pipe, which str.split does at once.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# What each of Python-Markdown's inline patterns needs in the text to match at all.
TRIGGERS = {
    "backtick": re.compile("`"), "escape": re.compile(r"\\"), "reference": re.compile(r"\["), "link": re.compile(r"\["),
    "image_link": re.compile(r"!\["), "image_reference": re.compile(r"!\["), "short_reference": re.compile(r"\["),
    "short_image_ref": re.compile(r"!\["), "autolink": re.compile("<"), "automail": re.compile("<"),
    "linebreak": re.compile("  \n"), "html": re.compile("<"), "entity": re.compile("&"), "em_strong": re.compile("[*_]"),
}
_SEPARATOR_ROW = frozenset("|:- ")
_ANY = re.compile("|".join(sorted({t.pattern for t in TRIGGERS.values()})))


class _ShortcutInline(InlineProcessor):
    """Python-Markdown's inline processor, asked to skip patterns whose first character is absent."""

    # Each pattern in the order patternIndex counts in, with what it needs in the text to match.
    patterns: list[tuple[Any, re.Pattern[str]]] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        registry = self.inlinePatterns
        registry._sort()
        names = [item.name for item in registry._priority]
        known = set(names) <= TRIGGERS.keys()
        self.patterns = [(registry[name], TRIGGERS[name]) for name in names] if known else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """Python-Markdown's loop over the patterns, skipping those that cannot match from startIndex on."""
        patterns = self.patterns
        if patterns is None:
            return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]
        if isinstance(data, AtomicString) or (patternIndex == 0 and _ANY.search(data) is None):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(patterns):
            pattern, trigger = patterns[patternIndex]
            if trigger.search(data, start) is None:
                matched, start = False, 0  # what applyPattern returns when nothing matches
            else:
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


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
            return super()._split(row)
        return row.split("|")


class _Registrar(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.treeprocessors.register(_ShortcutInline(md), "inline", 20)
        blocks = md.parser.blockprocessors
        if "table" in blocks and type(blocks["table"]) is TableProcessor:  # the tables extension came first
            priority = next(item.priority for item in blocks._priority if item.name == "table")
            blocks.register(_ShortcutTable(md.parser, blocks["table"].config), "table", priority)


def makeExtension(**kwargs: object) -> Extension:  # noqa: N802
    return _Registrar(**kwargs)
