"""A received document's lines turned into a typed draft and a report: the posting's chrome dropped, the header
block, body, signature and attached texts read, and the document's identity decided from where this document
names itself (identity.py), with where each fact came from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.corpus.model import Body
from generator.corpus.numbers import number_key
from generator.corpus.text import normalize
from generator.corpus.vocabulary import fold
from generator.intake.attributes import attribute_table, copied_cell_by_cell, unflattened
from generator.intake.deciding import identify, sentences
from generator.intake.draft import Draft, Provenance
from generator.intake.header import PLACE_DATE, find_header, mottos_rejoined
from generator.intake.identity import OWN, RELATION, Identity, Seen, mentions, numbered_title
from generator.intake.issuers import Issuer, decide_issuer
from generator.intake.lead import is_headline, split_lead
from generator.intake.noise import CAPTION, PATH, noise_reason
from generator.intake.parts import Parts
from generator.intake.prose import PLACE, SIGNED_BY, SUBJECT, relations_in
from generator.intake.report import Report
from generator.intake.structure import body_tree, is_caps, opens_section
from generator.intake.tail import read_tail, starts_tail
from generator.intake.titles import NAMES, title_from_block
from generator.intake.wrapping import name_pairs, rejoined, sentences_rejoined, unwrapped

LEAD_REASON = "tiêu đề hoặc lời dẫn của bài đăng, không thuộc văn bản; đã đọc thông tin trong đó"
TERM = re.compile(r"\b(?:KHÓA|KHOÁ|khóa|khoá)\s+([IVXLC]+)\b")


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
    identity = identify(parts, report)
    _identify(draft, identity, parts, bodies, report)
    _relations(draft, parts, known or {}, report)
    for name in ("number", "type", "issuer", "date"):
        if not getattr(draft, name):
            report.missing.append(name)
    return draft, report


def _parts(lines: list[str], bodies: list[Body], report: Report) -> Parts:
    kept: list[tuple[int, str]] = []
    previous: str | None = None
    for number, line in enumerate(lines, 1):
        line = normalize(line)
        if not line:
            continue
        reason = noise_reason(line) or _caption_after_image(line, previous)
        if reason is not None:
            report.noise.append((number, line, reason))
        else:
            kept.append((number, line))
        previous = reason
    cells = copied_cell_by_cell(kept)
    kept = mottos_rejoined(unflattened(kept))
    attributes, kept, read = attribute_table(kept)
    report.noise += [(number, line, "bảng thuộc tính của trang, đã đọc vào thông tin văn bản") for number, line in read]
    names = {name for body in bodies for name in (body.name, *body.short_names)} | set(NAMES)
    words = {word for name in names for word in name.split()}
    kept = rejoined(unwrapped(kept, words), name_pairs(names))
    if cells:
        kept = sentences_rejoined(kept, words)
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


def _caption_after_image(line: str, previous: str | None) -> str | None:
    """A photo's caption, written under the image's path or tag without saying it is one."""
    if previous == PATH and len(line) <= 200 and not re.search(r"[.:;]$", line) and not opens_section(line) and not is_caps(line):
        return CAPTION
    return None


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


def _without_term(name: str | None) -> tuple[str | None, str | None]:
    """An issuer named with its term ("Tỉnh ủy Sóc Trăng khóa XV"): the name, and the term ("khóa XV")."""
    found = TERM.search(name) if name else None
    if name is None or found is None:
        return name, None
    return name[: found.start()].strip(), f"khóa {found.group(1)}"


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
    issuer = decide_issuer(
        header.issuer_lines, tail.signature_lines, parts.attributes, named, bodies, header.start_line, header.title_lines
    )
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
    titled = numbered_title(lines) if parts.header.kind_line else None
    if titled is not None and titled[3]:
        draft.title = normalize(title_from_block([titled[3]], bodies))
        return
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
        return
    headline = _headline_title(parts, draft.type)
    if headline is not None:
        draft.title, draft.provenance["title"] = headline


def _headline_title(parts: Parts, kind: str | None) -> tuple[str, Provenance] | None:
    """A posting's headline that names this document's type first ("Kế hoạch thực hiện Kết luận số 52-KL/TW …"): the
    words after the type, as a guessed title."""
    if not parts.lead or kind is None:
        return None
    number, line = parts.lead[0]
    if not is_headline(line, len(parts.lead)) or not fold(line).startswith(fold(kind) + " "):
        return None
    rest = line[len(kind) :].strip(" :-–")
    if not rest or re.match(r"(?:số\s*)?\d", rest):
        return None
    return rest[:1].upper() + rest[1:], Provenance("tiêu đề bài đăng (đoán)", number, line)


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
    texts = [line for _, line, _, _ in sentences(parts) if line]
    said = [part.strip() for text in texts for part in re.split(r"(?<=[.!?])\s+(?=[A-ZĐ])", text)]
    proposed = relations_in(said, draft.number or "")
    implemented = {number_key(number) for number in proposed.implements}
    based_on = [number for number in proposed.based_on if number_key(number) not in implemented]
    for kind, numbers in (("implements", proposed.implements), ("based_on", based_on)):
        for number in numbers:
            in_data = known.get(number_key(number))
            if in_data:
                draft.relations.setdefault(kind, []).append(in_data)
            else:
                missing = f"văn bản {number} ({kind}) chưa có trong data/documents/"
                report.proposals.append(f"{missing}; thêm một tệp chỉ có thông tin (number, type, issuer, date), rồi thêm quan hệ")
    report.guessed += [f"relations.{kind}: {', '.join(numbers)}, đọc từ câu văn" for kind, numbers in draft.relations.items()]


__all__ = ["RELATION", "Draft", "Report", "import_document"]
