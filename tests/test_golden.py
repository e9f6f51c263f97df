"""Golden files: the generated Markdown of the real corpus, byte for byte.

Regenerate after an intended change with: UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import Project, generate
from generator.pages import render
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


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(["\n", "\n", " ", "\t", "\xa0", "\u3000", "a", "b", "\r", "\u2028", "\x0c"]), max_size=30))
def test_fast_tidying_equals_tidying_line_by_line(text: str) -> None:
    assert render.tidy(text) == render._tidy_lines(text)
    without_other_breaks = re.sub("[\r\u2028\x0c]", "", text)
    assert render.tidy(without_other_breaks) == render._tidy_lines(without_other_breaks)
