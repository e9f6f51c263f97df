"""Our override of Material's search partial must track the pinned Material version."""

from pathlib import Path

import material

from tests.conftest import REPO

PATCH = ('role="dialog">', "role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">")


def test_search_partial_is_the_pinned_original_plus_a_label() -> None:
    original = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    override = (REPO / "generator" / "theme" / "partials" / "search.html").read_text(encoding="utf-8")
    assert PATCH[0] in original, "Material's search partial changed: re-create the override from the new version"
    assert override == original.replace(*PATCH)


def test_material_version_is_pinned() -> None:
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8")
    assert "mkdocs-material==9.8.1" in requirements
    from importlib.metadata import version

    assert version("mkdocs-material") == "9.8.1"
