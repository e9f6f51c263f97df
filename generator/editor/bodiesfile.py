"""data/bodies.yaml edited in place: an entry's lines replaced by the entry as the form gives it, a new entry added
at the end; every other line (the comments that explain the file, the blank lines between entries) kept as written."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from generator.corpus.yamlsource import MappingNode, ScalarNode, SequenceNode, compose_text


@dataclass(frozen=True)
class Entry:
    id: str
    first: int  # 0-based line of "- id: …"
    last: int  # 0-based last line of its fields
    indent: str  # what comes before "- " on its first line


class BodiesFileError(ValueError):
    """bodies.yaml cannot be edited by the form (it does not load); the message says why."""


def entries(text: str) -> list[Entry]:
    root, problems = compose_text(text, "data/bodies.yaml")
    if root is None or problems or not isinstance(root, MappingNode):
        raise BodiesFileError("; ".join(p.message for p in problems) or "tệp không có danh sách bodies")
    items = next((value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "bodies"), None)
    if not isinstance(items, SequenceNode):
        raise BodiesFileError("tệp không có danh sách bodies")
    lines = text.splitlines()
    found = []
    for item in items.value:
        if not isinstance(item, MappingNode):
            continue
        body_id = next(
            (str(v.value) for k, v in item.value if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode)), ""
        )
        first = item.start_mark.line
        dash = lines[first].find("-")
        # A block mapping ends where the next item (or the end of the file) starts: that line is not its own.
        ends_own_line = item.end_mark.line < len(lines) and item.end_mark.column > item.start_mark.column
        last = max(first, min(item.end_mark.line - (0 if ends_own_line else 1), len(lines) - 1))
        while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
            last -= 1
        found.append(Entry(body_id, first, last, lines[first][: max(dash, 0)]))
    return found


def _flow(value: object) -> str:
    """A value in YAML's flow style (quoted only when it has to be)."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20).strip().removesuffix("...").strip()


def entry_lines(fields: dict[str, object], indent: str) -> list[str]:
    """A body's entry as bodies.yaml writes it: "- id: …", then its fields below, short names as a flow list."""
    lines = []
    for index, (name, value) in enumerate(fields.items()):
        lead = f"{indent}- " if index == 0 else f"{indent}  "
        lines.append(f"{lead}{name}: {_flow(value)}")
    return lines


def with_entry(text: str, body_id: str, fields: dict[str, object]) -> str:
    """bodies.yaml with the entry `body_id` replaced by `fields`, or `fields` added at the end."""
    found = entries(text)
    lines = text.splitlines()
    current = next((entry for entry in found if entry.id == body_id), None)
    if current is not None:
        lines[current.first : current.last + 1] = entry_lines(fields, current.indent)
    else:
        indent = found[-1].indent if found else "  "
        lines += ["", *entry_lines(fields, indent)]
    return "\n".join(lines) + "\n"


def body_fields(text: str, body_id: str) -> dict[str, object] | None:
    """The fields of one entry as loaded."""
    data = yaml.safe_load(text) if entries(text) is not None else None
    for item in (data or {}).get("bodies") or []:
        if isinstance(item, dict) and item.get("id") == body_id:
            return item
    return None
