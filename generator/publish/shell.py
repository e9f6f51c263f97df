"""How publishing reaches a target's folder: target.sh run by `sh` on this machine, or on the server through one ssh
connection (a master that every later command and rsync reuse, so that the key and the host key are checked once).
Commands are argument lists, never a local shell; over ssh the remote command line is quoted word by word."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.publish.config import FolderTarget, SshTarget, Target
from generator.publish.errors import PublishError, last_lines

SCRIPT = (Path(__file__).with_name("target.sh")).read_text(encoding="utf-8")
# Every tool speaks C: its messages are read, and numbers carry no local separators.
TOOL_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C"}
CONNECT_SECONDS = 30


class Shell(Protocol):
    """Where a target's folder is, for target.sh and for rsync."""

    @property
    def label(self) -> str:
        """How messages name the target."""

    def command(self, *words: str) -> list[str]:
        """The argument list that runs target.sh with `words` there."""

    def rsync_destination(self, path: str) -> str:
        """How rsync names `path` there."""

    def rsync_options(self) -> list[str]:
        """rsync's options to reach there."""


@dataclass(frozen=True)
class LocalShell:
    label: str

    def command(self, *words: str) -> list[str]:
        return ["sh", "-c", SCRIPT, "nq45", *words]

    def rsync_destination(self, path: str) -> str:
        return path  # absolute: rsync reads no host before its first '/'

    def rsync_options(self) -> list[str]:
        return []


@dataclass(frozen=True)
class SshShell:
    label: str
    target: SshTarget
    socket: Path

    def command(self, *words: str) -> list[str]:
        return ["ssh", *self._options(), "-T", "--", self.target.host, shlex.join(["sh", "-c", SCRIPT, "nq45", *words])]

    def rsync_destination(self, path: str) -> str:
        host = f"[{self.target.host}]" if ":" in self.target.host else self.target.host
        return f"{self.target.user}@{host}:{path}"

    def rsync_options(self) -> list[str]:
        # rsync splits this on spaces: only the socket's path (made by us, no spaces) and fixed words.
        return ["--rsh", f"ssh -F none -o BatchMode=yes -o ControlMaster=no -S {self.socket}", "--compress"]

    def _options(self) -> list[str]:
        return [*ssh_options(self.target), "-o", "ControlMaster=no", "-S", str(self.socket)]


def ssh_options(target: SshTarget) -> list[str]:
    """ssh's options for `target`: no configuration file but these, no prompt, the host key checked strictly."""
    options = ["-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UpdateHostKeys=no"]
    options += ["-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4", "-o", "LogLevel=ERROR"]
    options += ["-o", "ForwardAgent=no", "-o", "ForwardX11=no", "-o", "ClearAllForwardings=yes"]
    options += ["-p", str(target.port), "-l", target.user]
    if target.known_hosts is not None:
        options += ["-o", f"UserKnownHostsFile={target.known_hosts}"]
    if target.key_file is not None:
        options += ["-i", str(target.key_file), "-o", "IdentitiesOnly=yes"]
    return options


def describe(target: Target) -> str:
    """How messages name a target: its name and where it is (never a key)."""
    if isinstance(target, FolderTarget):
        return f'"{target.name}" (thư mục {target.path})'
    return f'"{target.name}" ({target.user}@{target.host}:{target.path}, cổng {target.port})'


@contextlib.contextmanager
def connect(target: Target) -> Iterator[Shell]:
    """A shell for `target` while the block runs; over ssh, one authenticated connection for all of it."""
    if isinstance(target, FolderTarget):
        yield LocalShell(describe(target))
        return
    _check_files(target)
    _require_tool("ssh", "openssh-client")
    folder = Path(tempfile.mkdtemp(prefix="nq45-ssh-"))
    socket = folder / "s"
    # The master's own session waits for its input to close: if this process dies, the connection goes with it.
    master = subprocess.Popen(
        ["ssh", *ssh_options(target), "-M", "-o", "ControlPersist=no", "-S", str(socket), "--", target.host, "cat >/dev/null"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=TOOL_ENV,
    )
    try:
        _wait_for_master(master, socket, target)
        yield SshShell(describe(target), target, socket)
    finally:
        close_process(master, 10)
        shutil.rmtree(folder, ignore_errors=True)


def close_process(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Close a helper's input (which tells it to end), give it `seconds` to, kill it otherwise; close its pipes."""
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def _wait_for_master(master: subprocess.Popen[bytes], socket: Path, target: SshTarget) -> None:
    deadline = time.monotonic() + CONNECT_SECONDS
    while not socket.exists():
        if master.poll() is not None:
            said = master.stderr.read().decode("utf-8", "replace") if master.stderr else ""
            raise PublishError(ssh_problem(said, target))
        if time.monotonic() > deadline:
            raise PublishError(
                f"Không kết nối được tới {describe(target)} sau {CONNECT_SECONDS} giây; hãy kiểm tra mạng và địa chỉ máy chủ."
            )
        time.sleep(0.02)


def ssh_problem(said: str, target: SshTarget) -> str:
    """A Vietnamese message for why ssh could not connect, from what it printed."""
    where = describe(target)
    known = target.known_hosts or "~/.ssh/known_hosts"
    reasons = [
        ("IDENTIFICATION HAS CHANGED", f"khóa của máy chủ đã đổi so với {known}: có thể ai đó đang giả máy chủ. Đừng xuất bản"),
        (
            "Host key verification failed",
            f"máy chủ chưa có trong {known} (hoặc khóa không khớp); hãy đối chiếu dấu vân tay với quản trị máy chủ "
            f"rồi thêm khóa của nó (ssh-keyscan -p {target.port} {target.host})",
        ),
        ("No such file", "không có tệp khóa"),
        ("UNPROTECTED PRIVATE KEY", "tệp khóa để người khác đọc được; hãy chạy chmod 600 với tệp khóa"),
        ("Permission denied", f"máy chủ không nhận khóa cho người dùng {target.user} (khóa có mật khẩu thì phải nạp vào ssh-agent)"),
        ("Connection refused", f"máy chủ không nhận kết nối ở cổng {target.port}"),
        ("Could not resolve", f"không tìm thấy máy chủ tên {target.host}"),
        ("timed out", "hết thời gian chờ kết nối"),
        ("No route to host", "không có đường mạng tới máy chủ"),
        ("Network is unreachable", "không có mạng"),
    ]
    for clue, reason in reasons:
        if clue.lower() in said.lower():
            return f"Không kết nối được tới {where}: {reason}. Trang đang chạy không bị đụng tới."
    return f"Không kết nối được tới {where} (ssh: {last_lines(said) or 'không rõ lý do'}). Trang đang chạy không bị đụng tới."


def _check_files(target: SshTarget) -> None:
    for label, file in (("tệp khóa (key_file)", target.key_file), ("tệp known_hosts", target.known_hosts)):
        if file is not None and not file.is_file():
            raise PublishError(f'Không có {label} {file} cho nơi xuất bản "{target.name}"; hãy sửa đường dẫn trong publish.yaml.')


def _require_tool(name: str, package: str) -> None:
    if shutil.which(name) is None:
        raise PublishError(f"Máy này chưa có lệnh {name}; hãy cài gói {package} (make publish tự cài khi thiếu).")


def require_rsync() -> None:
    _require_tool("rsync", "rsync")
