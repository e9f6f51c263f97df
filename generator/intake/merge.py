"""A draft of a document data/ already holds goes into that file only when it is surely the same document and
adds only what the file lacks, keeping the officer's bytes: comments, line endings, the byte-order mark, an end
marker ("..."), the file's mode and owner, and a link to it (the file the link names is written). Anything else —
a file that disagrees on the number, type or date, a file that already has its text, a file in flow or JSON
style, a file that does not read — is not touched: the plan says why, and the draft goes beside it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.corpus.numbers import number_key
from generator.corpus.reader import iso_of_vn_date
from generator.corpus.yamlsource import MAX_FILE_BYTES, MappingNode, ScalarNode, compose_text
from generator.intake.yamlout import comment_lines, dump_fields
from generator.support.safefiles import UnsafeFileError, read_bounded

BODY = ("preamble", "sections", "appendices", "signature", "recipients")
_END_MARKER = re.compile(r"(?m)^\.\.\.[ \t]*(?:#.*)?$")


@dataclass
class MergePlan:
    """What merging a draft into a record would do: the bytes to write (None: nothing to write), the fields added
    and those the record keeps though the draft differs; or why it will not merge."""

    path: Path
    before: bytes = b""
    after: bytes | None = None
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    refused: str | None = None


def _scalars(root: MappingNode) -> dict[str, object]:
    """The record's top-level fields: scalars as text, collections as present."""
    out: dict[str, object] = {}
    for key, value in root.value:
        if isinstance(key, ScalarNode):
            out[str(key.value)] = str(value.value) if isinstance(value, ScalarNode) else True
    return out


def plan_merge(path: Path, root: Path, fields: dict[str, object], full_text: bool) -> MergePlan:
    """How `fields` (a draft's, YAML-ready) would go into the record at `path`; `full_text`: whether the text
    the draft came from is the document's own full text (a header block or a legal site's table), not a posting
    about it."""
    plan = MergePlan(path)
    try:
        plan.before = read_bounded(path, root, MAX_FILE_BYTES)
        text = plan.before.decode("utf-8-sig")
    except (UnsafeFileError, UnicodeDecodeError, OSError) as error:
        plan.refused = f"không đọc được tệp ({error})"
        return plan
    node, problems = compose_text(text, path.name)
    if node is None or problems or not isinstance(node, MappingNode):
        plan.refused = "tệp chưa đọc được như một văn bản (hãy chạy nq45 check)"
        return plan
    if node.flow_style or node.start_mark.column != 0:
        plan.refused = "tệp viết dạng JSON hoặc {…}; không bổ sung được mà giữ nguyên cách viết của tệp"
        return plan
    existing = _scalars(node)
    plan.refused = _disagreement(existing, fields, full_text)
    if plan.refused is not None:
        return plan
    added = {name: value for name, value in fields.items() if name not in existing}
    plan.kept = [name for name, value in fields.items() if name in existing and isinstance(value, str) and existing[name] != value]
    if not added:
        return plan
    plan.added = list(added)
    plan.after = _appended(plan.before, text, added)
    check, problems = compose_text(plan.after.decode("utf-8-sig"), path.name)
    if check is None or problems or not isinstance(check, MappingNode) or set(_scalars(check)) != set(existing) | set(added):
        plan.after, plan.added = None, []
        plan.refused = "không bổ sung được mà tệp vẫn đọc đúng"
    return plan


def _disagreement(existing: dict[str, object], fields: dict[str, object], full_text: bool) -> str | None:
    """Why the draft is not surely the record's document, or would change the officer's text; None to merge."""
    if number_key(str(existing.get("number", ""))) != number_key(str(fields.get("number", ""))):
        return "số hiệu khác nhau"
    for name, label in (("type", "loại văn bản"), ("date", "ngày ban hành")):
        if name in existing and name not in fields:
            return f"văn bản nhập không ghi {label} để đối chiếu với tệp"
        if name in existing and _same(existing[name]) != _same(fields[name]):
            return f'{label} khác nhau: tệp ghi "{existing[name]}", văn bản nhập ghi "{fields[name]}"'
    if any(name in existing for name in BODY) and any(name in fields for name in BODY):
        return "tệp đã có toàn văn; không ghi đè phần người biên tập đã làm"
    if any(name in fields for name in BODY) and not full_text:
        return "văn bản nhập không có khối tiêu đề hay bảng thuộc tính của văn bản gốc (có thể là bài báo viết về văn bản)"
    return None


def _same(value: object) -> str:
    """A value as compared: a date written DD/MM/YYYY as YYYY-MM-DD."""
    text = str(value).strip()
    return iso_of_vn_date(text) or text


def _appended(before: bytes, text: str, added: dict[str, object]) -> bytes:
    """The file with `added` written after its last field, before an end marker, in the file's line endings."""
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    addition = (comment_lines(["Bổ sung từ bản nhập (nq45 import)."]) + dump_fields(added)).replace("\n", newline)
    marker = _END_MARKER.search(text)
    head, tail = (text[: marker.start()], text[marker.start() :]) if marker else (text, "")
    if head and not head.endswith("\n"):
        head += newline
    bom = "\ufeff" if before.startswith(b"\xef\xbb\xbf") else ""
    return (bom + head + addition + tail).encode("utf-8")


def write_keeping(path: Path, content: bytes) -> None:
    """Write `content` over the file `path` names (through a link), atomically, keeping its mode and owner."""
    real = path.resolve()
    status = real.stat() if real.exists() else None
    temporary = real.with_name(f".{real.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if status is not None:
            os.chmod(temporary, status.st_mode & 0o7777)
            if os.geteuid() == 0:
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, real)
    finally:
        if temporary.exists():
            temporary.unlink()
