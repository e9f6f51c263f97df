"""What the document form's buttons do, for a document of data/ and for a draft from a file alike: change the tree,
check, preview, save, keep or discard the draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from generator.corpus.numbers import number_key
from generator.editor import tree
from generator.editor.datafiles import relative_path, valid_id
from generator.editor.drafts import Draft
from generator.editor.editing import Messages, Outcome, place_messages
from generator.editor.forms import SMALL_NUMBER, DocumentForm, FormError, data_from_form, form_from_request
from generator.editor.importing import dump_yaml
from generator.editor.views.choices import choices
from generator.editor.web import account, record, room

# Where a row's text is split: a character's position (a paragraph may pass 9,999 characters).
SPLIT_AT = re.compile(r"[0-9]{1,7}")
TREE_OPS = {"len": lambda rows, i, at: tree.change_level(rows, i, -1), "xuong": lambda rows, i, at: tree.change_level(rows, i, 1)}
TREE_OPS |= {"tach": tree.split, "gop": lambda rows, i, at: tree.join(rows, i)}
TREE_OPS |= {"them": lambda rows, i, at: tree.add_after(rows, i), "xoa": lambda rows, i, at: tree.remove(rows, i)}


@dataclass
class Screen:
    """What the form page shows besides the form."""

    draft: Draft
    target: str  # the document's id in data/, or "" for a draft whose number is not known yet
    messages: Messages = field(default_factory=Messages)
    checked: bool = False
    outcome: Outcome | None = None


def posted_form() -> DocumentForm:
    lists = {key: request.form.getlist(key) for key in request.form if key.startswith("s-")}
    return form_from_request({key: str(value) for key, value in request.form.items()}, lists)


def target_of(form: DocumentForm, draft: Draft) -> str:
    """The file a draft is saved to: the document's own for an edit, else after its number."""
    if draft.kind == "edit":
        return draft.target
    number = form.value("number")
    return number_key(number) if number and valid_id(number_key(number)) else ""


def render(form: DocumentForm, screen: Screen, status: int = 200) -> tuple[str, int]:
    return render_template(
        "document_form.html", form=form, screen=screen, rows=form.rows, choices=choices(), **_review(screen.draft)
    ), status


def _review(draft: Draft) -> dict[str, object]:
    review = draft.review if draft.kind == "import" else {}
    listed = review.get("doubtful", [])  # (line, word) pairs, as the importer's review keeps them
    doubtful = {str(word) for _, word in listed} if isinstance(listed, list) else set()

    def doubts(text: str) -> list[str]:
        """The words recognition was unsure of that `text` holds, in their order there."""
        return [word for word in dict.fromkeys(re.findall(r"\w+", text)) if word in doubtful] if doubtful else []

    guessed = review.get("guessed", {}) if review else {}
    return {
        "review": review,
        "guessed": guessed,
        "origins": review.get("origins", {}) if review else {},
        "doubts": doubts,
        "marked": marked,
    }


def marked(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """`text` in pieces, each of `words` (as whole words) a piece of its own marked True."""
    if not words:
        return [(text, False)]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)) + r")(?!\w)")
    pieces, position = [], 0
    for found in pattern.finditer(text):
        pieces += [(text[position : found.start()], False), (found.group(), True)]
        position = found.end()
    return [piece for piece in [*pieces, (text[position:], False)] if piece[0]]


def handle(draft: Draft) -> BaseResponse | tuple[str, int]:
    """Do what the button pressed asks with the form as sent."""
    parts = room()
    try:
        form = posted_form()
    except FormError as error:
        return _refused(str(error))
    action = str(request.form.get("op", "luu-nhap"))
    screen = Screen(draft, target_of(form, draft))
    if action != "bo":  # the form kept before anything that can fail, so that nothing typed is lost
        draft.keep_form(form)
        parts.drafts.keep(draft)
    if action.startswith("cay-"):
        name, _, index = action.removeprefix("cay-").partition("-")
        at = str(request.form.get("split_at", ""))
        if name not in TREE_OPS or not SMALL_NUMBER.fullmatch(index) or (at and not SPLIT_AT.fullmatch(at)):
            return _refused("nút sửa cây mục không hợp lệ: cần tên thao tác, số thứ tự của mục và vị trí tách là số")
        form.rows = TREE_OPS[name](form.rows, int(index), int(at) if at else None)
        return _keep(draft, form, screen)
    if action == "bo":
        parts.drafts.discard(draft)
        record("bỏ bản nháp", draft.target or draft.id)
        flash("Đã bỏ bản nháp.", "ok")
        return redirect(url_for("documents.edit", doc_id=draft.target) if draft.kind == "edit" else url_for("documents.index"))
    if not screen.target:
        screen.messages = Messages(fields={"number": ["cần số hiệu đúng dạng (ví dụ 15-KH/ĐĐLHHVN) để biết lưu vào tệp nào"]})
        return render(form, screen, 422)
    relative = relative_path("document", screen.target)
    data = dump_yaml(data_from_form(form)).encode("utf-8")
    if action == "kiem-tra":
        screen.messages = place_messages(parts.writer.problems(relative, data), relative, form.rows)
        screen.checked = True
        return render(form, screen, 422 if screen.messages else 200)
    if action == "xem-truoc":
        return _preview(draft, form, screen, relative, data)
    if action == "luu":
        return _save(draft, form, screen, relative, data)
    return render(form, screen)


def _refused(why: str) -> tuple[str, int]:
    """A form no page of the editor sends: said, nothing done."""
    record("biểu mẫu không hợp lệ", request.path, why)
    return render_template("error.html", code=400, message=f"Biểu mẫu không hợp lệ: {why}. Hãy tải lại trang rồi làm lại."), 400


def _keep(draft: Draft, form: DocumentForm, screen: Screen, status: int = 200) -> tuple[str, int]:
    draft.keep_form(form)
    room().drafts.keep(draft)
    return render(form, screen, status)


def _preview(draft: Draft, form: DocumentForm, screen: Screen, relative: str, data: bytes) -> BaseResponse | tuple[str, int]:
    parts = room()
    screen.messages = place_messages(parts.writer.problems(relative, data), relative, form.rows)
    if screen.messages or parts.preview is None:
        return render(form, screen, 422)
    parts.preview.refresh({relative.removeprefix("data/"): data})
    return redirect(url_for("preview.page", path=f"van-ban/{screen.target}/"))


def _save(draft: Draft, form: DocumentForm, screen: Screen, relative: str, data: bytes) -> BaseResponse | tuple[str, int]:
    parts = room()
    if draft.kind == "import" and not form.base:
        existing = parts.writer.base_of(relative)[0]
        if existing:  # a new document whose number data/ already holds: never overwritten
            form.base = "new"
    who = account()
    message = request.form.get("message", "").strip()[:200] or f"Sửa {form.value('number') or screen.target}"
    if draft.kind == "import":
        message = request.form.get("message", "").strip()[:200] or f"Thêm {form.value('number')} từ {draft.upload.get('name', 'tệp')}"
    outcome = parts.writer.save_bytes(relative, data, form.base, who, message, form.rows)
    screen.outcome = outcome
    if outcome.conflict is not None or outcome.messages:
        why = "xung đột" if outcome.conflict is not None else "lỗi kho lưu trữ" if outcome.failed else "dữ liệu chưa hợp lệ"
        record("lưu bị từ chối", screen.target, why)
        screen.messages = outcome.messages
        return _keep(draft, form, screen, 409 if outcome.conflict is not None else 503 if outcome.failed else 422)
    parts.drafts.discard(draft)
    if outcome.unchanged:
        flash("Không có gì thay đổi so với tệp đang lưu.", "ok")
    else:
        record("lưu", screen.target, outcome.commit[:10])
        flash(f"Đã lưu {relative} (lịch sử: {outcome.commit[:10]}).", "ok")
        if parts.preview is not None:
            parts.preview.refresh_later({})
    return redirect(url_for("documents.edit", doc_id=screen.target))
