"""The lists the forms offer: document types, statuses, bodies, the numbers of data/'s documents, tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.corpus.model import REPORT_STATUSES, STATUSES
from generator.corpus.vocabulary import DOCUMENT_TYPES
from generator.editor.web import room


@dataclass(frozen=True)
class Choices:
    types: tuple[str, ...] = tuple(DOCUMENT_TYPES)
    statuses: tuple[str, ...] = STATUSES
    report_statuses: tuple[str, ...] = tuple(REPORT_STATUSES)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # id, name
    numbers: list[tuple[str, str]] = field(default_factory=list)  # number, title
    tasks: list[tuple[str, str]] = field(default_factory=list)  # reference ("20-KH/TW#iv-2"), its words
    problems: list[str] = field(default_factory=list)  # data/ does not validate (edited by hand)


def choices() -> Choices:
    site, problems = room().checker.site()
    if site is None:
        return Choices(problems=[f"{p.location.file}, dòng {p.location.line}: {p.message}" for p in problems[:20]])
    bodies = sorted(((body.id, body.name) for body in site.bodies.values()), key=lambda item: item[1])
    numbers = sorted((document.number, document.title or document.type) for document in site.documents.values())
    tasks = []
    for task in site.tasks:
        label = task.section.number or ""
        tasks.append((f"{task.document.number}#{task.section.id}", f"{task.document.number} {label} {task.text[:120]}"))
    return Choices(bodies=bodies, numbers=numbers, tasks=tasks)
