"""Drafts: a document being added from a file or being corrected, kept in the editor's folder until it is saved or
discarded, so that nothing typed is lost when the browser closes."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.editor.forms import DocumentForm
from generator.editor.state import private_folder, read_json, write_json
from generator.editor.tree import Row
from generator.editor.uploads import TOKEN


@dataclass
class Draft:
    id: str
    owner: str
    kind: str  # "import" (a received file) or "edit" (a document of data/)
    target: str = ""  # the document's id in data/ (for an import, once it is known)
    status: str = "ready"  # "running" while the importer reads the file, "failed" when it could not
    message: str = ""
    created: str = ""
    updated: str = ""
    upload: dict[str, str] = field(default_factory=dict)  # token, suffix, name
    pages: int = 0
    form: dict[str, object] = field(default_factory=dict)
    review: dict[str, object] = field(default_factory=dict)

    def document_form(self) -> DocumentForm:
        rows = self.form.get("rows")
        fields = self.form.get("fields")
        return DocumentForm(
            {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {},
            [Row(**row) for row in rows if isinstance(row, dict)] if isinstance(rows, list) else [],
            str(self.form.get("base", "")),
            str(self.form.get("order", "")),
            str(self.form.get("extra", "")),
        )

    def keep_form(self, form: DocumentForm) -> None:
        self.form = {
            "fields": dict(form.fields),
            "rows": [asdict(row) for row in form.rows],
            "base": form.base,
            "order": form.order,
            "extra": form.extra,
        }


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Drafts:
    """The drafts (one JSON file each) and the received files they were read from (a folder each in `uploads`)."""

    def __init__(self, folder: Path, uploads: Path) -> None:
        self.folder = folder
        self.uploads = uploads

    def new(self, owner: str, kind: str, target: str = "") -> Draft:
        draft = self.unsaved(owner, kind, target)
        self.keep(draft)
        return draft

    @staticmethod
    def unsaved(owner: str, kind: str, target: str = "") -> Draft:
        """A draft not kept yet (kept once it holds a form)."""
        return Draft(secrets.token_urlsafe(18), owner, kind, target, created=_now())

    def keep(self, draft: Draft) -> None:
        private_folder(self.folder)
        draft.updated = _now()
        write_json(self.folder / f"{draft.id}.json", asdict(draft))

    def get(self, draft_id: str) -> Draft | None:
        if not TOKEN.fullmatch(draft_id):
            return None
        found = read_json(self.folder / f"{draft_id}.json", None)
        if not isinstance(found, dict):
            return None
        try:
            return Draft(**found)
        except TypeError:
            return None

    def of(self, owner: str) -> list[Draft]:
        """The drafts of one person, latest first."""
        found = [draft for path in self.folder.glob("*.json") if (draft := self.get(path.stem)) and draft.owner == owner]
        return sorted(found, key=lambda draft: draft.updated, reverse=True)

    def editing(self, owner: str, target: str) -> Draft | None:
        """This person's draft of a document of data/, if there is one."""
        return next((draft for draft in self.of(owner) if draft.kind == "edit" and draft.target == target), None)

    def discard(self, draft: Draft) -> None:
        """The draft gone (saved or discarded), and the file it was read from with it."""
        (self.folder / f"{draft.id}.json").unlink(missing_ok=True)
        token = draft.upload.get("token", "")
        if TOKEN.fullmatch(token):
            shutil.rmtree(self.uploads / token, ignore_errors=True)

    def sweep(self) -> list[str]:
        """Remove the received files no draft holds (left by a draft discarded before this was done, or a crash);
        return their folders' names."""
        if not self.uploads.is_dir():
            return []
        held = {draft.upload.get("token", "") for path in self.folder.glob("*.json") if (draft := self.get(path.stem))}
        orphans = [path for path in self.uploads.iterdir() if path.is_dir() and not path.is_symlink() and path.name not in held]
        for path in orphans:
            shutil.rmtree(path, ignore_errors=True)
        return sorted(path.name for path in orphans)
