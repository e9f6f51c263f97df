"""Deadlines as the documents word them: "hoàn thành trong quý I/2024" -> complete by 31/03/2024."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from generator.corpus.vocabulary import fold

COMPLETE_BY = "complete_by"
START_FROM = "start_from"
ONGOING = "ongoing"
KIND_LABELS = {COMPLETE_BY: "hoàn thành", START_FROM: "bắt đầu thực hiện", ONGOING: "thường xuyên"}
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_PERIOD = (
    r"(?:thang\s+(?P<month>\d{1,2})\s*/\s*(?P<month_year>\d{4})"
    r"|quy\s+(?P<quarter>iv|iii|ii|i)\s*/\s*(?P<quarter_year>\d{4})"
    r"|nam\s+(?P<year>\d{4}))"
)
_CLAUSES = (
    (COMPLETE_BY, re.compile(rf"(?:co ban\s+)?hoan thanh\s+(?:trong|truoc)\s+{_PERIOD}")),
    (START_FROM, re.compile(rf"(?:thuc hien|trien khai|bat dau)\s+tu\s+{_PERIOD}")),
    (COMPLETE_BY, re.compile(rf"trong\s+{_PERIOD}")),
    (ONGOING, re.compile(r"(?:chi dao\s+)?(?:thuc hien\s+)?thuong xuyen")),
)
# A trailing parenthesis that speaks of time: "(hoàn thành trong quý I/2024)".
_TRAILING = re.compile(r"\(([^()]*)\)\s*[.;]?\s*$")
_TIME_WORDS = re.compile(r"\b(?:hoan thanh|thuc hien|thuong xuyen|thang|quy|nam)\b")


class DeadlineError(ValueError):
    """The wording of a deadline could not be read."""


@dataclass(frozen=True)
class Deadline:
    """A structured deadline: its kinds in order, its period, the date it resolves to, and its wording."""

    kinds: tuple[str, ...]
    period: str | None
    date: dt.date | None
    wording: str

    @property
    def due(self) -> dt.date | None:
        """The date after which a task with no answer is overdue (complete by) or should have started."""
        return self.date if self.kinds and self.kinds[0] in (COMPLETE_BY, START_FROM) else None


def parse_deadline(wording: str) -> Deadline:
    """Read a deadline; raise DeadlineError if any part of the wording is not understood."""
    clauses = [part.strip() for part in re.split(r"\s+(?:va|,)\s+|,\s*", fold(wording).strip(" .;")) if part.strip()]
    if not clauses:
        raise DeadlineError(wording)
    kinds: list[str] = []
    period: str | None = None
    date: dt.date | None = None
    for clause in clauses:
        kind, match = _clause(clause)
        kinds.append(kind)
        if match is not None and date is None:
            period, date = _resolve(kind, match)
    return Deadline(tuple(kinds), period, date, wording)


def deadline_in_text(text: str) -> str | None:
    """Return the wording of the deadline a task's text ends with, if it has one."""
    match = _TRAILING.search(text)
    if match and _TIME_WORDS.search(fold(match.group(1))):
        return match.group(1).strip()
    return None


def _clause(clause: str) -> tuple[str, re.Match[str] | None]:
    for kind, pattern in _CLAUSES:
        match = pattern.fullmatch(clause)
        if match:
            return kind, (match if kind != ONGOING else None)
    raise DeadlineError(clause)


def _resolve(kind: str, match: re.Match[str]) -> tuple[str, dt.date]:
    groups = match.groupdict()
    try:
        if groups["month"]:
            year, month = int(groups["month_year"]), int(groups["month"])
            first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            period = "month"
        elif groups["quarter"]:
            year, quarter = int(groups["quarter_year"]), QUARTERS[groups["quarter"]]
            first = dt.date(year, 3 * quarter - 2, 1)
            last = dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
            period = "quarter"
        else:
            year = int(groups["year"])
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            period = "year"
    except ValueError as error:
        raise DeadlineError(match.group(0)) from error
    return period, (first if kind == START_FROM else last)
