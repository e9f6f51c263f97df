"""Golden files: the generated Markdown of the real corpus, byte for byte.

Regenerate after an intended change with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import Project, generate
from tests.conftest import AS_OF, REPO, files_of

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    _, files = generate(Project(REPO), AS_OF)
    return {path: content for path, content in files.items() if path.endswith((".md", ".csv", ".json"))}


def test_golden_markdown(generated: dict[str, bytes]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for path, content in generated.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(content)
    expected = files_of(GOLDEN)
    assert sorted(generated) == sorted(expected)
    for path, content in generated.items():
        assert content.decode() == expected[path].decode(), path


def test_generation_is_deterministic() -> None:
    _, first = generate(Project(REPO), AS_OF)
    _, second = generate(Project(REPO), AS_OF)
    assert first == second
