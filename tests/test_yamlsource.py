"""Unit tests of reading YAML with positions: duplicate keys at any depth."""

from __future__ import annotations

from pathlib import Path

from generator.corpus.yamlsource import compose_file

NESTED = """\
number: 1-KH/TW
sections:
  - number: I.
    title: Một
    sections:
      - text: a
        text: b
      - [x, {y: 1, y: 2}]
number: 2-KH/TW
"""


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = compose_file(path, "x.yaml")
    return [(p.location.line, p.location.column, p.field, p.message) for p in problems]


def test_duplicate_keys_are_found_in_lists_and_tables_at_any_depth(tmp_path: Path) -> None:
    found = problems_of(tmp_path, NESTED)
    assert sorted(found) == [
        (7, 9, "sections[1].sections[1].text", 'khóa "text" bị lặp (đã có ở dòng 6); mỗi khóa chỉ được viết một lần'),
        (8, 20, "sections[1].sections[2][2].y", 'khóa "y" bị lặp (đã có ở dòng 8); mỗi khóa chỉ được viết một lần'),
        (9, 1, "number", 'khóa "number" bị lặp (đã có ở dòng 1); mỗi khóa chỉ được viết một lần'),
    ]


def test_a_key_written_three_times_points_each_repeat_at_the_one_before(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "a: 1\nb: 2\na: 3\na: 4\n")
    assert [(line, message) for line, _, _, message in found] == [
        (3, 'khóa "a" bị lặp (đã có ở dòng 1); mỗi khóa chỉ được viết một lần'),
        (4, 'khóa "a" bị lặp (đã có ở dòng 3); mỗi khóa chỉ được viết một lần'),
    ]


def test_distinct_keys_give_no_problem(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "a: 1\nb: [{a: 1}, {a: 2}]\nc: {a: {a: 1}}\n") == []
