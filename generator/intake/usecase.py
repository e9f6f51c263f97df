"""Importing a received file into data/, as one use case for the command line and the editor: plan (read, decide
which document it is, decide where it goes, show the difference), apply (write, keeping a journal), undo (put
every file the import wrote back as it was)."""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.corpus.load import load_corpus_bodies
from generator.corpus.numbers import MENTION, number_key
from generator.corpus.yamlsource import MAX_FILE_BYTES, MappingNode, ScalarNode, compose_text
from generator.intake.draft import Draft
from generator.intake.formats import read_document, shown_name
from generator.intake.importer import import_document
from generator.intake.merge import MergePlan, plan_merge, write_keeping
from generator.intake.report import Report
from generator.intake.yamlout import comment_lines, draft_fields, draft_yaml
from generator.support.safefiles import UnsafeFileError, listed, read_bounded

NEW = "new"  # a new draft in data/drafts/
MERGE = "merge"  # fields added to the record data/ holds
BESIDE = "beside"  # a draft beside the record, which is left as it is
# A draft's file name, from its number's key: never longer than this.
MAX_STEM = 80
_NUMBER_LINE = re.compile(r"^number:\s*[\"']?([^\"'\n#]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


class IntakeError(Exception):
    """An import that cannot be planned or applied; the message says why, in Vietnamese."""


@dataclass
class ImportPlan:
    """What an import would do, before anything is written."""

    draft: Draft
    report: Report
    source_name: str
    action: str
    target: Path
    content: bytes
    previous: bytes = b""
    record: Path | None = None  # the record data/ holds for this number
    reason: str | None = None  # why the draft goes beside the record
    changes: list[str] = field(default_factory=list)

    def diff(self, root: Path) -> str:
        """The change to the target file, as a unified diff with paths from the project's root."""
        name = self.target.relative_to(root).as_posix() if self.target.is_relative_to(root) else self.target.name
        before = self.previous.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.content.decode("utf-8", "replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"a/{name}" if self.previous else "/dev/null", f"b/{name}"))


def known_files(data_dir: Path, root: Path) -> dict[str, tuple[str, Path]]:
    """The number and file of every readable document in data/documents/, by the number's key; a file in flow or
    JSON style is read whole."""
    found: dict[str, tuple[str, Path]] = {}
    for entry in listed(data_dir / "documents", ".yaml", root):
        if entry.refused is not None:
            continue
        try:
            text = read_bounded(entry.path, root, MAX_FILE_BYTES).decode("utf-8-sig")
        except (UnsafeFileError, UnicodeDecodeError, OSError):
            continue
        number = _number_of(text)
        if number:
            found[number_key(number)] = (number, entry.path)
    return found


def _number_of(text: str) -> str | None:
    line = _NUMBER_LINE.search(text)
    if line:
        return line.group(1)
    node, _ = compose_text(text, "")
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "number" and isinstance(value, ScalarNode):
                return str(value.value)
    return None


def draft_stem(draft: Draft, source: bytes) -> str:
    """A draft's file name without ".yaml": its number's key when it has a well-formed one, else a name that says
    it has none, made unique by the source's digest; never hidden, never longer than MAX_STEM."""
    if draft.number and MENTION.fullmatch(draft.number):
        key = number_key(draft.number)[:MAX_STEM].strip("-")
        if key and key[0].isalnum():
            return key
    return f"khong-so-hieu-{hashlib.sha256(source).hexdigest()[:10]}"


def plan_import(
    root: Path, source: Path, output: Path | None = None, on_progress: Callable[[str], None] | None = None, confined: bool = True
) -> ImportPlan:
    """Read `source`, decide which document it is and where its draft goes; write nothing."""
    data_dir = root / "data"
    received = read_document(source, on_progress, confined)
    files = known_files(data_dir, root)
    bodies = load_corpus_bodies(data_dir, root)
    draft, report = import_document(received.lines, bodies, received.dropped, {k: n for k, (n, _) in files.items()}, received.doubtful)
    name = shown_name(source)
    fields = draft_fields(draft)
    record = files.get(number_key(draft.number)) if draft.number else None
    if output is not None:
        return _new(draft, report, name, output, fields)
    digest = hashlib.sha256("\n".join(received.lines).encode("utf-8")).digest()
    drafts = data_dir / "drafts"
    if record is None:
        return _new(draft, report, name, _free(drafts, draft_stem(draft, digest)), fields)
    merged = plan_merge(record[1], root, fields, full_text=bool(draft.header) or _from_table(report))
    if merged.refused is None:
        return _merged(draft, report, name, merged, root)
    return _beside(draft, report, name, merged, _free(drafts, draft_stem(draft, digest)), root)


def _from_table(report: Report) -> bool:
    return any(reason.startswith("bảng thuộc tính") for _, _, reason in report.noise)


def _free(folder: Path, stem: str) -> Path:
    """`folder`/`stem`.yaml, or -2, -3 … after it when a draft of that name is already there."""
    path = folder / f"{stem}.yaml"
    counter = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stem}-{counter}.yaml"
        counter += 1
    return path


def _new(draft: Draft, report: Report, name: str, target: Path, fields: dict[str, object]) -> ImportPlan:
    if target.exists() or target.is_symlink():
        raise IntakeError(f"{target} đã có; không ghi đè. Hãy chọn nơi khác bằng --output.")
    content = draft_yaml(draft, report, name).encode("utf-8")
    return ImportPlan(draft, report, name, NEW, target, content, changes=["bản nháp mới"])


def _merged(draft: Draft, report: Report, name: str, merged: MergePlan, root: Path) -> ImportPlan:
    changes = [f'thêm trường "{field_name}"' for field_name in merged.added]
    changes += [f'giữ nguyên trường "{field_name}" như tệp đang ghi (bản nhập ghi khác; hãy đối chiếu)' for field_name in merged.kept]
    content = merged.after if merged.after is not None else merged.before
    return ImportPlan(draft, report, name, MERGE, merged.path, content, merged.before, merged.path, changes=changes)


def _beside(draft: Draft, report: Report, name: str, merged: MergePlan, target: Path, root: Path) -> ImportPlan:
    record = merged.path.relative_to(root).as_posix() if merged.path.is_relative_to(root) else merged.path.name
    heading = [
        f"Bản nháp nhập từ {name} cho văn bản {draft.number}, đã có ở {record}.",
        f"Tệp đó được giữ nguyên vì: {merged.refused}.",
        "Hãy so bản nháp này với tệp đó, chép sang phần cần dùng, rồi xóa bản nháp.",
    ]
    content = draft_yaml(draft, report, name, heading).encode("utf-8")
    differences = _field_differences(merged.before, draft_fields(draft))
    if differences:
        content += ("\n" + comment_lines(["Khác với tệp đang có:", *differences])).encode("utf-8")
    changes = [f"bản nháp bên cạnh {record}: {merged.refused}", *differences]
    return ImportPlan(draft, report, name, BESIDE, target, content, record=merged.path, reason=merged.refused, changes=changes)


def _field_differences(before: bytes, fields: dict[str, object]) -> list[str]:
    node, _ = compose_text(before.decode("utf-8-sig", "replace"), "")
    existing: dict[str, str] = {}
    if isinstance(node, MappingNode):
        existing = {str(k.value): str(v.value) if isinstance(v, ScalarNode) else "(có)" for k, v in node.value if isinstance(k, ScalarNode)}
    out = []
    for name, value in fields.items():
        shown = str(value) if not isinstance(value, (list, dict)) else "(có)"
        if name not in existing:
            out.append(f"  {name}: tệp chưa có; bản nhập: {shown[:80]}")
        elif existing[name] != shown and shown != "(có)":
            out.append(f"  {name}: tệp ghi {existing[name][:80]!r}; bản nhập ghi {shown[:80]!r}")
    return out


@dataclass(frozen=True)
class Applied:
    """An applied import: its journal's id, the files written, the command that undoes it."""

    id: str
    written: list[Path]

    @property
    def undo_command(self) -> str:
        return f"nq45 import --undo {self.id}"


def apply_import(plan: ImportPlan, journal_dir: Path, root: Path) -> Applied:
    """Write what `plan` says, keeping a journal from which `undo_import` puts every file back."""
    if plan.action == MERGE and plan.content == plan.previous:
        return Applied("", [])
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    identifier = f"{stamp}-{hashlib.sha256(plan.content).hexdigest()[:6]}"
    folder = journal_dir / identifier
    folder.mkdir(parents=True, exist_ok=False)
    previous = plan.previous if plan.action == MERGE else None
    entry = {
        "path": plan.target.relative_to(root).as_posix(),
        "before": base64.b64encode(previous).decode("ascii") if previous is not None else None,
        "after": hashlib.sha256(plan.content).hexdigest(),
    }
    journal = {"id": identifier, "source": plan.source_name, "action": plan.action, "files": [entry]}
    (folder / "journal.json").write_text(json.dumps(journal, ensure_ascii=False, indent=1), encoding="utf-8")
    plan.target.parent.mkdir(parents=True, exist_ok=True)
    if plan.action == MERGE:
        write_keeping(plan.target, plan.content)
    else:
        with open(plan.target, "xb") as out:  # never over a file that appeared meanwhile
            out.write(plan.content)
    return Applied(identifier, [plan.target])


def undo_import(journal_dir: Path, root: Path, identifier: str | None = None) -> list[str]:
    """Put back every file an import wrote (the last one when `identifier` is None); refuse for a file edited since."""
    folder = _journal(journal_dir, identifier)
    journal = json.loads((folder / "journal.json").read_text(encoding="utf-8"))
    messages = []
    for entry in journal["files"]:
        path = root / entry["path"]
        current = path.read_bytes() if path.is_file() else None
        if current is None or hashlib.sha256(current).hexdigest() != entry["after"]:
            raise IntakeError(f"{entry['path']} đã được sửa sau lần nhập {journal['id']}; không hoàn tác để khỏi mất phần sửa đó.")
        if entry["before"] is None:
            path.unlink()
            messages.append(f"đã xóa {entry['path']}")
        else:
            write_keeping(path, base64.b64decode(entry["before"]))
            messages.append(f"đã trả {entry['path']} về như trước lần nhập")
    (folder / "journal.json").rename(folder / "undone.json")
    return messages


def _journal(journal_dir: Path, identifier: str | None) -> Path:
    if identifier is not None:
        if not re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}", identifier) or not (journal_dir / identifier / "journal.json").is_file():
            raise IntakeError(f'không có lần nhập "{identifier[:40]}" nào để hoàn tác (xem thư mục {journal_dir.name}/)')
        return journal_dir / identifier
    done = sorted(folder for folder in journal_dir.glob("*") if (folder / "journal.json").is_file()) if journal_dir.is_dir() else []
    if not done:
        raise IntakeError("chưa có lần nhập nào để hoàn tác")
    return done[-1]


__all__ = ["BESIDE", "MERGE", "NEW", "Applied", "ImportPlan", "IntakeError", "apply_import", "known_files", "plan_import", "undo_import"]
