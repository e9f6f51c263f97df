"""MkDocs renders every page the same with generator/mkdocs_plugin/speedups/fastpages.py: HTML, anchors, links and warnings."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure import pages
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from generator.commands.build import Project
from generator.mkdocs_plugin.speedups import fastpages
from generator.support.engine import engine_loggers
from tests.conftest import REPO

LINKS = """# Liên kết

[a](45-nq-tw.md) [b](45-nq-tw.md#muc-1) [c](khong-co.md) [d](https://vusta.vn/) [e](/tuyet-doi.md)
[f](#day) [g](../index.md?x=1#y) [h](../van-ban/) [i](an.md) [j](45-nq-tw.md#muc-1) [k](<45-nq-tw.md>)
[l](45-nq-tw.md "tiêu đề") [m](45%2Dnq-tw.md) [n](mailto:a@b.vn) [o](.) [p](../so-hieu/) [q](tep.pdf)
[r](index.md) [s](/index.md) [t](?x=1)

<div id="day" markdown>
<a name="ten"></a><span ID='hoa'>x</span>
</div>
"""


def toc_of(items: Any) -> list[tuple[Any, ...]]:
    return [(item.title, item.url, item.level, toc_of(item.children)) for item in items]


def render_every_page(docs: Path, site: Path) -> tuple[dict[str, tuple[Any, ...]], list[tuple[int, str]]]:
    """Each page's HTML, anchors and links to anchors, and what MkDocs logged, rendering page by page."""
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config_file = docs.parent / "plain.yml"
    config_file.write_text(
        yaml.safe_dump(
            {
                "site_name": "t",
                "theme": {"name": "material"},  # ProperDocs ships no theme of its own
                "docs_dir": str(docs),
                "site_dir": str(site),
                "exclude_docs": "an.md",
                "markdown_extensions": ours["markdown_extensions"],
                "validation": ours["validation"],
            }
        ),
        encoding="utf-8",
    )
    config = load_config(str(config_file))
    files = get_files(config)
    get_navigation(files, config)
    records: list[tuple[int, str]] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append((record.levelno, record.getMessage()))  # type: ignore[method-assign]
    loggers = [logging.getLogger(root) for root in engine_loggers()]
    for logger in loggers:
        logger.addHandler(handler)
    rendered = {}
    try:
        for file in files.documentation_pages():
            page = file.page or pages.Page(None, file, config)
            page.read_source(config)
            page.render(config, files)
            links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
            rendered[file.src_uri] = (page.content, page.present_anchor_ids, links, toc_of(page.toc))
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    return rendered, records


@pytest.fixture
def docs(built: Project, tmp_path: Path) -> Path:
    """The generated pages and two pages of odd links, in two folders."""
    docs = tmp_path / "docs"
    shutil.copytree(built.docs_dir, docs)
    for path in ("van-ban/lien-ket.md", "van-ban/lien-ket-2.md", "so-hieu/lien-ket.md"):
        (docs / path).write_text(LINKS, encoding="utf-8")
    (docs / "van-ban" / "an.md").write_text("# Ẩn\n", encoding="utf-8")
    return docs


# MkDocs' own classes: any build in this process has installed ours in their place.
MKDOCS_RAW_HTML = fastpages.RawHTMLAnchors.__base__
MKDOCS_RELATIVE_PATHS = fastpages.RelativeLinks.__base__


def test_every_page_renders_the_same(docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "_RawHTMLPreprocessor", MKDOCS_RAW_HTML)
    monkeypatch.setattr(pages, "_RelativePathTreeprocessor", MKDOCS_RELATIVE_PATHS)
    plain, plain_log = render_every_page(docs, tmp_path / "plain")
    fastpages.install()
    assert pages._RelativePathTreeprocessor is fastpages.RelativeLinks
    fast, fast_log = render_every_page(docs, tmp_path / "fast")
    assert len(plain) > 30
    assert fast == plain
    assert fast_log == plain_log
    assert any("khong-co.md" in message for _, message in plain_log)  # the odd links are there to test
    assert plain["van-ban/lien-ket.md"][1] == {"day", "ten", "hoa", "lien-ket"}


ANCHOR_PARTS = ["<div", "<a", "<p", " id", " ID", " name", "=", '"x"', "'y'", "z", ">", "/", "\n", " ", "<!--", "-->", "id", "<"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ANCHOR_PARTS), max_size=12))
@example(["<div", "/", "id", "=", "z", ">"])
@example(["<a", " name", ">"])
@example(["<a", " id", "/", ">"])
@example(["<p", "\n", "id", "=", "'y'", "/", ">"])
def test_raw_html_anchors_are_found_as_mkdocs_finds_them(parts: list[str]) -> None:
    lines = "".join(parts).split("\n")
    plain, fast = MKDOCS_RAW_HTML(), fastpages.RawHTMLAnchors()
    assert fast.run(lines) == plain.run(lines) == lines
    assert fast.present_anchor_ids == plain.present_anchor_ids
