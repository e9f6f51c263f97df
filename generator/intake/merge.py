"""A draft for a document data/ already holds (a metadata-only entry, say) goes into that file: the fields the
file lacks are added at its end, as YAML; everything the officer wrote stays as written, comments included;
each change, and each field left as the officer wrote it though the draft says otherwise, is listed."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.intake.importer import dump_fields


def merge_into(path: Path, draft: dict[str, object]) -> list[str]:
    """Add to the YAML file at `path` the fields of `draft` it lacks; return what changed and what was kept."""
    text = path.read_text(encoding="utf-8")
    try:
        existing = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        existing = None
    if not isinstance(existing, dict):
        raise ValueError(f"{path.name} không đọc được như tệp YAML của một văn bản; hãy sửa lỗi (nq45 check) rồi nhập lại")
    added = {name: value for name, value in draft.items() if name not in existing}
    kept = [name for name, value in draft.items() if name in existing and existing[name] != value]
    changes = [f'thêm trường "{name}"' for name in added]
    changes += [f'giữ nguyên trường "{name}" như tệp đang ghi (bản nhập ghi khác; hãy đối chiếu)' for name in kept]
    if added:
        addition = dump_fields(added)
        separator = "" if text.endswith("\n") else "\n"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(f"{text}{separator}# Bổ sung từ bản nhập.\n{addition}", encoding="utf-8")
        temporary.replace(path)
    return changes
