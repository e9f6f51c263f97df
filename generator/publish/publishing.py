"""Publishing, as a library: `publish` puts a built site on each target as a new release and switches it in,
`rollback` switches back, `list_releases` tells what each target holds, `plan` what a publish would change. Each
raises PublishError with a Vietnamese message; the command line (`nq45 publish`) and the editor call these."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict

from generator.publish.config import PublishConfig, Target
from generator.publish.errors import PublishError
from generator.publish.folder import TargetFolder
from generator.publish.live import check_answers, check_live
from generator.publish.provenance import data_commit, publisher_name
from generator.publish.releases import INCOMING, TargetState, metadata_json, new_release_id
from generator.publish.results import Phase, Progress, PublishEvent, PublishResult, RollbackResult, TargetReleases, TargetResult
from generator.publish.rsync import Changes, compare, known_changes, upload
from generator.publish.shell import connect, describe, require_rsync
from generator.publish.sitefiles import SiteFiles, scan_site


@dataclass(frozen=True)
class _Run:
    """One publish's settings, the same on every target."""

    config: PublishConfig
    site: SiteFiles
    dry_run: bool
    force: bool
    rollback_on_failure: bool
    publisher: str
    commit: tuple[str | None, bool]
    progress: Progress | None

    def emit(self, target: Target, phase: Phase, done: int, total: int, message: str) -> None:
        if self.progress is not None:
            self.progress(PublishEvent(target.name, phase, done, total, message))


def plan(config: PublishConfig, site_dir: Path, *, target: str | None = None, force: bool = False) -> PublishResult:
    """What publishing `site_dir` would change on each target (or the one named), changing nothing."""
    return publish(config, site_dir, target=target, dry_run=True, force=force)


class PublishOptions(TypedDict, total=False):
    """The options of `publish`, for those that pass them on (commands/publish.py)."""

    target: str | None
    dry_run: bool
    force: bool
    progress: Progress | None
    publisher: str | None
    rollback_on_failure: bool | None


def publish(
    config: PublishConfig,
    site_dir: Path,
    *,
    target: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
    publisher: str | None = None,
    rollback_on_failure: bool | None = None,
) -> PublishResult:
    """Publish the built site in `site_dir` to every target (or the one named), one after the other.

    On each: a new release folder filled with rsync (unchanged files hard-linked to the live release), then
    `current` switched to it in one rename, old releases beyond `config.keep` removed, and the public address checked
    when configured (switched back on failure when `rollback_on_failure`, default from the configuration). A publish
    that would delete more than `config.max_deleted_percent` of the pages needs `force`. `progress` is called with
    each step; an exception it raises stops the publish, leaving the live site as it was. `publisher` is the name
    recorded with the release (default: this machine's user)."""
    require_rsync()
    run = _Run(
        config,
        scan_site(site_dir),
        dry_run,
        force,
        config.rollback_on_failure if rollback_on_failure is None else rollback_on_failure,
        publisher_name(publisher),
        data_commit(config.project_root),
        progress,
    )
    done: list[TargetResult] = []
    with local_lock(config.project_root):
        for each in config.chosen(target):
            try:
                done.append(_publish_to(run, each))
            except PublishError as error:
                finished = [*done, *(error.result.targets if error.result else ())]
                before = f"Đã xuất bản xong lên {', '.join(r.target for r in done)}. " if done else ""
                raise PublishError(before + error.message, PublishResult(tuple(finished)) if finished else None) from None
    return PublishResult(tuple(done))


def _publish_to(run: _Run, target: Target) -> TargetResult:
    started = time.monotonic()
    run.emit(target, Phase.PREPARE, 0, 1, f"Kết nối tới {describe(target)}…")
    with connect(target) as shell:
        folder = TargetFolder(shell, target.path)
        with folder.locked():
            state = folder.inspect()
            run.emit(target, Phase.COMPARE, 0, 1, "So sánh với bản đang chạy…")
            if run.dry_run:
                changes = compare(shell, run.site.root, f"{folder.root}/current", run.site.pages) if state.current else _all_new(run)
                return TargetResult(target.name, state.current, state.current, changes, dry_run=True, resumed=state.interrupted)
            live = folder.files(state.current) if state.current else frozenset()
            changes = known_changes(frozenset(run.site.sizes), live)
            _check_deletions(run, folder, changes)
            result = _release(run, target, folder, state, live, TargetResult(target.name, state.current, state.current, changes))
            result = _verify(run, target, folder, replace(result, seconds=time.monotonic() - started))
    run.emit(target, Phase.DONE, 1, 1, f"Xong: bản {result.release} đang chạy ở {describe(target)}.")
    return result


def _all_new(run: _Run) -> Changes:
    return Changes(tuple(sorted(run.site.sizes)), (), (), 0)


def _check_deletions(run: _Run, folder: TargetFolder, changes: Changes) -> None:
    if changes.pages_deleted and changes.deleted_percent > run.config.max_deleted_percent and not run.force:
        raise PublishError(
            f"Lần xuất bản này sẽ xóa {changes.pages_deleted} trong {changes.pages_before} trang ({changes.deleted_percent:.0f}%) khỏi "
            f"{folder.shell.label}, quá ngưỡng {run.config.max_deleted_percent}% (max_deleted_percent). Xem danh sách bằng --dry-run; "
            "nếu đúng là muốn xóa, hãy xuất bản lại với --force. Trang đang chạy không bị thay đổi."
        )


def _release(
    run: _Run, target: Target, folder: TargetFolder, state: TargetState, live: frozenset[str], result: TargetResult
) -> TargetResult:
    """Upload a new release, give it its id and metadata, switch to it and remove the oldest beyond those kept; or,
    when nothing differs from the live release, leave that one live."""
    folder.prepare()
    total = len(run.site.sizes)
    settled = 0
    sent: list[str] = []

    def one_settled(path: str, was_sent: bool) -> None:
        nonlocal settled
        settled = min(settled + 1, total)
        if was_sent:
            sent.append(path)
        run.emit(target, Phase.UPLOAD, settled, total, f"Tải lên: đã xét {settled}/{total} tệp, đã gửi {len(sent)} tệp")

    run.emit(target, Phase.UPLOAD, 0, total, "Tải tiếp phần đã tải dở…" if state.interrupted else f"Tải lên ({total} tệp)…")
    link_dest = f"../{state.current}" if state.current else None
    incoming = f"{folder.root}/releases/{INCOMING}"
    transfer = upload(folder.shell, run.site.root, incoming, link_dest, run.config.bandwidth_limit_kib, one_settled)
    changes = replace(result.changes, changed=tuple(sorted(path for path in sent if path in live)))
    if state.current is not None and changes.none and not state.interrupted:
        folder.discard()
        return replace(result, changes=changes, unchanged=True)
    now = dt.datetime.now(dt.UTC)
    release = new_release_id(state.ids, now)
    commit, changed = run.commit
    folder.finish(release, metadata_json(release, now, run.publisher, commit, changed, len(run.site.sizes), run.site.pages))
    run.emit(target, Phase.SWITCH, 0, 1, f"Chuyển trang sang bản {release}…")
    folder.switch(release)
    removed, warnings = _prune(run, target, folder, (*state.ids, release))
    return replace(
        result,
        release=release,
        changes=changes,
        resumed=state.interrupted,
        files_sent=transfer.files,
        bytes_sent=transfer.bytes_sent,
        bytes_received=transfer.bytes_received,
        removed=removed,
        warnings=warnings,
    )


def _prune(run: _Run, target: Target, folder: TargetFolder, ids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old = sorted(ids)[: -run.config.keep]
    if not old:
        return (), ()
    run.emit(target, Phase.PRUNE, 0, 1, f"Xóa {len(old)} bản cũ (giữ {run.config.keep} bản gần nhất)…")
    try:
        folder.remove(old)
    except PublishError as error:
        return (), (f"Không xóa được bản cũ: {error.message}",)
    return tuple(old), ()


def _verify(run: _Run, target: Target, folder: TargetFolder, result: TargetResult) -> TargetResult:
    if target.public_url is None or result.release is None:
        return result
    run.emit(target, Phase.VERIFY, 0, 1, f"Kiểm tra trang trực tuyến {target.public_url}…")
    problems = tuple(check_live(target.public_url, run.site, result.release))
    if not problems:
        return result
    back = run.rollback_on_failure and result.previous is not None and result.previous != result.release
    if back and result.previous is not None:
        folder.switch(result.previous)
    failed = replace(result, live_problems=problems, rolled_back=back, release=result.previous if back else result.release)
    after = (
        f"Đã tự quay lại bản trước ({result.previous})."
        if back
        else f"Bản {result.release} vẫn đang chạy; quay lại bản trước bằng: nq45 publish --rollback --target {target.name}."
    )
    raise PublishError(
        f"Đã chuyển {describe(target)} sang bản {result.release} nhưng trang trực tuyến có lỗi:\n- " + "\n- ".join(problems) + f"\n{after}",
        PublishResult((failed,)),
    )


def rollback(
    config: PublishConfig, *, target: str | None = None, to: str | None = None, progress: Progress | None = None
) -> tuple[RollbackResult, ...]:
    """Switch each target (or the one named) back to the release before the live one, or to the release `to`."""
    results = []
    with local_lock(config.project_root):
        for each in config.chosen(target):
            if progress is not None:
                progress(PublishEvent(each.name, Phase.SWITCH, 0, 1, f"Quay lại bản trước ở {describe(each)}…"))
            with connect(each) as shell:
                folder = TargetFolder(shell, each.path)
                with folder.locked():
                    state = folder.inspect()
                    chosen = _rollback_to(state, to, describe(each))
                    folder.switch(chosen)
            problems = tuple(check_answers(each.public_url, chosen)) if each.public_url else ()
            results.append(RollbackResult(each.name, state.current or "", chosen, problems))
    return tuple(results)


def _rollback_to(state: TargetState, to: str | None, where: str) -> str:
    if state.current is None:
        raise PublishError(f"Chưa có bản nào đang chạy ở {where}; không có gì để quay lại.")
    if to is not None:
        if to not in state.ids:
            known = ", ".join(state.ids[-5:])
            raise PublishError(f'Không có bản "{to[:40]}" ở {where}; các bản gần nhất: {known}. Xem tất cả bằng nq45 publish --list.')
        return to
    earlier = [release for release in state.ids if release < state.current]
    if not earlier:
        raise PublishError(f"Bản đang chạy ở {where} ({state.current}) là bản cũ nhất còn giữ; không có bản nào trước nó để quay lại.")
    return earlier[-1]


def list_releases(config: PublishConfig, *, target: str | None = None) -> tuple[TargetReleases, ...]:
    """The releases on each target (or the one named), oldest first, with the live one marked."""
    found = []
    for each in config.chosen(target):
        with connect(each) as shell:
            state = TargetFolder(shell, each.path).inspect()
        found.append(TargetReleases(each.name, state.current, state.releases, state.interrupted))
    return tuple(found)


@contextlib.contextmanager
def local_lock(project_root: Path) -> Iterator[None]:
    """One publish at a time from a project: a second one is refused at once, not queued."""
    folder = project_root / ".build"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "publish.lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError("Đang có một lần xuất bản khác từ dự án này; hãy đợi nó xong rồi thử lại.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
