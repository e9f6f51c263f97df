"""Resolve phase: cross-document links, number keys, backlinks and reference checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.corpus.deadlines import Deadline
from generator.corpus.errors import Location, Problem, ValidationError
from generator.corpus.model import Abbreviation, AnswerRef, Body, Corpus, Document, Report, Section
from generator.corpus.numbers import find_mentions, number_identity, number_key


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two documents; `derived` edges come from mentions in the text."""

    kind: str
    source: Document
    target: Document
    section: Section | None
    derived: bool
    location: Location


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of running text; `target` is set when the piece is a document number."""

    text: str
    target: Document | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """A task a document assigns: its section, the bodies responsible, and its deadline."""

    id: str
    document: Document
    section: Section
    ancestors: tuple[Section, ...]
    bodies: tuple[Body, ...]
    deadline: Deadline | None

    @property
    def text(self) -> str:
        """The task's words as in the document."""
        return " ".join(t for t in (self.section.text, *self.section.paragraphs) if t) or (self.section.title or "")


@dataclass(frozen=True, slots=True)
class Answer:
    """A document (or one of its sections) that answers a task."""

    document: Document
    section: Section | None
    task: Task


@dataclass
class Site:
    """The resolved corpus: lookups and relations in both directions."""

    bodies: dict[str, Body]
    documents: dict[str, Document]
    by_key: dict[str, Document]
    outgoing: dict[str, list[Relation]] = field(default_factory=dict)
    incoming: dict[str, list[Relation]] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    answers_to: dict[str, list[Answer]] = field(default_factory=dict)
    answers_by: dict[str, list[Answer]] = field(default_factory=dict)
    # Each task's reports, oldest first.
    reports_on: dict[str, list[Report]] = field(default_factory=dict)
    abbreviations: tuple[Abbreviation, ...] = ()

    def segments(self, text: str, current: Document | None = None) -> list[Segment]:
        """Split `text` so that every known document number becomes a link segment."""
        pieces: list[Segment] = []
        position = 0
        for mention in find_mentions(text):
            target = self.by_key.get(mention.key)
            if target is None or target is current:
                continue
            if mention.start > position:
                pieces.append(Segment(text[position : mention.start]))
            pieces.append(Segment(text[mention.start : mention.end], target))
            position = mention.end
        if position < len(text):
            pieces.append(Segment(text[position:]))
        return pieces


def document_order(document: Document) -> tuple[str, str]:
    """Sort key: by date (undated last), then by number."""
    return (document.date.isoformat() if document.date else "9999", number_key(document.number))


def document_texts(document: Document) -> Iterator[str]:
    """Yield every running text of a document's own content (not editorial notes)."""
    if document.header:
        yield from document.header.title_lines
    yield from document.preamble
    for section, _ in document.outline:
        for text in (section.title, section.text, *section.paragraphs):
            if text:
                yield text


def resolve(corpus: Corpus) -> Site:
    """Index the corpus and resolve every reference; raise ValidationError on any problem."""
    problems: list[Problem] = []
    bodies = _index_bodies(corpus.bodies, problems)
    by_key = _index_numbers(corpus.documents, problems)
    site = Site(bodies=bodies, documents={d.id: d for d in corpus.documents}, by_key=by_key, abbreviations=corpus.abbreviations)
    for document in corpus.documents:
        _check_bodies(document, bodies, problems)
        site.outgoing[document.id] = _relations(document, site, problems)
    for relations in site.outgoing.values():
        for relation in relations:
            site.incoming.setdefault(relation.target.id, []).append(relation)
    for relations in site.incoming.values():
        relations.sort(key=lambda r: document_order(r.source))
    problems.extend(_cycles(site))
    tasks_of: dict[str, list[Task]] = {}
    for document in corpus.documents:
        tasks_of[document.id] = _tasks(document, bodies, problems)
        site.tasks.extend(tasks_of[document.id])
    scopes: dict[tuple[str, str | None], set[str] | None] = {}
    for document in corpus.documents:
        _answers(document, site, tasks_of, scopes, problems)
    for report in corpus.reports:
        _report(report, site, tasks_of, scopes, problems)
    for reports in site.reports_on.values():
        reports.sort(key=lambda r: (r.date, r.id))
    if problems:
        raise ValidationError(problems)
    return site


def _index_bodies(bodies: tuple[Body, ...], problems: list[Problem]) -> dict[str, Body]:
    index: dict[str, Body] = {}
    for body in bodies:
        if body.id in index:
            first = index[body.id].location.line
            problems.append(Problem(body.location, "id", f'mã cơ quan "{body.id}" bị trùng với cơ quan ở dòng {first}'))
            continue
        index[body.id] = body
    for body in bodies:
        if body.parent and body.parent not in index:
            problems.append(Problem(body.location, "parent", f'cơ quan cấp trên "{body.parent}" không có trong bodies.yaml'))
    return index


def _index_numbers(documents: tuple[Document, ...], problems: list[Problem]) -> dict[str, Document]:
    index: dict[str, Document] = {}
    identities: dict[str, Document] = {}
    for document in documents:
        key = number_key(document.number)
        identity = number_identity(key)
        if identity in identities and key not in index:
            other = identities[identity]
            where = document.locations.get("number", document.location)
            message = (
                f'số hiệu "{document.number}" là số hiệu "{other.number}" (trong {other.source}) viết khác đi; '
                "mỗi văn bản chỉ có một tệp, hãy bỏ tệp trùng hoặc sửa số hiệu"
            )
            problems.append(Problem(where, "number", message))
            continue
        identities.setdefault(identity, document)
        if key in index:
            other = index[key]
            where = document.locations.get("number", document.location)
            problems.append(
                Problem(
                    where, "number", f'số hiệu "{document.number}" trùng với văn bản trong {other.source}; mỗi văn bản có một số hiệu riêng'
                )
            )
            continue
        index[key] = document
    return index


def _check_bodies(document: Document, bodies: dict[str, Body], problems: list[Problem]) -> None:
    if document.issuer not in bodies:
        where = document.locations.get("issuer", document.location)
        problems.append(Problem(where, "issuer", _unknown_body(document.issuer, bodies)))
    for index, recipient in enumerate(document.recipients, 1):
        for body_id in recipient.bodies:
            if body_id not in bodies:
                problems.append(Problem(recipient.location, f"recipients[{index}].bodies", _unknown_body(body_id, bodies)))


def _unknown_body(body_id: str, bodies: dict[str, Body]) -> str:
    return f'cơ quan "{body_id}" không có trong data/bodies.yaml; hãy dùng một mã "id" có trong tệp đó hoặc thêm cơ quan mới'


def _relations(document: Document, site: Site, problems: list[Problem]) -> list[Relation]:
    relations: list[Relation] = []
    stated: set[str] = set()
    for ref in document.relations:
        field = f"relations.{ref.kind}"
        target = site.by_key.get(number_key(ref.number))
        if target is None:
            problems.append(
                Problem(
                    ref.location,
                    field,
                    f'không có văn bản nào mang số hiệu "{ref.number}"; hãy thêm tệp cho văn bản đó trong data/documents/ hoặc sửa số hiệu',
                )
            )
            continue
        if target is document:
            problems.append(Problem(ref.location, field, "văn bản không thể liên kết tới chính nó"))
            continue
        section = None
        if ref.section:
            section = next((s for s, _ in target.outline if s.id == ref.section), None)
            if section is None:
                problems.append(Problem(ref.location, field, f'văn bản {target.number} không có mục "{ref.section}"'))
                continue
        stated.add(target.id)
        relations.append(Relation(ref.kind, document, target, section, False, ref.location))
    for target in _mentioned(document, site):
        if target.id not in stated:
            stated.add(target.id)
            relations.append(Relation("cites", document, target, None, True, document.location))
    return relations


def _mentioned(document: Document, site: Site) -> list[Document]:
    found: dict[str, Document] = {}
    for text in document_texts(document):
        for mention in find_mentions(text):
            target = site.by_key.get(mention.key)
            if target is not None and target is not document:
                found.setdefault(target.id, target)
    return list(found.values())


def _cycles(site: Site) -> list[Problem]:
    """Report chains of implementation or basis that loop back on themselves."""
    edges = {doc_id: [r for r in relations if r.kind in ("implements", "based_on")] for doc_id, relations in site.outgoing.items()}
    problems: list[Problem] = []
    state: dict[str, int] = {}

    def visit(doc_id: str, path: list[Relation]) -> None:
        state[doc_id] = 1
        for relation in edges.get(doc_id, []):
            target = relation.target.id
            if state.get(target) == 1:
                start = next(i for i, r in enumerate([*path, relation]) if r.source.id == target)
                loop = [r.source.number for r in ([*path, relation])[start:]] + [relation.target.number]
                problems.append(
                    Problem(relation.location, f"relations.{relation.kind}", "chuỗi thực hiện/căn cứ bị vòng lặp: " + " → ".join(loop))
                )
            elif target not in state:
                visit(target, [*path, relation])
        state[doc_id] = 2

    for doc_id in sorted(edges):
        if doc_id not in state:
            visit(doc_id, [])
    return problems


def _tasks(document: Document, bodies: dict[str, Body], problems: list[Problem]) -> list[Task]:
    tasks = []
    for section, ancestors in document.outline:
        if section.task is None:
            continue
        body_ids = section.task.bodies or next((s.bodies for s in (section, *reversed(ancestors)) if s.bodies), ())
        if not body_ids:
            problems.append(
                Problem(
                    section.task.location,
                    f"{section.field_path}.task",
                    'nhiệm vụ chưa có cơ quan chủ trì; thêm "bodies" vào nhiệm vụ hoặc vào mục chứa nó',
                )
            )
            continue
        for body_id in (*body_ids, *section.bodies):
            if body_id not in bodies:
                problems.append(Problem(section.task.location, f"{section.field_path}.bodies", _unknown_body(body_id, bodies)))
        if all(b in bodies for b in body_ids):
            tasks.append(
                Task(f"{document.id}-{section.id}", document, section, ancestors, tuple(bodies[b] for b in body_ids), section.task.deadline)
            )
    return tasks


def _answers(
    document: Document,
    site: Site,
    tasks_of: dict[str, list[Task]],
    scopes: dict[tuple[str, str | None], set[str] | None],
    problems: list[Problem],
) -> None:
    """Record the tasks `document` answers; `scopes` remembers section scopes, which many answers share."""
    refs: list[tuple[AnswerRef, Section | None, str]] = [(ref, None, "answers") for ref in document.answers]
    for section, _ in document.outline:
        refs.extend((ref, section, f"{section.field_path}.answers") for ref in section.answers)
    for ref, own_section, field_path in refs:
        target = site.by_key.get(number_key(ref.number))
        if target is None:
            problems.append(Problem(ref.location, field_path, f'không có văn bản nào mang số hiệu "{ref.number}"'))
            continue
        if target is document:
            problems.append(Problem(ref.location, field_path, "văn bản không thể trả lời nhiệm vụ do chính nó giao"))
            continue
        scope = _scope(scopes, target, ref.section)
        if scope is None:
            problems.append(Problem(ref.location, field_path, f'văn bản {target.number} không có mục "{ref.section}"'))
            continue
        answered = [t for t in tasks_of[target.id] if t.section.id in scope]
        if not answered:
            where = f"mục {ref.section} của văn bản {target.number}" if ref.section else f"văn bản {target.number}"
            problems.append(Problem(ref.location, field_path, f"{where} không giao nhiệm vụ nào để trả lời"))
        for task in answered:
            answer = Answer(document, own_section, task)
            site.answers_to.setdefault(task.id, []).append(answer)
            site.answers_by.setdefault(document.id, []).append(answer)


def _report(
    report: Report,
    site: Site,
    tasks_of: dict[str, list[Task]],
    scopes: dict[tuple[str, str | None], set[str] | None],
    problems: list[Problem],
) -> None:
    """Record `report` on the tasks it speaks of, which must be given to its body."""
    where = report.locations.get
    if report.body not in site.bodies:
        problems.append(Problem(where("body", report.location), "body", _unknown_body(report.body, site.bodies)))
        return
    if report.document is not None and number_key(report.document) not in site.by_key:
        problems.append(Problem(where("document", report.location), "document", f'không có văn bản nào mang số hiệu "{report.document}"'))
    target = site.by_key.get(number_key(report.number))
    if target is None:
        problems.append(Problem(where("task", report.location), "task", f'không có văn bản nào mang số hiệu "{report.number}"'))
        return
    scope = _scope(scopes, target, report.section)
    if scope is None:
        problems.append(Problem(where("task", report.location), "task", f'văn bản {target.number} không có mục "{report.section}"'))
        return
    tasks = [t for t in tasks_of[target.id] if t.section.id in scope and any(b.id == report.body for b in t.bodies)]
    if not tasks:
        place = f"mục {report.section} của văn bản {target.number}" if report.section else f"văn bản {target.number}"
        message = f'{place} không giao nhiệm vụ nào cho cơ quan "{report.body}"; báo cáo phải là của cơ quan chủ trì nhiệm vụ'
        problems.append(Problem(where("task", report.location), "task", message))
    for task in tasks:
        site.reports_on.setdefault(task.id, []).append(report)


def _scope(scopes: dict[tuple[str, str | None], set[str] | None], document: Document, section_id: str | None) -> set[str] | None:
    """`_section_scope`, remembered in `scopes`: many answers and reports name the same section."""
    if (document.id, section_id) not in scopes:
        scopes[document.id, section_id] = _section_scope(document, section_id)
    return scopes[document.id, section_id]


def _section_scope(document: Document, section_id: str | None) -> set[str] | None:
    """Ids of the section and everything below it (the whole document when no section is named)."""
    sections = document.outline
    if section_id is None:
        return {s.id for s, _ in sections}
    if not any(s.id == section_id for s, _ in sections):
        return None
    return {s.id for s, ancestors in sections if s.id == section_id or any(a.id == section_id for a in ancestors)}
