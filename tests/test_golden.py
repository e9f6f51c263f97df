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

from generator.commands.build import Project, generate, write_docs
from generator.pages import render
from tests.conftest import AS_OF, REPO, files_of

GOLDEN_KINDS = (".md", ".csv", ".json")

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    _, files = generate(Project(REPO), AS_OF)
    return {path: content for path, content in files.items() if path.endswith(GOLDEN_KINDS)}


def test_golden_markdown(generated: dict[str, bytes]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for path, content in generated.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(content)
    expected = files_of(GOLDEN)
    assert sorted(generated) == sorted(expected)
    for path, content in generated.items():
        assert content.decode() == expected[path].decode(), path


def test_the_builds_and_the_previews_docs_are_the_golden_files(built: Project, project: Project) -> None:
    """The build (staged docs/), the preview (docs/ written in place) and the tests (in memory) run the same
    outputs through different sinks: all three give the golden files, and the same PDFs and Word files."""
    expected = files_of(GOLDEN)
    write_docs(project, AS_OF)
    for docs in (built.docs_dir, project.docs_dir):
        files = files_of(docs)
        assert {path: content for path, content in files.items() if path.endswith(GOLDEN_KINDS)} == expected
        assert sorted(path for path in files if path.endswith((".pdf", ".docx"))) == [
            "van-ban/20-kh-tw.docx",
            "van-ban/20-kh-tw.pdf",
            "van-ban/287-ctr-ddlhhvn.docx",
            "van-ban/287-ctr-ddlhhvn.pdf",
        ]
    assert files_of(built.docs_dir) == files_of(project.docs_dir)


def test_generation_is_deterministic() -> None:
    _, first = generate(Project(REPO), AS_OF)
    _, second = generate(Project(REPO), AS_OF)
    assert first == second


@settings(max_examples=300, deadline=None)  # a property, not a timing: a loaded machine must not fail it
@given(st.text(alphabet=st.sampled_from(["\n", "\n", " ", "\t", "\xa0", "\u3000", "a", "b", "\r", "\u2028", "\x0c"]), max_size=30))
def test_fast_tidying_equals_tidying_line_by_line(text: str) -> None:
    assert render.tidy(text) == render._tidy_lines(text)
    without_other_breaks = re.sub("[\r\u2028\x0c]", "", text)
    assert render.tidy(without_other_breaks) == render._tidy_lines(without_other_breaks)
