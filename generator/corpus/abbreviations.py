"""data/abbreviations.yaml: the ways of writing a name that search treats as one ("KH&CN", "KHCN", "khoa học và
công nghệ"), which officers extend. Optional: without the file, search knows the bodies' names only."""

from __future__ import annotations

from pathlib import Path

from generator.corpus.errors import Location, Problem
from generator.corpus.model import Abbreviation
from generator.corpus.reader import Reader
from generator.corpus.searchtext import WORD, dates, folded_form, words_and_gaps
from generator.corpus.vocabulary import MAX_FORM_WORDS
from generator.corpus.yamlsource import Node, SequenceNode, compose_file

FILE = "abbreviations.yaml"
EXAMPLE = "- forms: [KH&CN, KHCN, khoa học và công nghệ]"


def load_abbreviations(path: Path, display: str, problems: list[Problem], root: Path | None = None) -> tuple[Abbreviation, ...]:
    """Every entry of the file at `path` (none when there is no such file), each problem added to `problems`; the file
    is read only inside `root` (the project; its folder when None)."""
    if not path.exists() and not path.is_symlink():
        return ()
    node, syntax = compose_file(path, display, root)
    problems.extend(syntax)
    if node is None or syntax:
        return ()
    reader = Reader(display)
    fields = reader.mapping(node, "", ("abbreviations",), ())
    found: list[Abbreviation] = []
    seen: dict[str, tuple[Location, str]] = {}  # each form read, folded: where, and the entry it is in
    for item, path_of_item in reader.items(fields.get("abbreviations") if fields else None, "abbreviations"):
        entry = _read_entry(reader, item, path_of_item, seen)
        if entry is not None:
            found.append(entry)
    problems.extend(reader.problems)
    return tuple(found)


def _read_entry(reader: Reader, node: Node, path: str, seen: dict[str, tuple[Location, str]]) -> Abbreviation | None:
    fields = reader.mapping(node, path, ("forms",), ())
    if fields is None or "forms" not in fields:
        return None
    items = reader.items(fields["forms"], f"{path}.forms")
    if isinstance(fields["forms"], SequenceNode) and len(items) < 2:
        reader.problem(fields["forms"], f"{path}.forms", f"cần ít nhất hai cách viết của cùng một tên, ví dụ: {EXAMPLE}")
        return None
    forms = []
    for item, path_of_form in items:
        form = reader.string(item, path_of_form, required=True)
        if form is not None and _valid(reader, item, path_of_form, form, seen):
            forms.append(form)
    return Abbreviation(forms=tuple(forms), location=reader.at(node)) if len(forms) >= 2 else None


def _valid(reader: Reader, node: Node, path: str, form: str, seen: dict[str, tuple[Location, str]]) -> bool:
    """Tell whether `form` can be a name's form, recording why not; `seen`: the forms read so far. The same form
    twice in one entry ("TP HCM", "TP.HCM") is no error."""
    entry = path.rpartition(".forms")[0]
    words = WORD.findall(form)
    folded = folded_form(form)
    if not words:
        reader.problem(node, path, f'cách viết "{form}" không có chữ hay số nào; cần một tên hoặc chữ viết tắt, ví dụ "KH&CN"')
    elif len(words) > MAX_FORM_WORDS:
        reader.problem(node, path, f'cách viết "{form[:60]}…" dài {len(words)} từ; tối đa {MAX_FORM_WORDS} từ')
    elif folded.replace(" ", "").isdigit() or len(folded) < 2:
        reader.problem(node, path, f'cách viết "{form}" quá ngắn hoặc chỉ có số; cần một tên hoặc chữ viết tắt có ít nhất hai chữ cái')
    elif dates(*words_and_gaps(form)):
        reader.problem(node, path, f'cách viết "{form}" là một ngày; tìm kiếm đã tự đọc ngày ở mọi cách viết')
    elif folded in seen and seen[folded][1] != entry:
        line = seen[folded][0].line
        reader.problem(node, path, f'cách viết "{form}" đã có ở dòng {line}, trong một mục khác; mỗi tên chỉ ghi trong một mục')
    else:
        seen.setdefault(folded, (reader.at(node), entry))
        return True
    return False
