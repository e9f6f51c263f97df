"""A build's outputs go in together or not at all; one build at a time; no child outlives a killed build."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.commands.project import Project
from generator.commands.transaction import JOURNAL, Transaction, project_lock, recover
from generator.commands.write import TRASH_PREFIX
from tests.conftest import copy_project, files_of

CLI = [sys.executable, "-m", "generator"]


def gone_soon(path: Path) -> bool:
    """Whether `path` disappears within a few seconds (deleted by another process)."""
    deadline = time.monotonic() + 20
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not path.exists()


def outputs(root: Path, contents: dict[str, bytes]) -> dict[str, Path]:
    """Make `site` and `docs` folders in `root` holding `contents`; their paths by name."""
    targets = {}
    for name in ("site", "docs"):
        for relative, data in contents.items():
            (root / name / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / name / relative).write_bytes(data)
        targets[name] = root / name
    return targets


def staged_transaction(root: Path, contents: dict[str, bytes]) -> Transaction:
    transaction = Transaction(root / ".build" / "txn")
    for name in ("site", "docs"):
        folder = transaction.stage(name, root / name)
        for relative, data in contents.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
    return transaction


def test_a_commit_swaps_every_output_and_leaves_nothing_behind(tmp_path: Path) -> None:
    outputs(tmp_path, {"index.html": b"1", "a/b.html": b"old"})
    staged_transaction(tmp_path, {"index.html": b"2"}).commit()
    assert files_of(tmp_path / "site") == files_of(tmp_path / "docs") == {"index.html": b"2"}
    assert all(gone_soon(trash) for trash in (tmp_path / ".build").glob(f"{TRASH_PREFIX}*"))
    assert sorted(p.name for p in (tmp_path / ".build").iterdir()) == []


def test_trash_an_interrupted_deletion_left_goes_with_the_next_commit(tmp_path: Path) -> None:
    left = tmp_path / ".build" / f"{TRASH_PREFIX}interrupted"
    (left / "deep").mkdir(parents=True)
    (left / "deep" / "page.html").write_bytes(b"x")
    staged_transaction(tmp_path, {"index.html": b"1"}).commit()
    assert gone_soon(left)


def test_without_a_process_to_delete_in_the_old_outputs_are_deleted_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no process")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    outputs(tmp_path, {"index.html": b"1"})
    staged_transaction(tmp_path, {"index.html": b"2"}).commit()
    assert list((tmp_path / ".build").iterdir()) == []


def test_a_rename_that_fails_mid_commit_puts_every_output_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs(tmp_path, {"index.html": b"1"})
    transaction = staged_transaction(tmp_path, {"index.html": b"2"})
    original = Path.rename

    def failing(self: Path, destination: Path) -> Path:  # the second output cannot be put in place
        if self.name == "docs" and self.parent.name == "new":
            raise PermissionError("read-only")
        return original(self, destination)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(PermissionError):
        transaction.commit()
    monkeypatch.undo()
    assert files_of(tmp_path / "site") == files_of(tmp_path / "docs") == {"index.html": b"1"}
    assert not (tmp_path / ".build" / "txn").exists()


@pytest.mark.parametrize("renames_done", [0, 1, 2, 3, 4])
def test_a_commit_killed_after_any_rename_is_rolled_back_by_the_next_command(tmp_path: Path, renames_done: int) -> None:
    """The state kill -9 leaves after the journal and some of the renames, for each number of renames."""
    outputs(tmp_path, {"index.html": b"1"})
    transaction = staged_transaction(tmp_path, {"index.html": b"2"})
    folder = transaction.folder
    (folder / JOURNAL).write_text(json.dumps({name: str(target) for name, target in transaction.targets.items()}))
    (folder / "old").mkdir()
    steps = [(tmp_path / name, folder / "old" / name, folder / "new" / name) for name in ("site", "docs")]
    renames = [move for target, old, new in steps for move in ((target, old), (new, target))]
    for source, destination in renames[:renames_done]:
        source.rename(destination)
    recover(folder)
    assert files_of(tmp_path / "site") == files_of(tmp_path / "docs") == {"index.html": b"1"}
    assert not folder.exists()


def test_a_first_build_killed_mid_commit_leaves_no_outputs(tmp_path: Path) -> None:
    transaction = staged_transaction(tmp_path, {"index.html": b"2"})
    (transaction.folder / JOURNAL).write_text(json.dumps({name: str(target) for name, target in transaction.targets.items()}))
    (transaction.folder / "old").mkdir()
    (transaction.folder / "new" / "site").rename(tmp_path / "site")
    recover(transaction.folder)
    assert not (tmp_path / "site").exists() and not (tmp_path / "docs").exists()


def test_staging_that_never_reached_the_journal_is_dropped(tmp_path: Path) -> None:
    outputs(tmp_path, {"index.html": b"1"})
    staged_transaction(tmp_path, {"index.html": b"2"})
    recover(tmp_path / ".build" / "txn")
    assert files_of(tmp_path / "site") == {"index.html": b"1"} and not (tmp_path / ".build" / "txn").exists()


def test_a_second_holder_of_the_lock_waits_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    order: list[str] = []
    released = threading.Event()

    def second() -> None:
        with project_lock(tmp_path / ".build"):
            order.append("second")

    with project_lock(tmp_path / ".build"):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first")
        released.set()
    thread.join(10)
    assert order == ["first", "second"]
    assert f"Một lần dựng khác (tiến trình {os.getpid()}) đang chạy trong thư mục này" in capsys.readouterr().err


def test_a_lock_whose_holder_died_is_taken_over(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from pathlib import Path
from generator.commands.transaction import project_lock
with project_lock(Path({str(tmp_path / ".build")!r})):
    print("held", flush=True)
    time.sleep(60)
""",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    started = time.monotonic()
    with project_lock(tmp_path / ".build"):
        pass
    assert time.monotonic() - started < 5


@pytest.fixture(scope="module")
def large_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A corpus of 240 documents (a split build), built once: the outputs a killed build must leave."""
    from bench.corpus import make_corpus

    project = Project(make_corpus(tmp_path_factory.mktemp("large"), 230))
    run = subprocess.run([*CLI, "--root", str(project.root), "build", "--no-pdf", "--as-of", "2025-06-30"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return project


def snapshot(project: Project) -> dict[str, dict[str, bytes]]:
    return {name: files_of(project.root / name) for name in ("site", "docs")}


def test_a_build_killed_at_random_moments_leaves_the_outputs_whole(large_project: Project) -> None:
    """kill -9 anywhere in a build, then the next command: every output as before, or every one new."""
    before = snapshot(large_project)
    data = large_project.data_dir / "documents" / "45-nq-tw.yaml"
    original = data.read_text(encoding="utf-8")
    data.write_text(original.replace("date: 2023-11-24", "date: 2023-11-25"), encoding="utf-8")
    try:
        rng = random.Random(16)
        seen = set()
        for _ in range(6):
            build = subprocess.Popen(
                [*CLI, "--root", str(large_project.root), "build", "--no-pdf", "--as-of", "2025-06-30"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(rng.uniform(0.2, 6.0))
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
            recover(large_project.transaction_dir)
            now = snapshot(large_project)
            assert now == before or (now["docs"] != before["docs"] and now["site"] != before["site"]), "a mix of old and new"
            seen.add(now == before)
            assert _children_of(build.pid) == []
            if now != before:
                before = now
        assert list(large_project.staging_dir.glob("txn")) == []
    finally:
        data.write_text(original, encoding="utf-8")


def _children_of(pid: int) -> list[int]:
    """Processes still running whose parent was `pid` (a killed build's orphans are re-parented: look by group)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == pid and fields[0] != "Z":  # process group of the killed build, not a zombie
                found.append(int(entry.name))
    return found


def test_two_builds_at_once_give_one_whole_site(large_project: Project) -> None:
    command = [*CLI, "--root", str(large_project.root), "build", "--no-pdf", "--as-of", "2025-06-30"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    expected = snapshot(large_project)
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    # Whichever took the lock first (on a loaded machine the second may start sooner), the other waited and said so.
    assert any("đang chạy trong thư mục này; đợi nó xong" in err for _, err in results), results
    assert snapshot(large_project) == expected


def test_a_full_disk_leaves_the_outputs_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.main import main

    project = copy_project(tmp_path)
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 0
    before = snapshot(project)
    writes = 0
    original = Path.write_bytes

    def filling(self: Path, data: bytes) -> int:  # the disk fills after a few hundred files
        nonlocal writes
        writes += 1
        if writes > 300:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", filling)
    capsys.readouterr()
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert "Không ghi được" in err and "đĩa đã đầy" in err and "Traceback" not in err
    monkeypatch.undo()
    assert snapshot(project) == before
    assert not project.transaction_dir.exists()


def test_a_read_only_project_folder_leaves_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.main import main

    project = copy_project(tmp_path)
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 0
    before = snapshot(project)
    original = Path.rename

    def read_only(self: Path, destination: Path) -> Path:  # the project's folder refuses any change of its entries
        if project.root in (self.parent, Path(destination).parent):
            raise PermissionError(errno.EACCES, "Permission denied", str(destination))
        return original(self, destination)

    monkeypatch.setattr(Path, "rename", read_only)
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 1
    assert "không có quyền ghi" in capsys.readouterr().err
    monkeypatch.undo()
    assert snapshot(project) == before
