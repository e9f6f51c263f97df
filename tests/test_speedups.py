"""Speed-ups that touch other libraries' internals: checked before use, off on a mismatch, never changing the site."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown.treeprocessors
import mkdocs.structure.pages
import pytest
from material.plugins.search import plugin as material_search

from generator.commands.build import Project
from generator.commands.mkdocs_run import build_date, run_mkdocs
from generator.mkdocs_plugin.plugin import THEME_CACHE
from generator.mkdocs_plugin.search.indexing import INDEX_WORKER, MATERIAL_ENTRIES
from generator.mkdocs_plugin.search.sections import FAST_SECTIONS
from generator.mkdocs_plugin.speedups import fastmarkdown, fastpages, guard, splitbuild, turns
from generator.mkdocs_plugin.speedups.rebuild import INSTANT_REBUILD
from tests.conftest import AS_OF, files_of

GUARDED = [
    fastmarkdown.FAST_MARKDOWN,
    fastpages.FAST_PAGES,
    turns.PAGE_TURNS,
    splitbuild.SPLIT_BUILD,
    FAST_SECTIONS,
    INSTANT_REBUILD,
    MATERIAL_ENTRIES,
]
ALL = [*GUARDED, INDEX_WORKER, THEME_CACHE]


@pytest.fixture(autouse=True)
def fresh_checks() -> Iterator[None]:
    """Each test checks the libraries afresh, and leaves no remembered verdict behind."""
    guard.usable.cache_clear()
    yield
    guard.usable.cache_clear()


@pytest.mark.parametrize("speedup", GUARDED, ids=lambda s: s.name)
def test_every_internal_is_as_written_against(speedup: guard.Speedup) -> None:
    """The pinned libraries are the ones each speed-up was written against (an upgrade fails here first)."""
    assert speedup.internals and speedup.mismatch() is None


def test_names_are_unique() -> None:
    assert len({s.name for s in ALL}) == len(ALL)


def test_a_changed_or_missing_internal_is_a_mismatch(monkeypatch: pytest.MonkeyPatch) -> None:
    original = markdown.treeprocessors.InlineProcessor.run

    def run(self: Any, tree: Any, ancestors: Any = None) -> Any:  # a new release: same behaviour, other code
        return original(self, tree, ancestors)

    monkeypatch.setattr(markdown.treeprocessors.InlineProcessor, "run", run)
    assert fastmarkdown.FAST_MARKDOWN.mismatch() == "markdown.treeprocessors:InlineProcessor.run đã đổi"
    missing = guard.Internal("markdown.util:Registry._no_such_method")
    assert missing.mismatch() == "không còn markdown.util:Registry._no_such_method"
    assert guard.Internal("no_such_module:thing").mismatch() == "không còn no_such_module:thing"


def test_a_mismatch_is_said_once(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    speedup = guard.Speedup("thử", "Thư viện 1.0", (guard.Internal("markdown.util:Registry._gone"),))
    assert not guard.usable(speedup) and not guard.usable(speedup)
    said = [r.getMessage() for r in caplog.records if r.name == "generator.speedups"]
    assert said == [
        "Tắt tăng tốc thử (viết cho Thư viện 1.0): không còn markdown.util:Registry._gone; "
        "dựng bằng mã gốc của thư viện, kết quả không đổi."
    ]


def _new_releases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python-Markdown, MkDocs and Material as a new release might have them: same behaviour, other code."""
    inline_run = markdown.treeprocessors.InlineProcessor.run
    page_render = mkdocs.structure.pages.Page.render
    parser = material_search.Parser

    def run(self: Any, tree: Any, ancestors: Any = None) -> Any:
        return inline_run(self, tree, ancestors)

    def render(self: Any, config: Any, files: Any) -> None:
        page_render(self, config, files)

    class Parser(parser):  # type: ignore[misc, valid-type]  # Material's class, subclassed as a fork might
        pass

    monkeypatch.setattr(markdown.treeprocessors.InlineProcessor, "run", run)
    monkeypatch.setattr(mkdocs.structure.pages.Page, "render", render)
    monkeypatch.setattr(material_search, "Parser", Parser)


def test_with_other_releases_the_site_is_built_the_same_with_a_warning_each(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(splitbuild, "MIN_PAGES", 2)  # the real site is small: split it all the same
    _new_releases(monkeypatch)
    with build_date(AS_OF):
        plugin = run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    assert files_of(tmp_path / "site") == files_of(built.site_dir)
    said = sorted(r.getMessage().split(" (viết cho")[0] for r in caplog.records if r.name == "generator.speedups")
    # Pages converted where MkDocs converts them: no split either (it shares pages out at their turn).
    off = [fastmarkdown.FAST_MARKDOWN, fastpages.FAST_PAGES, turns.PAGE_TURNS, FAST_SECTIONS]
    assert said == sorted(f"Tắt tăng tốc {s.name}" for s in off)
    assert plugin.used == [INDEX_WORKER.name, THEME_CACHE.name] and plugin.split.shares is None
    assert mkdocs.structure.pages._RawHTMLPreprocessor is fastpages.RawHTMLAnchors.__base__


def test_with_speedups_off_the_site_is_the_same(built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splitbuild, "MIN_PAGES", 2)
    with build_date(AS_OF):
        plugin = run_mkdocs(built.config_file, built.docs_dir, tmp_path / "on")
        assert sorted(plugin.used) == sorted(s.name for s in ALL if s is not INSTANT_REBUILD and s is not MATERIAL_ENTRIES)
        assert plugin.split.shares is not None and all(plugin.split.shares)
        plugin = run_mkdocs(built.config_file, built.docs_dir, tmp_path / "off", speedups=False)
        assert plugin.used == [] and plugin.split.shares is None
    assert files_of(tmp_path / "off") == files_of(tmp_path / "on") == files_of(built.site_dir)


def test_where_materials_indexing_code_differs_material_indexes_the_site(
    built: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sharded index needs Material's own entry code; without it, the search worker reads Material's index."""
    create = material_search.SearchIndex.create_entry_for_section

    def changed(self: Any, section: Any, toc: Any, url: Any, page: Any) -> None:
        create(self, section, toc, url, page)

    monkeypatch.setattr(material_search.SearchIndex, "create_entry_for_section", changed)
    with build_date(AS_OF):
        plugin = run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    assert not plugin.indexing and not (tmp_path / "site" / "search" / "vn").exists()
    import json

    docs = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"] == "van-ban/20-kh-tw/#iv-3" for d in docs)


def test_the_page_classes_are_put_back_after_a_failed_build(built: Project, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("[mất](khong-co.md)\n", encoding="utf-8")
    with pytest.raises(Exception, match="strict"):
        run_mkdocs(built.config_file, tmp_path / "docs", tmp_path / "site")
    assert mkdocs.structure.pages._RawHTMLPreprocessor is fastpages.RawHTMLAnchors.__base__
    assert mkdocs.structure.pages._RelativePathTreeprocessor is fastpages.RelativeLinks.__base__


def test_the_page_classes_are_mkdocs_own_between_builds(built: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with build_date(AS_OF):
        run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    assert mkdocs.structure.pages._RawHTMLPreprocessor is fastpages.RawHTMLAnchors.__base__
