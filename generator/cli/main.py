"""The `nq45` command line: parses arguments, runs a use case of the layers below, prints Vietnamese messages."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import re
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from generator.cli import publish
from generator.commands.build import Project, SiteBuildError, build, check
from generator.corpus.errors import ValidationError
from generator.corpus.text import url_problem
from generator.publish import PublishError
from generator.support.display import excerpt, visible
from generator.support.engine import EngineMissingError, engine


def main(argv: list[str] | None = None) -> int:
    """Run one command and return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    project = Project(Path(args.root).resolve())
    try:
        return int(args.run(project, args))
    except ValidationError as error:
        print(error.report(project.root), file=sys.stderr)
    except PublishError as error:
        print(error.message, file=sys.stderr)
    except SiteBuildError as error:
        print(f"Lỗi khi dựng trang bằng {engine().name}: {error}\n{KEPT}", file=sys.stderr)
    except EngineMissingError as error:
        print(f"{error}\n{KEPT}", file=sys.stderr)
    except OSError as error:
        print(f"Không ghi được {_where(error, project.root)}: {_os_reason(error)}.\n{KEPT}", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"Đã dừng theo yêu cầu.\n{KEPT}", file=sys.stderr)
        return 130
    except Exception as error:
        print(_unexpected(error, project), file=sys.stderr)
    return 1


KEPT = "Thư mục docs/ và site/ được giữ nguyên như trước lần dựng này."


def _where(error: OSError, root: Path) -> str:
    if not error.filename:
        return "tệp"
    path = Path(str(error.filename))
    with contextlib.suppress(ValueError):
        path = path.resolve().relative_to(root)
    return f'"{path}"'


def _os_reason(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "đĩa đã đầy; hãy giải phóng chỗ trống rồi dựng lại",
        errno.EDQUOT: "đã hết hạn mức dung lượng; hãy giải phóng chỗ trống rồi dựng lại",
        errno.EACCES: "không có quyền ghi vào thư mục này",
        errno.EPERM: "không có quyền ghi vào thư mục này",
        errno.EROFS: "thư mục chỉ cho đọc",
    }
    return reasons.get(error.errno or 0, error.strerror or type(error).__name__)


def _unexpected(error: Exception, project: Project) -> str:
    """A message for what nothing foresaw, with the traceback kept in a file for whoever fixes it."""
    report = project.staging_dir / "loi-gan-nhat.txt"
    with contextlib.suppress(OSError):
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return (
        f"Lỗi không lường trước ({type(error).__name__}: {error}).\n{KEPT}\n"
        f"Chi tiết cho người bảo trì ở {report.relative_to(project.root)}; hãy gửi tệp đó kèm tệp dữ liệu vừa sửa."
    )


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaints said in Vietnamese."""

    WORDS = (
        ("the following arguments are required: ", "thiếu tham số bắt buộc: "),
        ("unrecognized arguments: ", "không hiểu tham số: "),
        ("argument ", "tham số "),
        ("invalid choice: ", "lựa chọn không hợp lệ: "),
        ("choose from ", "hãy chọn một trong "),
        ("expected one argument", "cần một giá trị"),
    )

    def error(self, message: str) -> NoReturn:
        for english, vietnamese in self.WORDS:
            message = message.replace(english, vietnamese)
        self.exit(2, f"Lỗi: {visible(message)}\nXem hướng dẫn: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nq45", description="Dựng trang văn bản Nghị quyết 45-NQ/TW từ dữ liệu YAML.")
    parser.add_argument("--root", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="lệnh")
    build_parser = commands.add_parser("build", help="kiểm tra dữ liệu, sinh Markdown vào docs/ và dựng trang vào site/")
    build_parser.add_argument(
        "--offline", action="store_true", help="dựng bản mở trực tiếp từ đĩa vào site-offline/ và nén thành dist/*.zip"
    )
    build_parser.add_argument(
        "--site-url",
        type=_site_url,
        metavar="URL",
        help="địa chỉ nơi đăng trang, ví dụ https://vusta.vn/nghi-quyet-45/ (mặc định theo mkdocs.yml)",
    )
    build_parser.add_argument("--no-pdf", dest="pdfs", action="store_false", help="không tạo bản PDF của văn bản")
    build_parser.add_argument(
        "--no-speedups",
        dest="speedups",
        action="store_false",
        help="tắt mọi cách tăng tốc dựa vào mã nội bộ của MkDocs, Python-Markdown và Material (trang dựng ra y hệt)",
    )
    build_parser.add_argument(
        "--as-of", type=_date, default=None, metavar="YYYY-MM-DD", help="ngày tính trạng thái nhiệm vụ (mặc định: hôm nay)"
    )
    build_parser.set_defaults(run=_build)
    commands.add_parser("check", help="chỉ kiểm tra dữ liệu").set_defaults(run=_check)
    serve = commands.add_parser("serve", help="xem trước, tự dựng lại khi sửa YAML hoặc mẫu")
    serve.add_argument("--addr", type=_address, default="127.0.0.1:8000", help="địa chỉ phục vụ (mặc định 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    importer = commands.add_parser("import", help="chuyển văn bản nhận được thành tệp YAML nháp trong data/drafts/")
    importer.add_argument(
        "file", type=Path, nargs="?", help="tệp nguồn: .txt, .md, .docx, .pdf (có lớp chữ hoặc bản quét), .html, ảnh quét .png/.jpg/.tif"
    )
    importer.add_argument("--output", type=Path, help="nơi ghi tệp nháp (mặc định data/drafts/<số-hiệu>.yaml)")
    importer.add_argument("--dry-run", action="store_true", help="chỉ cho xem những gì sẽ thay đổi, không ghi gì")
    importer.add_argument("--undo", nargs="?", const="", metavar="MÃ", help="hoàn tác lần nhập có mã này (mặc định: lần gần nhất)")
    importer.set_defaults(run=_import)
    editor = commands.add_parser("editor", help="phòng biên tập trên trình duyệt: thêm, sửa, xem trước và xuất bản văn bản")
    editor.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)")
    editor.add_argument("--port", type=int, default=8045, help="cổng (mặc định 8045)")
    editor.add_argument(
        "--allowed-host", action="append", default=[], metavar="TÊN", help="tên máy khác được nhận, ví dụ tên sau nginx (lặp lại được)"
    )
    editor.add_argument("--secure-cookies", action="store_true", help="cookie chỉ gửi qua HTTPS (bật khi đặt sau nginx có HTTPS)")
    editor.add_argument(
        "--behind-proxy",
        action="store_true",
        help="đặt sau nginx: lấy địa chỉ người dùng từ X-Forwarded-For do nginx đặt (cho việc khóa đăng nhập và nhật ký)",
    )
    editor.add_argument("--create-admin", metavar="TÊN", help="tạo tài khoản quản trị (hỏi mật khẩu) rồi thoát")
    editor.set_defaults(run=_editor)
    new = commands.add_parser("new", help="tạo tệp YAML khung cho một văn bản mới")
    new.add_argument("number", help='số hiệu, ví dụ "15-KH/ĐĐLHHVN"')
    new.add_argument("--type", dest="document_type", required=True, help='loại văn bản, ví dụ "Kế hoạch"')
    new.add_argument("--issuer", required=True, help="mã cơ quan ban hành trong data/bodies.yaml")
    new.set_defaults(run=_new)
    publish.add_parser(commands)
    return parser


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'ngày không hợp lệ "{value}"; cần dạng YYYY-MM-DD, ví dụ 2024-06-30') from None


def _address(value: str) -> str:
    """host:port, as the preview listens on it: an IP address or a name, and a port from 1 to 65535."""
    host, _, port = value.rpartition(":")
    host = host.strip("[]")
    if not re.fullmatch(r"[A-Za-z0-9.:-]{1,253}", host) or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f'địa chỉ "{excerpt(value)}" không dùng được; cần dạng máy:cổng, ví dụ 127.0.0.1:8000')
    return value


def _site_url(value: str) -> str:
    """An http(s) address with a host, as every page's canonical link and the sitemap will carry it."""
    problem = url_problem(value)
    scheme = value.split(":", 1)[0].lower()
    if problem is None and scheme not in ("http", "https"):
        problem = "chỉ nhận địa chỉ bắt đầu bằng https:// hoặc http://"
    if problem is None and any(mark in value for mark in "?#"):
        problem = "địa chỉ trang không được có phần truy vấn (?) hay neo (#)"
    if problem is not None:
        raise argparse.ArgumentTypeError(f'địa chỉ "{excerpt(value)}" không dùng được: {problem}; ví dụ https://vusta.vn/nghi-quyet-45/')
    return value if value.endswith("/") else f"{value}/"


def _check(project: Project, args: argparse.Namespace) -> int:
    site = check(project)
    print(f"Dữ liệu hợp lệ: {len(site.documents)} văn bản, {len(site.bodies)} cơ quan.")
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    options = {"site_url": args.site_url} if args.site_url else {}
    report = build(project, offline=args.offline, as_of=args.as_of, pdfs=args.pdfs, speedups=args.speedups, **options)
    written = len(report.docs.written) + len(report.docs.removed)
    where = f"site-offline/ và {project.offline_zip.relative_to(project.root)}" if args.offline else "site/"
    changed = "docs/ và site/ giữ nguyên" if args.offline else f"{written} tệp trong docs/ thay đổi"
    print(
        f"Đã dựng trang: {report.documents} văn bản; {changed}; "
        f"sinh và ghi docs/ {report.seconds.generate:.2f} giây, MkDocs {report.seconds.mkdocs:.2f} giây, "
        f"hoàn tất {report.seconds.write:.2f} giây. Kết quả ở {where}."
    )
    return 0


def _serve(project: Project, args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    return serve(project, args.addr)


def _editor(project: Project, args: argparse.Namespace) -> int:
    from generator.editor.config import EditorConfig
    from generator.editor.server import create_admin, run

    config = EditorConfig(project, args.host, args.port, tuple(args.allowed_host), args.secure_cookies, behind_proxy=args.behind_proxy)
    return create_admin(config, args.create_admin) if args.create_admin else run(config)


def _new(project: Project, args: argparse.Namespace) -> int:
    from generator.intake.skeleton import write_skeleton

    path = write_skeleton(project.data_dir, args.number, args.document_type, args.issuer)
    print(f"Đã tạo {path.relative_to(project.root)}. Hãy điền nội dung rồi chạy: python -m generator check")
    return 0


def _import(project: Project, args: argparse.Namespace) -> int:
    from generator.intake.formats import SourceError
    from generator.intake.usecase import BESIDE, MERGE, IntakeError, apply_import, plan_import, undo_import

    journal = project.staging_dir / "imports"
    try:
        if args.undo is not None:
            print("\n".join(undo_import(journal, project.root, args.undo or None)))
            return 0
        if args.file is None:
            print("Lỗi: cần tên tệp để nhập (hoặc --undo để hoàn tác lần nhập trước).", file=sys.stderr)
            return 2
        plan = plan_import(project.root, args.file, args.output)
    except (SourceError, IntakeError) as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    where = plan.target.relative_to(project.root) if plan.target.is_relative_to(project.root) else plan.target
    if args.dry_run:
        print(f"Chạy thử: chưa ghi gì. Lần nhập này sẽ {_verb(plan.action)} {where}:")
        print(plan.diff(project.root) or "(không thay đổi gì)")
        print("\n".join(plan.report.lines()))
        return 0
    try:
        applied = apply_import(plan, journal, project.root)
    except IntakeError as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    if plan.action == MERGE:
        print(f"Văn bản {plan.draft.number} đã có ở {where}; đã bổ sung vào tệp đó những trường tệp chưa có, không tạo bản trùng.")
    elif plan.action == BESIDE:
        record = plan.record.relative_to(project.root) if plan.record else ""
        print(f"Văn bản {plan.draft.number} đã có ở {record}; tệp đó giữ nguyên ({plan.reason}). Đã ghi bản nháp bên cạnh: {where}.")
    else:
        print(f"Đã ghi bản nháp {where}.")
    print("\n".join(plan.changes) if plan.action != "new" else "", end="\n" if plan.action != "new" else "")
    print("\n".join(visible(line) for line in plan.report.lines()))
    if applied.id:
        print(f"Để hoàn tác lần nhập này: {applied.undo_command}")
    return 0


def _verb(action: str) -> str:
    return {"new": "tạo bản nháp", "merge": "bổ sung vào", "beside": "ghi bản nháp bên cạnh văn bản đã có, ở"}[action]
