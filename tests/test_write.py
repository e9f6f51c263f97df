"""The write phase: the preview's sink touches only what changed, and fills an empty folder directly; a
replaced folder is swapped with renames and the old one deleted in the background."""

from __future__ import annotations

import time
from pathlib import Path

from generator.commands.write import Held, SyncResult
from generator.support.files import Content
from tests.conftest import files_of


def sync(files: dict[str, bytes], target: Path, known: dict[str, Content] | None = None) -> SyncResult:
    """One render's files put into `target` through the preview's sink, as the render path puts them."""
    sink = Held(known, target)
    put = sink.put(files)
    sink.take(put)
    return SyncResult(put.changed, sink.finish(set(files)))


def test_an_empty_folder_gets_every_file(tmp_path: Path) -> None:
    files = {"index.md": b"# A\n", "van-ban/a.md": b"a", "van-ban/sub/b.json": b"{}"}
    result = sync(files, tmp_path / "docs")
    assert files_of(tmp_path / "docs") == files
    assert sorted(result.written) == sorted(files) and result.removed == []


def test_a_filled_folder_gets_only_the_changes(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    sync({"index.md": b"1", "old/gone.md": b"x", "same.md": b"s"}, target)
    before = (target / "same.md").stat().st_mtime_ns
    result = sync({"index.md": b"2", "same.md": b"s", "new/n.md": b"n"}, target)
    assert files_of(target) == {"index.md": b"2", "same.md": b"s", "new/n.md": b"n"}
    assert sorted(result.written) == ["index.md", "new/n.md"] and result.removed == ["old/gone.md"]
    assert not (target / "old").exists() and (target / "same.md").stat().st_mtime_ns == before


def test_known_contents_are_compared_in_memory(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    known: dict[str, Content] = {}
    sync({"a.md": b"1"}, target, known)
    (target / "a.md").write_bytes(b"changed behind our back")  # not read again: `known` says what was written
    assert sync({"a.md": b"1"}, target, known).written == [] and known == {"a.md": b"1"}


def test_known_contents_tell_what_to_remove_without_walking_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    known: dict[str, Content] = {}
    sync({"a.md": b"1", "van-ban/x/b.md": b"2", "van-ban/c.md": b"3"}, target, known)
    (target / "foreign.md").write_bytes(b"not ours")  # `known` does not list it: left alone
    result = sync({"a.md": b"1", "van-ban/c.md": b"3"}, target, known)
    assert result.removed == ["van-ban/x/b.md"] and result.written == []
    assert files_of(target) == {"a.md": b"1", "foreign.md": b"not ours", "van-ban/c.md": b"3"}
    assert not (target / "van-ban" / "x").exists()


def gone_soon(path: Path) -> bool:
    """Whether `path` disappears within a few seconds (deleted by another process)."""
    deadline = time.monotonic() + 20
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not path.exists()


def staged(root: Path, name: str, files: dict[str, bytes]) -> Path:
    sync(files, root / ".build" / name)
    return root / ".build" / name
