"""Publishing to a folder on this machine: releases, hard links, the switch, dry run, the deletion cap, pruning,
rollback, locks, what may be in the way, an interrupted upload and its resumption. The same target.sh and rsync run
over ssh in test_publish_servers.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.servers import children, killer_of_rsync, pages_marked
from generator.commands.build import Project
from generator.publish import Phase, PublishConfig, PublishError, PublishEvent, list_releases, load_targets, plan, publish, rollback
from generator.publish.publishing import local_lock


@pytest.fixture
def site(built: Project, tmp_path: Path) -> Path:
    """A copy of the real built site, to change."""
    return Path(shutil.copytree(built.site_dir, tmp_path / "site"))


@pytest.fixture
def www(tmp_path: Path) -> Path:
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def configure(root: Path, www: Path, extra: str = "") -> PublishConfig:
    (root / "publish.yaml").write_text(f"targets:\n  - name: web\n    kind: folder\n    path: {www}\n{extra}", encoding="utf-8")
    return load_targets(root)


def live(www: Path) -> Path:
    return (www / "current").resolve()


def test_a_release_holds_the_site_and_the_next_links_what_did_not_change(tmp_path: Path, site: Path, www: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.vn"]
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    config = configure(tmp_path, www)
    events: list[PublishEvent] = []
    first = publish(config, site, progress=events.append, publisher="Trần Thị B").targets[0]
    assert os.readlink(www / "current") == f"releases/{first.release}"
    assert sorted(p.relative_to(live(www)).as_posix() for p in live(www).rglob("*") if p.is_file()) == sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
    )
    assert first.files_sent == len(first.changes.added) and first.previous is None
    phases = [event.phase for event in events]
    assert phases[0] is Phase.PREPARE and phases[-1] is Phase.DONE and Phase.SWITCH in phases
    uploads = [event.done for event in events if event.phase is Phase.UPLOAD]
    assert uploads == sorted(uploads) and uploads[-1] == len(first.changes.added)

    (site / "index.html").write_bytes((site / "index.html").read_bytes() + b"\n")
    second = publish(config, site).targets[0]
    assert (second.changes.changed, second.files_sent, second.previous) == (("index.html",), 1, first.release)
    old, new = www / "releases" / str(first.release), www / "releases" / str(second.release)
    assert (old / "feed.xml").stat().st_ino == (new / "feed.xml").stat().st_ino  # one file, two releases
    assert (old / "index.html").stat().st_ino != (new / "index.html").stat().st_ino
    assert oct((new / "index.html").stat().st_mode & 0o777) == "0o644"

    third = publish(config, site).targets[0]
    assert third.unchanged and third.release == second.release
    releases = list_releases(config)[0]
    assert [r.id for r in releases.releases] == [first.release, second.release] and releases.current == second.release
    assert releases.releases[0].publisher == "Trần Thị B" and releases.releases[0].data_commit == commit
    assert releases.releases[1].files == len(first.changes.added) and releases.releases[1].pages == sum(1 for p in site.rglob("*.html"))


def test_a_dry_run_lists_what_would_change_and_changes_nothing(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www)
    first = publish(config, site).targets[0]
    (site / "index.html").write_bytes(b"<p>moi</p>")
    (site / "moi.html").write_bytes(b"<p>moi</p>")
    shutil.rmtree(site / "van-ban" / "35-kl-tw")
    before = sorted(p.name for p in (www / "releases").iterdir())
    planned = plan(config, site).targets[0]
    assert (planned.changes.added, planned.changes.changed, planned.changes.deleted) == (
        ("moi.html",),
        ("index.html",),
        ("van-ban/35-kl-tw/index.html",),
    )
    assert planned.dry_run and planned.release == planned.previous == first.release
    assert sorted(p.name for p in (www / "releases").iterdir()) == before and live(www).name == first.release


def test_deleting_more_pages_than_the_cap_needs_force(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www, "max_deleted_percent: 5\n")
    first = publish(config, site).targets[0]
    shutil.rmtree(site / "co-quan")
    with pytest.raises(PublishError, match=r"sẽ xóa \d+ trong \d+ trang \(\d+%\).*quá ngưỡng 5%.*--force") as caught:
        publish(config, site)
    assert "Trang đang chạy không bị thay đổi" in caught.value.message and live(www).name == first.release
    assert publish(config, site, force=True).targets[0].changes.pages_deleted > 0


def test_only_the_last_releases_are_kept_and_rollback_goes_back(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www, "keep: 2\n")
    ids = []
    for mark in (b"1", b"2", b"3"):
        (site / "index.html").write_bytes(mark)
        result = publish(config, site).targets[0]
        ids.append(result.release)
    assert result.removed == (ids[0],)
    assert sorted(p.name for p in (www / "releases").iterdir()) == sorted([ids[1], ids[2], f"{ids[1]}.json", f"{ids[2]}.json"])
    back = rollback(config)[0]
    assert (back.from_release, back.to_release) == (ids[2], ids[1]) and (live(www) / "index.html").read_bytes() == b"2"
    with pytest.raises(PublishError, match="là bản cũ nhất còn giữ"):
        rollback(config)
    rollback(config, to=ids[2])
    assert (live(www) / "index.html").read_bytes() == b"3"
    with pytest.raises(PublishError, match=r'Không có bản "\.\./\.\./etc"'):
        rollback(config, to="../../etc")
    # The next release is newer than every one, whichever is live.
    rollback(config, to=ids[1])
    (site / "index.html").write_bytes(b"4")
    assert publish(config, site).targets[0].release > ids[2]


def test_two_publishes_never_overlap(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www)
    with local_lock(tmp_path), pytest.raises(PublishError, match="Đang có một lần xuất bản khác từ dự án này"):
        publish(config, site)
    other_project = tmp_path / "other"
    other_project.mkdir()
    # Another machine publishing to the same folder: it holds the folder's lock until its input closes.
    holder = subprocess.Popen(["flock", str(www / ".publish.lock"), "cat"], stdin=subprocess.PIPE)
    try:
        with pytest.raises(PublishError, match="Đang có một lần xuất bản khác tới"):
            publish(configure(other_project, www), site)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert publish(config, site).targets[0].release is not None


def test_what_is_in_the_way_is_refused_and_left_alone(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www)
    first = publish(config, site).targets[0]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    shutil.rmtree(www / "releases" / ".incoming", ignore_errors=True)
    (www / "releases" / ".incoming").symlink_to(outside)
    (site / "index.html").write_bytes(b"new")
    with pytest.raises(PublishError, match=r"releases/\.incoming .* là một liên kết \(symlink\).*Trang đang chạy không bị thay đổi"):
        publish(config, site)
    assert [p.name for p in outside.iterdir()] == ["keep.txt"] and live(www).name == first.release
    (www / "releases" / ".incoming").unlink()

    (www / "current").rename(www / "current.link")
    (www / "current").mkdir()
    with pytest.raises(PublishError, match=r"current .* là một thư mục hoặc tệp thật"):
        publish(config, site)
    (www / "current").rmdir()
    (www / "current").symlink_to("/etc")
    with pytest.raises(PublishError, match='trỏ tới "/etc", ngoài các bản'):
        publish(config, site)
    with pytest.raises(PublishError, match='trỏ tới "/etc", ngoài các bản'):
        rollback(config)
    (www / "current").unlink()
    (www / "current.link").rename(www / "current")

    (www / "releases").rename(www / "releases.real")
    (www / "releases").symlink_to(outside)
    with pytest.raises(PublishError, match=r"/releases .* là một liên kết \(symlink\)"):
        publish(config, site)
    assert [p.name for p in outside.iterdir()] == ["keep.txt"]


def test_a_missing_root_or_a_site_with_a_link_is_a_message(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www / "khong-co")
    with pytest.raises(PublishError, match=r"Thư mục gốc .*/khong-co chưa có"):
        publish(config, site)
    (site / "secret").symlink_to("/proc/self/environ")
    with pytest.raises(PublishError, match=r'"secret" là một liên kết \(symlink\); không xuất bản'):
        publish(configure(tmp_path, www), site)
    with pytest.raises(PublishError, match="Chưa có trang đã dựng"):
        publish(configure(tmp_path, www), tmp_path / "empty")


def test_an_upload_killed_midway_leaves_the_live_site_and_the_next_resumes(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www, "bandwidth_limit_kib: 300\n")
    first = publish(configure(tmp_path, www), site).targets[0]
    live_before = {p.relative_to(live(www)).as_posix(): p.read_bytes() for p in live(www).rglob("*") if p.is_file()}
    for page in site.rglob("*.html"):
        page.write_bytes(page.read_bytes() + b"<!-- 2 -->")
    kill_midway, killed = killer_of_rsync(lambda: pages_marked(www / "releases" / ".incoming", b"<!-- 2 -->") >= 5)

    with pytest.raises(PublishError, match=r"rsync bị dừng giữa chừng.*Trang đang chạy không bị thay đổi"):
        publish(config, site, progress=kill_midway)
    assert killed and live(www).name == first.release
    assert {p.relative_to(live(www)).as_posix(): p.read_bytes() for p in live(www).rglob("*") if p.is_file()} == live_before
    assert list_releases(config)[0].interrupted
    resumed = publish(configure(tmp_path, www), site).targets[0]
    assert resumed.resumed and resumed.release != first.release
    pages = sum(1 for _ in site.rglob("*.html"))
    assert 0 < resumed.files_sent < pages  # the pages sent before the kill are not sent again
    assert (live(www) / "index.html").read_bytes() == (site / "index.html").read_bytes()


def test_a_progress_callback_that_raises_stops_the_publish_cleanly(tmp_path: Path, site: Path, www: Path) -> None:
    config = configure(tmp_path, www)

    def cancel(event: PublishEvent) -> None:
        if event.phase is Phase.UPLOAD and event.done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(config, site, progress=cancel)
    assert not (www / "current").exists() and children("rsync") == []
    assert publish(config, site).targets[0].resumed
