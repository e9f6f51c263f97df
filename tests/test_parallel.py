"""Work spread over processes gives exactly what one process gives."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from generator import parallel
from generator.build import Project
from generator.errors import ValidationError
from generator.load import load_corpus
from generator.parallel import map_in_chunks
from generator.render import render_site
from generator.resolve import resolve


def pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})


def test_chunks_keep_order_and_run_in_several_processes(always_parallel: None) -> None:
    results = map_in_chunks(pids, list(range(10)))
    assert [square for square, _ in results] == [i * i for i in range(10)]
    assert len({pid for _, pid in results}) == 3 and results[0][1] == os.getpid()


def test_few_items_stay_in_this_process() -> None:
    assert {pid for _, pid in map_in_chunks(pids, [1, 2, 3])} == {os.getpid()}


def test_load_and_render_in_parallel_match_one_process(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    one = render_site(resolve(load_corpus(project.data_dir, project.root)), dt.date(2024, 6, 15), pdfs=False)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    many = render_site(resolve(load_corpus(project.data_dir, project.root)), dt.date(2024, 6, 15), pdfs=False)
    assert many == one


def test_problems_found_in_other_processes_are_reported_in_file_order(project: Project, always_parallel: None) -> None:
    documents = sorted((project.data_dir / "documents").glob("*.yaml"))
    for path in (documents[0], documents[-1]):
        path.write_text(path.read_text(encoding="utf-8").replace("number:", "numbr:", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_corpus(project.data_dir, project.root)
    files = [problem.location.file for problem in error.value.problems]
    assert files[0].endswith(documents[0].name) and files[-1].endswith(documents[-1].name)
