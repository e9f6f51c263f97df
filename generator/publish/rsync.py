"""rsync, the one tool that moves files: what would change against the live release (a dry run), and the upload into
the release being made, with unchanged files hard-linked to the live release (--link-dest) so that only what changed
travels. Files are compared by content (--checksum): a build rewrites every page, mostly with the same bytes."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.publish.errors import PublishError, last_lines, system_reason
from generator.publish.shell import TOOL_ENV, Shell

# -s sends paths through rsync's protocol, not the server's shell; --chmod makes every file readable by the web server.
BASE = ["rsync", "--recursive", "--checksum", "--perms", "--chmod=D755,F644", "--delete", "-s", "--timeout=120", "--out-format=%i %n"]
_ITEM = re.compile(r"([<>ch.*][fdLDS][^ ]{9}) (.+)")
_DELETING = re.compile(r"\*deleting +(.+)")
_STAT = re.compile(r"(Number of regular files transferred|Total bytes sent|Total bytes received): ([\d,]+)")


@dataclass(frozen=True)
class Changes:
    """Files of the site that differ from the live release, by path relative to the site."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    deleted: tuple[str, ...]
    pages_before: int  # HTML pages in the live release

    @property
    def pages_deleted(self) -> int:
        return sum(1 for path in self.deleted if path.endswith(".html"))

    @property
    def deleted_percent(self) -> float:
        return 100 * self.pages_deleted / self.pages_before if self.pages_before else 0.0

    @property
    def none(self) -> bool:
        return not (self.added or self.changed or self.deleted)


@dataclass(frozen=True)
class Transfer:
    """What an upload moved: files sent and bytes over the wire each way (rsync --stats)."""

    files: int
    bytes_sent: int
    bytes_received: int


def compare(shell: Shell, site_dir: Path, live_path: str, pages_now: int) -> Changes:
    """What publishing `site_dir` would change in the release at `live_path` (a dry run of the upload)."""
    added: list[str] = []
    changed: list[str] = []
    deleted: list[str] = []

    def note(line: str) -> None:
        if found := _DELETING.fullmatch(line):
            if not found.group(1).endswith("/"):  # a folder goes with its files, which are listed
                deleted.append(found.group(1))
        elif (found := _ITEM.fullmatch(line)) and found.group(1)[1] == "f" and found.group(1)[0] in "<>":
            (added if found.group(1)[2] == "+" else changed).append(found.group(2))

    _run([*BASE, "--dry-run", *shell.rsync_options()], site_dir, shell, live_path, note, "so sánh")
    added_pages = sum(1 for path in added if path.endswith(".html"))
    before = pages_now - added_pages + sum(1 for path in deleted if path.endswith(".html"))
    return Changes(tuple(added), tuple(changed), tuple(deleted), before)


def upload(
    shell: Shell, site_dir: Path, into: str, link_dest: str | None, bandwidth_kib: int | None, checked: Callable[[str, bool], None]
) -> Transfer:
    """Make the folder `into` hold exactly the site, calling `checked` with each file's path as rsync settles it and
    whether it was sent (False: linked to the live release, or already there from an interrupted upload). A call
    that raises stops the upload: the folder is left as far as it got, for the next upload to go on from."""
    options = [*BASE, "-ii", "--stats", *shell.rsync_options()]  # -ii: a line for every file, sent or not
    if link_dest is not None:
        options.append(f"--link-dest={link_dest}")
    if bandwidth_kib is not None:
        options.append(f"--bwlimit={bandwidth_kib}")
    stats: dict[str, int] = {}

    def note(line: str) -> None:
        if (found := _ITEM.fullmatch(line)) and found.group(1)[1] == "f":
            checked(found.group(2), found.group(1)[0] in "<>")
        elif found := _STAT.match(line):
            stats[found.group(1)] = int(found.group(2).replace(",", ""))

    _run(options, site_dir, shell, into, note, "tải lên")
    return Transfer(
        stats.get("Number of regular files transferred", 0), stats.get("Total bytes sent", 0), stats.get("Total bytes received", 0)
    )


def known_changes(site: frozenset[str], live: frozenset[str]) -> Changes:
    """What differs between the site's files and the live release's by name alone; changed files are known once
    uploaded (their content is compared then, once)."""
    return Changes(tuple(sorted(site - live)), (), tuple(sorted(live - site)), sum(1 for path in live if path.endswith(".html")))


def _run(options: list[str], site_dir: Path, shell: Shell, into: str, note: Callable[[str], None], doing: str) -> None:
    # From inside the site: a source "./" can never be read as a host name.
    command = [*options, "./", shell.rsync_destination(into.rstrip("/") + "/")]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=site_dir, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, env=TOOL_ENV)
        assert process.stdout is not None
        try:
            for raw in process.stdout:
                note(raw.decode("utf-8", "replace").rstrip("\n"))
            process.wait()
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            process.stdout.close()
        if process.returncode != 0:
            errors.seek(0)
            raise PublishError(rsync_problem(errors.read().decode("utf-8", "replace"), process.returncode, shell.label, doing))


def rsync_problem(said: str, status: int, where: str, doing: str) -> str:
    """A Vietnamese message for an rsync that failed while `doing` (so sánh, tải lên) with `where`."""
    kept = "Trang đang chạy không bị thay đổi; phần đã tải được giữ lại để lần xuất bản sau tải tiếp." if doing == "tải lên" else ""
    reason = system_reason(said)
    if reason is None:
        if status < 0 or status == 20:
            reason = "rsync bị dừng giữa chừng"
        elif "command not found" in said or "rsync: not found" in said:
            reason = "máy đích chưa cài rsync"
        elif status in (12, 255) or "connection unexpectedly closed" in said:
            reason = f"mất kết nối ({last_lines(said) or 'rsync'})"
        elif status == 30:
            reason = "máy đích không trả lời (hết thời gian chờ)"
        else:
            reason = f"rsync dừng với mã {status}: {last_lines(said) or 'không rõ lý do'}"
    return f"Lỗi khi {doing} tới {where}: {reason}. {kept}".rstrip()
