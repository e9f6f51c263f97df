"""Parse YAML into nodes that keep their positions, rejecting duplicate keys."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.corpus.errors import Location, Problem

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose_file", "field_path", "location"]

# libyaml's loader is about ten times faster and keeps the same positions.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def location(file: str, node: Node) -> Location:
    """Return the 1-based position where `node` starts."""
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_file(path: Path, display: str) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML file; return its root node and any syntax problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        where = Location(display, 1, 1)
        return None, [Problem(where, "", f"tệp không phải UTF-8 ({error.reason}); hãy lưu tệp với mã UTF-8")]
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(display, error)]
    except yaml.YAMLError as error:
        return None, [Problem(Location(display, 1, 1), "", f"lỗi cú pháp YAML: {error}")]
    if root is None:
        return None, [Problem(Location(display, 1, 1), "", "tệp rỗng; cần một bảng các trường")]
    return root, _duplicate_keys(display, root)


def _syntax_problem(display: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(Location(display, line, column), "", f"lỗi cú pháp YAML: {detail}")


def _duplicate_keys(display: str, node: Node) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Node, str]] = [(node, "")]
    while stack:
        current, path = stack.pop()
        if isinstance(current, MappingNode):
            pairs = current.value
            if len({str(key.value) for key, _ in pairs}) < len(pairs):
                problems.extend(_repeated_keys(display, pairs, path))
            # Scalars hold no keys: only collections go on the stack.
            stack.extend((value, field_path(path, str(key.value))) for key, value in pairs if not isinstance(value, ScalarNode))
        elif isinstance(current, SequenceNode):
            stack.extend(
                (item, f"{path}[{index}]") for index, item in enumerate(current.value, start=1) if not isinstance(item, ScalarNode)
            )
    return problems


def _repeated_keys(display: str, pairs: list[tuple[Node, Node]], path: str) -> list[Problem]:
    problems = []
    seen: dict[str, Node] = {}
    for key, _ in pairs:
        name = str(key.value)
        if name in seen:
            first = seen[name].start_mark.line + 1
            message = f'khóa "{name}" bị lặp (đã có ở dòng {first}); mỗi khóa chỉ được viết một lần'
            problems.append(Problem(location(display, key), field_path(path, name), message))
        seen[name] = key
    return problems


def field_path(path: str, name: str) -> str:
    """The field path of `name` inside `path`: "sections[1].title", or "title" at the top."""
    return f"{path}.{name}" if path else name
