"""The inline and table shortcuts change how fast Markdown is parsed, never the HTML."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import Project
from generator.fastmarkdown import makeExtension

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
def test_any_block_with_pipes_parses_the_same(text: str) -> None:
    plain, fast = both(text)
    assert plain == fast


def test_the_shortcut_table_processor_replaces_the_tables_one_in_place() -> None:
    blocks, plain_blocks = FAST.parser.blockprocessors, PLAIN.parser.blockprocessors
    blocks._sort()
    plain_blocks._sort()
    assert type(blocks["table"]).__name__ == "_ShortcutTable"
    assert [item.name for item in blocks._priority] == [item.name for item in plain_blocks._priority]


def test_unknown_inline_patterns_switch_the_shortcut_off() -> None:
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=[makeExtension()])
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert md.convert("a ~~b~~") == "<p>a <del>b</del></p>"
