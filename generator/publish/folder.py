"""The operations publishing does in a target's folder, through target.sh, with a Vietnamese message for every way
each can be refused or fail. Nothing here touches `current` but `switch`, and only with a complete release."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

from generator.publish.errors import PublishError, last_lines, system_reason
from generator.publish.releases import INCOMING, TargetState, parse_state
from generator.publish.shell import TOOL_ENV, Shell, close_process

OPERATION_SECONDS = 600
LOCKED = 75


@dataclass(frozen=True)
class TargetFolder:
    """A target's root folder, reached through `shell`."""

    shell: Shell
    root: str

    def inspect(self) -> TargetState:
        """The folder's state; refuse one whose `releases` or `current` is not ours to change."""
        state = parse_state(self._run("inspect"))
        if state.releases_problem:
            raise PublishError(self._refusal("releases-link"))
        if state.current_problem == "not-link":
            raise PublishError(self._refusal("current-not-link"))
        if state.current_problem is not None:
            raise PublishError(
                f'Liên kết {self.root}/current ở {self.shell.label} trỏ tới "{state.current_problem}", ngoài các bản trong '
                f"{self.root}/releases/: không phải do lệnh xuất bản tạo. Không thay đổi gì; hãy kiểm tra thư mục đó với quản trị máy chủ."
            )
        kinds = state.entries
        if kinds.get(INCOMING) == "l":
            raise PublishError(self._refusal("incoming-link"))
        if state.current is not None and state.current not in state.ids:
            raise PublishError(
                f"Liên kết {self.root}/current ở {self.shell.label} trỏ tới bản {state.current}, không còn có. {self._live()}"
            )
        return state

    def prepare(self) -> None:
        """Make releases/ and the folder an upload goes into (kept from an interrupted one)."""
        self._run("prepare")

    def finish(self, release_id: str, metadata: bytes) -> None:
        """Write the release's metadata and give the uploaded folder its id."""
        self._run("finish", release_id, stdin=metadata)

    def switch(self, release_id: str) -> None:
        """Point `current` at the release, in one rename."""
        self._run("switch", release_id)

    def files(self, release_id: str) -> frozenset[str]:
        """The paths of every file of a release, relative to it."""
        return frozenset(line[2:] for line in self._run("files", release_id).splitlines() if line.startswith("./"))

    def discard(self) -> None:
        """Delete an upload that changed nothing."""
        self._run("discard")

    def remove(self, release_ids: list[str]) -> None:
        if release_ids:
            self._run("remove", *release_ids)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the target's lock (`.publish.lock` in its folder) while the block runs; refuse when another holds it."""
        holder = subprocess.Popen(
            self.shell.command("lock", self.root), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=TOOL_ENV
        )
        assert holder.stdout is not None and holder.stdin is not None and holder.stderr is not None
        try:
            if holder.stdout.readline().strip() != b"nq45:locked":
                holder.wait(OPERATION_SECONDS)
                said = holder.stderr.read().decode("utf-8", "replace")
                if holder.returncode == LOCKED:
                    raise PublishError(f"Đang có một lần xuất bản khác tới {self.shell.label}; hãy đợi nó xong rồi thử lại.")
                if holder.returncode == 127 or "flock: not found" in said:
                    raise PublishError(f"Máy đích {self.shell.label} không có lệnh flock (gói util-linux); hãy nhờ quản trị cài.")
                raise PublishError(self._failure(said, holder.returncode))
            yield
        finally:
            close_process(holder, 30)

    def _run(self, operation: str, *arguments: str, stdin: bytes = b"") -> str:
        try:
            done = subprocess.run(
                self.shell.command(operation, self.root, *arguments),
                input=stdin,
                capture_output=True,
                env=TOOL_ENV,
                timeout=OPERATION_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise PublishError(f"{self.shell.label} không trả lời sau {OPERATION_SECONDS} giây. {self._live()}") from None
        if done.returncode != 0:
            raise PublishError(self._failure(done.stderr.decode("utf-8", "replace"), done.returncode, *arguments))
        return done.stdout.decode("utf-8", "replace")

    def _failure(self, said: str, status: int, *arguments: str) -> str:
        code = next((line[5:].strip() for line in said.splitlines() if line.startswith("nq45:")), None)
        if code is not None and code in REFUSALS:
            return self._refusal(code, *arguments, said=said)
        if status == 255:
            return f"Mất kết nối tới {self.shell.label} ({last_lines(said) or 'ssh'}). {self._live()}"
        reason = system_reason(said) or f"mã {status}: {last_lines(said) or 'không rõ lý do'}"
        return f"Lỗi ở {self.shell.label}: {reason}. {self._live()}"

    def _refusal(self, code: str, *arguments: str, said: str = "") -> str:
        detail = system_reason(said) or last_lines("\n".join(line for line in said.splitlines() if not line.startswith("nq45:")))
        message = REFUSALS[code].format(
            root=self.root, where=self.shell.label, id=arguments[0] if arguments else "", detail=detail or "không rõ lý do"
        )
        return f"{message} {self._live()}"

    def _live(self) -> str:
        return "Trang đang chạy không bị thay đổi."


# Why target.sh refused, by its code; {root}, {where}, {id} and {detail} are filled in.
REFUSALS = {
    "no-root": "Thư mục gốc {root} chưa có ở {where}. Hãy tạo nó (và cho máy chủ web đọc) rồi xuất bản lại.",
    "root-not-dir": "{root} ở {where} không phải là thư mục.",
    "root-unreadable": "Không vào được thư mục {root} ở {where} (không có quyền).",
    "releases-link": "{root}/releases ở {where} là một liên kết (symlink) hoặc không phải thư mục: nó có thể trỏ ra ngoài thư mục gốc, "
    "nên không ghi gì vào đó. Hãy xóa hoặc đổi tên nó.",
    "incoming-link": "{root}/releases/.incoming ở {where} là một liên kết (symlink): nó có thể trỏ ra ngoài thư mục gốc, "
    "nên không ghi gì vào đó. Hãy xóa liên kết đó rồi xuất bản lại.",
    "incoming-not-dir": "{root}/releases/.incoming ở {where} là một tệp, không phải thư mục; hãy xóa nó rồi xuất bản lại.",
    "cannot-create": "Không tạo được thư mục trong {root} ở {where}: {detail}.",
    "no-releases": "Thư mục {root}/releases ở {where} không còn.",
    "no-incoming": "Phần đã tải lên ({root}/releases/.incoming) ở {where} không còn; hãy xuất bản lại.",
    "release-exists": "Bản {id} đã có ở {where}; hãy xuất bản lại (bản mới sẽ mang số khác).",
    "bad-id": "Số bản không hợp lệ.",
    "write-failed": "Không lưu được bản {id} ở {where}: {detail}. Phần đã tải được giữ lại để lần sau tải tiếp.",
    "no-release": "Không có bản {id} ở {where}.",
    "current-not-link": "{root}/current ở {where} là một thư mục hoặc tệp thật, không phải liên kết do lệnh xuất bản tạo, "
    "nên không đè lên nó. Hãy đổi tên nó (ví dụ current.cu), rồi xuất bản lại.",
    "switch-failed": "Không chuyển được liên kết {root}/current ở {where}: {detail}.",
    "remove-current": "Không xóa bản đang chạy {id}.",
    "remove-failed": "Không xóa được bản cũ ở {where}: {detail}.",
    "bad-operation": "Lệnh không hợp lệ.",
}
