"""docs/'s static files are linked into the site, the theme's copied; MkDocs builds the site from docs/."""

from __future__ import annotations

import os
from pathlib import Path

from generator.commands.build import Project
from generator.commands.mkdocs_run import build_date, run_mkdocs
from tests.conftest import AS_OF, files_of


def test_static_files_of_docs_are_linked_into_the_site(built: Project) -> None:
    for path in ("documents.json", "van-ban/20-kh-tw.json", "van-ban/20-kh-tw.pdf", "javascripts/numbers.js", "feed.xml"):
        assert os.path.samefile(built.site_dir / path, built.docs_dir / path), path


def test_pages_and_the_themes_files_are_not_linked(built: Project) -> None:
    assert (built.site_dir / "van-ban" / "20-kh-tw" / "index.html").stat().st_nlink == 1
    theme_css = next((built.site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    assert theme_css.stat().st_nlink == 1


def test_a_second_build_of_docs_equals_the_first(built: Project, tmp_path: Path) -> None:
    # Linked files are replaced, never written into: building again from docs/ leaves the first site as it was.
    before = files_of(built.site_dir)
    with build_date(AS_OF):
        run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    assert files_of(tmp_path / "site") == before == files_of(built.site_dir)
