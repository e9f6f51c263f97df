"""The inline and table shortcuts change how fast Markdown is parsed, never the HTML."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.commands.build import Project
from generator.mkdocs_plugin.speedups.fastmarkdown import makeExtension

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
PLAIN = markdown.Markdown(extensions=EXTENSIONS)
FAST = markdown.Markdown(extensions=[*EXTENSIONS, makeExtension()])


def both(text: str) -> tuple[str, str]:
    PLAIN.reset()
    FAST.reset()
    return PLAIN.convert(text), FAST.convert(text)


def test_every_generated_page_parses_the_same(built: Project) -> None:
    pages = sorted(built.docs_dir.rglob("*.md"))
    assert len(pages) > 30
    for path in pages:
        plain, fast = both(path.read_text(encoding="utf-8"))
        assert plain == fast, path


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *_`\\[]()!<>&#;:/@.\n-1đ", max_size=80))
def test_any_text_parses_the_same(text: str) -> None:
    plain, fast = both(text)
    assert plain == fast


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="a |`\\-:*[]()", max_size=16), min_size=1, max_size=4))
def test_any_table_parses_the_same(rows: list[str]) -> None:
    plain, fast = both("| a | b |\n| --- | :-: |\n" + "\n".join(rows))
    assert plain == fast


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a| :-\\`\n\t", max_size=40))
@example("|\n\\\\|")  # a separator row whose closing pipe comes after an escaped backslash
def test_any_block_with_pipes_parses_the_same(text: str) -> None:
    plain, fast = both(text)
    assert plain == fast


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]() a", max_size=12))
@example("[[](x)")  # a "[" inside the text: the bracket count decides where it ends
def test_any_brackets_parse_the_same(text: str) -> None:
    plain, fast = both(text)
    assert plain == fast


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="()a '\"<>\\*`\t\n", max_size=10))
@example(" b)")  # stripped
@example("\\*b)")  # an escape stashed inside the URL
@example('b"t")')  # a title
@example("<b>)")  # a URL in angle brackets
def test_any_link_url_parses_the_same(url: str) -> None:
    plain, fast = both(f"[a]({url}")
    assert plain == fast


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()!: ar\n", max_size=16))
@example("[a][r] [r] ![a][r] ![r]\n\n[r]: x.md")  # references are skipped only when none is defined
def test_any_reference_parses_the_same(text: str) -> None:
    plain, fast = both(text)
    assert plain == fast


HTML_PARTS = [
    '<div class="a" markdown>',
    "</div>",
    '<p class="b" markdown>',
    "</p>",
    "<span>",
    "</span>",
    '<div markdown="span">',
    '<p markdown="block">',
    '<div markdown="0">',
    "<hr>",
    "<hr markdown>",
    "<br/>",
    "<!-- c -->",
    "t",
    "**t**",
    "- i",
    "\n",
    "\n\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HTML_PARTS), max_size=12))
@example(['<div class="a" markdown>', "t", "<hr markdown>", "</div>"])  # hr is no block inside markdown
@example(['<div markdown="span">', "\n\n", '<p markdown="block">', "- i", "</p>", "</div>"])
def test_any_html_block_parses_the_same(parts: list[str]) -> None:
    plain, fast = both("".join(parts))
    assert plain == fast


@pytest.mark.parametrize("name", ["table", "html_block", "link"])
def test_each_shortcut_replaces_its_processor_in_place(name: str) -> None:
    registries = {
        "table": lambda md: md.parser.blockprocessors,
        "html_block": lambda md: md.preprocessors,
        "link": lambda md: md.inlinePatterns,
    }
    fast, plain = registries[name](FAST), registries[name](PLAIN)
    fast._sort()
    plain._sort()
    assert type(fast[name]).__name__.startswith(("_Shortcut", "_SetsOnce"))
    assert [(item.name, item.priority) for item in fast._priority] == [(item.name, item.priority) for item in plain._priority]


def test_block_level_tags_are_the_same() -> None:
    tags = [*PLAIN.block_level_elements, "span", "a", "DIV", "p/", 7, None]
    assert [FAST.is_block_level(tag) for tag in tags] == [PLAIN.is_block_level(tag) for tag in tags]


def test_unknown_inline_patterns_switch_the_shortcut_off() -> None:
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=[makeExtension()])
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert md.convert("a ~~b~~") == "<p>a <del>b</del></p>"
