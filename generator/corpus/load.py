"""Load phase: read `data/` into the typed model, collecting every problem."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from generator.corpus.abbreviations import FILE as ABBREVIATIONS
from generator.corpus.abbreviations import load_abbreviations
from generator.corpus.deadlines import DeadlineError, deadline_in_text, parse_deadline
from generator.corpus.errors import Location, Problem, ValidationError, readable_files
from generator.corpus.model import (
    RELATION_KINDS,
    STATUSES,
    AnswerRef,
    Appendix,
    Body,
    Corpus,
    Document,
    Header,
    Recipient,
    RelationRef,
    Section,
    Signature,
    TaskSpec,
    walk_sections,
)
from generator.corpus.numbers import type_code
from generator.corpus.reader import Reader
from generator.corpus.reports import load_reports
from generator.corpus.text import is_safe_slug, slugify
from generator.corpus.vocabulary import DOCUMENT_TYPES, RESERVED_IDS, UNCODED_TYPES
from generator.corpus.yamlsource import Node, ScalarNode, compose_file
from generator.support.parallel import map_in_chunks

DOCUMENT_REQUIRED = ("number", "type", "issuer")
DOCUMENT_OPTIONAL = (
    "title",
    "signer",
    "signer_title",
    "place",
    "date",
    "term",
    "status",
    "official_url",
    "summary",
    "relations",
    "answers",
    "header",
    "preamble",
    "sections",
    "signature",
    "recipients",
    "notes",
    "appendices",
)
# A document's levels: phần, mục, khoản, điểm, ý and a few more; the site shows at most six headings.
MAX_SECTION_DEPTH = 12
# The longest documents have a few hundred items; search and pages cost grows with this.
MAX_SECTIONS = 5000
SECTION_FIELDS = ("id", "number", "title", "text", "paragraphs", "bodies", "task", "answers", "sections")
DEADLINE_EXAMPLES = (
    '"hoàn thành trong quý I/2024", "thực hiện từ tháng 01/2024", "cơ bản hoàn thành trong năm 2024", '
    '"hoàn thành trong tháng 12/2023 và chỉ đạo thực hiện thường xuyên"'
)


# What a file gave when last read, by path: its (mtime_ns, size), and the document and problems.
LoadCache = dict[Path, tuple[tuple[int, int], "Document | None", list[Problem]]]


def load_corpus(data_dir: Path, root: Path | None = None, cache: LoadCache | None = None) -> Corpus:
    """Load bodies and documents from `data_dir`; raise ValidationError listing every problem.

    With `cache` (kept by `serve` between runs), files unchanged since the last call are not read
    again and give the same Document objects.
    """
    root = root or data_dir.parent
    problems: list[Problem] = []
    bodies = _load_bodies(data_dir / "bodies.yaml", root, problems)
    documents = []
    folder = data_dir / "documents"
    if not folder.is_dir():
        where = Location(_display(folder, root), 1, 1)
        problems.append(Problem(where, "", "không có thư mục data/documents/; hãy tạo thư mục và đặt tệp YAML của mỗi văn bản vào đó"))
    readable = readable_files(folder, ".yaml", root, partial(_display, root=root), problems)
    for document, found in _load_changed(readable, root, cache):
        problems.extend(found)
        if document is not None:
            documents.append(document)
    reports = load_reports(data_dir / "reports", _display(data_dir / "reports", root), problems, root)
    abbreviations = load_abbreviations(data_dir / ABBREVIATIONS, _display(data_dir / ABBREVIATIONS, root), problems, root)
    if problems:
        raise ValidationError(problems)
    return Corpus(bodies=tuple(bodies), documents=tuple(documents), reports=tuple(reports), abbreviations=abbreviations)


def load_corpus_bodies(data_dir: Path, root: Path) -> list[Body]:
    """Load only the bodies (the importer matches issuers against them); raise on problems."""
    problems: list[Problem] = []
    bodies = _load_bodies(data_dir / "bodies.yaml", root, problems)
    if problems:
        raise ValidationError(problems)
    return bodies


def _display(path: Path, root: Path) -> str:
    """The path as the project names it (never where a link leads)."""
    try:
        return str(path.absolute().relative_to(root.absolute()))
    except ValueError:
        return str(path)


def _load_bodies(path: Path, root: Path, problems: list[Problem]) -> list[Body]:
    display = _display(path, root)
    if not path.exists():
        problems.append(Problem(Location(display, 1, 1), "", "không tìm thấy tệp danh sách cơ quan bodies.yaml"))
        return []
    node, syntax = compose_file(path, display, root)
    problems.extend(syntax)
    if node is None or syntax:
        return []
    reader = Reader(display)
    fields = reader.mapping(node, "", ("bodies",), ())
    bodies = []
    for item, field in reader.items(fields.get("bodies") if fields else None, "bodies"):
        body = _read_body(reader, item, field)
        if body is not None:
            bodies.append(body)
    problems.extend(reader.problems)
    return bodies


def _read_body(reader: Reader, node: Node, path: str) -> Body | None:
    fields = reader.mapping(node, path, ("id", "name"), ("short_names", "parent"))
    if fields is None:
        return None
    body_id = reader.string(fields.get("id"), f"{path}.id", required=True)
    name = reader.string(fields.get("name"), f"{path}.name", required=True)
    if body_id is not None and not is_safe_slug(body_id):
        reader.problem(
            fields["id"],
            f"{path}.id",
            f'mã cơ quan "{body_id}" không dùng được làm tên tệp; cần chữ thường không dấu, số và gạch ngang, '
            f'ví dụ "{slugify(body_id) or "ban-tuyen-giao"}"',
        )
        return None
    if body_id in RESERVED_IDS:
        reader.problem(fields["id"], f"{path}.id", _reserved(f'mã cơ quan "{body_id}"', "co-quan"))
        return None
    if body_id is None or name is None:
        return None
    return Body(
        id=body_id,
        name=name,
        short_names=reader.strings(fields.get("short_names"), f"{path}.short_names"),
        parent=reader.string(fields.get("parent"), f"{path}.parent"),
        location=reader.at(node),
    )


def _load_changed(paths: list[Path], root: Path, cache: LoadCache | None) -> list[tuple[Document | None, list[Problem]]]:
    if cache is None:
        return map_in_chunks(partial(_load_documents, root=root), paths)
    stamps = {path: _stamp(path) for path in paths}
    stale = [path for path in paths if path not in cache or cache[path][0] != stamps[path]]
    for path, loaded in zip(stale, map_in_chunks(partial(_load_documents, root=root), stale), strict=True):
        cache[path] = (stamps[path], *loaded)
    for path in set(cache) - set(paths):
        del cache[path]
    return [cache[path][1:] for path in paths]


def _stamp(path: Path) -> tuple[int, int]:
    """When `path` last changed and its size; a file that cannot be read is read again (and reported)."""
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def _load_documents(paths: Sequence[Path], root: Path) -> list[tuple[Document | None, list[Problem]]]:
    loaded = []
    folders: dict[Path, str] = {}  # every document shares a folder: resolve it once
    for path in paths:
        if path.parent not in folders:
            folders[path.parent] = _display(path.parent, root)
        problems: list[Problem] = []
        loaded.append((_load_document(path, f"{folders[path.parent]}/{path.name}", root, problems), problems))
    return loaded


def _load_document(path: Path, display: str, root: Path, problems: list[Problem]) -> Document | None:
    node, syntax = compose_file(path, display, root)
    problems.extend(syntax)
    if node is None or syntax:
        return None
    reader = Reader(display)
    document = _read_document(reader, node, path.stem)
    problems.extend(reader.problems)
    return None if reader.problems else document


def _read_document(reader: Reader, node: Node, stem: str) -> Document | None:
    fields = reader.mapping(node, "", DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL)
    if fields is None:
        return None
    if not is_safe_slug(stem):
        reader.problem(
            node,
            "",
            f'tên tệp "{stem}.yaml" không dùng được làm địa chỉ trang; cần chữ thường không dấu, số và gạch ngang, '
            f'ví dụ "{slugify(stem) or "45-nq-tw"}.yaml"',
        )
    if stem in RESERVED_IDS:
        reader.problem(node, "", _reserved(f'tên tệp "{stem}.yaml"', "van-ban"))
    get = fields.get
    document_type = reader.choice(get("type"), "type", list(DOCUMENT_TYPES))
    status = reader.choice(get("status"), "status", STATUSES) or "Chưa xác định"
    count = _Count()
    sections = _read_sections(reader, get("sections"), "sections", "", count=count)
    appendices = _read_appendices(reader, get("appendices"), count)
    _check_unique_ids(reader, [*sections, *(s for appendix in appendices for s in appendix.sections)])
    number = reader.string(get("number"), "number", required=True) or ""
    if number and document_type:
        _check_number(reader, get("number"), number, document_type)
    return Document(
        id=stem,
        source=reader.file,
        number=number,
        type=document_type or "",
        title=reader.string(get("title"), "title"),
        issuer=reader.string(get("issuer"), "issuer", required=True) or "",
        signer=reader.string(get("signer"), "signer"),
        signer_title=reader.string(get("signer_title"), "signer_title"),
        place=reader.string(get("place"), "place"),
        date=reader.date(get("date"), "date"),
        term=reader.string(get("term"), "term"),
        status=status,
        official_url=reader.url(get("official_url"), "official_url"),
        summary=reader.string(get("summary"), "summary"),
        relations=_read_relations(reader, get("relations")),
        header=_read_header(reader, get("header")),
        preamble=reader.strings(get("preamble"), "preamble"),
        sections=tuple(sections),
        signature=_read_signature(reader, get("signature")),
        recipients=_read_recipients(reader, get("recipients")),
        notes=reader.strings(get("notes"), "notes"),
        location=reader.at(node),
        answers=_read_answers(reader, get("answers"), "answers"),
        locations={name: reader.at(value) for name, value in fields.items()},
        appendices=tuple(appendices),
    )


def _reserved(what: str, folder: str) -> str:
    return f"{what} trùng với tên một trang hoặc thư mục của trang web ({folder}/…); hãy đặt tên khác, ví dụ theo số hiệu"


def _check_number(reader: Reader, node: Node | None, number: str, document_type: str) -> None:
    assert node is not None
    code = type_code(number)
    if code is None:
        reader.problem(
            node,
            "number",
            f'số hiệu "{number}" không đúng dạng; cần dạng như 45-NQ/TW, 118-QĐ/TW, 04/NQ-CP, 719/QĐ-TTg hoặc 01/2024/TT-BKHCN',
        )
    elif document_type not in UNCODED_TYPES and slugify(code) not in DOCUMENT_TYPES[document_type]:
        codes = "/".join(code.upper() for code in DOCUMENT_TYPES[document_type])
        reader.problem(
            node,
            "number",
            f'số hiệu "{number}" mang mã loại "{code}" nhưng loại văn bản là "{document_type}" (mã {codes}); hãy sửa "number" hoặc "type"',
        )


def _read_relations(reader: Reader, node: Node | None) -> tuple[RelationRef, ...]:
    if node is None:
        return ()
    fields = reader.mapping(node, "relations", (), RELATION_KINDS)
    if fields is None:
        return ()
    relations = []
    for kind in RELATION_KINDS:
        for number, section, location in _references(reader, fields.get(kind), f"relations.{kind}"):
            relations.append(RelationRef(kind, number, section, location))
    return tuple(relations)


def _references(reader: Reader, node: Node | None, path: str) -> list[tuple[str, str | None, Location]]:
    """Read references written "20-KH/TW" or "20-KH/TW#iv-3" (one, or a list)."""
    references = []
    for item, item_path in reader.entries(node, path):
        value = reader.string(item, item_path, required=True)
        if value:
            number, _, section = value.partition("#")
            references.append((number.strip(), section.strip() or None, reader.at(item)))
    return references


def _read_header(reader: Reader, node: Node | None) -> Header | None:
    if node is None:
        return None
    fields = reader.mapping(node, "header", ("kind_line",), ("issuer_lines", "motto", "slogan", "place_date", "title_lines"))
    if fields is None:
        return None
    return Header(
        issuer_lines=reader.strings(fields.get("issuer_lines"), "header.issuer_lines"),
        motto=reader.string(fields.get("motto"), "header.motto") or "",
        place_date=reader.string(fields.get("place_date"), "header.place_date") or "",
        kind_line=reader.string(fields.get("kind_line"), "header.kind_line") or "",
        title_lines=reader.strings(fields.get("title_lines"), "header.title_lines"),
        slogan=reader.string(fields.get("slogan"), "header.slogan") or "",
    )


def _read_signature(reader: Reader, node: Node | None) -> Signature | None:
    if node is None:
        return None
    fields = reader.mapping(node, "signature", ("name",), ("lines",))
    if fields is None:
        return None
    return Signature(
        lines=reader.strings(fields.get("lines"), "signature.lines"),
        name=reader.string(fields.get("name"), "signature.name", required=True) or "",
    )


def _read_recipients(reader: Reader, node: Node | None) -> tuple[Recipient, ...]:
    recipients = []
    for item, path in reader.items(node, "recipients"):
        if isinstance(item, ScalarNode):
            text = reader.string(item, path, required=True)
            bodies: tuple[str, ...] = ()
        else:
            fields = reader.mapping(item, path, ("text",), ("bodies",))
            if fields is None:
                continue
            text = reader.string(fields.get("text"), f"{path}.text", required=True)
            bodies = reader.strings(fields.get("bodies"), f"{path}.bodies")
        if text:
            recipients.append(Recipient(text, bodies, reader.at(item)))
    return tuple(recipients)


def _read_appendices(reader: Reader, node: Node | None, count: _Count) -> list[Appendix]:
    """The texts attached after the signature; each one's sections are anchored under "phu-luc-<n>"."""
    appendices = []
    for number, (item, path) in enumerate(reader.items(node, "appendices"), 1):
        fields = reader.mapping(item, path, ("title_lines",), ("note", "preamble", "sections"))
        if fields is None:
            continue
        prefix = f"phu-luc-{number}"
        appendices.append(
            Appendix(
                id=prefix,
                number=number,
                title_lines=reader.strings(fields.get("title_lines"), f"{path}.title_lines"),
                note=reader.string(fields.get("note"), f"{path}.note"),
                preamble=reader.strings(fields.get("preamble"), f"{path}.preamble"),
                sections=tuple(_read_sections(reader, fields.get("sections"), f"{path}.sections", prefix, count=count, appendix=number)),
                location=reader.at(item),
            )
        )
    return appendices


class _Count:
    """Sections read so far in one document."""

    def __init__(self) -> None:
        self.read = 0


def _read_sections(
    reader: Reader, node: Node | None, path: str, parent_id: str, depth: int = 1, count: _Count | None = None, appendix: int = 0
) -> list[Section]:
    count = count or _Count()
    sections: list[Section] = []
    bullet = 0
    items = reader.items(node, path)
    if items and depth > MAX_SECTION_DEPTH:
        reader.problem(items[0][0], path, f"mục lồng nhau quá {MAX_SECTION_DEPTH} tầng; văn bản không có cấp sâu hơn thế")
        return []
    for item, item_path in items:
        count.read += 1
        if count.read > MAX_SECTIONS:
            reader.problem(item, item_path, f"văn bản có quá {MAX_SECTIONS:,} mục; hãy chia thành nhiều văn bản".replace(",", "."))
            return sections
        fields = reader.mapping(item, item_path, (), SECTION_FIELDS)
        if fields is None:
            continue
        number = reader.string(fields.get("number"), f"{item_path}.number")
        title = reader.string(fields.get("title"), f"{item_path}.title")
        text = reader.string(fields.get("text"), f"{item_path}.text")
        if title is None and text is None:
            reader.problem(item, item_path, 'mục cần có "title" (tiêu đề) hoặc "text" (nội dung)')
        if number is None:
            bullet += 1
        own = reader.string(fields.get("id"), f"{item_path}.id")
        section_id = own or _derive_id(parent_id, number, bullet)
        if own is not None and not is_safe_slug(own):
            reader.problem(
                fields["id"],
                f"{item_path}.id",
                f'mã mục "{own}" không dùng được làm neo liên kết; cần chữ thường không dấu, số và gạch ngang',
            )
        children = _read_sections(reader, fields.get("sections"), f"{item_path}.sections", section_id, depth + 1, count, appendix)
        paragraphs = reader.strings(fields.get("paragraphs"), f"{item_path}.paragraphs")
        sections.append(
            Section(
                id=section_id,
                number=number,
                title=title,
                text=text,
                paragraphs=paragraphs,
                children=tuple(children),
                location=reader.at(item),
                field_path=item_path,
                bodies=reader.strings(fields.get("bodies"), f"{item_path}.bodies"),
                task=_read_task(reader, fields.get("task"), f"{item_path}.task", (text, *paragraphs)),
                answers=_read_answers(reader, fields.get("answers"), f"{item_path}.answers"),
                appendix=appendix,
            )
        )
    return sections


def _read_task(reader: Reader, node: Node | None, path: str, texts: tuple[str | None, ...]) -> TaskSpec | None:
    """Read `task: true` or `task: {bodies: [...], deadline: "..."}`; the deadline defaults to the text's."""
    if node is None:
        return None
    if isinstance(node, ScalarNode):
        if not reader.boolean(node, path):
            return None
        bodies: tuple[str, ...] = ()
        wording = None
    else:
        fields = reader.mapping(node, path, (), ("bodies", "deadline"))
        if fields is None:
            return None
        bodies = reader.strings(fields.get("bodies"), f"{path}.bodies")
        wording = reader.string(fields.get("deadline"), f"{path}.deadline")
    written = [t for t in texts if t]
    if wording is None and written:
        wording = deadline_in_text(written[-1])
    deadline = None
    if wording is not None:
        try:
            deadline = parse_deadline(wording)
        except DeadlineError:
            reader.problem(node, f"{path}.deadline", f'không đọc được thời hạn "{wording}"; cần dạng như {DEADLINE_EXAMPLES}')
    return TaskSpec(bodies, deadline, reader.at(node))


def _read_answers(reader: Reader, node: Node | None, path: str) -> tuple[AnswerRef, ...]:
    return tuple(AnswerRef(number, section, location) for number, section, location in _references(reader, node, path))


def _derive_id(parent_id: str, number: str | None, bullet: int) -> str:
    """Derive an anchor from numbering: II > 1 > 1.1 -> "ii-1-1"; bullets -> "iv-1-g2"."""
    own = f"g{bullet}" if number is None else slugify(number.rstrip(".").split(".")[-1]) or slugify(number)
    derived = f"{parent_id}-{own}" if parent_id else own
    # Anchors that start with a digit break CSS selectors ("#1"), so those get a prefix.
    return derived if derived[:1].isalpha() else f"muc-{derived}"


def _check_unique_ids(reader: Reader, sections: list[Section]) -> None:
    seen: dict[str, Section] = {}
    for section, _ in walk_sections(tuple(sections)):
        if section.id in seen:
            first = seen[section.id].location.line
            reader.problems.append(
                Problem(
                    section.location,
                    section.field_path,
                    f'mã mục "{section.id}" bị trùng với mục ở dòng {first}; hãy sửa số thứ tự hoặc đặt trường "id" riêng',
                )
            )
        else:
            seen[section.id] = section
