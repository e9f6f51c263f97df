"""`nq45 publish`: the command line over generator.publish and commands/publish.py; it only parses and prints."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TypeVar

from generator.commands.project import Project
from generator.commands.publish import publish_project
from generator.publish import Phase, PublishEvent, TargetReleases, TargetResult, list_releases, load_targets, rollback

if TYPE_CHECKING:
    from generator.publish.results import Progress

LISTED = 30  # paths listed per kind of change in a dry run


_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    parser = commands.add_parser("publish", help="xuất bản trang lên các nơi ghi trong publish.yaml (dựng lại trước nếu cần)")
    parser.add_argument("--target", metavar="TÊN", help="chỉ nơi xuất bản này (mặc định: mọi nơi trong publish.yaml)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê những gì sẽ thay đổi, không tải lên")
    parser.add_argument("--force", action="store_true", help="xuất bản cả khi sẽ xóa nhiều trang hơn ngưỡng max_deleted_percent")
    parser.add_argument("--list", action="store_true", help="liệt kê các bản đã xuất bản: ngày, dữ liệu, người xuất bản")
    parser.add_argument("--rollback", action="store_true", help="quay lại bản trước bản đang chạy")
    parser.add_argument("--to", metavar="BẢN", help="với --rollback: quay lại đúng bản này (số bản như --list in ra)")
    parser.add_argument("--no-build", dest="build", action="store_false", help="không dựng lại, xuất bản site/ như đang có")
    parser.add_argument(
        "--rollback-on-failure", action="store_true", default=None, help="tự quay lại bản trước nếu trang trực tuyến có lỗi"
    )
    parser.add_argument("--publisher", metavar="TÊN", help="tên người xuất bản ghi vào bản (mặc định: người dùng máy này)")
    parser.set_defaults(run=run)


def run(project: Project, args: argparse.Namespace) -> int:
    config = load_targets(project.root)
    if args.list:
        print("\n\n".join(_listing(found) for found in list_releases(config, target=args.target)))
        return 0
    if args.rollback:
        for done in rollback(config, target=args.target, to=args.to, progress=_printer()):
            print(f'Đã quay lại ở "{done.target}": bản {done.to_release} đang chạy (thay cho {done.from_release}).')
            for problem in done.live_problems:
                print(f"  Trang trực tuyến có lỗi: {problem}", file=sys.stderr)
        return 0
    published = publish_project(
        project,
        config,
        build_if_needed=args.build,
        target=args.target,
        dry_run=args.dry_run,
        force=args.force,
        progress=_printer(),
        publisher=args.publisher,
        rollback_on_failure=args.rollback_on_failure,
    )
    if published.build is not None:
        print(f"Đã dựng lại trang trước khi xuất bản ({published.build.seconds.whole:.1f} giây).")
    for result in published.result.targets:
        print(_dry_run(result) if result.dry_run else _summary(result))
    return 0


def _printer() -> Progress:
    """Each step once, and the upload every tenth."""
    shown: dict[tuple[str, Phase], int] = {}
    started = time.monotonic()

    def show(event: PublishEvent) -> None:
        step = int(event.fraction * 10) if event.phase is Phase.UPLOAD else 0
        if shown.get((event.target, event.phase), -1) < step and event.phase is not Phase.DONE:
            shown[(event.target, event.phase)] = step
            print(f"[{time.monotonic() - started:5.1f} s] {event.message}", file=sys.stderr, flush=True)

    return show


def _counts(result: TargetResult) -> str:
    changes = result.changes
    return f"{len(changes.added)} tệp mới, {len(changes.changed)} tệp sửa, {len(changes.deleted)} tệp xóa ({changes.pages_deleted} trang)"


def _summary(result: TargetResult) -> str:
    if result.unchanged:
        return f'"{result.target}": không có gì khác bản đang chạy {result.release}; không tạo bản mới.'
    lines = [
        f'Đã xuất bản lên "{result.target}": bản {result.release} đang chạy'
        + (f" (thay cho {result.previous})." if result.previous else ".")
        + (" Đã tải tiếp phần tải dở lần trước." if result.resumed else ""),
        f"  {_counts(result)}; đã gửi {result.files_sent} tệp, {result.bytes_sent / 1e6:.2f} MB, trong {result.seconds:.1f} giây.",
    ]
    if result.removed:
        lines.append(f"  Đã xóa {len(result.removed)} bản cũ: {', '.join(result.removed)}.")
    lines += [f"  Chú ý: {warning}" for warning in result.warnings]
    return "\n".join(lines)


def _dry_run(result: TargetResult) -> str:
    against = f"so với bản đang chạy {result.previous}" if result.previous else "chưa có bản nào đang chạy"
    lines = [f'"{result.target}" ({against}): {_counts(result)}. Chưa tải lên gì (--dry-run).']
    if result.resumed:
        lines.append("  Có phần tải dở từ lần trước; lần xuất bản tới sẽ tải tiếp.")
    for mark, paths in (("+", result.changes.added), ("~", result.changes.changed), ("-", result.changes.deleted)):
        lines += [f"  {mark} {path}" for path in paths[:LISTED]]
        if len(paths) > LISTED:
            lines.append(f"  {mark} … và {len(paths) - LISTED} tệp khác")
    return "\n".join(lines)


def _listing(found: TargetReleases) -> str:
    lines = [f'"{found.target}": {len(found.releases)} bản' + ("" if found.current else "; chưa có bản nào đang chạy")]
    for release in reversed(found.releases):
        when = release.published_at.astimezone().strftime("%d/%m/%Y %H:%M") if release.published_at else "?"
        commit = f"dữ liệu {release.data_commit[:10]}" if release.data_commit else "dữ liệu không rõ commit"
        commit += " (có thay đổi chưa commit)" if release.data_changed else ""
        size = f"{release.files} tệp, {release.pages} trang" if release.files is not None else ""
        mark = "*" if release.current else " "
        lines.append(f"  {mark} {release.id}  {when}  {release.publisher or '?'}  {commit}  {size}".rstrip())
    if found.interrupted:
        lines.append("  (có một lần tải lên bị ngắt; lần xuất bản tới sẽ tải tiếp)")
    return "\n".join(lines)
