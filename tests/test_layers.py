"""The package's layers import only the layers below them: the tree reads as the data flow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Bottom to top. A layer may import itself and the layers before it, never one after it.
LAYERS = ["support", "corpus", "pages", "intake", "outputs", "mkdocs_plugin", "publish", "commands", "cli"]
# Layers side by side: neither may import the other.
APART = {
    ("pages", "intake"),
    ("intake", "outputs"),
    ("intake", "mkdocs_plugin"),
    ("outputs", "mkdocs_plugin"),
    # Publishing moves a built site: it needs neither how pages are made nor how the site is built.
    ("publish", "pages"),
    ("publish", "intake"),
    ("publish", "outputs"),
    ("publish", "mkdocs_plugin"),
}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "generator" and len(parts) > 1 and parts[1] in LAYERS else None


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_layers_below_its_own(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0]
    if own not in LAYERS:
        return  # __init__.py and __main__.py, which only start the command line
    wrong = set()
    for module in _imports(path):
        other = _layer(module)
        if other is None or other == own:
            continue
        if LAYERS.index(other) > LAYERS.index(own) or (own, other) in APART or (other, own) in APART:
            wrong.add(module)
    assert not wrong, f"{own} must not import {sorted(wrong)}"


def test_every_module_is_in_a_layer() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(LAYERS)
