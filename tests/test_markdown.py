"""Unit tests of escaping and relative links."""

import re
from html import unescape

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.pages.markdown import escape, link, relative


@pytest.mark.parametrize(
    "from_page, to_page, expected",
    [
        ("van-ban/a.md", "van-ban/b.md", "b.md"),
        ("index.md", "van-ban/b.md", "van-ban/b.md"),
        ("van-ban/a.md", "co-quan/x.md", "../co-quan/x.md"),
        ("van-ban/index.md", "index.md", "../index.md"),
        ("van-ban/a.md", "https://vbpl.vn/van-ban/1", "https://vbpl.vn/van-ban/1"),
    ],
)
def test_relative(from_page: str, to_page: str, expected: str) -> None:
    assert relative(from_page, to_page) == expected


def test_link_with_anchor() -> None:
    assert link("20-KH/TW", "van-ban/a.md", "van-ban/20-kh-tw.md", "iv-3") == "[20-KH/TW](20-kh-tw.md#iv-3)"


@pytest.mark.parametrize(
    "text", ["1. mục", "- gạch", "+ cộng", "# tiêu đề", "*đậm* _nghiêng_", "<b>x</b> &amp; {: #id }", "a | b", "\\ `code`", "[x](y)"]
)
def test_escaped_text_renders_literally(text: str) -> None:
    html = markdown.markdown(escape(text), extensions=["attr_list", "md_in_html", "tables"])
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner, "the text must not create elements"
    assert unescape(inner) == text


def _escape_by_substitution(text: str) -> str:
    """escape() as two plain substitutions: every special character, then a line-start marker."""
    escaped = re.sub("[" + re.escape("\\`*_{}[]#&<>|") + "]", lambda m: ESCAPES[m.group()], text)
    return re.sub(r"^([-+]|\d+(?=\.))", lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), escaped)


ESCAPES = {
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


@given(st.text(alphabet=st.sampled_from(list("\\`*_{}[]#&<>|-+.1 aă\n")), max_size=20))
def test_escape_equals_plain_substitution(text: str) -> None:
    assert escape(text) == _escape_by_substitution(text)


def _relative_by_segments(from_page: str, to_page: str) -> str:
    """relative() as a walk over path segments, folder by folder."""
    source_dir = from_page.split("/")[:-1]
    parts = to_page.split("/")
    common = 0
    while common < len(source_dir) and common < len(parts) - 1 and source_dir[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(source_dir) - common) + parts[common:])


PAGE_PATHS = st.lists(st.sampled_from(["van-ban", "co-quan", "a", "index.md", "x.md"]), min_size=1, max_size=4).map("/".join)


@given(PAGE_PATHS, PAGE_PATHS)
def test_relative_equals_walk_over_segments(from_page: str, to_page: str) -> None:
    assert relative(from_page, to_page) == _relative_by_segments(from_page, to_page)
