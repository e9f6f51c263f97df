"""What a text says of a document in prose, when it has no formal header block, and the documents it says it
implements or is based on.

- "Tỉnh ủy Sóc Trăng ban hành Chương trình số 51-CTr/TU, ngày 10/5/2024 thực hiện Nghị quyết …"
- "Kế hoạch số 21-KH/TW ngày 28/11/2023 của Bộ Chính trị …"
- "Ngày 12/3, Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 145-HD/BTGTW …"
- "Thực hiện Nghị quyết số 45-NQ/TW …", "… triển khai …" -> implements; "Căn cứ …" -> based_on: the numbers
  a sentence names after the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.corpus.numbers import MENTION, number_key
from generator.corpus.vocabulary import DOCUMENT_TYPES

_TYPES = "|".join(sorted((re.escape(name) for name in DOCUMENT_TYPES), key=len, reverse=True))
_NUMBER = MENTION.pattern
_DATE = r"ngày\s+(?P<day>\d{1,2})\s*(?:/|tháng\s+)(?P<month>\d{1,2})(?:\s*(?:/|năm\s+)(?P<year>\d{4}))?"
# "<issuer> ban hành <type> số <number>", the issuer after an optional "Ngày 12/3,".
ISSUED_BY = re.compile(
    rf"(?:^|[.;]\s+)(?:Ngày\s+\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?,\s*)?(?P<issuer>[A-ZĐÀ-Ỹ][^,.;]{{2,80}}?)\s+(?:đã\s+)?ban hành\s+"
    rf"(?P<type>{_TYPES})\s+(?:số\s+)?(?P<number>{_NUMBER})",
    re.IGNORECASE,
)
# "<type> số <number>[,] ngày <date> của <issuer>".
_ISSUER_END = r"(?=\s+(?:về|thực hiện|triển khai|như sau)\b|[,.;:“\"(]|$)"
NAMED = re.compile(
    rf"(?P<type>{_TYPES})\s+(?:số\s+)?(?P<number>{_NUMBER}),?\s*(?:{_DATE})?(?:\s+của\s+(?P<issuer>[^,.;“\"(]+?))?{_ISSUER_END}",
    re.IGNORECASE,
)
DATE = re.compile(_DATE, re.IGNORECASE)
_SEPARATOR_SPACES = re.compile(r"\s*([-/])\s*")


def tight_number(written: str) -> str:
    """A number as written, without the spaces around its separators: "287 - CTr/ĐĐLHHVN" -> "287-CTr/ĐĐLHHVN"."""
    return _SEPARATOR_SPACES.sub(r"\1", written.strip())


# What the document is about, after its number and date: "… về tiếp tục xây dựng …", "… thực hiện Nghị quyết …".
SUBJECT = re.compile(r"^[^.;]*?\s((?:về|thực hiện|triển khai)\s[^.;]{8,}?)(?=\s*(?:[.;]|,\s*do\s|$))")
# "… tại Sóc Trăng, ngày 10/5/2024", "(Sóc Trăng, ngày 10/5/2024)": the place.
_NAME = r"[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){0,3}"
PLACE = re.compile(rf"(?:\btại\s+(?P<at>{_NAME})(?=,?\s+ngày\s))|(?:\(\s*(?P<written>{_NAME}),\s*ngày\s)")
# "… do đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy ký": the signer.
SIGNED_BY = re.compile(r"\bdo (?:đồng chí|ông|bà)\s+(?P<name>[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){1,4})\b.*?\bký\b")
LEADING_DATE = re.compile(r"^Ngày\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}))?,", re.IGNORECASE)
IMPLEMENTS = re.compile(r"(?:^|\s)(?:thực hiện|triển khai)\s", re.IGNORECASE)
BASED_ON = re.compile(r"(?:^|\s)căn cứ\s", re.IGNORECASE)


@dataclass
class ProseFacts:
    """What the prose says: each fact as written, the year taken from elsewhere marked."""

    number: str | None = None
    type: str | None = None
    date: str | None = None  # YYYY-MM-DD
    issuer: str | None = None
    title: str | None = None
    signer: str | None = None
    place: str | None = None
    guessed: list[str] = field(default_factory=list)


def facts_in(lines: list[str], year_hint: int | None = None) -> ProseFacts:
    """The document's number, type, date and issuer as the first sentence that names them says."""
    facts = ProseFacts()
    for line in lines:
        found = ISSUED_BY.search(line) or NAMED.search(line)
        if not found:
            continue
        facts.number = tight_number(found.group("number"))
        facts.type = _type_name(found.group("type"))
        issuer = found.group("issuer")
        facts.issuer = issuer.strip() if issuer else None
        subject = SUBJECT.search(line[found.end() :])
        if subject:
            facts.title = subject.group(1)[:1].upper() + subject.group(1)[1:].rstrip(" ,;")
        signed = SIGNED_BY.search(line)
        facts.signer = signed.group("name") if signed else None
        placed = PLACE.search(line)
        facts.place = (placed.group("at") or placed.group("written")) if placed else None
        date = DATE.search(line[found.start() :]) or LEADING_DATE.search(line)
        if date:
            year = int(date.group("year")) if date.group("year") else year_hint
            if year is not None:
                facts.date = f"{year}-{int(date.group('month')):02d}-{int(date.group('day')):02d}"
                if not date.group("year"):
                    facts.guessed.append(f"date: năm {year} lấy từ ngày đăng bài, văn bản chỉ ghi ngày và tháng")
        return facts
    return facts


def _type_name(written: str) -> str:
    lowered = written.lower()
    return next(name for name in DOCUMENT_TYPES if name.lower() == lowered)


@dataclass
class ProposedRelations:
    implements: list[str] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)


def relations_in(sentences: list[str], own_number: str | None) -> ProposedRelations:
    """Numbers a "Thực hiện …" or "Triển khai …" sentence names are implemented; a "Căn cứ …" one's, the basis."""
    proposed = ProposedRelations()
    own = number_key(own_number) if own_number else ""
    for sentence in sentences:
        for verb, target in ((IMPLEMENTS, proposed.implements), (BASED_ON, proposed.based_on)):
            said = verb.search(sentence)
            if said is None:
                continue
            # The numbers after the verb, up to another verb of the other kind.
            rest = sentence[said.end() :]
            other = (BASED_ON if verb is IMPLEMENTS else IMPLEMENTS).search(rest)
            for found in MENTION.finditer(rest[: other.start()] if other else rest):
                number = tight_number(found.group(0))
                if number_key(number) != own and number_key(number) not in {number_key(n) for n in target}:
                    target.append(number)
    return proposed
