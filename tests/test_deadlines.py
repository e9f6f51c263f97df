"""The deadline parser on every wording in the corpus, and on malformed wordings."""

import datetime as dt

import pytest

from generator.corpus.deadlines import COMPLETE_BY, ONGOING, START_FROM, DeadlineError, deadline_in_text, parse_deadline

CORPUS = [
    ("trong tháng 12/2023", (COMPLETE_BY,), "month", dt.date(2023, 12, 31)),
    ("hoàn thành trong tháng 12/2023", (COMPLETE_BY,), "month", dt.date(2023, 12, 31)),
    ("hoàn thành trong tháng 12/2023 và chỉ đạo thực hiện thường xuyên", (COMPLETE_BY, ONGOING), "month", dt.date(2023, 12, 31)),
    ("thực hiện từ tháng 01/2024", (START_FROM,), "month", dt.date(2024, 1, 1)),
    ("thực hiện từ tháng 12/2023", (START_FROM,), "month", dt.date(2023, 12, 1)),
    ("hoàn thành trong quý I/2024", (COMPLETE_BY,), "quarter", dt.date(2024, 3, 31)),
    ("hoàn thành trong quý II/2024", (COMPLETE_BY,), "quarter", dt.date(2024, 6, 30)),
    ("hoàn thành trong quý IV/2024", (COMPLETE_BY,), "quarter", dt.date(2024, 12, 31)),
    ("thực hiện từ quý I/2024", (START_FROM,), "quarter", dt.date(2024, 1, 1)),
    ("cơ bản hoàn thành trong năm 2024", (COMPLETE_BY,), "year", dt.date(2024, 12, 31)),
    ("hoàn thành trong năm 2024", (COMPLETE_BY,), "year", dt.date(2024, 12, 31)),
]


@pytest.mark.parametrize("wording, kinds, period, date", CORPUS)
def test_every_wording_of_the_corpus(wording: str, kinds: tuple[str, ...], period: str, date: dt.date) -> None:
    deadline = parse_deadline(wording)
    assert (deadline.kinds, deadline.period, deadline.date, deadline.wording) == (kinds, period, date, wording)


def test_wording_without_diacritics_or_in_capitals() -> None:
    assert parse_deadline("HOAN THANH TRONG QUY III/2024").date == dt.date(2024, 9, 30)


def test_february_of_a_leap_year() -> None:
    assert parse_deadline("hoàn thành trong tháng 02/2024").date == dt.date(2024, 2, 29)


def test_ongoing_only() -> None:
    deadline = parse_deadline("thực hiện thường xuyên")
    assert (deadline.kinds, deadline.date, deadline.due) == ((ONGOING,), None, None)


@pytest.mark.parametrize(
    "wording",
    [
        "",
        "sớm nhất có thể",
        "hoàn thành trong tháng 13/2024",
        "hoàn thành trong quý V/2024",
        "hoàn thành trong năm",
        "trong tháng 12/2023 và sau đó",
    ],
)
def test_malformed_wordings_are_refused(wording: str) -> None:
    with pytest.raises(DeadlineError):
        parse_deadline(wording)


def test_deadline_in_text() -> None:
    assert deadline_in_text("Xây dựng ... Nghị quyết (hoàn thành trong quý I/2024).") == "hoàn thành trong quý I/2024"
    assert deadline_in_text("... trí thức khoa học và công nghệ (KH&CN).") is None
    assert deadline_in_text("Không có thời hạn.") is None
