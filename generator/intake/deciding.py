"""This document's identity decided over a text's parts: the number from the header's "Số" line, a legal site's
table, an old header's title ("… SỐ 16/2001/CT-TTG NGÀY …") or the sentence that announces this document; the type
from the kind line, the table, the announcing sentence or the number's code; the date from the header, the table
or the announcing sentence; and the issuer named in prose, for issuers.py. Each with where it came from."""

from __future__ import annotations

import re

from generator.corpus.numbers import number_key
from generator.corpus.vocabulary import DOCUMENT_TYPES, fold
from generator.intake.catalogue import PROVINCES
from generator.intake.draft import Provenance
from generator.intake.header import PLACE_DATE, kind_of, well_formed
from generator.intake.identity import (
    MAYBE,
    ON_BEHALF,
    OWN,
    SENTENCE,
    Identity,
    Seen,
    agrees,
    announced_kind,
    decide,
    mentions,
    numbered_title,
    type_of_number,
)
from generator.intake.lead import is_headline
from generator.intake.noise import POSTED
from generator.intake.parts import Parts
from generator.intake.report import Report

HEADER_NUMBER = "dòng số hiệu của khối tiêu đề"
TITLE_BLOCK = "dòng tên loại và trích yếu của khối tiêu đề"
HEADER_DATE = "dòng địa danh, ngày tháng của khối tiêu đề"


def sentences(parts: Parts) -> list[tuple[int | None, str, str, bool]]:
    """Where this document may name itself: the lead (lines a copy cut inside a sentence joined again), the title,
    the preamble's first paragraphs, the notes of the texts attached to it ("Kèm theo Nghị quyết số …"); each with
    its line, where it is, and whether a headline."""
    found: list[tuple[int | None, str, str, bool]] = []
    for index, (number, line) in enumerate(parts.lead):
        if found and index > 1 and not re.search(r"[.!?:;…”\"]$", found[-1][1]):
            found[-1] = (found[-1][0], f"{found[-1][1]} {line}", found[-1][2], False)
            continue
        headline = index == 0 and is_headline(line, len(parts.lead))
        found.append((number, line, "tiêu đề bài đăng" if headline else "lời dẫn của bài đăng", headline))
    found += [(parts.header.kind_line_number, line, "trích yếu", False) for line in parts.header.title_lines]
    found += [(None, line, "phần mở đầu", False) for line in parts.preamble[:5]]
    found += [(None, appendix.note, "văn bản kèm theo", False) for appendix in parts.tail.appendices if appendix.note]
    return found


def posted_year(report: Report) -> int | None:
    """The year a posting was made, for dates a lead writes without one ("Ngày 12/3, …")."""
    for _, text, reason in report.noise:
        found = re.search(r"\b(20\d{2}|19\d{2})\b", text)
        if reason == POSTED and found:
            return int(found.group(1))
    return None


def identify(parts: Parts, report: Report) -> Identity:
    """The document's identity, every number seen, and what the report should say of both."""
    identity = Identity()
    for line, text, where, headline in sentences(parts):
        identity.seen += mentions(text, line, where, headline, posted_year(report))
    chosen = _number(identity, parts, report)
    header = parts.header
    if header.number_written is not None and header.number is None:
        report.conflicts.append(f'dòng "Số: {header.number_written[:60]}" không phải một số hiệu đúng dạng (ví dụ 45-NQ/TW, 04/NQ-CP)')
    if chosen is None and identity.number is not None:
        chosen = next((s for s in identity.seen if s.role == OWN and s.key == number_key(identity.number)), None)
    _type(identity, parts, chosen, report)
    _date(identity, parts, chosen)
    _issuer_named(identity, parts, chosen)
    return identity


def _number(identity: Identity, parts: Parts, report: Report) -> Seen | None:
    header, attributes = parts.header, parts.attributes
    titled = numbered_title(header.title_lines) if header.kind_line and not header.number else None
    if header.number is not None:
        identity.number = header.number
        identity.provenance["number"] = Provenance(HEADER_NUMBER, header.number_line, header.number_text)
    elif attributes.get("Số hiệu") and well_formed(attributes["Số hiệu"]):
        identity.number = well_formed(attributes["Số hiệu"])
        identity.provenance["number"] = Provenance("bảng thuộc tính của trang", None, f"Số hiệu: {attributes['Số hiệu']}")
    elif titled is not None:
        identity.number = titled[0]
        identity.provenance["number"] = Provenance(TITLE_BLOCK, header.kind_line_number, " ".join(header.title_lines))
    else:
        chosen, why = decide(identity.seen)
        if chosen is None:
            report.no_number = why
            return None
        identity.number = chosen.number
        identity.provenance["number"] = Provenance(chosen.why + f" ({chosen.where})", chosen.line, chosen.text)
        return chosen
    return None


def _type(identity: Identity, parts: Parts, chosen: Seen | None, report: Report) -> None:
    header, attributes = parts.header, parts.attributes
    kind = kind_of(header.kind_line) if header.kind_line else None
    listed = type_named(attributes.get("Loại văn bản"))
    by_code = type_of_number(identity.number) if identity.number else None
    announced = announced_kind([text for _, text, _, _ in sentences(parts)]) if identity.number is None else None
    if kind is not None:
        identity.type = kind[0]
        identity.provenance["type"] = Provenance("dòng tên loại của khối tiêu đề", header.kind_line_number, header.kind_line or "")
    elif listed is not None:
        identity.type = listed
        identity.provenance["type"] = Provenance("bảng thuộc tính của trang", None, f"Loại văn bản: {attributes['Loại văn bản']}")
    elif chosen is not None and chosen.type is not None and (by_code is None or agrees(chosen.type, chosen.number)):
        identity.type = chosen.type
        identity.provenance["type"] = Provenance(chosen.why, chosen.line, chosen.text)
    elif by_code is not None:
        identity.type = by_code
        identity.provenance["type"] = Provenance("mã loại trong số hiệu (đoán)", None, identity.number or "")
    elif announced is not None:
        identity.type = announced.type
        identity.provenance["type"] = Provenance("câu công bố văn bản, không ghi số hiệu (đoán)", None, announced.sentence)
        if announced.figures:
            report.no_number = (
                f'câu công bố chỉ ghi "{announced.type} số {announced.figures}", thiếu ký hiệu; '
                f"hãy điền số hiệu đầy đủ như văn bản gốc ghi (ví dụ {announced.figures}-…/…)"
            )
    if identity.type and identity.number and not agrees(identity.type, identity.number):
        report.conflicts.append(f'số hiệu {identity.number} không mang mã của loại "{identity.type}"')


def _date(identity: Identity, parts: Parts, chosen: Seen | None) -> None:
    header, attributes = parts.header, parts.attributes
    place_date = PLACE_DATE.match(header.place_date) if header.place_date else None
    listed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", attributes.get("Ngày ban hành", "").strip())
    titled = numbered_title(header.title_lines) if header.kind_line else None
    dated = [s for s in identity.seen if s.role in (OWN, MAYBE) and s.date and identity.number and s.key == number_key(identity.number)]
    if chosen is not None and chosen.date:
        dated.insert(0, chosen)
    if place_date:
        identity.date = f"{place_date.group('year')}-{int(place_date.group('month')):02d}-{int(place_date.group('day')):02d}"
        identity.provenance["date"] = Provenance(HEADER_DATE, header.place_date_line, header.place_date or "")
    elif listed:
        identity.date = f"{listed.group(3)}-{int(listed.group(2)):02d}-{int(listed.group(1)):02d}"
        identity.provenance["date"] = Provenance("bảng thuộc tính của trang", None, f"Ngày ban hành: {attributes['Ngày ban hành']}")
    elif titled is not None and titled[1] is not None:
        identity.date = titled[1]
        identity.provenance["date"] = Provenance(TITLE_BLOCK, header.kind_line_number, " ".join(header.title_lines))
    elif dated:
        identity.date = dated[0].date
        identity.provenance["date"] = Provenance(dated[0].why, dated[0].line, dated[0].text)


def _issuer_named(identity: Identity, parts: Parts, chosen: Seen | None) -> None:
    """The issuer as prose or an old title names it, with its place when the posting names one province only."""
    titled = numbered_title(parts.header.title_lines) if parts.header.kind_line else None
    own = [s for s in identity.seen if s.role == OWN and s.issuer and identity.number and s.key == number_key(identity.number)]
    own.sort(key=lambda seen: ON_BEHALF.search(seen.text) is None)  # "Thay mặt Bộ Chính trị, …" names the issuer
    announced = announced_kind([text for _, text, _, _ in sentences(parts)]) if identity.number is None else None
    named = (titled[2] if titled else None) or (own[0].issuer if own else None) or (announced.issuer if announced else None)
    if named is not None and re.fullmatch(r"(?:Ban Thường vụ )?(?:Tỉnh|Thành) ủy", named.strip(), re.IGNORECASE):
        place = province_named([text for _, text, _, _ in sentences(parts)])
        named = f"{named} {place}" if place else named
    identity.issuer_named = named


def province_named(texts: list[str]) -> str | None:
    """The one province or city the texts name, or None when they name none or several."""
    folded = " ".join(fold(text) for text in texts)
    found = {name for name in PROVINCES if re.search(rf"\b{re.escape(fold(name))}\b", folded)}
    return found.pop() if len(found) == 1 else None


def type_named(written: str | None) -> str | None:
    if not written:
        return None
    folded = fold(written).strip()
    return next((name for name in sorted(DOCUMENT_TYPES, key=len, reverse=True) if fold(name) == folded), None)


__all__ = ["SENTENCE", "identify", "sentences"]
