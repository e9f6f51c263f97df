"""Schema checks on located YAML nodes; every problem is collected, none raised."""

from __future__ import annotations

import datetime as dt
import re

from generator.corpus.errors import Location, Problem
from generator.corpus.text import normalize, not_text, url_problem
from generator.corpus.vocabulary import PLACEHOLDER
from generator.corpus.yamlsource import MappingNode, Node, ScalarNode, SequenceNode, field_path, location

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class Reader:
    """Reads typed values out of one file's nodes, recording problems as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def at(self, node: Node) -> Location:
        """Return the location of `node` in this file."""
        return location(self.file, node)

    def problem(self, node: Node, path: str, message: str) -> None:
        """Record a problem at `node`."""
        self.problems.append(Problem(self.at(node), path, message))

    def mapping(self, node: Node, path: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Node] | None:
        """Return the fields of a mapping, reporting unknown and missing ones."""
        if not isinstance(node, MappingNode):
            self.problem(node, path, f"cần một bảng các trường ({_describe(required + optional)})")
            return None
        fields: dict[str, Node] = {}
        allowed = set(required) | set(optional)
        for key, value in node.value:
            name = str(key.value)
            if name not in allowed:
                expected = ", ".join(required + optional)
                self.problem(key, field_path(path, name), f'trường "{name}" không được hỗ trợ; các trường hợp lệ: {expected}')
                continue
            fields[name] = value
        for name in required:
            if name not in fields or _is_null(fields[name]):
                self.problem(node, field_path(path, name), f'thiếu trường bắt buộc "{name}"')
        return fields

    def string(self, node: Node | None, path: str, required: bool = False) -> str | None:
        """Return a normalised non-empty string."""
        if node is None or _is_null(node):
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, path, "cần một chuỗi văn bản")
            return None
        value = normalize(str(node.value))
        if not value:
            if required:
                self.problem(node, path, "không được để trống")
            return None
        bad = not_text(value)
        if bad is not None:
            self.problem(node, path, f"chứa {bad} của giá trị, không phải chữ; hãy xóa ký tự này")
            return None
        if PLACEHOLDER in value:
            self.problem(node, path, f'còn chỗ cần điền "{value[:80]}"; hãy thay bằng nội dung thật của văn bản hoặc xóa dòng này')
            return None
        return value

    def strings(self, node: Node | None, path: str) -> tuple[str, ...]:
        """Return a list of strings; a single string is accepted as a one-item list."""
        if node is None or _is_null(node):
            return ()
        if isinstance(node, ScalarNode):
            value = self.string(node, path)
            return (value,) if value else ()
        if not isinstance(node, SequenceNode):
            self.problem(node, path, "cần một danh sách các chuỗi văn bản")
            return ()
        values = [self.string(item, f"{path}[{index}]", required=True) for index, item in enumerate(node.value, 1)]
        return tuple(value for value in values if value)

    def items(self, node: Node | None, path: str) -> list[tuple[Node, str]]:
        """Return the items of a list with their field paths (1-based)."""
        if node is None or _is_null(node):
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, path, "cần một danh sách (mỗi mục bắt đầu bằng dấu gạch ngang '- ')")
            return []
        return [(item, f"{path}[{index}]") for index, item in enumerate(node.value, 1)]

    def entries(self, node: Node | None, path: str) -> list[tuple[Node, str]]:
        """Like `items`, but a single scalar counts as a one-item list."""
        if isinstance(node, ScalarNode) and not _is_null(node):
            return [(node, path)]
        return self.items(node, path)

    def date(self, node: Node | None, path: str) -> dt.date | None:
        """Return a date written as YYYY-MM-DD or DD/MM/YYYY."""
        if node is None or _is_null(node):
            return None
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        if PLACEHOLDER in raw:
            self.problem(node, path, f'còn chỗ cần điền "{raw[:80]}"; hãy ghi ngày ban hành dạng YYYY-MM-DD (ví dụ 2024-03-28)')
            return None
        parts = _date_parts(raw)
        try:
            if parts is None:
                raise ValueError
            return dt.date(*parts)
        except ValueError:
            self.problem(node, path, f'ngày không hợp lệ "{raw}"; cần dạng YYYY-MM-DD (ví dụ 2024-03-28) hoặc DD/MM/YYYY')
            return None

    def boolean(self, node: Node | None, path: str) -> bool:
        """Return a true/false value."""
        if node is None or _is_null(node):
            return False
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return str(node.value).lower() in ("true", "yes", "on")
        self.problem(node, path, "cần giá trị true hoặc false")
        return False

    def url(self, node: Node | None, path: str) -> str | None:
        """Return an http(s) or mailto URL."""
        value = self.string(node, path)
        problem = url_problem(value) if value is not None else None
        if problem is not None and node is not None:
            self.problem(node, path, f"địa chỉ không hợp lệ: {problem}; cần dạng https://ten-mien.vn/duong-dan")
            return None
        return value

    def choice(self, node: Node | None, path: str, choices: tuple[str, ...] | list[str]) -> str | None:
        """Return a string that must be one of `choices`."""
        value = self.string(node, path)
        if value is not None and node is not None and value not in choices:
            listed = ", ".join(f'"{choice}"' for choice in choices)
            self.problem(node, path, f'giá trị "{value}" không hợp lệ; cần một trong: {listed}')
            return None
        return value


def iso_of_vn_date(text: str) -> str | None:
    """A date written DD/MM/YYYY (which data/ accepts) as YYYY-MM-DD; None for any other text."""
    match = _VN_DATE.fullmatch(text)
    return f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else None


def _date_parts(raw: str) -> tuple[int, int, int] | None:
    if match := _ISO_DATE.fullmatch(raw):
        year, month, day = match.groups()
        return int(year), int(month), int(day)
    if match := _VN_DATE.fullmatch(raw):
        day, month, year = match.groups()
        return int(year), int(month), int(day)
    return None


_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"


def _is_null(node: Node) -> bool:
    return node.tag == _NULL and isinstance(node, ScalarNode)


def _describe(names: tuple[str, ...]) -> str:
    return ", ".join(names)
