"""The `import` command: a plain-text (or .docx) document turned into a draft YAML file, with a report
of every line it dropped as noise or could not place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.corpus.load import DOCUMENT_OPTIONAL
from generator.corpus.model import Body
from generator.corpus.numbers import MENTION, number_key
from generator.corpus.text import normalize, slugify
from generator.corpus.vocabulary import DOCUMENT_TYPES, fold
from generator.intake.prose import facts_in, relations_in, tight_number
from generator.intake.sources import read_source, split_lines
from generator.intake.titles import title_from_block
from generator.intake.wrapping import capitalised_inside, heading_ends, is_wrap, starts_anew, wrap_width

# Web-page chrome, counters and captions seen around documents copied from portals, newspapers and
# legal-document sites, each with the reason the report gives for dropping it.
_PORTAL = "giao diện trang web"
_COUNTER = "bộ đếm hoặc số trang"
_POSTED = "ngày giờ đăng bài, không phải ngày của văn bản"
_CAPTION = "chú thích ảnh"
NOISE = [
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"^Từ khoá:", _PORTAL),
        (r"^Từ khóa:", _PORTAL),
        (r"^Đăng nhập$", _PORTAL),
        (r"^Đang tải văn bản", _PORTAL),
        (r"^Bạn Chưa Đăng Nhập", _PORTAL),
        (r"^Vì chưa Đăng Nhập", _PORTAL),
        (r"^Bạn chưa xem được", _PORTAL),
        (r"^Nếu chưa là Thành Viên", _PORTAL),
        (r"^Văn bản này chưa cập nhật nội dung", _PORTAL),
        (r"^DMCA", _PORTAL),
        (r"^IP: \d", _PORTAL),
        (r"^Hãy để chúng tôi hỗ trợ", _PORTAL),
        (r"^(?:Mặc định\s*)?Cỡ chữ\b", _PORTAL),
        (r"^(?:In bài(?: viết)?|Bản in|Chia sẻ|Gửi bài(?: viết)?|Lưu bài(?: viết)?|Bình luận|Quay lại|Về đầu trang|Trang chủ)$", _PORTAL),
        (r"^(?:Tin|Bài|Văn bản)(?: viết)? (?:liên quan|cùng chuyên mục|khác|mới nhất|đọc nhiều)\b", _PORTAL),
        (r"^(?:Trang chủ|Home)\s*[>»/›]", _PORTAL),
        (r"^Lượt (?:xem|truy cập|đọc):?\s*[\d.,]+$", _COUNTER),
        (r"^[\d.,]+$", _COUNTER),
        (r"^(?:Trang \d+(?:/\d+)?|\d+\s*/\s*\d+)$", _COUNTER),
        (r"^Ngày (?:đăng|cập nhật|xuất bản):", _POSTED),
        (r"^(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật),? \d{1,2}/\d{1,2}/\d{4}(?:,? \d{1,2}:\d{2}(?: \(GMT[+-]\d+\))?)?$", _POSTED),
        (r"^\d{1,2}/\d{1,2}/\d{4},? \d{1,2}:\d{2}$", _POSTED),
        (r"^\(?Ảnh(?: minh họa| minh hoạ)?[:)]", _CAPTION),
        (r"^\(Ảnh: .*\)$", _CAPTION),
        (r"^Ảnh:\s", _CAPTION),
        (r"^-{3,}$", "đường kẻ"),
    )
]
ATTRIBUTES = (
    "Số hiệu",
    "Loại văn bản",
    "Nơi ban hành",
    "Người ký",
    "Ngày ban hành",
    "Ngày hiệu lực",
    "Ngày công báo",
    "Số công báo",
    "Tình trạng",
)
UNKNOWN_VALUES = {"Đã biết", "Đang cập nhật"}
MOTTOS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PLACE_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<day>\d{1,2}) tháng (?P<month>\d{1,2}) năm (?P<year>\d{4})$")
# A heading in capitals may lose the space after its number in recognition ("I.MỤC ĐÍCH").
ROMAN = re.compile(r"^(?P<number>[IVXLC]+[.-])(?:\s+|(?=[A-ZĐÀ-Ỹ]{2}))(?P<rest>.+)$")
# What recognition makes of a part's Roman number ("HI." for "III.", "IL." for "II."), set right by its place.
MISREAD_ROMAN = re.compile(r"^(?P<number>[IVXLCHTl1|]{1,5}[.-])\s+(?P<rest>.{4,})$")  # the rest in capitals (_place)
ARABIC = re.compile(r"^(?P<number>\d{1,2}\.)\s+(?P<rest>.+)$")
DECIMAL = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2}\.?)\s+(?P<rest>.+)$")
BULLET = re.compile(r"^[-–•]\s+(?P<rest>.+)$")
NOTES_LABEL = "Ghi chú biên tập"
# A draft's fields in the order data/documents/ files write them: the reader's fields, the title first.
FIELD_ORDER = ("number", "type", "title", "issuer", *(name for name in DOCUMENT_OPTIONAL if name != "title"))
SIGNATURE_START = re.compile(r"^(?:T/M|TM\.|KT\.|Q\.|TL\.|TUQ\.)\s", re.IGNORECASE)
LONG_LINE = 160


@dataclass
class DraftSection:
    """A section being built from the numbering."""

    number: str | None
    title: str | None = None
    text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    level: int = 0

    def data(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.number is not None:
            out["number"] = self.number
        if self.title is not None:
            out["title"] = self.title
        if self.text is not None:
            out["text"] = self.text
        if self.paragraphs:
            out["paragraphs"] = self.paragraphs
        if self.sections:
            out["sections"] = [s.data() for s in self.sections]
        return out


@dataclass
class Report:
    """What the importer dropped as noise, and what it could not place."""

    noise: list[tuple[int, str, str]] = field(default_factory=list)  # line number, text, reason
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)  # line, word recognition was unsure of

    def lines(self) -> list[str]:
        out = [f"Bỏ {len(self.noise)} dòng không thuộc văn bản:"] if self.noise else ["Không bỏ dòng nào."]
        out += [f"  {f'dòng {n}' if n else 'trong tệp'} — {reason}: {text}" for n, text, reason in self.noise]
        out += [f"Không xếp được dòng {n}: {text}" for n, text in self.unplaced]
        out += [f"Chữ nhận dạng không chắc, dòng {n}: {word}" for n, word in self.doubtful]
        out += [f"Đoán, cần đối chiếu: {guess}" for guess in self.guessed]
        out += [f"Đề xuất: {proposal}" for proposal in self.proposals]
        out += [f"Cần điền: {field_name}" for field_name in self.missing]
        return out


def read_lines(path: Path) -> list[str]:
    """Read a .txt file, or the paragraphs of a .docx file; SourceError when it is neither."""
    return read_source(path)


def import_document(
    lines: list[str],
    bodies: list[Body],
    dropped: Sequence[tuple[str, str]] = (),
    known: Mapping[str, str] | None = None,
    doubtful: Sequence[tuple[int, str]] = (),
) -> tuple[dict[str, object], Report]:
    """Turn the lines of a document into draft data, and a report; `dropped`: what the file's reader left out;
    `known`: the numbers of the documents in data/ by their key, which relations may point to."""
    report = Report()
    report.noise += [(0, text, reason) for text, reason in dropped]
    report.doubtful += doubtful
    numbered = [(n, unicodedata.normalize("NFC", line).strip()) for n, line in enumerate(lines, 1)]
    kept = []
    for n, line in numbered:
        if not line:
            continue
        reason = next((why for pattern, why in NOISE if pattern.search(line)), None)
        if reason is not None:
            report.noise.append((n, line, reason))
        else:
            kept.append((n, line))
    attributes, kept = _attribute_table(kept, report)
    kept = _unwrap(kept, {word for body in bodies for name in (body.name, *body.short_names) for word in name.split()})
    draft: dict[str, object] = {}
    headline, kept = _headline(kept, report)
    header, kept = _header(kept)
    body, tail = _split_tail(kept)
    preamble, sections = _body(body, report)
    recipients, signature = _tail(tail, report)
    number = header.pop("number", None) or attributes.get("Số hiệu")
    document_type = _document_type(header.get("kind_line"), attributes.get("Loại văn bản"))
    draft["number"] = number
    draft["type"] = document_type
    title_lines = header.get("title_lines") or []
    draft["title"] = normalize(title_from_block(title_lines, bodies)) if title_lines else None
    draft["issuer"] = _issuer(header.get("issuer_lines") or [], signature, bodies, attributes)
    draft["signer"] = signature.get("name") or attributes.get("Người ký")
    draft["signer_title"] = _signer_title(signature)
    place_date = header.get("place_date")
    match = PLACE_DATE.match(place_date) if isinstance(place_date, str) else None
    draft["place"] = match.group("place") if match else None
    draft["date"] = (
        f"{match.group('year')}-{int(match.group('month')):02d}-{int(match.group('day')):02d}" if match else _attribute_date(attributes)
    )
    draft["header"] = {k: header[k] for k in ("issuer_lines", "motto", "place_date", "kind_line", "title_lines") if header.get(k)}
    draft["preamble"] = preamble
    draft["sections"] = [s.data() for s in sections]
    draft["signature"] = {"lines": signature.get("lines", []), "name": signature.get("name")} if signature.get("name") else None
    draft["recipients"] = recipients
    draft["notes"] = signature.get("notes") or []
    _from_prose(draft, [*headline, *preamble[:3]], bodies, report)
    draft["term"] = _term([*(header.get("issuer_lines") or []), *title_lines]) or draft.get("term")
    _relations(draft, [*headline, *title_lines, *preamble], known or {}, report)
    issuer_lines = header.get("issuer_lines") or []
    if not draft.get("issuer") and issuer_lines:
        printed = " ".join(issuer_lines[1:] if len(issuer_lines) > 1 else issuer_lines)
        entry = f"- id: {slugify(printed)} / name: (tên viết như tên riêng)"
        report.proposals.append(f'cơ quan "{printed}" của khối tiêu đề chưa có trong data/bodies.yaml; thêm: {entry}')
    for name in ("number", "type", "issuer", "date"):
        if not draft.get(name):
            report.missing.append(name)
    if number and not MENTION.fullmatch(str(number)):
        report.missing.append(f'number (số hiệu "{number}" không đúng dạng)')
    ordered = {name: draft[name] for name in FIELD_ORDER if name in draft}
    return {k: v for k, v in ordered.items() if v not in (None, [], {})}, report


def _attribute_table(lines: list[tuple[int, str]], report: Report) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Read "Số hiệu: … Loại văn bản: …" lines at the top of pages copied from legal-document sites."""
    labels = "|".join(re.escape(a) for a in ATTRIBUTES)
    pair = re.compile(rf"({labels}):\s*(.*?)(?=\s+(?:{labels}):|$)")
    attributes: dict[str, str] = {}
    rest = []
    for n, line in lines:
        found = pair.findall(line) if re.match(rf"^(?:{labels}):", line) else []
        if found:
            for label, value in found:
                if value.strip() and value.strip() not in UNKNOWN_VALUES:
                    attributes[label] = value.strip()
            report.noise.append((n, line, "bảng thuộc tính của trang, đã đọc vào thông tin văn bản"))
        else:
            rest.append((n, line))
    return attributes, rest


def _is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _header(lines: list[tuple[int, str]]) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Take the header block: issuer lines, "Số: …", motto, place and date, kind line, title lines."""
    header: dict[str, Any] = {"issuer_lines": [], "title_lines": []}
    index = 0
    kind_seen = False
    while index < len(lines):
        _, line = lines[index]
        if line.startswith("Số:") or line.startswith("Số "):
            header["number"] = tight_number(line.split(":", 1)[-1])
        elif line in MOTTOS:
            header.setdefault("motto", line)
        elif PLACE_DATE.match(line):
            header["place_date"] = line
        elif not kind_seen and _is_caps(line) and _document_type(line, None):
            header["kind_line"] = line
            kind_seen = True
        elif not kind_seen and _is_caps(line) and not _opens_section(line):
            header["issuer_lines"].append(line)
        elif kind_seen and (len(line) <= LONG_LINE or _is_caps(line)) and not ROMAN.match(line):
            titles = header["title_lines"]
            assert isinstance(titles, list)
            if titles and line[:1].islower():
                titles[-1] = f"{titles[-1]} {line}"
            else:
                titles.append(line)
        else:
            break
        index += 1
    if not kind_seen:  # no header block: what was read stays the body's, but the number a "Số:" line gives
        return {"number": header["number"]} if "number" in header else {}, lines
    return header, lines[index:]


def _split_tail(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    for index, (_, line) in enumerate(lines):
        if line.rstrip(":").strip() in ("Nơi nhận", "Nơi gửi") or SIGNATURE_START.match(line):
            return lines[:index], lines[index:]
    return lines, []


def _body(lines: list[tuple[int, str]], report: Report) -> tuple[list[str], list[DraftSection]]:
    """Build the section tree from the numbering; join lines split by wrapping or page breaks."""
    preamble: list[str] = []
    roots: list[DraftSection] = []
    stack: list[DraftSection] = []
    for n, line in lines:
        current = stack[-1] if stack else None
        joins = line[:1].islower()  # a sentence cut by a page break
        if joins and current is not None:
            _continue(current, line)
            continue
        if joins and not stack and preamble:
            preamble[-1] = f"{preamble[-1]} {line}"
            continue
        placed = _place(line, stack, roots)
        if placed:
            continue
        if not roots:
            preamble.append(line)
        elif _is_caps(line) and len(line) < 60:
            report.unplaced.append((n, line))
        elif current is not None:
            current.paragraphs.append(line)
        else:
            report.unplaced.append((n, line))
    _headings_over_items(roots)
    return preamble, roots


def _opens_section(line: str) -> bool:
    return any(pattern.match(line) for pattern in (ROMAN, DECIMAL, ARABIC, BULLET))


def _unwrap(lines: list[tuple[int, str]], known_names: set[str]) -> list[tuple[int, str]]:
    """Join the lines of a text hard-wrapped at a fixed width back into paragraphs (numbered by their first line);
    a text that is not wrapped is left as it is."""
    width = wrap_width([line for _, line in lines])
    if width is None:
        return lines
    names = capitalised_inside([line for _, line in lines]) | known_names
    joined: list[tuple[int, str]] = []
    previous = ""
    for n, line in lines:
        if joined and is_wrap(previous, line, width) and not _breaks(joined[-1][1], previous, line, width, names):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {line}")
        else:
            joined.append((n, line))
        previous = line
    return joined


def _breaks(paragraph: str, previous: str, line: str, width: int, names: set[str]) -> bool:
    """Whether `line` starts a paragraph although `previous` was full: an item after a sentence's end, the
    recipients or the signature, a block in capitals after text, or a sentence after a one-line numbered heading."""
    if _opens_section(line) and starts_anew(previous, line, width):
        return True
    if line.rstrip(":").strip() in ("Nơi nhận", "Nơi gửi") or SIGNATURE_START.match(line):
        return True
    if _is_caps(line) and len(line.split()) > 1 and not _is_caps(previous):
        return True
    if _is_caps(previous) and len(previous.split()) > 1 and not _is_caps(line):
        return True
    if previous.endswith(("”", '"', "»")) and heading_ends(previous, line, names):
        return True  # a quoted title, then a sentence
    numbered = any(pattern.match(previous) for pattern in (ROMAN, DECIMAL, ARABIC))
    return paragraph == previous and numbered and heading_ends(previous, line, names)


def _headings_over_items(sections: list[DraftSection]) -> None:
    """A numbered line with items nested under it is a heading, however long it is."""
    for section in sections:
        if section.sections and section.text is not None and section.title is None:
            section.title, section.text = section.text, None
        _headings_over_items(section.sections)


def _continue(section: DraftSection, line: str) -> None:
    if section.paragraphs:
        section.paragraphs[-1] = f"{section.paragraphs[-1]} {line}"
    elif section.text is not None:
        section.text = f"{section.text} {line}"
    elif section.title is not None:
        section.title = f"{section.title} {line}"


def _place(line: str, stack: list[DraftSection], roots: list[DraftSection]) -> bool:
    """Open a new section if the line starts with a number or a bullet; return whether it did."""
    line = _decimal_misread(line, stack)
    for level, pattern in ((1, ROMAN), (1, MISREAD_ROMAN), (3, DECIMAL), (2, ARABIC), (4, BULLET)):
        match = pattern.match(line)
        if not match or (level == 1 and not _is_caps(match.group("rest"))):
            continue
        rest = match.group("rest")
        number = match.groupdict().get("number")
        if level == 1 and number is not None:
            number = _next_roman(number, [s for s in roots if s.level == 1])
        section = DraftSection(number=number, level=level)
        if level == 1 or (level == 2 and _looks_like_heading(rest)):
            section.title = rest
        else:
            section.text = rest
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].sections if stack else roots).append(section)
        stack.append(section)
        return True
    return False


ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _next_roman(number: str, before: list[DraftSection]) -> str:
    """A part's number in capitals, set right where recognition misread it: parts follow I, II, III…, so a number
    that repeats or skips one before it ("II." after "II.") is the next in the sequence."""
    mark = number[-1]
    if not before or before[-1].number is None:
        return number
    previous = before[-1].number.rstrip(".-")
    if previous in ROMANS:
        wanted = ROMANS.index(previous) + 1
        own = number.rstrip(".-")
        if (own not in ROMANS or ROMANS.index(own) != wanted) and wanted < len(ROMANS):
            return ROMANS[wanted] + mark
    return number


def _decimal_misread(line: str, stack: list[DraftSection]) -> str:
    """ "25. …" where "2.5. …" comes next (after 2.4.): recognition lost the dot."""
    match = ARABIC.match(line)
    parent = next((section for section in reversed(stack) if section.level == 2), None)
    items = [s for s in parent.sections if s.number and DECIMAL.match(f"{s.number} x")] if parent else []
    if match is None or not items:
        return line
    head, _, tail = str(items[-1].number).rstrip(".").partition(".")
    expected = f"{head}.{int(tail) + 1}." if tail.isdigit() else ""
    if expected and match.group("number") == expected.replace(".", "", 1):
        return f"{expected} {match.group('rest')}"
    return line


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 120 and not text.rstrip().endswith((".", ";", ":", ")."))


def _tail(lines: list[tuple[int, str]], report: Report) -> tuple[list[str], dict[str, object]]:
    """Read the recipients (Nơi nhận) and the signature block after the body."""
    recipients: list[str] = []
    signature: dict[str, Any] = {"lines": []}
    in_recipients = False
    notes: list[str] | None = None
    for n, line in lines:
        if line.rstrip(":").strip() == NOTES_LABEL:  # the editorial notes of this site's own PDF and Word files
            notes = signature["notes"] = []
            continue
        if notes is not None:
            notes.append(line)
            continue
        if line.rstrip(":").strip() == "Nơi nhận":
            in_recipients = True
            continue
        bullet = BULLET.match(line)
        if in_recipients and bullet:
            recipients.append(bullet.group("rest"))
            continue
        if in_recipients and recipients and line[:1].islower():  # a recipient wrapped onto a second line
            recipients[-1] = f"{recipients[-1]} {line}"
            continue
        in_recipients = False
        if "name" not in signature and (SIGNATURE_START.match(line) or _is_caps(line)):
            signature["lines"].append(line)
        elif "name" not in signature and signature["lines"] and len(line.split()) <= 6 and line.istitle():
            signature["name"] = line
        else:
            report.unplaced.append((n, line))
    return recipients, signature


def _attribute_date(attributes: dict[str, str]) -> str | None:
    """ "Ngày ban hành: 28/11/2023" from an attribute table, as 2023-11-28."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", attributes.get("Ngày ban hành", ""))
    return f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else None


def _document_type(kind_line: object, attribute: str | None) -> str | None:
    for candidate in (kind_line, attribute):
        if isinstance(candidate, str):
            folded = fold(candidate).lower().strip()
            for name in sorted(DOCUMENT_TYPES, key=len, reverse=True):
                if folded == fold(name).lower():
                    return name
    return None


def _issuer(issuer_lines: list[str], signature: dict[str, Any], bodies: list[Body], attributes: dict[str, str]) -> str | None:
    """Guess the issuing body: the one the signature acts for ("T/M BỘ CHÍNH TRỊ"), else the header's."""
    lines = signature.get("lines") or []
    assert isinstance(lines, list)
    acting = next((re.sub(r"^(?:T/M|TM\.)\s*", "", line) for line in lines if re.match(r"^(?:T/M|TM\.)\s", line)), "")
    header = " ".join(issuer_lines[1:] if len(issuer_lines) > 1 else issuer_lines)
    candidates = [acting + " " + header, acting, header, attributes.get("Nơi ban hành", "")]
    return next((found for candidate in candidates if candidate.strip() and (found := _body_named(candidate, bodies))), None)


def _signer_title(signature: dict[str, Any]) -> str | None:
    lines = [line for line in signature.get("lines", []) if not SIGNATURE_START.match(str(line))]
    return str(lines[-1]).capitalize() if lines else None


def _headline(lines: list[tuple[int, str]], report: Report) -> tuple[list[str], list[tuple[int, str]]]:
    """A page's own headline or lead before the document's header block ("Chương trình hành động số 287-CTr/…"):
    not the document's text, but what it says of the document is read."""
    starts = next((i for i, (_, line) in enumerate(lines[:4]) if _is_caps(line) or line in MOTTOS), 0)
    for n, line in lines[:starts]:
        report.noise.append((n, line, "tiêu đề hoặc lời dẫn của bài đăng, không thuộc văn bản; đã đọc thông tin trong đó"))
    return [line for _, line in lines[:starts]], lines[starts:]


def _from_prose(draft: dict[str, object], lines: list[str], bodies: list[Body], report: Report) -> None:
    """Fill the number, type, date and issuer the header did not give from what the prose says, marked as guessed."""
    if all(draft.get(name) for name in ("number", "type", "date", "issuer")):
        return
    posted = [
        int(m.group(1))
        for _, text, _ in report.noise
        for m in [re.search(r"\b(\d{4})\b", text)]
        if m and text.startswith(("Ngày", "Thứ", "Chủ"))
    ]
    facts = facts_in(lines, posted[0] if posted else None)
    for name, value in (
        ("number", facts.number),
        ("type", facts.type),
        ("date", facts.date),
        ("title", facts.title),
        ("signer", facts.signer),
        ("place", facts.place),
    ):
        if value and not draft.get(name):
            draft[name] = value
            report.guessed.append(f'{name}: "{value}", đọc từ câu văn, không từ khối tiêu đề')
    report.guessed += facts.guessed
    if facts.issuer and not draft.get("issuer"):
        term = TERM.search(facts.issuer)
        if term:
            facts.issuer = facts.issuer[: term.start()].strip()
            draft["term"] = f"khóa {term.group(1)}"
            report.guessed.append(f'term: "{draft["term"]}", đọc từ câu văn')
        body = _body_named(facts.issuer, bodies)
        if body is not None:
            draft["issuer"] = body
            report.guessed.append(f'issuer: "{body}" ({facts.issuer}), đọc từ câu văn')
        else:
            entry = f"- id: {slugify(facts.issuer)} / name: {facts.issuer}"
            report.proposals.append(f'cơ quan "{facts.issuer}" chưa có trong data/bodies.yaml; thêm: {entry}')


TERM = re.compile(r"\b(?:KHÓA|KHOÁ|khóa|khoá)\s+([IVXLC]+)\b")


def _term(lines: list[str]) -> str | None:
    """The issuer's term a header or a title block prints ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII")."""
    found = next((TERM.search(line) for line in lines if TERM.search(line)), None)
    return f"khóa {found.group(1)}" if found else None


def _body_named(name: str, bodies: list[Body]) -> str | None:
    key = fold(name).lower().strip()
    return next((b.id for b in bodies if any(fold(n).lower() == key for n in (b.name, *b.short_names))), None)


def _relations(draft: dict[str, object], sentences: list[str], known: Mapping[str, str], report: Report) -> None:
    """Relations the text states ("Thực hiện …", "Căn cứ …") to documents in data/; the others proposed."""
    proposed = relations_in(
        [part.strip() for sentence in sentences for part in re.split(r"(?<=[.!?])\s+(?=[A-ZĐ])", sentence)], str(draft.get("number") or "")
    )
    relations: dict[str, list[str]] = {}
    for kind, numbers in (("implements", proposed.implements), ("based_on", proposed.based_on)):
        for number in numbers:
            in_data = known.get(number_key(number))
            if in_data:
                relations.setdefault(kind, []).append(in_data)
            else:
                missing = f"văn bản {number} ({kind}) chưa có trong data/documents/"
                report.proposals.append(f"{missing}; thêm một tệp chỉ có thông tin (number, type, issuer, date), rồi thêm quan hệ")
    if relations:
        draft["relations"] = relations
        report.guessed += [f"relations.{kind}: {', '.join(numbers)}, đọc từ câu văn" for kind, numbers in relations.items()]


def known_numbers(data_dir: Path) -> dict[str, str]:
    """The number of every document in data/documents/, by its key, read from each file's `number:` line."""
    return {key: number for key, (number, _) in known_files(data_dir).items()}


def known_files(data_dir: Path) -> dict[str, tuple[str, Path]]:
    """The number and file of every document in data/documents/, by the number's key."""
    found: dict[str, tuple[str, Path]] = {}
    for path in sorted((data_dir / "documents").glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        match = re.search(r"^number:\s*[\"']?([^\"'\n#]+?)[\"']?\s*(?:#.*)?$", text, re.MULTILINE)
        if match:
            found[number_key(match.group(1))] = (match.group(1), path)
    return found


def draft_path(drafts_dir: Path, draft: dict[str, object], source: Path) -> Path:
    """Where the draft goes: <drafts_dir>/<number key>.yaml, or after the source file's name."""
    number = draft.get("number")
    stem = number_key(str(number)) if number else re.sub(r"[^a-z0-9]+", "-", fold(source.stem).lower()).strip("-")
    return drafts_dir / f"{stem}.yaml"


class _Dumper(yaml.SafeDumper):
    """Block-style YAML in document order, readable text (no escapes for Vietnamese)."""


def dump_fields(fields: dict[str, object]) -> str:
    """Fields as block-style YAML in the order given."""
    return yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000, indent=2)


def dump_yaml(draft: dict[str, object], report: Report, source: str) -> str:
    """Return the draft as YAML, headed by the report as comments."""
    comments = [f"# Bản nháp nhập từ {source}. Hãy đối chiếu với văn bản gốc, rồi chuyển tệp vào data/documents/."]
    # A comment is one line: a line break in the text would put the rest of it into the YAML.
    comments += [f"# {' '.join(split_lines(line))}" for line in report.lines()]
    return "\n".join(comments) + "\n" + dump_fields(draft)
