"""The deadline chart: month labels that never overlap, on quarters or years."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.chart import LABEL_GAP, labelled_months, month_starts, timeline_svg
from generator.load import load_corpus
from generator.resolve import resolve
from generator.taskviews import TaskViews
from tests.conftest import AS_OF, REPO

# "12/2023" in the 11px axis font is about 43 units wide.
LABEL_WIDTH = 43


def axis_labels(svg: str) -> list[tuple[float, str]]:
    return [(float(x), text) for x, text in re.findall(r'<text class="axis" x="([\d.]+)"[^>]*>([^<]+)</text>', svg)]


def test_the_real_chart_names_the_first_month_then_quarters_without_overlap() -> None:
    site = resolve(load_corpus(REPO / "data", REPO))
    tasks = TaskViews(site, AS_OF)
    labels = axis_labels(timeline_svg(site.tasks, {t.id: tasks.status(t) for t in site.tasks}, AS_OF))
    names = [text for _, text in labels]
    assert names[0] == "12/2023" and "01/2024" not in names  # it was drawn over "12/2023"
    assert all(text.split("/")[0] in ("01", "04", "07", "10") for text in names[1:])
    assert all(b - a >= LABEL_WIDTH for (a, _), (b, _) in zip(labels, labels[1:]))


@pytest.mark.parametrize(
    ("first", "last", "width", "months_labelled"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 7, 1), 560, {1, 2, 3, 4, 5, 6, 7}),  # room for every month
        (dt.date(2023, 12, 1), dt.date(2026, 1, 1), 560, {1, 4, 7, 10, 12}),  # quarters
        (dt.date(2023, 11, 1), dt.date(2031, 1, 1), 560, {1, 11}),  # years
    ],
)
def test_labels_fall_on_the_first_month_and_then_every_nth(first: dt.date, last: dt.date, width: int, months_labelled: set[int]) -> None:
    months = month_starts(first, last)
    span = (last - first).days

    def x(date: dt.date) -> float:
        return width * (date - first).days / span

    labelled = sorted(labelled_months(months, x))
    assert labelled[0] == first and {m.month for m in labelled} == months_labelled
    assert all(x(b) - x(a) >= LABEL_GAP for a, b in zip(labelled, labelled[1:]))
