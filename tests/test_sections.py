"""generator/mkdocs_plugin/search/sections.py splits HTML into the very sections Material's search parser makes."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser, Section

from generator.commands.build import Project
from generator.mkdocs_plugin.search.sections import _tokens, split_sections
from generator.mkdocs_plugin.speedups import fastmarkdown


def materials(html: str) -> list[Section]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def described(sections: list[Section]) -> list[tuple[object, ...]]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in sections]


def outcome(split: object, html: str) -> object:
    """The sections, or the exception Material's rules run into on broken nesting."""
    try:
        return described(split(html))  # type: ignore[operator]
    except ValueError as error:
        return type(error)


def test_every_page_of_the_site_splits_as_material_splits_it(built: Project) -> None:
    from mkdocs.config import load_config

    config = load_config(str(built.config_file), docs_dir=str(built.docs_dir))
    extensions = [*config["markdown_extensions"], fastmarkdown.makeExtension()]
    pages = sorted((built.docs_dir).rglob("*.md"))
    assert len(pages) > 40
    for path in pages:
        html = markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"]).convert(
            path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        )
        assert _tokens(html) is not None, path  # the fast way, not the fallback
        assert described(split_sections(html)) == described(materials(html)), path


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="a">A</h2><div data-search-exclude><p>ẩn</p></div><p>hiện</p>',
        '<pre class="linenodiv">1</pre><h2 id="b">B</h2>',
        "<h1 id='x'>nháy đơn</h1><p>chữ</p>",
        "<p>a <script>if (a < b) {}</script> b</p>",
        '<!DOCTYPE html><h2 id="c">C</h2>',
        "<p>dấu < lẻ</p>",
    ],
)
def test_html_outside_the_fast_way_goes_to_materials_parser(html: str) -> None:
    assert _tokens(html) is None
    assert described(split_sections(html)) == described(materials(html))


@pytest.mark.parametrize(
    "html",
    [
        "<pre>a<span> </span> \n</pre>",  # whitespace kept as is inside pre
        '<h2 id="x" hidden>Mục</h2><p>chữ</p>',  # an attribute without a value is None
        '<h2 id="y">Mục <a class="headerlink" href="#y">¶</a></h2><p><a href="#y">chữ</a></p>',
    ],
)
def test_edge_cases_split_as_material_splits_them(html: str) -> None:
    assert _tokens(html) is not None
    assert described(split_sections(html)) == described(materials(html))


TEXTS = st.sampled_from(["Nghị quyết", " ", "\n", "  \n ", "a &amp; b", "&lt;tag&gt;", "x\ny", "Đ&#273;"])
INLINE = ["strong", "em", "code", "sub", "sup", "span"]
BLOCK = ["div", "p", "ul", "ol", "li", "pre", "figure", "table", "td"]


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "text", "inline", "block", "heading", "void", "comment", "stray"]))
        if kind == "text":
            parts.append(draw(TEXTS))
        elif kind == "void":
            parts.append(draw(st.sampled_from(["<br>", "<br />", "<hr/>", '<img alt="a &amp; b" src="x.png">'])))
        elif kind == "comment":
            parts.append("<!-- ghi chú -->")
        elif kind == "stray":  # end tags that match nothing open, as broken HTML has
            parts.append(draw(st.sampled_from(["</p>", "</div>", "</h2>"])))
        elif kind == "heading":
            level = draw(st.integers(1, 4))
            anchor = draw(st.sampled_from(["", ' id="muc"', ' id="a-1" class="x"']))
            permalink = draw(st.sampled_from(["", '<a class="headerlink" href="#muc" title="Liên kết">¶</a>']))
            parts.append(f"<h{level}{anchor}>{draw(TEXTS)}{permalink}</h{level}>")
        elif depth < 3:
            tag = draw(st.sampled_from(INLINE if kind == "inline" else BLOCK))
            attributes = draw(st.sampled_from(["", ' class="doc-item"', " hidden", ' title="&quot;x&quot;"']))
            inner = draw(fragments(depth + 1))
            closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag.upper()}>", ""]))
            parts.append(f"<{tag}{attributes}>{inner}{closing}")
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(fragments())
def test_random_html_splits_as_material_splits_it(html: str) -> None:
    assert outcome(split_sections, html) == outcome(materials, html)
