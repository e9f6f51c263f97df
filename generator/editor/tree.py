"""A document's section tree as the form shows it: a flat list of rows, each with its level, and back. Changing a
level, splitting a row in two and joining a row to the one before are edits of that list."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.corpus.load import MAX_SECTION_DEPTH

ROW_FIELDS = ("level", "number", "title", "text", "paragraphs", "bodies", "task", "deadline", "task_bodies", "answers", "id")


@dataclass(frozen=True)
class Row:
    """One section: its level (1 = a part), its fields as the form holds them, and where it was in the YAML."""

    level: int
    number: str = ""
    title: str = ""
    text: str = ""
    paragraphs: str = ""  # paragraphs separated by a blank line
    bodies: str = ""  # ids separated by commas
    task: bool = False
    deadline: str = ""
    task_bodies: str = ""
    answers: str = ""  # references separated by commas
    id: str = ""


def words_list(value: str) -> list[str]:
    """ "a, b\nc" -> ["a", "b", "c"]."""
    return [part.strip() for chunk in value.splitlines() for part in chunk.split(",") if part.strip()]


def paragraphs_of(value: str) -> list[str]:
    """Paragraphs typed with a blank line between them, each joined back to one line."""
    blocks, current = [], []
    for line in value.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def rows_from_sections(sections: object, level: int = 1) -> list[Row]:
    """The rows of a YAML section list (as loaded), depth first."""
    rows: list[Row] = []
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict):
            continue
        task = section.get("task")
        task_fields = task if isinstance(task, dict) else {}
        rows.append(
            Row(
                level=level,
                number=_text(section.get("number")),
                title=_text(section.get("title")),
                text=_text(section.get("text")),
                paragraphs="\n\n".join(_texts(section.get("paragraphs"))),
                bodies=", ".join(_texts(section.get("bodies"))),
                task=bool(task),
                deadline=_text(task_fields.get("deadline")),
                task_bodies=", ".join(_texts(task_fields.get("bodies"))),
                answers=", ".join(_texts(section.get("answers"))),
                id=_text(section.get("id")),
            )
        )
        rows += rows_from_sections(section.get("sections"), level + 1)
    return rows


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, dict | list) else str(value)


def _texts(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value if item is not None and not isinstance(item, dict | list)]
    return [] if value is None else [str(value)]


def sections_from_rows(rows: list[Row]) -> list[dict[str, object]]:
    """The YAML section list of the rows; a row deeper than one below the row before hangs one level below it."""
    roots: list[dict[str, object]] = []
    stack: list[tuple[int, dict[str, object]]] = []
    for row in rows:
        section = _section(row)
        while stack and stack[-1][0] >= row.level:
            stack.pop()
        if stack:
            children = stack[-1][1].setdefault("sections", [])
            assert isinstance(children, list)
            children.append(section)
        else:
            roots.append(section)
        stack.append((row.level, section))
    return roots


def _section(row: Row) -> dict[str, object]:
    section: dict[str, object] = {}
    for name, value in (("id", row.id), ("number", row.number), ("title", row.title), ("text", row.text)):
        if value.strip():
            section[name] = " ".join(value.split())
    if paragraphs := paragraphs_of(row.paragraphs):
        section["paragraphs"] = paragraphs
    if bodies := words_list(row.bodies):
        section["bodies"] = bodies
    if row.task:
        task: dict[str, object] = {}
        if task_bodies := words_list(row.task_bodies):
            task["bodies"] = task_bodies
        if row.deadline.strip():
            task["deadline"] = " ".join(row.deadline.split())
        section["task"] = task or True
    if answers := words_list(row.answers):
        section["answers"] = answers
    return section


def row_paths(rows: list[Row]) -> list[str]:
    """Where each row lands in the YAML that sections_from_rows makes ("sections[2].sections[1]"), as `check` names it."""
    paths: list[str] = []
    stack: list[tuple[int, str, list[int]]] = []  # level, path, children counted so far
    roots = [0]
    for row in rows:
        while stack and stack[-1][0] >= row.level:
            stack.pop()
        counter = stack[-1][2] if stack else roots
        counter[0] += 1
        here = f"{stack[-1][1]}.sections[{counter[0]}]" if stack else f"sections[{counter[0]}]"
        paths.append(here)
        stack.append((row.level, here, [0]))
    return paths


def levels_fixed(rows: list[Row]) -> list[Row]:
    """The rows with each level at least 1, at most one below the row before and at most MAX_SECTION_DEPTH."""
    fixed, previous = [], 0
    for row in rows:
        level = max(1, min(row.level, previous + 1, MAX_SECTION_DEPTH))
        fixed.append(row if level == row.level else replace(row, level=level))
        previous = level
    return fixed


def change_level(rows: list[Row], index: int, step: int) -> list[Row]:
    """Move a row one level up (-1) or down (+1), the rows under it with it."""
    if not 0 <= index < len(rows) or not 1 <= rows[index].level + step <= MAX_SECTION_DEPTH:
        return rows
    changed = list(rows)
    end = index + 1
    while end < len(rows) and rows[end].level > rows[index].level:
        end += 1
    for position in range(index, end):
        changed[position] = replace(rows[position], level=max(1, rows[position].level + step))
    return levels_fixed(changed)


def split(rows: list[Row], index: int, at: int | None) -> list[Row]:
    """Cut a row in two at a position of its text (or of its title when it has no text), the second part a new row of
    the same level without a number; without a position, at its first further paragraph or its middle sentence."""
    if not 0 <= index < len(rows):
        return rows
    row = rows[index]
    source = "text" if row.text.strip() else "title"
    value = getattr(row, source)
    paragraphs = paragraphs_of(row.paragraphs)
    if at is None and paragraphs:
        first = replace(row, paragraphs="")
        second = Row(level=row.level, text=paragraphs[0], paragraphs="\n\n".join(paragraphs[1:]))
        return [*rows[:index], first, second, *rows[index + 1 :]]
    at = _middle_sentence(value) if at is None else at
    head, tail = value[:at].strip(), value[at:].strip()
    if not head or not tail:
        return rows
    first = replace(row, paragraphs="", **{source: head})
    second = Row(level=row.level, text=tail, paragraphs=row.paragraphs)
    return [*rows[:index], first, second, *rows[index + 1 :]]


def _middle_sentence(value: str) -> int:
    ends = [position + 1 for position, char in enumerate(value[:-1]) if char in ".;:" and value[position + 1] == " "]
    return min(ends, key=lambda end: abs(end - len(value) / 2)) if ends else 0


def join(rows: list[Row], index: int) -> list[Row]:
    """Join a row to the row before it: its title and text become a paragraph of that row, its paragraphs follow."""
    if not 1 <= index < len(rows):
        return rows
    before, row = rows[index - 1], rows[index]
    added = [" ".join(part for part in (row.number, row.title, row.text) if part.strip()), *paragraphs_of(row.paragraphs)]
    paragraphs = paragraphs_of(before.paragraphs) + [part for part in added if part]
    if not before.text.strip() and not before.paragraphs.strip() and not before.title.strip():
        merged = replace(before, text=paragraphs[0], paragraphs="\n\n".join(paragraphs[1:]))
    else:
        merged = replace(before, paragraphs="\n\n".join(paragraphs))
    return levels_fixed([*rows[: index - 1], merged, *rows[index + 1 :]])


def add_after(rows: list[Row], index: int) -> list[Row]:
    level = rows[index].level if 0 <= index < len(rows) else 1
    return [*rows[: index + 1], Row(level=level), *rows[index + 1 :]]


def remove(rows: list[Row], index: int) -> list[Row]:
    return levels_fixed([*rows[:index], *rows[index + 1 :]]) if 0 <= index < len(rows) else rows
