"""Which document a received text holds: its own number, type and date, decided from the header block, a legal
site's attribute table, or the sentence that announces this document ("… ban hành Hướng dẫn số 145-HD/BTGTW …"),
never from a number the text cites. A number after "thực hiện", "triển khai", "căn cứ", "theo", "về việc" … is
a relation; a number merely mentioned is neither. Every number seen is kept with the reason it is or is not this
document's, for the report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.corpus.numbers import MENTION, number_key, type_code
from generator.corpus.vocabulary import DOCUMENT_TYPES, UNCODED_TYPES, fold
from generator.intake.draft import Provenance
from generator.intake.prose import tight_number

_TYPES = "|".join(sorted((re.escape(name) for name in DOCUMENT_TYPES), key=len, reverse=True))
# "Kế hoạch số 114-KH/TU", "Hướng dẫn 145-HD/BTGTW", "Nghị quyết 57": a type, maybe "số", a number.
NAMED = re.compile(rf"(?P<type>{_TYPES})\s+(?:số\s*:?\s*)?(?P<number>{MENTION.pattern})", re.IGNORECASE)
_DATE = r"ngày\s+(?P<day>\d{1,2})\s*(?:/|-|\.|tháng\s+)(?P<month>\d{1,2})(?:\s*(?:/|-|\.|năm\s+)(?P<year>\d{4}))?"
DATE_AFTER = re.compile(rf"^\s*,?\s*(?:ban hành\s+)?{_DATE}", re.IGNORECASE)
LEADING_DATE = re.compile(
    r"(?:^|[.;)\-–—]\s*)Ngày\s+(?P<day>\d{1,2})\s*[/-]\s*(?P<month>\d{1,2})(?:\s*[/-]\s*(?P<year>\d{4}))?\s*,", re.IGNORECASE
)
# The words that decide what a number is to this document: the nearest before it in its sentence governs it
# ("Thực hiện A; B và C, Tỉnh ủy ban hành Kế hoạch số D": A, B, C are implemented, D is this document).
OPERATORS = re.compile(
    r"(?P<announce>\bban hành\b|\btoàn văn\b|\bkèm theo\b|\b(?:vừa|đã|mới)\s+(?:ký|ra|có|gửi)\b)|"
    r"(?P<implements>\bthực hiện\b|\btriển khai\b|\bquán triệt\b|\bcụ thể ho[áa]\b)|"
    r"(?P<based_on>\bcăn cứ\b)|"
    r"(?P<cites>\btheo\b|\bvề việc\b|\btại\b|\bsửa đổi\b|\bbổ sung\b|\bthay thế\b|\bthay\b|\bbãi bỏ\b|\bsơ kết\b|\btổng kết\b|"
    r"\bhọc tập\b|\bhướng dẫn\b(?!\s+(?:số\s+)?\d))",
    re.IGNORECASE,
)
ISSUER_BEFORE = re.compile(
    r"(?P<issuer>[A-ZĐÀ-Ỹ][^,.;:()“”\"]{2,90}?)\s+(?:(?:đã|vừa|mới|chính thức)\s+)?(?:ký\s+)?(?:ban hành|ra|có|gửi)\s*$"
)
# "Thay mặt Bộ Chính trị, đồng chí … ký ban hành …": the body a signer acts for.
ON_BEHALF = re.compile(r"\b(?:[Tt]hay mặt|T/M|TM\.)\s+(?P<issuer>[A-ZĐÀ-Ỹ][^,.;:()]{2,80}?)(?:\s*,|\s+(?:đã\s+|vừa\s+)?ký\b)")
# What a body's name starts with; an issuer named otherwise in prose is no body ("đồng chí …", "ừa ký").
BODY_START = re.compile(
    r"^(?:Ban|Bộ|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Đảng|Ủy ban|UBND|HĐND|Hội đồng|Văn phòng|Chính phủ|Thủ tướng|Quốc hội|"
    r"Liên hiệp|Hội|Sở|Trường|Viện|Học viện|Đại học|Tổng|Cục|Vụ|Thường trực|Mặt trận|Trung ương|Chủ tịch)\b"
)
# "Tỉnh ủy ban hành Kế hoạch thực hiện …" with no number: the type and the issuer a posting names.
ANNOUNCED_KIND = re.compile(
    rf"(?P<issuer>[A-ZĐÀ-Ỹ][^,.;:()“”\"]{{2,90}}?)\s+(?:(?:đã|vừa|mới|chính thức)\s+)?(?:ký\s+)?ban hành\s+(?P<type>{_TYPES})\b"
    rf"(?!\s+(?:số\s*:?\s*)?{MENTION.pattern})(?:\s+số\s*:?\s*(?P<bare>\d{{1,5}})\b)?",
)
# An old header that names the issuer, number and date in the title: "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG
# NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC …".
NUMBERED_TITLE = re.compile(
    rf"^(?:CỦA\s+(?P<issuer>.+?)\s+)?SỐ\s*:?\s*(?P<number>{MENTION.pattern})"
    r"(?:\s*,?\s*NGÀY\s+(?P<day>\d{1,2})\s+THÁNG\s+(?P<month>\d{1,2})\s+NĂM\s+(?P<year>\d{4}))?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
ISSUER_AFTER = re.compile(
    r"^[^.;]{0,40}?\bcủa\s+(?P<issuer>[A-ZĐÀ-Ỹ][^,.;:()“”\"]{2,90}?)(?=\s+(?:về|thực hiện|triển khai|như sau)\b|[,.;:“\"(]|$)"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"(])")

OWN = "own"
MAYBE = "maybe"
RELATION = "relation"
MENTIONED = "mention"


@dataclass(frozen=True)
class Seen:
    """A number the text names, the part of the text it stands in, and what it is to this document."""

    number: str
    role: str
    weight: int
    why: str
    where: str
    line: int | None
    text: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    relation: str | None = None  # "implements", "based_on" or "cites" for a relation

    @property
    def key(self) -> str:
        return number_key(self.number)


@dataclass
class Identity:
    """This document's own number, type and date as decided, where each came from, and every number seen."""

    number: str | None = None
    type: str | None = None
    date: str | None = None
    issuer_named: str | None = None  # the issuer as an announcing sentence names it
    provenance: dict[str, Provenance] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def own_key(self) -> str | None:
        return number_key(self.number) if self.number else None


def mentions(text: str, line: int | None, where: str, headline: bool = False, year_hint: int | None = None) -> list[Seen]:
    """Every number `text` names, with its role: own when announced (or the headline's subject), relation when
    cited after a verb of relation, mentioned otherwise."""
    found: list[Seen] = []
    named_spans: list[tuple[int, int]] = []
    for match in NAMED.finditer(text):
        named_spans.append(match.span("number"))
        found.append(
            _seen(
                text, match.start(), match.end(), match.group("number"), _type_name(match.group("type")), line, where, headline, year_hint
            )
        )
    for match in MENTION.finditer(text):
        if any(start <= match.start() < end for start, end in named_spans):
            continue
        found.append(_seen(text, match.start(), match.end(), match.group(0), None, line, where, headline, year_hint))
    return found


def _seen(
    text: str, start: int, end: int, written: str, kind: str | None, line: int | None, where: str, headline: bool, year: int | None
) -> Seen:
    before = _sentence_before(text, start)
    operator = _nearest_operator(before)
    number = tight_number(written)
    if operator == "announce" or _parenthesised_own(before, kind):
        date = _date_after(text[end:], year) or _leading_date(before, year)
        return Seen(number, OWN, 60, "câu công bố văn bản", where, line, text, kind, date, _announcer(text, before))
    if operator is not None:
        why = {"implements": "văn bản được thực hiện", "based_on": "văn bản làm căn cứ", "cites": "văn bản được nhắc tới"}[operator]
        return Seen(number, RELATION, 0, why, where, line, text, kind, relation=operator)
    if kind is not None and _opens(before):
        # The subject of its sentence or of a headline ("Kế hoạch số 114-KH/TU ngày 7/8/2019 của …"): maybe this
        # document, maybe one an article talks about; never enough alone.
        issuer_after = ISSUER_AFTER.match(text[end:])
        issuer = issuer_after.group("issuer").strip() if issuer_after else None
        why = "tiêu đề bài đăng" if headline else "chủ ngữ của một câu"
        return Seen(
            number, MAYBE, 0, f"{why}, không có câu công bố văn bản", where, line, text, kind, _date_after(text[end:], year), issuer
        )
    return Seen(number, MENTIONED, 0, "chỉ được nhắc tới", where, line, text, kind)


def _parenthesised_own(before: str, kind: str | None) -> bool:
    """ "Tỉnh ủy ban hành Kế hoạch thực hiện … (Kế hoạch số 114-KH/TU, ngày 07/8/2019)": the number a posting gives in
    brackets for the document of that type its sentence announces without one."""
    if kind is None or not before.rstrip().endswith("("):
        return False
    announced = ANNOUNCED_KIND.search(before)
    return announced is not None and fold(announced.group("type")) == fold(kind)


def _announcer(text: str, before: str) -> str | None:
    """The body that issues what a sentence announces: the one a signer acts for, else the subject of "ban hành"."""
    behalf = ON_BEHALF.search(text)
    if behalf is not None:
        return behalf.group("issuer").strip()
    cut = max(before.lower().rfind(verb) + len(verb) for verb in ("ban hành", " ra", " có", " gửi"))
    found = ISSUER_BEFORE.search(_without_date(before[:cut]))
    if found is None:
        return None
    issuer = re.sub(r"\s+(?:đã|vừa|mới)?\s*ký$", "", found.group("issuer").strip())
    return issuer if BODY_START.match(issuer) else None


def _without_date(clause: str) -> str:
    clause = re.sub(r"^\s*(?:\([^)]{1,40}\)\s*[-–—]\s*|[A-ZĐ][\w.]{1,20}\s*[-–—]\s+)", "", clause)
    return re.sub(r"^Ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?\s*,\s*", "", clause, flags=re.IGNORECASE).strip()


@dataclass(frozen=True)
class Announced:
    """A type and issuer a posting announces without a whole number, and the number's figures when it gives only
    those ("Chỉ thị số 17")."""

    type: str
    issuer: str
    sentence: str
    figures: str | None


def announced_kind(texts: list[str]) -> Announced | None:
    """The type and issuer a posting announces with no number ("Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành
    động …"), and the sentence; None when none does."""
    for text in texts:
        for sentence in SENTENCE.split(text):
            found = ANNOUNCED_KIND.search(_without_date(sentence))
            if found and BODY_START.match(found.group("issuer").strip()):
                return Announced(_type_name(found.group("type")), found.group("issuer").strip(), sentence, found.group("bare"))
    return None


def numbered_title(title_lines: list[str]) -> tuple[str, str | None, str | None, str] | None:
    """An old header's title that names the number ("CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY …"): the number,
    the date, the issuer and the rest of the title."""
    found = NUMBERED_TITLE.match(" ".join(title_lines))
    if found is None:
        return None
    date = _iso(found, None) if found.group("day") else None
    return tight_number(found.group("number")), date, found.group("issuer"), found.group("rest")


def _sentence_before(text: str, start: int) -> str:
    head = text[:start]
    cuts = [found.end() for found in SENTENCE.finditer(head)]
    return head[cuts[-1] :] if cuts else head


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _nearest_operator(before: str) -> str | None:
    found = _last(OPERATORS, before)
    return found.lastgroup if found is not None else None


def _opens(before: str) -> bool:
    """Whether only a type name, a dateline or "Ngày …," stands before the number in its sentence."""
    rest = re.sub(r"^\s*(?:\([^)]{1,40}\)\s*[-–—]\s*|[A-ZĐ][\w.]{1,20}\s*[-–—]\s+)", "", before)
    rest = re.sub(r"^(?:Ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?\s*,\s*)", "", rest, flags=re.IGNORECASE)
    return re.fullmatch(rf"\s*(?:{_TYPES})?\s*(?:số\s*:?)?\s*", rest, flags=re.IGNORECASE) is not None


def _date_after(after: str, year: int | None) -> str | None:
    found = DATE_AFTER.match(after)
    return _iso(found, year) if found else None


def _leading_date(before: str, year: int | None) -> str | None:
    """ "Ngày 12/3, Ban Tuyên giáo … ban hành …": the date that opens the announcing sentence."""
    found = _last(LEADING_DATE, before)
    return _iso(found, year) if found else None


def _iso(found: re.Match[str], year_hint: int | None) -> str | None:
    year = int(found.group("year")) if found.group("year") else year_hint
    day, month = int(found.group("day")), int(found.group("month"))
    if year is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _type_name(written: str) -> str:
    folded = fold(written)
    return next(name for name in DOCUMENT_TYPES if fold(name) == folded)


def type_of_number(number: str) -> str | None:
    """The type a number's code names, when one type has that code ("114-KH/TU" -> "Kế hoạch")."""
    code = type_code(number)
    if code is None:
        return None
    names = [name for name, codes in DOCUMENT_TYPES.items() if fold(code) in codes and name not in UNCODED_TYPES]
    return min(names, key=len) if names else None


def agrees(type_name: str, number: str) -> bool:
    """Whether a number's type code is one of the type's."""
    code = type_code(number)
    return type_name in UNCODED_TYPES or (code is not None and fold(code) in DOCUMENT_TYPES.get(type_name, ()))


def decide(seen: list[Seen]) -> tuple[Seen | None, str]:
    """This document's number among those announced or standing as a subject, and why; a number the text also
    cites as a relation is not its own. None, with the reason, when no number or more than one remain."""
    cited = {s.key for s in seen if s.role == RELATION}
    owners = [s for s in seen if s.role == OWN and s.key not in cited]
    if not owners:
        if any(s.role == OWN for s in seen):
            return None, "số hiệu được công bố trong bài cũng là văn bản mà văn bản này thực hiện hoặc dẫn chiếu"
        maybe = sorted({s.number for s in seen if s.role == MAYBE and s.key not in cited})
        if maybe:
            return (
                None,
                f"văn bản không ghi số hiệu của chính nó; {', '.join(maybe)} chỉ đứng đầu câu hoặc trong tiêu đề bài đăng, cần xác nhận",
            )
        return None, "văn bản không ghi số hiệu của chính nó"
    best = max(s.weight for s in owners)
    keys = {s.key for s in owners if s.weight == best}
    if len(keys) > 1:
        named = ", ".join(sorted({s.number for s in owners if s.weight == best}))
        return None, f"bài nhắc nhiều văn bản như văn bản của chính nó ({named}); không chọn được"
    chosen = next(s for s in owners if s.weight == best)
    return chosen, chosen.why
