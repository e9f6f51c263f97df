"""A large site's pages rendered in two processes: the same site, the same checks, the same errors."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from generator.commands.build import Project
from generator.commands.mkdocs_run import SiteBuildError, build_date, run_mkdocs
from generator.mkdocs_plugin.search import indexing
from generator.mkdocs_plugin.speedups import splitbuild
from tests.conftest import AS_OF, REPO, files_of, site_plugin


@pytest.fixture
def split_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split every site of two pages or more."""
    monkeypatch.setattr(splitbuild, "MIN_PAGES", 2)


@pytest.fixture
def alternate(split_small: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child renders every second page (where it may), whichever process comes first."""

    def take(self: splitbuild.Split, number: int, last: bool) -> bool:
        return (number % 2 == 1) == self.in_child or (last and not self.in_child)

    monkeypatch.setattr(splitbuild.Split, "_take", take)


def test_the_split_build_writes_the_same_site(built: Project, tmp_path: Path, split_small: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")
    with build_date(AS_OF):
        plugin = run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    shares = plugin.split.shares
    assert shares is not None and all(shares)
    assert files_of(tmp_path / "site") == files_of(built.site_dir)
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]
    assert plugin.split.child is None and not plugin.split.active


def small_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A site of `pages` built with the project's theme and plugin; the path of its config."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: t\ntheme:\n  name: material\n  custom_dir: {REPO / 'generator' / 'theme'}\nplugins: [search, nghi-quyet-45]\n"
        "markdown_extensions: [attr_list, toc]\n"
        "validation:\n  links:\n    anchors: warn\n",
        encoding="utf-8",
    )
    return config


def chain(count: int, broken: bool = True) -> dict[str, str]:
    """Pages p0… each linking to an anchor the next page has and (`broken`) one it does not."""
    bad = " [không](p{}.md#khong)" if broken else ""
    return {f"p{n}.md": f"# Trang {n}\n\n## Mục {{: #co }}\n\n[có](p{n + 1}.md#co){bad.format(n + 1)}\n" for n in range(count)} | {
        f"p{count}.md": f"# Trang {count}\n\n## Mục {{: #co }}\n"
    }


def test_links_to_anchors_are_checked_across_both_processes(tmp_path: Path, alternate: None, caplog: pytest.LogCaptureFixture) -> None:
    pages = chain(5)
    pages["p1.md"] += "\n[mất](gone.md)\n"  # p1 is the child's: its warning is logged by the parent
    config = small_site(tmp_path, pages)
    with pytest.raises(SiteBuildError, match="6 warnings in strict mode"):
        run_mkdocs(config, tmp_path / "docs", tmp_path / "site")
    warnings = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert warnings == sorted(
        [
            f"Doc file 'p{n}.md' contains a link 'p{n + 1}.md#khong', but the doc 'p{n + 1}.md' does not contain an anchor '#khong'."
            for n in range(5)
        ]
        + ["Doc file 'p1.md' contains a link 'gone.md', but the target is not found among documentation files."]
    )
    assert not (tmp_path / "site").exists()


def test_a_failure_in_the_child_fails_the_build_and_names_the_cause(
    tmp_path: Path, alternate: None, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_entries = indexing.page_entries
    parent = os.getpid()

    def entries(page: indexing.PageData, fast: bool = True) -> list[indexing.Entry]:
        if os.getpid() != parent and page[0].startswith("p3"):
            raise RuntimeError("hỏng ở trang p3")
        return real_entries(page, fast)

    monkeypatch.setattr(indexing, "page_entries", entries)
    config = small_site(tmp_path, chain(5, broken=False))
    with pytest.raises(SiteBuildError):
        run_mkdocs(config, tmp_path / "docs", tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("Tiến trình dựng trang thứ hai thất bại" in e and "RuntimeError: hỏng ở trang p3" in e for e in errors)
    assert site_plugin(config).split.child is None
    assert not (tmp_path / "site").exists()


def test_small_sites_and_the_preview_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = small_site(tmp_path, chain(3, broken=False))
    assert run_mkdocs(config, tmp_path / "docs", tmp_path / "site").split.shares is None
    monkeypatch.setattr(splitbuild, "MIN_PAGES", 2)
    plugin = site_plugin(config)
    plugin.on_startup(command="serve", dirty=False)
    try:
        run_mkdocs(config, tmp_path / "docs", tmp_path / "site")
    finally:
        plugin.on_shutdown()
    assert plugin.split.shares is None and (tmp_path / "site" / "p3" / "index.html").exists()
