"""The one error publishing raises, with a Vietnamese message that is plain text, short, and safe to show in a web
page or a log: no control characters, no secrets, no unbounded excerpt of what a server or a file said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.support.display import excerpt, visible

if TYPE_CHECKING:
    from generator.publish.results import PublishResult

# What a server, rsync or ssh printed is quoted at most this long.
EXCERPT_CHARS = 300
MESSAGE_CHARS = 4000


class PublishError(Exception):
    """Publishing could not be done (or checked); the message says what, where, and what the live site is now.

    `result` holds what was done before the failure, when something was (a target published before another failed,
    a release switched in whose live check then failed)."""

    def __init__(self, message: str, result: PublishResult | None = None) -> None:
        lines = "\n".join(visible(line) for line in message.splitlines())
        super().__init__(lines if len(lines) <= MESSAGE_CHARS else lines[: MESSAGE_CHARS - 1] + "…")
        self.result = result

    @property
    def message(self) -> str:
        return str(self.args[0])


def last_lines(output: str, count: int = 3) -> str:
    """The last few non-empty lines of a tool's error output, joined and shown safely."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return excerpt(" / ".join(lines[-count:]), EXCERPT_CHARS)


# What the system said, in the words a reader can act on; the first clue found wins.
_SYSTEM_REASONS = (
    ("No space left on device", "máy đích hết chỗ trống (đĩa đầy); hãy giải phóng chỗ trống rồi xuất bản lại"),
    ("Disk quota exceeded", "đã hết hạn mức dung lượng trên máy đích; hãy giải phóng chỗ trống rồi xuất bản lại"),
    ("Read-only file system", "thư mục trên máy đích chỉ cho đọc"),
    ("Permission denied", "không có quyền ghi vào thư mục trên máy đích"),
    ("Operation not permitted", "không có quyền ghi vào thư mục trên máy đích"),
)


def system_reason(said: str) -> str | None:
    """A Vietnamese reason for a failure from what a tool printed, when it is one of the usual ones."""
    for clue, reason in _SYSTEM_REASONS:
        if clue in said:
            return reason
    return None
