"""What follows a document's body: the recipients (Nơi nhận), the signature block (in either order, as a Word
table or a portal lays them out), this site's editorial notes, and the texts attached after the signature (a
Government resolution's action programme, an appendix), each with its own heading and tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.intake.draft import DraftAppendix
from generator.intake.structure import BULLET, PLUS, body_tree, is_caps, opens_section

SIGNATURE_START = re.compile(r"^(?:T/M|TM\.?|KT\.?|Q\.|TL\.?|TUQ\.?|K/T|T\.M\.?)\s", re.IGNORECASE)
SIGNED = re.compile(r"^[\[(]?\s*(?:đã ký|Đã ký|ĐÃ KÝ|đã ký và đóng dấu|Đã ký và đóng dấu)\s*[\])]?\.?$")
RECIPIENTS = re.compile(r"^(?:Nơi nhận|Nơi gửi)\s*:?\s*(?P<rest>.*)$")
NOTES_LABEL = "Ghi chú biên tập"
# A title of office in a signature block, never a name.
_OFFICES = re.compile(r"\b(?:THỦ TƯỚNG|BÍ THƯ|CHỦ TỊCH|BỘ TRƯỞNG|TRƯỞNG BAN|PHÓ|GIÁM ĐỐC|TỔNG|CHÁNH|VIỆN TRƯỞNG|ỦY VIÊN|THƯỜNG TRỰC)\b")
# What starts a text attached after the signature.
APPENDIX_START = re.compile(
    r"^(?:PHỤ LỤC|DANH MỤC|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH|KẾ HOẠCH|BẢNG|BIỂU|ĐIỀU LỆ|HƯỚNG DẪN)\b|^\((?:Ban hành )?[Kk]èm theo\b"
)
NOTE = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b.*\)?$")


def starts_tail(line: str) -> bool:
    """Whether `line` starts what follows the body: the recipients or the signature block."""
    return RECIPIENTS.match(line) is not None or SIGNATURE_START.match(line) is not None


@dataclass
class Tail:
    recipients: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    name: str | None = None
    notes: list[str] = field(default_factory=list)
    appendices: list[DraftAppendix] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def signature(self) -> dict[str, object] | None:
        return {"lines": self.signature_lines, "name": self.name} if self.name else None

    @property
    def signer_title(self) -> str | None:
        lines = [line for line in self.signature_lines if not SIGNATURE_START.match(line)]
        return lines[-1].capitalize() if lines else None


def read_tail(lines: list[tuple[int, str]], unplaced: list[tuple[int, str]]) -> Tail:
    """Recipients, signature, notes; from the first attached text on, the appendices."""
    tail = Tail()
    in_recipients = False
    for index, (number, line) in enumerate(lines):
        if line.rstrip(":").strip() == NOTES_LABEL:  # the editorial notes of this site's own PDF and Word files
            tail.notes = [text for _, text in lines[index + 1 :]]
            return tail
        if (tail.name is not None or (tail.recipients and not in_recipients)) and _attached(line):
            tail.appendices = appendices(lines[index:], unplaced)
            return tail
        if SIGNED.match(line):
            tail.dropped.append((number, line, "dấu hiệu đã ký của bản sao, không phải chữ trong văn bản"))
            continue
        recipients = RECIPIENTS.match(line)
        if recipients:
            in_recipients = True
            line = recipients.group("rest").strip()
            if not line:
                continue
        bullet = BULLET.match(line) or PLUS.match(line)
        if in_recipients and bullet:
            tail.recipients.append(bullet.group("rest"))
            continue
        if in_recipients and tail.recipients and line[:1].islower():  # a recipient wrapped onto a second line
            tail.recipients[-1] = f"{tail.recipients[-1]} {line}"
            continue
        in_recipients = False
        _signature(tail, number, line, unplaced)
    return tail


def _signature(tail: Tail, number: int, line: str, unplaced: list[tuple[int, str]]) -> None:
    if tail.name is None and (SIGNATURE_START.match(line) or (is_caps(line) and not _name_in_capitals(line, tail))):
        tail.signature_lines.append(line)
    elif tail.name is None and tail.signature_lines and _is_name(line):
        tail.name = line if not is_caps(line) else line.title()
    else:
        unplaced.append((number, line))


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(word[:1].isupper() for word in words) and not any(ch.isdigit() for ch in line)


def _name_in_capitals(line: str, tail: Tail) -> bool:
    """A signer's name printed in capitals after the titles of office ("TRẦN HỒNG HÀ")."""
    return bool(tail.signature_lines) and _is_name(line) and not _OFFICES.search(line) and not SIGNATURE_START.match(line)


def _attached(line: str) -> bool:
    return bool(APPENDIX_START.match(line)) and (is_caps(line) or line.startswith("("))


def appendices(lines: list[tuple[int, str]], unplaced: list[tuple[int, str]]) -> list[DraftAppendix]:
    """The texts attached after the signature, each from its heading on."""
    found: list[DraftAppendix] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if current and _attached(line) and is_caps(line) and _has_body(current):
            found.append(_appendix(current, unplaced))
            current = []
        current.append((number, line))
    if current:
        found.append(_appendix(current, unplaced))
    return found


def _has_body(lines: list[tuple[int, str]]) -> bool:
    return any(not is_caps(line) and not NOTE.match(line) for _, line in lines)


def _appendix(lines: list[tuple[int, str]], unplaced: list[tuple[int, str]]) -> DraftAppendix:
    heading: list[str] = []
    note: str | None = None
    index = 0
    while index < len(lines) and note is None and len(heading) < 6:
        line = lines[index][1]
        if NOTE.match(line):
            note = line
        elif opens_section(line) or not (
            is_caps(line) or (heading and len(line) <= 160 and not line.endswith(".") and not line.endswith(":"))
        ):
            break
        else:
            heading.append(line)
        index += 1
    preamble, sections = body_tree(lines[index:], unplaced)
    return DraftAppendix(title_lines=heading or ["PHỤ LỤC"], note=note, preamble=preamble, sections=sections)
