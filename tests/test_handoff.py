"""MkDocs given the generated files in memory builds the same site as from docs/ on disk."""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import Project
from generator.commands.mkdocs_run import build_date, run_mkdocs
from generator.mkdocs_plugin import handoff
from tests.conftest import AS_OF, files_of

TRICKY = [
    "index.md",
    "a.md",
    "a-b.md",
    "a/index.md",
    "a/z.md",
    "c/z.md",
    "c/README.md",
    "a/b/index.md",
    "a/b/c.json",
    "a-b/index.md",
    "a.b/x.md",
    "B/index.md",
    "b/Index.md",
    "b/index.html",
    "b/_a.md",
    "z.json",
    "van-ban/45-nq-tw.md",
    "van-ban/index.md",
    "van-ban/45-nq-tw.json",
    "so-hieu/45-nq-tw/index.html",
]


def get_files_order(tmp_path: Path, uris: list[str]) -> list[str]:
    """The order in which MkDocs itself lists these files from a docs folder."""
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    for uri in uris:
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text("x", encoding="utf-8")
    config = {
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "use_directory_urls": True,
        "exclude_docs": None,
        "draft_docs": None,
        "not_in_nav": None,
    }
    return [file.src_uri for file in get_files(config)]  # type: ignore[arg-type]


def test_handed_files_come_in_the_order_mkdocs_reads_a_folder(tmp_path: Path) -> None:
    shuffled = random.Random(4).sample(TRICKY, len(TRICKY))
    assert sorted(shuffled, key=handoff.walk_order) == get_files_order(tmp_path, TRICKY)


segment = st.sampled_from(["index", "a", "a-b", "a.b", "b", "B", "_x", "z9"])


@settings(max_examples=40, deadline=None)
@given(st.sets(st.lists(segment, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".md"), min_size=1, max_size=12))
def test_any_set_of_paths_comes_in_mkdocs_order(tmp_path_factory, uris: set[str]) -> None:  # type: ignore[no-untyped-def]
    # A folder cannot also be a file: drop paths whose folder is another path's file name.
    names = {uri.removesuffix(".md") for uri in uris}
    usable = sorted(uri for uri in uris if not any(uri.startswith(name + ".md/") for name in names))
    assert sorted(usable, key=handoff.walk_order) == get_files_order(tmp_path_factory.mktemp("order"), usable)


def test_a_handed_file_hides_the_theme_file_of_the_same_path() -> None:
    from mkdocs.structure.files import File, Files

    config = SimpleNamespace(site_dir="/site", use_directory_urls=True, plugins=SimpleNamespace(_current_plugin="nghi-quyet-45"))
    theme = Files([File("404.html", "/theme", "/site", True), File("stylesheets/extra.css", "/theme", "/site", True)])
    files = handoff.add_handed(theme, config, {"stylesheets/extra.css": b"ours", "index.md": b"# Home"})  # type: ignore[arg-type]
    assert [(f.src_uri, f.abs_src_path) for f in files] == [
        ("index.md", None),
        ("stylesheets/extra.css", None),
        ("404.html", "/theme/404.html"),
    ]
    assert files.get_file_from_path("stylesheets/extra.css").content_bytes == b"ours"  # type: ignore[union-attr]


def test_without_handed_files_mkdocs_reads_its_folder() -> None:
    from mkdocs.structure.files import Files

    from generator.mkdocs_plugin.plugin import SitePlugin

    files = Files([])
    assert SitePlugin().on_files(files, config=None) is files  # type: ignore[arg-type]


def test_the_site_built_from_memory_equals_the_site_built_from_docs(built: Project, tmp_path: Path) -> None:
    # `built` came from memory; docs/ holds the same files for any other engine.
    assert not any(built.handoff_dir.iterdir())
    with build_date(AS_OF):
        run_mkdocs(built.config_file, built.docs_dir, tmp_path / "site")
    assert files_of(tmp_path / "site") == files_of(built.site_dir)
