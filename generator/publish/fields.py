"""What a publishing target's values may be. The configuration is data: each value reaches ssh, rsync or a shell on
the server only as one argument, and is first checked here to be what it claims (a host name, a user name, an
absolute path), so that none can be read as an option or change what a command does."""

from __future__ import annotations

import ipaddress
import re

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_USER = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,31}")
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
# A path component: letters (any script), digits and . _ - + @, never a space, quote, backslash or shell character.
_COMPONENT = re.compile(r"[\w.+@-]+")
MAX_PATH = 1024


def host_problem(value: str) -> str | None:
    """Why `value` is not a host name or an IP address, or None."""
    try:
        ipaddress.ip_address(value)
        return None
    except ValueError:
        pass
    labels = value.rstrip(".").split(".")
    if len(value) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return "cần tên máy chủ (chữ cái không dấu, số, dấu '-' và '.', không bắt đầu bằng '-') hoặc địa chỉ IP"
    return None


def user_problem(value: str) -> str | None:
    if not _USER.fullmatch(value):
        return "cần tên người dùng trên máy chủ: chữ cái không dấu, số, '_', '.', '-', bắt đầu bằng chữ cái hoặc '_', tối đa 32 ký tự"
    return None


def name_problem(value: str) -> str | None:
    if not _NAME.fullmatch(value):
        return "cần tên ngắn viết thường không dấu: chữ, số và dấu '-', tối đa 40 ký tự (ví dụ vusta)"
    return None


def path_problem(value: str) -> str | None:
    """Why `value` is not an absolute, plain path (no '..', no '//', no component an option or a shell could read)."""
    if not value.startswith("/"):
        return "cần đường dẫn tuyệt đối, bắt đầu bằng '/' (ví dụ /var/www/nghi-quyet-45)"
    if len(value) > MAX_PATH:
        return f"đường dẫn dài quá {MAX_PATH} ký tự"
    parts = value.rstrip("/").split("/")[1:]
    if not parts:
        return "không được là thư mục gốc '/' của máy; cần một thư mục riêng cho trang"
    for part in parts:
        if part in ("", ".", ".."):
            return "không được có '..', '.' hay '//' trong đường dẫn; hãy viết đường dẫn thẳng tới thư mục"
        if not _COMPONENT.fullmatch(part):
            return f'phần "{part[:40]}" có ký tự không dùng được; chỉ dùng chữ, số và các dấu . _ - + @ (không dấu cách)'
    return None


def local_file_problem(value: str) -> str | None:
    """Why `value` cannot name a file on this machine for ssh (a key or a known_hosts file), or None. The value itself
    is never quoted back: someone may have pasted a key where its path belongs."""
    if "BEGIN" in value or "PRIVATE" in value or "\n" in value or len(value) > MAX_PATH:
        return "cần đường dẫn tới tệp, không phải nội dung khóa; không bao giờ ghi nội dung khóa vào tệp cấu hình"
    if value.startswith("-") or any(char in value for char in " \t\"'%\\"):
        return "đường dẫn không được bắt đầu bằng '-' hay chứa dấu cách, dấu nháy, '%' hoặc '\\'"
    return None
