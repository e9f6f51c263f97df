"""Escape data so that Markdown and HTML show it literally, and build links."""

from __future__ import annotations

import functools
import html
import re

# Characters Python-Markdown gives meaning to anywhere in a line.
_ALWAYS = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
}
# One regex pass: str.translate with a mapping costs a Python call per character.
_SPECIAL = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# At the start of a line: list markers, and "1." which would start an ordered list.
_LINE_START = re.compile(r"^([-+]|\d+(?=\.))")


def escape(text: str) -> str:
    """Return `text` as Markdown that renders to exactly `text`."""
    if _SPECIAL.search(text) is not None:  # most texts have none, and a search alone is cheaper
        text = _SPECIAL.sub(_escaped, text)
    start = _LINE_START.match(text)
    if start is None:
        return text
    marker = start.group(1)
    return (marker + "\\" if marker.isdigit() else "\\" + marker) + text[start.end() :]


def _escaped(match: re.Match[str]) -> str:
    return _ALWAYS[match.group()]


def attribute(text: str) -> str:
    """Escape `text` for an HTML attribute value."""
    return html.escape(text, quote=True)


def relative(from_page: str, to_page: str, anchor: str | None = None, query: str = "") -> str:
    """Return the relative link from one Markdown source path to another (with anchor).

    Both are paths below the docs directory ("van-ban/x.md"), or an absolute URL as `to_page`.
    """
    if "://" in to_page:
        target = to_page
    else:
        target_folder, _, name = to_page.rpartition("/")
        target = _folder_path(from_page.rpartition("/")[0], target_folder) + name
    target += f"?{query}" if query else ""
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=4096)
def _folder_path(source_folder: str, target_folder: str) -> str:
    """The relative path from one folder to another, each "" or "a/b": "", "../", "van-ban/"."""
    source = source_folder.split("/") if source_folder else []
    target = target_folder.split("/") if target_folder else []
    common = 0
    while common < len(source) and common < len(target) and source[common] == target[common]:
        common += 1
    return "".join(part + "/" for part in [".."] * (len(source) - common) + target[common:])


def link(label_md: str, from_page: str, to_page: str, anchor: str | None = None, query: str = "") -> str:
    """Return a Markdown link whose label is already escaped; `query` is a URL query of our own (never data)."""
    return f"[{label_md}]({relative(from_page, to_page, anchor, query)})"
