"""Saving what a form holds: validated as `check` validates data/, refused when the file changed since the form was
loaded (the differences shown, nothing overwritten), written atomically, committed alone with the editor's name."""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.commands.project import Project
from generator.corpus.errors import Problem
from generator.corpus.yamlsource import MAX_FILE_BYTES, compose_text
from generator.editor.accounts import Account
from generator.editor.datafiles import read, write_atomic
from generator.editor.forms import field_of
from generator.editor.history import History, HistoryError, blob_hash
from generator.editor.importing import dump_yaml
from generator.editor.mirror import Checker
from generator.editor.state import file_lock
from generator.editor.tree import Row, row_paths


@dataclass
class Messages:
    """What `check` said, placed: by form field, by section row, and the rest."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.rows or self.general)

    def all(self) -> list[str]:
        """Every message as one line, for a page without the form."""
        return [*self.general, *(f"{name}: {text}" for name, texts in self.fields.items() for text in texts)] + [
            f"mục {row + 1}: {text}" for row, texts in self.rows.items() for text in texts
        ]


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed", "where"
    text: str


@dataclass
class Outcome:
    """What a save did: the commit, or why nothing was written."""

    commit: str = ""
    messages: Messages = field(default_factory=Messages)
    conflict: list[DiffLine] | None = None  # the file changed since the form was loaded: what changed it
    mine: list[DiffLine] = field(default_factory=list)  # and what this save would have changed
    unchanged: bool = False
    failed: bool = False  # git could not record the save: data/ was put back as it was, messages.general says why


def diff(before: str, after: str, before_name: str, after_name: str) -> list[DiffLine]:
    """The lines that differ between two texts, with three lines around each change."""
    kinds = {"+": "added", "-": "removed", " ": "same", "@": "where"}
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), before_name, after_name, lineterm="", n=3)
    return [DiffLine(kinds.get(line[:1], "same"), line) for line in lines if not line.startswith(("+++", "---"))]


def place_messages(problems: list[Problem], relative: str, rows: list[Row]) -> Messages:
    """Each problem beside the field it is about when it is about the file being edited."""
    placed = Messages()
    paths = {path: index for index, path in enumerate(row_paths(rows))}
    for problem in problems:
        text = problem.message
        if problem.location.file != relative:
            placed.general.append(f"{problem.location.file}, dòng {problem.location.line}, trường {problem.field or '—'}: {text}")
            continue
        name = field_of(problem.field)
        row = _row_of(problem.field, paths)
        if row is not None:
            placed.rows.setdefault(row, []).append(f"{_row_field(problem.field)}{text}")
        elif name:
            placed.fields.setdefault(name, []).append(text)
        else:
            placed.general.append(f"dòng {problem.location.line}: {text}")
    return placed


def _row_of(path: str, paths: dict[str, int]) -> int | None:
    best = None
    for candidate, index in paths.items():
        if (path == candidate or path.startswith(candidate + ".")) and (best is None or len(candidate) > len(best[0])):
            best = (candidate, index)
    return best[1] if best else None


def _row_field(path: str) -> str:
    labels = {"number": "Số mục", "title": "Tiêu đề", "text": "Nội dung", "paragraphs": "Đoạn", "bodies": "Cơ quan"}
    labels |= {"task": "Nhiệm vụ", "deadline": "Thời hạn", "answers": "Trả lời", "id": "Mã neo"}
    last = field_of(path).rsplit(".", 1)[-1]
    return f"{labels[last]}: " if last in labels else ""


def load_yaml(data: bytes, display: str) -> tuple[dict[str, object] | None, list[Problem]]:
    """A data file's fields as YAML gives them, within the corpus' limits (size, nesting, no aliases)."""
    if len(data) > MAX_FILE_BYTES:
        return None, []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, []
    node, problems = compose_text(text, display)
    if node is None or problems:
        return None, problems
    value = yaml.safe_load(text)
    return (value if isinstance(value, dict) else None), []


class Writer:
    """The one way the editor changes data/: one save at a time (across processes too)."""

    def __init__(self, project: Project, checker: Checker, history: History, lock_file: Path) -> None:
        self.project = project
        self.checker = checker
        self.history = history
        self.lock_file = lock_file
        self._lock = threading.Lock()

    def base_of(self, relative: str) -> tuple[str, bytes | None]:
        """The file's current bytes and git's name for them, which git is given to keep (for a later conflict's diff)."""
        data = read(self.project, relative)
        if data is not None:
            self.history.keep(data)
        return blob_hash(data), data

    def problems(self, relative: str, data: bytes | None) -> list[Problem]:
        return self.checker.problems({relative.removeprefix("data/"): data})

    def save(self, relative: str, fields: dict[str, object], base: str, account: Account, message: str, rows: list[Row]) -> Outcome:
        text = dump_yaml(fields).encode("utf-8")
        return self.save_bytes(relative, text, base, account, message, rows)

    def save_bytes(self, relative: str, text: bytes, base: str, account: Account, message: str, rows: list[Row]) -> Outcome:
        with self._lock, file_lock(self.lock_file):
            current = read(self.project, relative)
            if blob_hash(current) != base:
                theirs = self.history.blob(base) if base else b""
                before = (theirs or b"").decode("utf-8", "replace")
                now = (current or b"").decode("utf-8", "replace")
                return Outcome(
                    conflict=diff(before, now, "khi bạn mở", "bây giờ"),
                    mine=diff(now, text.decode("utf-8"), "bây giờ", "bản của bạn"),
                )
            if current == text:
                return Outcome(unchanged=True)
            problems = self.problems(relative, text)
            if problems:
                return Outcome(messages=place_messages(problems, relative, rows))
            write_atomic(self.project, relative, text)
            try:
                return Outcome(commit=self.history.commit(relative, account.full_name, account.email, message))
            except HistoryError as error:
                self._put_back(relative, current)
                said = f"Chưa lưu được: kho lưu trữ dữ liệu đang bận hoặc lỗi ({_first_line(str(error))}). "
                said += "Nội dung vừa sửa vẫn được giữ trong bản nháp; hãy thử lưu lại."
                return Outcome(messages=Messages(general=[said]), failed=True)

    def _put_back(self, relative: str, previous: bytes | None) -> None:
        """data/ as it was before a save git could not record: the previous bytes, or no file for a new one."""
        if previous is None:
            (self.project.root / relative).unlink(missing_ok=True)
        else:
            write_atomic(self.project, relative, previous)
        self.history.unstage(relative)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "git"
