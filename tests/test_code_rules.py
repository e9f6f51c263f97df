"""Rules of the code that no linter checks: small classes, every `type: ignore` explained, and the benchmark
never importing the tests (the tests may use the benchmark's corpus and helpers)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = sorted(p for folder in ("generator", "bench") for p in (ROOT / folder).rglob("*.py"))
MAX_CLASS_LINES = 200
# The code, then a reason after it: "# type: ignore[attr-defined]  # why".
EXPLAINED_IGNORE = re.compile(r"# type: ignore\[[a-z-]+(, [a-z-]+)*\]  # \S")


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", CHECKED, ids=_name)
def test_no_class_is_over_200_lines(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.end_lineno is not None]
    assert [(name, lines) for name, lines in long if lines > MAX_CLASS_LINES] == []


@pytest.mark.parametrize("path", CHECKED, ids=_name)
def test_every_type_ignore_names_its_code_and_reason(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    bare = [n for n, line in enumerate(lines, 1) if "type: ignore" in line and not EXPLAINED_IGNORE.search(line)]
    assert bare == []


def test_the_benchmark_never_imports_the_tests() -> None:
    found = []
    for path in (ROOT / "bench").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            found += [f"{_name(path)}: {name}" for name in names if name.split(".")[0] == "tests"]
    assert found == []
