"""Our override of Material's search partial must track the pinned Material version."""

from pathlib import Path

import material

from tests.conftest import REPO

PATCH = ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')


def test_search_partial_is_the_pinned_original_plus_a_label() -> None:
    original = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    override = (REPO / "generator" / "theme" / "partials" / "search.html").read_text(encoding="utf-8")
    assert PATCH[0] in original, "Material's search partial changed: re-create the override from the new version"
    assert override == original.replace(*PATCH)


def test_material_version_is_pinned() -> None:
    requirements = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert "mkdocs-material==9.8.1" in requirements
    from importlib.metadata import version

    assert version("mkdocs-material") == "9.8.1"


WORKER = ('"search": "assets/javascripts/workers/search.a7633da7.min.js" | url,', '"search": "javascripts/search-worker.js" | url,')


def test_config_block_is_the_pinned_original_with_our_worker() -> None:
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    start = base.index("    {% block config %}")
    end = base.index("    {% endblock %}", start) + len("    {% endblock %}")
    block = base[start:end]
    assert WORKER[0] in block, "Material's config block changed: re-create generator/theme/main.html from the new base.html"
    override = (REPO / "generator" / "theme" / "main.html").read_text(encoding="utf-8")
    assert block.replace(*WORKER).strip() in override
