"""Where a task stands on a date, and the quarters its deadline falls in: the rules every view of tasks follows."""

from __future__ import annotations

import datetime as dt

from generator.corpus.resolve import Task

ANSWERED, OVERDUE, DUE = "answered", "overdue", "due"
STATUS_LABELS = {ANSWERED: "Đã có văn bản trả lời", OVERDUE: "Quá hạn, chưa có văn bản trả lời", DUE: "Chưa có văn bản trả lời, còn hạn"}
ROMAN = ("I", "II", "III", "IV")


def status_of(task: Task, answered: bool, as_of: dt.date) -> str:
    """Answered if any document answers it; overdue once its date has passed; due otherwise."""
    if answered:
        return ANSWERED
    due = task.deadline.due if task.deadline else None
    return OVERDUE if due is not None and as_of > due else DUE


def quarter_of(date: dt.date) -> str:
    """ "2024-Q1": the bucket the board filters deadlines by."""
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def quarter_name(quarter: str) -> tuple[str, str]:
    """("Quý I", "2024") for "2024-Q1", as the documents write quarters."""
    year, number = quarter.split("-Q")
    return f"Quý {ROMAN[int(number) - 1]}", year
