"""Unit tests of escaping and relative links."""

from html import unescape

import markdown
import pytest

from generator.markdown import escape, link, relative


@pytest.mark.parametrize("from_page, to_page, expected", [
    ("van-ban/a.md", "van-ban/b.md", "b.md"),
    ("index.md", "van-ban/b.md", "van-ban/b.md"),
    ("van-ban/a.md", "co-quan/x.md", "../co-quan/x.md"),
    ("van-ban/index.md", "index.md", "../index.md"),
    ("van-ban/a.md", "https://vbpl.vn/van-ban/1", "https://vbpl.vn/van-ban/1"),
])
def test_relative(from_page: str, to_page: str, expected: str) -> None:
    assert relative(from_page, to_page) == expected


def test_link_with_anchor() -> None:
    assert link("20-KH/TW", "van-ban/a.md", "van-ban/20-kh-tw.md", "iv-3") == "[20-KH/TW](20-kh-tw.md#iv-3)"


@pytest.mark.parametrize("text", ["1. mục", "- gạch", "+ cộng", "# tiêu đề", "*đậm* _nghiêng_", "<b>x</b> &amp; {: #id }", "a | b", "\\ `code`", "[x](y)"])
def test_escaped_text_renders_literally(text: str) -> None:
    html = markdown.markdown(escape(text), extensions=["attr_list", "md_in_html", "tables"])
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner, "the text must not create elements"
    assert unescape(inner) == text
