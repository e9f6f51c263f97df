"""Parse YAML into nodes that keep their positions, within limits, rejecting duplicate keys and aliases."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.corpus.errors import Location, Problem
from generator.support.safefiles import UnsafeFileError, read_bounded

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose_file", "field_path", "location"]

# libyaml's loader is about ten times faster and keeps the same positions.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A document of a few hundred pages is a few hundred kilobytes of YAML.
MAX_FILE_BYTES = 4 << 20
# Collections inside collections: a document's sections nest two levels per section level.
MAX_NESTING = 64
# libyaml's composer recurses in C and crashes the process past some ten thousand levels; a file
# whose nesting may exceed this bound is measured event by event before it is composed.
_SAFE_TO_COMPOSE = 200
# Where a block collection can start on a line: after its indentation and compact entries ("- - ").
_LINE_START = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


def location(file: str, node: Node) -> Location:
    """Return the 1-based position where `node` starts."""
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_file(path: Path, display: str, root: Path | None = None) -> tuple[Node | None, list[Problem]]:
    """Compose one YAML file, a regular file inside `root` (the project; its folder when None), read within
    MAX_FILE_BYTES; return its root node and any problems that stop it from being read."""
    start = Location(display, 1, 1)
    try:
        data = read_bounded(path, root if root is not None else path.parent, MAX_FILE_BYTES)
    except UnsafeFileError as refused:
        return None, [Problem(start, "", f"tệp {refused}; cần một tệp YAML đọc được")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _position(display, data[: error.start].decode("utf-8", "replace"))
        return None, [Problem(where, "", f"byte 0x{data[error.start]:02X} không phải mã UTF-8; hãy lưu tệp với mã UTF-8")]
    return compose_text(text, display)


def compose_text(text: str, display: str) -> tuple[Node | None, list[Problem]]:
    """Compose YAML `text` read from `display`; see `compose_file`."""
    try:
        too_deep = _too_deep(text, display)
        if too_deep is not None:
            return None, [too_deep]
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(display, error)]
    except yaml.reader.ReaderError as error:
        # libyaml counts the position in bytes of UTF-8, PyYAML's reader in characters.
        before = (
            text.encode("utf-8")[: error.position].decode("utf-8", "replace") if LOADER is not yaml.SafeLoader else text[: error.position]
        )
        where = _position(display, before)
        return None, [Problem(where, "", f"ký tự U+{error.character:04X} không được có trong tệp YAML; hãy xóa ký tự này")]
    except yaml.YAMLError as error:
        return None, [Problem(Location(display, 1, 1), "", f"lỗi cú pháp YAML: {error}")]
    if root is None:
        return None, [Problem(Location(display, 1, 1), "", "tệp rỗng; cần một bảng các trường")]
    return root, _structure_problems(display, root)


def _too_deep(text: str, display: str) -> Problem | None:
    """A problem when collections nest deeper than MAX_NESTING, found without composing."""
    block = max((match.end() - match.start() for match in _LINE_START.finditer(text)), default=0)
    if text.count("[") + text.count("{") + 2 * (block + 1) <= _SAFE_TO_COMPOSE:
        return None  # the bound above holds every way YAML can nest
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                mark = event.start_mark
                where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display, 1, 1)
                return Problem(where, "", f"các mục lồng nhau quá {MAX_NESTING} tầng; hãy viết phẳng hơn")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _syntax_problem(display: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(Location(display, line, column), "", f"lỗi cú pháp YAML: {detail}")


def _position(display: str, before: str) -> Location:
    """The location just after `before`, the text that precedes it in the file."""
    line = before.count("\n") + 1
    return Location(display, line, len(before) - (before.rfind("\n") + 1) + 1)


def _structure_problems(display: str, root: Node) -> list[Problem]:
    """Keys that are not plain values, keys written twice, and aliases: each collection is walked once."""
    problems: list[Problem] = []
    seen: set[int] = {id(root)}
    stack: list[tuple[Node, str]] = [(root, "")]
    while stack:
        current, path = stack.pop()
        if isinstance(current, MappingNode):
            pairs = current.value
            names = [key.value for key, _ in pairs if isinstance(key, ScalarNode)]
            if len(set(names)) < len(pairs):  # most mappings have distinct plain keys: nothing to say
                problems.extend(_bad_keys(display, pairs, path))
            entries = [(value, key) for key, value in pairs]
        elif isinstance(current, SequenceNode):
            entries = [(item, index) for index, item in enumerate(current.value, start=1)]
        else:
            continue
        for child, name in entries:
            if isinstance(child, ScalarNode):
                continue
            child_path = f"{path}[{name}]" if isinstance(name, int) else field_path(path, _key_name(name))
            if id(child) in seen:
                # libyaml gives an alias the node of its anchor: reading it again would multiply the
                # file. One message says what to do; the file is not read further.
                message = "không dùng bí danh YAML (*…); hãy viết giá trị ra đầy đủ"
                return [*problems, Problem(location(display, current), child_path, message)]
            seen.add(id(child))
            stack.append((child, child_path))
    return problems


def _key_name(key: Node) -> str:
    return str(key.value) if isinstance(key, ScalarNode) else "?"


def _bad_keys(display: str, pairs: list[tuple[Node, Node]], path: str) -> list[Problem]:
    problems = []
    seen: dict[str, Node] = {}
    for key, _ in pairs:
        if not isinstance(key, ScalarNode):
            problems.append(Problem(location(display, key), path, "tên trường phải là một chữ, không phải danh sách hay bảng"))
            continue
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
