"""The issuing body, from the header's authority lines and the body the signature acts for ("T/M BAN THƯỜNG VỤ"),
else from a legal site's attribute table or the sentence that announces the document; never from a body a title
names. Matched to data/bodies.yaml by full or short name, with or without diacritics; a body not there yet is
proposed under its proper name and id, with its place (catalogue.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.corpus.model import Body
from generator.corpus.text import slugify
from generator.corpus.vocabulary import fold
from generator.intake.catalogue import Known, catalogued, place_named
from generator.intake.draft import Provenance
from generator.intake.titles import sentence_case

# Header lines naming a body above the issuer, printed first: the issuer is what follows.
_ABOVE = re.compile(r"^(?:BAN CHẤP HÀNH TRUNG ƯƠNG|ĐẢNG BỘ .+|ĐẢNG ỦY .+ TRUNG ƯƠNG|BỘ .+|ỦY BAN NHÂN DÂN .+|UBND .+)$")
# An issuer named without its place ("TỈNH ỦY" under "ĐẢNG BỘ TỈNH QUẢNG NAM").
_PLACELESS = re.compile(r"^(?:BAN THƯỜNG VỤ )?(?:TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|ĐẢNG ỦY)$")
ACTING = re.compile(r"^(?:T/M|TM\.?|T\.M\.?)\s+(?P<body>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Issuer:
    """The issuer as decided: its id (in data/bodies.yaml, or proposed), its name, and where it came from."""

    id: str
    name: str
    provenance: Provenance
    proposal: Known | None = None  # set when data/bodies.yaml lacks it


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9& ]", " ", fold(name)).split())


def known_body(name: str, bodies: list[Body]) -> str | None:
    """The id of the body of data/bodies.yaml that `name` names, in full or short, with or without diacritics."""
    key = _key(name)
    return next((b.id for b in bodies if key and any(_key(n) == key for n in (b.name, *b.short_names))), None)


def header_name(issuer_lines: list[str]) -> str:
    """The issuing body a header's lines print: the lines below a superior body's, with its place when they leave
    it out ("ĐẢNG BỘ TỈNH QUẢNG NAM / TỈNH ỦY" -> "TỈNH ỦY QUẢNG NAM")."""
    lines = [line.strip(" *-") for line in issuer_lines if line.strip(" *-")]
    if len(lines) > 1 and _ABOVE.match(lines[0]):
        own = " ".join(lines[1:])
        place = place_named(_key(lines[0]))
        return f"{own} {place.upper()}" if place and _PLACELESS.match(own) else own
    return " ".join(lines)


def acting_body(signature_lines: list[str], header: str) -> str | None:
    """The body a signature acts for ("T/M BAN THƯỜNG VỤ" under "TỈNH ỦY QUẢNG NAM" -> "BAN THƯỜNG VỤ TỈNH ỦY QUẢNG NAM")."""
    acting = next((found.group("body").strip() for line in signature_lines if (found := ACTING.match(line))), None)
    if acting is None:
        return None
    if _key(acting) in ("ban thuong vu", "ban chap hanh", "thuong truc") and header:
        return f"{acting} {header}"
    return acting


def conference_body(title_lines: Sequence[str]) -> str | None:
    """The committee whose plenum a resolution's title names ("HỘI NGHỊ LẦN THỨ TÁM / BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG
    KHOÁ XIII"), without its term."""
    for before, line in zip(["", *title_lines], title_lines, strict=False):
        if before.startswith("HỘI NGHỊ") or line.startswith("HỘI NGHỊ"):
            found = re.search(r"(BAN CHẤP HÀNH (?:TRUNG ƯƠNG|ĐẢNG BỘ)[^,]*?)(?:\s+KHOÁ|\s+KHÓA|$)", line)
            if found:
                return found.group(1).strip()
    return None


def decide_issuer(
    issuer_lines: list[str],
    signature_lines: list[str],
    attributes: dict[str, str],
    announced: str | None,
    bodies: list[Body],
    line: int | None,
    title_lines: Sequence[str] = (),
) -> Issuer | None:
    """The issuer, from the most reliable place that names one."""
    header = header_name(issuer_lines)
    acting = acting_body(signature_lines, header)
    candidates = [
        (acting, "khối chữ ký (thay mặt)", False),
        (header, "khối tiêu đề", True),
        (attributes.get("Cơ quan ban hành"), "bảng thuộc tính của trang", True),
        (attributes.get("Nơi ban hành"), "bảng thuộc tính của trang", True),
        (conference_body(title_lines), "hội nghị ban hành nghị quyết, trong khối tên loại", False),
        (announced, "câu công bố văn bản", True),
    ]
    for name, source, propose in candidates:
        if not name:
            continue
        found = _issuer(name, bodies, Provenance(source, line if source == "khối tiêu đề" else None, name), propose)
        if found is not None:
            return found
    return None


def _issuer(name: str, bodies: list[Body], provenance: Provenance, propose: bool) -> Issuer | None:
    known = known_body(name, bodies)
    if known is not None:
        return Issuer(known, name, provenance)
    catalogue = catalogued(name)
    if catalogue is not None:
        in_data = known_body(catalogue.name, bodies) or next((b.id for b in bodies if b.id == catalogue.id), None)
        if in_data is not None:
            return Issuer(in_data, catalogue.name, provenance)
        return Issuer(catalogue.id, catalogue.name, provenance, catalogue)
    if not propose or len(name) > 120 or not re.search(r"[A-Za-zÀ-ỹĐđ]", name):
        return None
    written = sentence_case(name, []) if name.isupper() else name
    return Issuer(slugify(written)[:80].strip("-"), written, provenance, Known(slugify(written)[:80].strip("-"), written))
