"""Escape data so that Markdown and HTML show it literally, and build links."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown gives meaning to anywhere in a line.
_ALWAYS = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "{": "\\{", "}": "\\}", "[": "\\[", "]": "\\]",
           "#": "\\#", "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# One regex pass: str.translate with a mapping costs a Python call per character.
_SPECIAL = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# At the start of a line: list markers, and "1." which would start an ordered list.
_LINE_START = re.compile(r"^([-+]|\d+(?=\.))")


def escape(text: str) -> str:
    """Return `text` as Markdown that renders to exactly `text`."""
    escaped = _SPECIAL.sub(lambda m: _ALWAYS[m.group()], text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), escaped)


def attribute(text: str) -> str:
    """Escape `text` for an HTML attribute value."""
    return html.escape(text, quote=True)


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return the relative link from one Markdown source path to another (with anchor).

    Both are paths below the docs directory ("van-ban/x.md"), or an absolute URL as `to_page`.
    """
    if "://" in to_page:
        target = to_page
    else:
        source_dir = from_page.split("/")[:-1]
        parts = to_page.split("/")
        common = 0
        while common < len(source_dir) and common < len(parts) - 1 and source_dir[common] == parts[common]:
            common += 1
        target = "/".join([".."] * (len(source_dir) - common) + parts[common:])
    return f"{target}#{anchor}" if anchor else target


def link(label_md: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return a Markdown link whose label is already escaped."""
    return f"[{label_md}]({relative(from_page, to_page, anchor)})"
