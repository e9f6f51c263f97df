"""A received document's lines turned into a typed draft and a report: the posting's chrome dropped, the header
block, body, signature and attached texts read, and the document's identity decided from where this document
names itself (identity.py), with where each fact came from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.corpus.model import Body
from generator.corpus.numbers import number_key
from generator.corpus.text import normalize
from generator.corpus.vocabulary import DOCUMENT_TYPES, fold
from generator.intake.attributes import attribute_table, unflattened
from generator.intake.draft import Draft, DraftSection, Provenance
from generator.intake.header import PLACE_DATE, HeaderBlock, find_header, kind_of, well_formed
from generator.intake.identity import OWN, RELATION, Identity, Seen, agrees, decide, mentions, type_of_number
from generator.intake.issuers import Issuer, decide_issuer
from generator.intake.lead import is_headline, split_lead
from generator.intake.noise import POSTED, noise_reason
from generator.intake.prose import PLACE, SIGNED_BY, SUBJECT, relations_in
from generator.intake.report import Report
from generator.intake.structure import body_tree, opens_section
from generator.intake.tail import Tail, read_tail, starts_tail
from generator.intake.titles import NAMES, title_from_block
from generator.intake.wrapping import name_pairs, rejoined, unwrapped

LEAD_REASON = "tiêu đề hoặc lời dẫn của bài đăng, không thuộc văn bản; đã đọc thông tin trong đó"
TERM = re.compile(r"\b(?:KHÓA|KHOÁ|khóa|khoá)\s+([IVXLC]+)\b")


@dataclass
class Parts:
    """A text cut into its parts."""

    attributes: dict[str, str]
    lead: list[tuple[int, str]]
    header: HeaderBlock
    preamble: list[str]
    sections: list[DraftSection]
    tail: Tail


def import_document(
    lines: list[str],
    bodies: list[Body],
    dropped: Sequence[tuple[str, str]] = (),
    known: Mapping[str, str] | None = None,
    doubtful: Sequence[tuple[int, str]] = (),
) -> tuple[Draft, Report]:
    """Turn the lines of a received document into a draft and a report; `dropped`: what the file's reader left
    out; `known`: the numbers of the documents in data/ by their key, which relations may point to."""
    report = Report()
    report.noise += [(0, text, reason) for text, reason in dropped]
    report.doubtful += doubtful
    parts = _parts(lines, bodies, report)
    draft = Draft()
    _body(draft, parts, report)
    identity = _identity(parts, report)
    _identify(draft, identity, parts, bodies, report)
    _relations(draft, parts, known or {}, report)
    for name in ("number", "type", "issuer", "date"):
        if not getattr(draft, name):
            report.missing.append(name)
    return draft, report


def _parts(lines: list[str], bodies: list[Body], report: Report) -> Parts:
    kept: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        line = normalize(line)
        if not line:
            continue
        reason = noise_reason(line)
        if reason is not None:
            report.noise.append((number, line, reason))
        else:
            kept.append((number, line))
    kept = unflattened(kept)
    attributes, kept, read = attribute_table(kept)
    report.noise += [(number, line, "bảng thuộc tính của trang, đã đọc vào thông tin văn bản") for number, line in read]
    names = {name for body in bodies for name in (body.name, *body.short_names)} | set(NAMES)
    kept = rejoined(unwrapped(kept, {word for name in names for word in name.split()}), name_pairs(names))
    header = find_header(kept)
    if header.found:
        lead, rest = kept[: header.start], kept[header.end :]
    else:
        lead, rest = split_lead(kept)
        while rest and len(lead) < 12 and _announces(rest[0][1]):  # a posting's words: no document names its own number so
            lead, rest = [*lead, rest[0]], rest[1:]
    report.noise += [(number, line, LEAD_REASON) for number, line in lead]
    split = next((index for index, (_, line) in enumerate(rest) if starts_tail(line)), len(rest))
    preamble, sections = body_tree(rest[:split], report.unplaced)
    tail = read_tail(rest[split:], report.unplaced)
    report.noise += [(number, line, reason) for number, line, reason in tail.dropped]
    return Parts(attributes, lead, header, preamble, sections, tail)


def _announces(line: str) -> bool:
    """Whether `line` announces a document with its number ("… ban hành Kế hoạch số 99-KH/…"): a posting's lead."""
    return not opens_section(line) and any(seen.role == OWN for seen in mentions(line, None, ""))


def _body(draft: Draft, parts: Parts, report: Report) -> None:
    header = parts.header
    draft.header = {
        key: value
        for key, value in (
            ("issuer_lines", header.issuer_lines),
            ("motto", header.motto),
            ("slogan", header.slogan),
            ("place_date", header.place_date),
            ("kind_line", header.kind_line),
            ("title_lines", header.title_lines),
        )
        if value
    }
    if "kind_line" not in draft.header:
        draft.header = {}
    draft.preamble, draft.sections = parts.preamble, parts.sections
    draft.recipients, draft.signature, draft.notes = parts.tail.recipients, parts.tail.signature, parts.tail.notes
    draft.signer_title = parts.tail.signer_title
    draft.appendices = parts.tail.appendices


def _sentences(parts: Parts) -> list[tuple[int | None, str, str, bool]]:
    """Where this document may name itself: the lead, the title, the preamble's first paragraphs, the notes of the
    texts attached to it ("Kèm theo Nghị quyết số …"); each with its line, where it is, and whether a headline."""
    found: list[tuple[int | None, str, str, bool]] = []
    for index, (number, line) in enumerate(parts.lead):
        headline = index == 0 and is_headline(line, len(parts.lead))
        found.append((number, line, "tiêu đề bài đăng" if headline else "lời dẫn của bài đăng", headline))
    found += [(parts.header.kind_line_number, line, "trích yếu", False) for line in parts.header.title_lines]
    found += [(None, line, "phần mở đầu", False) for line in parts.preamble[:5]]
    found += [(None, appendix.note, "văn bản kèm theo", False) for appendix in parts.tail.appendices if appendix.note]
    return found


def _posted_year(report: Report, parts: Parts) -> int | None:
    """The year a posting was made, for dates a lead writes without one ("Ngày 12/3, …")."""
    for _, text, reason in report.noise:
        found = re.search(r"\b(20\d{2}|19\d{2})\b", text)
        if reason == POSTED and found:
            return int(found.group(1))
    return None


def _identity(parts: Parts, report: Report) -> Identity:
    identity = Identity()
    year = _posted_year(report, parts)
    for line, text, where, headline in _sentences(parts):
        identity.seen += mentions(text, line, where, headline, year)
    header, attributes = parts.header, parts.attributes
    chosen: Seen | None = None
    if header.number is not None:
        identity.number = header.number
        identity.provenance["number"] = Provenance("dòng số hiệu của khối tiêu đề", header.number_line, f"Số: {header.number_written}")
    elif attributes.get("Số hiệu") and well_formed(attributes["Số hiệu"]):
        identity.number = well_formed(attributes["Số hiệu"])
        identity.provenance["number"] = Provenance("bảng thuộc tính của trang", None, f"Số hiệu: {attributes['Số hiệu']}")
    else:
        chosen, why = decide(identity.seen)
        if chosen is not None:
            identity.number = chosen.number
            identity.provenance["number"] = Provenance(chosen.why + f" ({chosen.where})", chosen.line, chosen.text)
        else:
            report.no_number = why
    if header.number_written is not None and header.number is None:
        report.conflicts.append(f'dòng "Số: {header.number_written[:60]}" không phải một số hiệu đúng dạng (ví dụ 45-NQ/TW, 04/NQ-CP)')
    if chosen is None and identity.number is not None:
        chosen = next((s for s in identity.seen if s.role == OWN and s.key == number_key(identity.number)), None)
    _type_and_date(identity, parts, chosen, report)
    identity.issuer_named = chosen.issuer if chosen else None
    return identity


def _without_term(name: str | None) -> tuple[str | None, str | None]:
    """An issuer named with its term ("Tỉnh ủy Sóc Trăng khóa XV"): the name, and the term ("khóa XV")."""
    found = TERM.search(name) if name else None
    if name is None or found is None:
        return name, None
    return name[: found.start()].strip(), f"khóa {found.group(1)}"


def _type_and_date(identity: Identity, parts: Parts, chosen: Seen | None, report: Report) -> None:
    header, attributes = parts.header, parts.attributes
    kind = kind_of(header.kind_line) if header.kind_line else None
    listed = _type_named(attributes.get("Loại văn bản"))
    if kind is not None:
        identity.type = kind[0]
        identity.provenance["type"] = Provenance("dòng tên loại của khối tiêu đề", header.kind_line_number, header.kind_line or "")
    elif listed is not None:
        identity.type = listed
        identity.provenance["type"] = Provenance("bảng thuộc tính của trang", None, f"Loại văn bản: {attributes['Loại văn bản']}")
    elif chosen is not None and chosen.type is not None:
        identity.type = chosen.type
        identity.provenance["type"] = Provenance(chosen.why, chosen.line, chosen.text)
    elif identity.number is not None and (by_code := type_of_number(identity.number)) is not None:
        identity.type = by_code
        identity.provenance["type"] = Provenance("mã loại trong số hiệu (đoán)", None, identity.number)
    if identity.type and identity.number and not agrees(identity.type, identity.number):
        report.conflicts.append(f'số hiệu {identity.number} không mang mã của loại "{identity.type}"')
    place_date = PLACE_DATE.match(header.place_date) if header.place_date else None
    listed_date = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", attributes.get("Ngày ban hành", "").strip())
    if place_date:
        identity.date = f"{place_date.group('year')}-{int(place_date.group('month')):02d}-{int(place_date.group('day')):02d}"
        identity.provenance["date"] = Provenance(
            "dòng địa danh, ngày tháng của khối tiêu đề", header.place_date_line, header.place_date or ""
        )
    elif listed_date:
        identity.date = f"{listed_date.group(3)}-{int(listed_date.group(2)):02d}-{int(listed_date.group(1)):02d}"
        identity.provenance["date"] = Provenance("bảng thuộc tính của trang", None, f"Ngày ban hành: {attributes['Ngày ban hành']}")
    elif chosen is not None and chosen.date is not None:
        identity.date = chosen.date
        identity.provenance["date"] = Provenance(chosen.why, chosen.line, chosen.text)


def _type_named(written: str | None) -> str | None:
    if not written:
        return None
    folded = fold(written).strip()
    return next((name for name in sorted(DOCUMENT_TYPES, key=len, reverse=True) if fold(name) == folded), None)


def _identify(draft: Draft, identity: Identity, parts: Parts, bodies: list[Body], report: Report) -> None:
    draft.number, draft.type, draft.date = identity.number, identity.type, identity.date
    draft.provenance.update(identity.provenance)
    own = identity.own_key()
    seen_keys: set[str] = set()
    for seen in identity.seen:
        if seen.key != own and seen.key not in seen_keys:
            seen_keys.add(seen.key)
            where = f"{seen.where}, dòng {seen.line}" if seen.line else seen.where
            report.others.append((seen.number, seen.why, where))
    header, tail = parts.header, parts.tail
    named, named_term = _without_term(identity.issuer_named)
    issuer = decide_issuer(header.issuer_lines, tail.signature_lines, parts.attributes, named, bodies, header.start_line)
    if issuer is not None:
        _issuer(draft, issuer, report)
    chosen = next((s for s in identity.seen if s.role == OWN and s.key == own), None)
    _title(draft, parts, chosen, bodies)
    draft.signer = tail.name or parts.attributes.get("Người ký") or _signed(chosen)
    place_date = PLACE_DATE.match(header.place_date) if header.place_date else None
    draft.place = place_date.group("place").strip() if place_date else _placed(chosen)
    draft.term = _term([*header.issuer_lines, *header.title_lines])
    if draft.term is None and named_term is not None:
        draft.term = named_term
        report.guessed.append(f'term: "{named_term}", đọc từ câu văn')
    for name, (value, provenance) in ((n, (getattr(draft, n), p)) for n, p in draft.provenance.items()):
        if value:
            report.identity[name] = (str(value), provenance)
    if draft.signer and not tail.name:
        report.guessed.append(f'signer: "{draft.signer}", đọc từ {"bảng thuộc tính" if parts.attributes.get("Người ký") else "câu văn"}')


def _issuer(draft: Draft, issuer: Issuer, report: Report) -> None:
    draft.issuer = issuer.id
    draft.provenance["issuer"] = issuer.provenance
    if issuer.proposal is not None:
        known = issuer.proposal
        entry = f"- id: {known.id} / name: {known.name}" + (f" / parent: {known.parent}" if known.parent else "")
        report.proposals.append(f'cơ quan "{known.name}" chưa có trong data/bodies.yaml; thêm: {entry}')


def _title(draft: Draft, parts: Parts, chosen: Seen | None, bodies: list[Body]) -> None:
    lines = parts.header.title_lines
    if lines:
        draft.title = normalize(title_from_block(lines, bodies))
        return
    if chosen is not None:
        after = chosen.text[chosen.text.find(chosen.number) + len(chosen.number) :] if chosen.number in chosen.text else ""
        subject = SUBJECT.search(after)
        if subject:
            draft.title = subject.group(1)[:1].upper() + subject.group(1)[1:].rstrip(" ,;")
            draft.provenance["title"] = Provenance(chosen.why, chosen.line, chosen.text)
            return
    if parts.attributes.get("Trích yếu"):
        draft.title = parts.attributes["Trích yếu"]


def _signed(chosen: Seen | None) -> str | None:
    found = SIGNED_BY.search(chosen.text) if chosen else None
    return found.group("name") if found else None


def _placed(chosen: Seen | None) -> str | None:
    found = PLACE.search(chosen.text) if chosen else None
    return (found.group("at") or found.group("written")) if found else None


def _term(lines: list[str]) -> str | None:
    """The issuer's term a header or a title block prints ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII")."""
    found = next((TERM.search(line) for line in lines if TERM.search(line)), None)
    return f"khóa {found.group(1)}" if found else None


def _relations(draft: Draft, parts: Parts, known: Mapping[str, str], report: Report) -> None:
    """Relations the text states ("Thực hiện …", "Căn cứ …") to documents in data/; the others proposed."""
    texts = [line for _, line, _, _ in _sentences(parts) if line]
    sentences = [part.strip() for text in texts for part in re.split(r"(?<=[.!?])\s+(?=[A-ZĐ])", text)]
    proposed = relations_in(sentences, draft.number or "")
    for kind, numbers in (("implements", proposed.implements), ("based_on", proposed.based_on)):
        for number in numbers:
            in_data = known.get(number_key(number))
            if in_data:
                draft.relations.setdefault(kind, []).append(in_data)
            else:
                missing = f"văn bản {number} ({kind}) chưa có trong data/documents/"
                report.proposals.append(f"{missing}; thêm một tệp chỉ có thông tin (number, type, issuer, date), rồi thêm quan hệ")
    report.guessed += [f"relations.{kind}: {', '.join(numbers)}, đọc từ câu văn" for kind, numbers in draft.relations.items()]


__all__ = ["RELATION", "Draft", "Report", "import_document"]
