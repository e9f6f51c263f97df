"""What an import did, for the officer: which document the text is and where each fact came from, the numbers
it saw that are not this document's, every line dropped and why, every line it could not place, guesses to
check, proposals, and the words recognition was unsure of."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.intake.draft import IDENTITY, Provenance

LABELS = {"number": "số hiệu", "type": "loại", "date": "ngày ban hành", "issuer": "cơ quan ban hành"}


@dataclass
class Report:
    """Everything the officer should know about a draft before trusting it."""

    noise: list[tuple[int, str, str]] = field(default_factory=list)  # line number (0: the file's reader), text, reason
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    doubtful: list[tuple[int, str]] = field(default_factory=list)  # line, word recognition was unsure of
    identity: dict[str, tuple[str, Provenance]] = field(default_factory=dict)  # field -> (value, where from)
    others: list[tuple[str, str, str]] = field(default_factory=list)  # number, why it is not this document's, where
    no_number: str | None = None  # why the text gives no number of its own
    conflicts: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = self._identity_lines()
        out += [f"Mâu thuẫn, cần đối chiếu: {conflict}" for conflict in self.conflicts]
        out += [f"Bỏ {len(self.noise)} dòng không thuộc văn bản:"] if self.noise else ["Không bỏ dòng nào."]
        out += [f"  {f'dòng {n}' if n else 'trong tệp'} — {reason}: {text}" for n, text, reason in self.noise]
        out += [f"Không xếp được dòng {n}: {text}" for n, text in self.unplaced]
        out += [f"Chữ nhận dạng không chắc, dòng {n}: {word}" for n, word in self.doubtful]
        out += [f"Đoán, cần đối chiếu: {guess}" for guess in self.guessed]
        out += [f"Đề xuất: {proposal}" for proposal in self.proposals]
        out += [f"Cần điền: {field_name}" for field_name in self.missing]
        return out

    def _identity_lines(self) -> list[str]:
        out = ["Văn bản này là:"]
        for name in IDENTITY:
            if name in self.identity:
                value, provenance = self.identity[name]
                out.append(f"  {LABELS[name]}: {value} — từ {provenance.describe()}")
            elif name == "number" and self.no_number:
                out.append(f"  {LABELS[name]}: chưa xác định — {self.no_number}")
            else:
                out.append(f"  {LABELS[name]}: chưa xác định")
        if self.others:
            out.append("Số hiệu khác trong văn bản (không phải của văn bản này):")
            out += [f"  {number} — {why} ({where})" for number, why, where in self.others]
        return out
