"""A draft as YAML, as data/documents/ files are written: block style, fields in their order, Vietnamese as it
reads, headed by the report as comments (one comment a line, whatever the text holds)."""

from __future__ import annotations

import yaml

from generator.corpus.vocabulary import PLACEHOLDER
from generator.intake.draft import Draft
from generator.intake.report import Report
from generator.support.display import visible

# What a draft says where the text gives no value for a field every document needs: `check` refuses it.
MISSING = {
    "number": f"{PLACEHOLDER}: số hiệu; văn bản không ghi số hiệu của chính nó]",
    "type": f"{PLACEHOLDER}: loại văn bản]",
    "issuer": f"{PLACEHOLDER}: mã cơ quan ban hành trong data/bodies.yaml]",
}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML in document order, readable text (no escapes for Vietnamese)."""


def dump_fields(fields: dict[str, object]) -> str:
    """Fields as block-style YAML in the order given."""
    return yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000, indent=2)


def draft_fields(draft: Draft) -> dict[str, object]:
    """The draft's fields, with a placeholder `check` refuses for each required one the text does not give."""
    fields = draft.data()
    ordered: dict[str, object] = {}
    for name in ("number", "type", "title", "issuer"):
        if name in fields:
            ordered[name] = fields[name]
        elif name in MISSING:
            ordered[name] = MISSING[name]
    ordered.update((name, value) for name, value in fields.items() if name not in ordered)
    return ordered


def comment_lines(lines: list[str]) -> str:
    """Lines as YAML comments: each one line, control characters shown, never closing the comment early."""
    return "".join(f"# {visible(line)}\n" for line in lines)


def draft_yaml(draft: Draft, report: Report, source_name: str, heading: list[str] | None = None) -> str:
    """The draft as YAML, headed by the report as comments."""
    first = heading or [f"Bản nháp nhập từ {source_name}. Hãy đối chiếu với văn bản gốc, rồi chuyển tệp vào data/documents/."]
    return comment_lines([*first, *report.lines()]) + dump_fields(draft_fields(draft))
