"""Work spread over processes gives exactly what one process gives."""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from generator.commands.build import Project
from generator.commands.write import Held
from generator.corpus.errors import ValidationError
from generator.corpus.load import load_corpus
from generator.corpus.resolve import resolve
from generator.outputs import site as render
from generator.outputs.site import render_outputs
from generator.support import parallel
from generator.support.files import FileOrder
from generator.support.makers import FileMakers
from generator.support.parallel import map_in_chunks


def pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})


def test_chunks_keep_order_and_run_in_several_processes(always_parallel: None) -> None:
    results = map_in_chunks(pids, list(range(1000)))
    assert [square for square, _ in results] == [i * i for i in range(1000)]
    assert len({pid for _, pid in results}) <= 3


def test_each_job_runs_once_in_whichever_process_is_free(always_parallel: None) -> None:
    meet = multiprocessing.get_context("fork").Barrier(3, timeout=30)
    # The first three jobs wait until three processes run them at once: one process cannot take two.
    jobs = [functools.partial(wait_then_pid, meet if index < 3 else None, index) for index in range(12)]
    results = parallel.run_jobs(jobs)
    assert [index for index, _ in results] == list(range(12))
    assert len({pid for _, pid in results[:3]}) == 3 and os.getpid() in {pid for _, pid in results}


def wait_then_pid(meet: Barrier | None, index: int) -> tuple[int, int]:
    if meet is not None:
        meet.wait()
    return index, os.getpid()


def test_a_failing_job_raises_its_error_in_the_caller(always_parallel: None) -> None:
    def job(index: int) -> int:
        if index == 7:
            raise ValueError(f"job {index} failed")
        return index

    with pytest.raises(ValueError, match="job 7 failed"):
        parallel.run_jobs([functools.partial(job, index) for index in range(12)], cores=2)


def test_a_child_that_dies_is_reported(always_parallel: None) -> None:
    with pytest.raises(RuntimeError, match="tiến trình con dừng đột ngột"):
        parallel.in_background(lambda: os._exit(3)).result()


def test_an_error_that_cannot_cross_processes_comes_back_as_text(always_parallel: None) -> None:
    class Local(Exception):  # noqa: N818 - its name is what the test reads back
        pass

    with pytest.raises(RuntimeError, match="Local: cannot pickle me"):
        parallel.in_background(lambda: (_ for _ in ()).throw(Local("cannot pickle me"))).result()


def test_a_shared_counter_gives_each_number_once() -> None:
    counter = parallel.SharedCounter()
    assert [counter.take(0), counter.take(0), counter.take(1), counter.take_next(), counter.take(2)] == [True, False, True, 2, False]


def test_few_items_stay_in_this_process() -> None:
    assert {pid for _, pid in map_in_chunks(pids, [1, 2, 3])} == {os.getpid()}


def _rendered(project: Project) -> dict[str, object]:
    sink = Held()
    render_outputs(resolve(load_corpus(project.data_dir, project.root)), dt.date(2024, 6, 15), sink, pdfs=False)
    return sink.files  # type: ignore[return-value]  # dict is invariant: its values are bytes here


def test_load_and_render_in_parallel_match_one_process(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    one = _rendered(project)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(render, "MIN_ITEMS", 1)  # files put by the forked processes come back to the sink
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    many = _rendered(project)
    assert many == one and len(one) >= 80


def test_problems_found_in_other_processes_are_reported_in_file_order(project: Project, always_parallel: None) -> None:
    documents = sorted((project.data_dir / "documents").glob("*.yaml"))
    for path in (documents[0], documents[-1]):
        path.write_text(path.read_text(encoding="utf-8").replace("number:", "numbr:", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_corpus(project.data_dir, project.root)
    files = [problem.location.file for problem in error.value.problems]
    assert files[0].endswith(documents[0].name) and files[-1].endswith(documents[-1].name)


def test_a_job_failing_in_this_process_still_waits_for_the_children(always_parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    children: list[parallel.Background[object]] = []
    monkeypatch.setattr(parallel, "in_background", lambda job: children.append(parallel.Background(job)) or children[-1])

    def job(index: int) -> int:
        if os.getpid() == parent:
            raise ValueError("failed here")
        time.sleep(0.01)  # leaves jobs for this process
        return index

    with pytest.raises(ValueError, match="failed here"):
        parallel.run_jobs([functools.partial(job, index) for index in range(50)], cores=3)
    assert len(children) == 2
    for child in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(child._pid, os.WNOHANG)  # reaped: no child left behind


def sleep_then_index(parent: int, index: int) -> int:
    time.sleep(0.01 if os.getpid() == parent else 0.002)  # children take most jobs
    return index


def test_results_of_children_are_taken_between_this_process_jobs(always_parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[int] = []
    original = parallel.Outbox.take

    def recording(self: parallel.Outbox) -> list[tuple[int, object]]:
        results = original(self)
        taken.append(len(results))
        return results

    monkeypatch.setattr(parallel.Outbox, "take", recording)
    jobs = [functools.partial(sleep_then_index, os.getpid(), index) for index in range(60)]
    assert parallel.run_jobs(jobs, cores=2) == list(range(60))
    assert sum(taken[:-1]) > 0  # the last call comes after this process's last job


def test_results_that_do_not_fit_the_outbox_come_through_the_pipe(always_parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.Outbox, "SIZE", 200)
    jobs = [functools.partial(sleep_then_index, os.getpid(), index) for index in range(60)]
    assert parallel.run_jobs(jobs, cores=3) == list(range(60))


def test_a_child_that_dies_during_its_jobs_is_reported(always_parallel: None) -> None:
    parent = os.getpid()

    def job(index: int) -> int:
        if os.getpid() != parent and index > 3:
            os._exit(3)
        time.sleep(0.01)
        return index

    with pytest.raises(RuntimeError, match=r"tiến trình con dừng đột ngột \(mã thoát 3\)"):
        parallel.run_jobs([functools.partial(job, index) for index in range(20)], cores=2)


def test_without_shared_memory_every_result_takes_the_pipe(always_parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise OSError("no memory")

    monkeypatch.setattr(parallel.mmap, "mmap", refuse)
    jobs = [functools.partial(sleep_then_index, os.getpid(), index) for index in range(30)]
    assert parallel.run_jobs(jobs, cores=2) == list(range(30))


def _twice(payload: bytes) -> bytes:
    return payload * 2


def _refuse(payload: bytes) -> bytes:
    raise ValueError(f"không làm được {payload.decode()}")


def test_file_makers_make_each_ordered_file_once(tmp_path: Path) -> None:
    (tmp_path / "there").write_bytes(b"old")
    makers = FileMakers(2)
    for name in ["a", "b", "a", "there", *(f"n{i}" for i in range(50))]:
        makers.order(FileOrder(tmp_path / name, _twice, name.encode()))
    makers.order(FileOrder(tmp_path / "there", _refuse, b"there"))  # there already: not made again
    makers.close()
    assert (tmp_path / "a").read_bytes() == b"aa" and (tmp_path / "n49").read_bytes() == b"n49n49"
    assert (tmp_path / "there").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a", "b", "there", *(f"n{i}" for i in range(50))])


def test_a_maker_that_fails_fails_close_with_its_error(tmp_path: Path) -> None:
    makers = FileMakers(2)
    for index in range(20):
        makers.order(FileOrder(tmp_path / f"f{index}", _refuse if index == 7 else _twice, f"f{index}".encode()))
    with pytest.raises(RuntimeError, match="ValueError: không làm được f7"):
        makers.close()
    assert not (tmp_path / "f7").exists() and not any(p.name.startswith(".") for p in tmp_path.iterdir())
