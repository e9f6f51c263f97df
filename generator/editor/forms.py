"""A document's YAML as the editor's form holds it, and back: every field a text box, the section tree as rows
(tree.py); the YAML written in data/documents/' order and style."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.corpus.load import DOCUMENT_OPTIONAL, DOCUMENT_REQUIRED
from generator.corpus.reader import iso_of_vn_date
from generator.editor.tree import ROW_FIELDS, Row, levels_fixed, paragraphs_of, rows_from_sections, sections_from_rows, words_list

# Fields of one line or one text.
SCALARS = ("number", "type", "title", "summary", "issuer", "signer", "signer_title", "place", "date", "term", "status", "official_url")
# Fields holding a list, one item a line (or, for paragraphs, a blank line between items), by their YAML path.
LINES: tuple[str, ...] = ("relations.implements", "relations.based_on", "relations.cites", "answers", "header.issuer_lines")
LINES += ("header.title_lines", "signature.lines", "recipients")
PARAGRAPHS = ("preamble", "notes")
NESTED_SCALARS = ("header.kind_line", "header.motto", "header.slogan", "header.place_date", "signature.name")
ALL_FIELDS = SCALARS + LINES + PARAGRAPHS + NESTED_SCALARS
# The order of a document's fields in data/documents/: number, type, title, issuer, then the rest as the reader lists them.
ORDER = (
    "number",
    "type",
    "title",
    "issuer",
    *(name for name in (*DOCUMENT_REQUIRED, *DOCUMENT_OPTIONAL) if name not in ("number", "type", "title", "issuer")),
)
# A recipient with the bodies it names: "Ban Tuyên giáo Trung ương | ban-tuyen-giao-trung-uong".
RECIPIENT_BODIES = " | "
# A number a form sends (a row, a level): ASCII digits only (str.isdigit takes "²"), few enough for int().
SMALL_NUMBER = re.compile(r"[0-9]{1,4}")
# The fields the form has no box for, as JSON: at most this long and this deeply nested (json and PyYAML recurse).
MAX_EXTRA_CHARS = 4_000_000
MAX_EXTRA_DEPTH = 20


class FormError(ValueError):
    """A form no page of the editor sends (a crafted request); the message says what is wrong, in Vietnamese."""


@dataclass
class DocumentForm:
    """What the form shows and sends: the fields by name, the section rows, the version it was loaded from."""

    fields: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    base: str = ""  # git's blob name of the file the form was loaded from ("" for a new file)
    order: str = ""  # the file's keys in their order ("number type title … header.motto …"), kept when it is written
    extra: str = ""  # the fields the form has no box for (an attached text, say), as JSON, written back as they were

    def extra_fields(self) -> dict[str, object]:
        try:
            found = json.loads(self.extra) if self.extra else {}
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def value(self, name: str) -> str:
        return self.fields.get(name, "")


def form_from_data(data: Mapping[str, object], base: str = "") -> DocumentForm:
    """The form of a document's YAML (as loaded)."""
    fields: dict[str, str] = {}
    for name in SCALARS:
        fields[name] = _scalar(data.get(name))
    fields["date"] = _iso_date(fields["date"])
    for name in LINES:
        fields[name] = "\n".join(_recipient(item) if name == "recipients" else _scalar(item) for item in _items(_get(data, name)))
    for name in PARAGRAPHS:
        fields[name] = "\n\n".join(_scalar(item) for item in _items(data.get(name)))
    for name in NESTED_SCALARS:
        fields[name] = _scalar(_get(data, name))
    shown = {name.partition(".")[0] for name in ALL_FIELDS} | {"sections"}
    extra = {str(key): value for key, value in data.items() if key not in shown}
    for key, value in data.items():  # a field of the header, the signature or the relations the form has no box for
        if isinstance(value, dict):
            extra |= {f"{key}.{inner}": item for inner, item in value.items() if f"{key}.{inner}" not in ALL_FIELDS}
    order = [str(key) for key in data]
    order += [f"{key}.{inner}" for key, value in data.items() if isinstance(value, dict) for inner in value]
    extra_json = json.dumps(extra, ensure_ascii=False, default=str) if extra else ""
    return DocumentForm(fields, rows_from_sections(data.get("sections")), base, " ".join(order), extra_json)


def form_from_request(values: Mapping[str, str], lists: Mapping[str, list[str]]) -> DocumentForm:
    """The form as a browser sent it: `values` the single fields, `lists` the rows' fields (one value a row)."""
    fields = {name: str(values.get(name, "")) for name in ALL_FIELDS}
    columns = {name: lists.get(f"s-{name}", []) for name in ROW_FIELDS}
    count = len(columns["level"])
    rows = []
    tasks = set(lists.get("s-task-on", []))
    for index in range(count):
        cell = {name: (column[index] if index < len(column) else "") for name, column in columns.items()}
        if cell["level"] and not SMALL_NUMBER.fullmatch(cell["level"]):
            raise FormError(f"cấp của mục {index + 1} phải là một số từ 1 đến 9999")
        level = int(cell["level"]) if cell["level"] else 1
        rows.append(
            Row(
                level=level,
                number=cell["number"],
                title=cell["title"],
                text=cell["text"],
                paragraphs=cell["paragraphs"],
                bodies=cell["bodies"],
                task=str(index) in tasks,
                deadline=cell["deadline"],
                task_bodies=cell["task_bodies"],
                answers=cell["answers"],
                id=cell["id"],
            )
        )
    order, extra = str(values.get("order", ""))[:2000], check_extra(str(values.get("extra", "")))
    return DocumentForm(fields, levels_fixed(rows), str(values.get("base", "")), order, extra)


def check_extra(extra: str) -> str:
    """The JSON of the fields the form has no box for, refused when longer or deeper than a document holds."""
    if len(extra) > MAX_EXTRA_CHARS:
        raise FormError(f"phần dữ liệu không có ô trên biểu mẫu dài quá {MAX_EXTRA_CHARS // 1_000_000} triệu ký tự")
    depth, deepest, in_string, escaped = 0, 0, False, False
    for char in extra:
        if in_string:
            escaped, in_string = (not escaped and char == "\\"), in_string and (escaped or char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_EXTRA_DEPTH:
        raise FormError(f"phần dữ liệu không có ô trên biểu mẫu lồng nhau quá {MAX_EXTRA_DEPTH} cấp")
    return extra


def data_from_form(form: DocumentForm) -> dict[str, object]:
    """The document's YAML data, in data/documents/' order, empty fields left out."""
    data: dict[str, object] = {}
    for name in SCALARS:
        if value := " ".join(form.value(name).split()):
            data[name] = value
    for name in LINES:
        items = [line.strip() for line in form.value(name).splitlines() if line.strip()]
        if items:
            _put(data, name, [_recipient_data(item) for item in items] if name == "recipients" else [" ".join(i.split()) for i in items])
    for name in PARAGRAPHS:
        if paragraphs := paragraphs_of(form.value(name)):
            data[name] = paragraphs
    for name in NESTED_SCALARS:
        if value := " ".join(form.value(name).split()):
            _put(data, name, value)
    if sections := sections_from_rows(form.rows):
        data["sections"] = sections
    for name, kept in form.extra_fields().items():
        head, _, inner = name.partition(".")
        if inner and isinstance(data.get(head, {}), dict):
            inner_fields = data.setdefault(head, {})
            assert isinstance(inner_fields, dict)
            inner_fields.setdefault(inner, kept)
        elif not inner:
            data.setdefault(name, kept)
    return _ordered(data, form.order.split())


def _ordered(data: dict[str, object], order: list[str]) -> dict[str, object]:
    """The fields in the order the file had them, then the others in data/documents/' usual order."""
    rank = {name: index for index, name in enumerate(order)}
    default = {name: len(order) + index for index, name in enumerate(ORDER)}
    ordered: dict[str, object] = {}
    for name in sorted(data, key=lambda key: rank.get(key, default.get(key, len(rank) + len(default)))):
        value = data[name]
        if isinstance(value, dict):
            inner = [key.partition(".")[2] for key in order if key.startswith(f"{name}.")]
            value = {key: value[key] for key in sorted(value, key=lambda key: inner.index(key) if key in inner else len(inner))}
        ordered[name] = value
    return ordered


def _get(data: Mapping[str, object], dotted: str) -> object:
    head, _, rest = dotted.partition(".")
    value = data.get(head)
    if not rest:
        return value
    return value.get(rest) if isinstance(value, dict) else None


def _put(data: dict[str, object], dotted: str, value: object) -> None:
    head, _, rest = dotted.partition(".")
    if not rest:
        data[head] = value
        return
    inner = data.setdefault(head, {})
    assert isinstance(inner, dict)
    inner[rest] = value


def _items(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _scalar(value: object) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _iso_date(value: str) -> str:
    """A date as the date picker holds it (YYYY-MM-DD); DD/MM/YYYY, which data/ also accepts, is turned round."""
    return iso_of_vn_date(value.strip()) or value


def _recipient(item: object) -> str:
    if isinstance(item, dict):
        bodies = ", ".join(str(body) for body in _items(item.get("bodies")))
        return f"{_scalar(item.get('text'))}{RECIPIENT_BODIES}{bodies}" if bodies else _scalar(item.get("text"))
    return _scalar(item)


def _recipient_data(line: str) -> object:
    text, _, bodies = line.partition(RECIPIENT_BODIES.strip())
    ids = words_list(bodies)
    return {"text": " ".join(text.split()), "bodies": ids} if ids else " ".join(line.split())


def field_of(path: str) -> str:
    """The form field a message of `check` is about: "relations.implements[2]" -> "relations.implements"."""
    return re.sub(r"\[\d+\]", "", path).rstrip(".")
