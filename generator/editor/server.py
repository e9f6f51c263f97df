"""Running the editorial room: the first admin account from the command line, then Waitress serving the application
(on 127.0.0.1 unless told otherwise, and saying so)."""

from __future__ import annotations

import getpass
import signal
import sys
from typing import Any

from generator.editor.accounts import AccountError, Accounts, Role
from generator.editor.app import create_app
from generator.editor.config import SERVER_MAX_BODY_BYTES, EditorConfig
from generator.editor.history import History
from generator.editor.state import private_folder
from generator.support.hosts import LOOPBACK_NAMES

THREADS = 8
# How Waitress serves the editor (the tests serve it the same way).
SERVER_OPTIONS: dict[str, Any] = {"threads": THREADS, "max_request_body_size": SERVER_MAX_BODY_BYTES, "ident": "nq45"}


def create_admin(config: EditorConfig, name: str, password: str | None = None) -> int:
    """Create an admin account, its password asked twice at the terminal (never a default one)."""
    accounts = Accounts(private_folder(config.state_dir) / "accounts.json")
    if password is None:
        password = getpass.getpass(f"Mật khẩu cho {name} (ít nhất 10 ký tự): ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            print("Hai lần nhập mật khẩu không giống nhau; chưa tạo tài khoản.", file=sys.stderr)
            return 1
    try:
        accounts.create(name, name, Role.ADMIN, password)
    except AccountError as error:
        print(f"Không tạo được tài khoản: {error}.", file=sys.stderr)
        return 1
    print(f"Đã tạo tài khoản quản trị {name}. Chạy: nq45 editor")
    return 0


def run(config: EditorConfig) -> int:
    """Serve the editor until interrupted."""
    import waitress

    if not History(config.project.root).available():
        print(
            "Thư mục dự án không phải kho git: phòng biên tập cần git để ghi lịch sử mỗi lần lưu (git init, git add data).", file=sys.stderr
        )
        return 1
    app = create_app(config)
    parts = app.extensions["phong_bien_tap"]
    if not parts.accounts.all():
        print("Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên: nq45 editor --create-admin TÊN", file=sys.stderr)
        return 1
    parts.checker.site()  # the corpus loaded once before any thread serves (loading forks when it is large)
    if parts.preview is not None:
        parts.preview.start()
    where = f"http://{config.host}:{config.port}/"
    if config.host in LOOPBACK_NAMES:
        print(f"Phòng biên tập tại {where} — chỉ máy này mở được (127.0.0.1).")
        print("Để máy khác trong mạng dùng, đặt sau nginx có HTTPS (xem README).")
    else:
        print(f"Phòng biên tập tại {where} — CẢNH BÁO: các máy khác trong mạng mở được; hãy đặt sau nginx có HTTPS (xem README).")
    print("Nhấn Ctrl+C để dừng.", flush=True)
    # A stop request (kill, a service manager) ends the editor as Ctrl+C does: the preview's server is stopped too.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        waitress.serve(app, host=config.host, port=config.port, **SERVER_OPTIONS)
    except KeyboardInterrupt:
        print("Đã dừng phòng biên tập.")
    finally:
        if parts.preview is not None:
            parts.preview.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
