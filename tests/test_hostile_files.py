"""Files in data/ that are not what they seem: links out of the project, devices, FIFOs, huge lines. Each is a
message that names the path, never its content, within bounds, and nothing is built from it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.commands.build import Project
from generator.support.display import excerpt, safe_message, strip_acting, visible
from generator.support.safefiles import UnsafeFileError, read_bounded

SECRET = "NQ45_TEST_SECRET_TOKEN=s3cr3t-value"


def run_check(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(project.root), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_link_to_the_process_environment_never_prints_it(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NQ45_TEST_SECRET", SECRET)
    os.symlink("/proc/self/environ", project.data_dir / "documents" / "x.yaml")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "data/documents/x.yaml" in out and "liên kết (symlink) trỏ ra ngoài thư mục dự án" in out
    assert "s3cr3t" not in out and "PATH=" not in out


def test_a_link_to_a_document_outside_the_project_is_not_published(
    tmp_path_factory: pytest.TempPathFactory, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("ngoai") / "ngoai.yaml"
    outside.write_text("number: 9-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\ntitle: Bí mật ngoài dự án\n", encoding="utf-8")
    os.symlink(outside, project.data_dir / "documents" / "9-kh-tw.yaml")
    code, out = run_check(project, capsys)
    assert code == 1 and "Bí mật ngoài dự án" not in out and "data/documents/9-kh-tw.yaml" in out


def test_a_link_inside_the_project_is_read(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    documents = project.data_dir / "documents"
    (documents / "45-nq-tw.yaml").rename(project.data_dir / "45-nq-tw.yaml")
    os.symlink("../45-nq-tw.yaml", documents / "45-nq-tw.yaml")
    code, out = run_check(project, capsys)
    assert code == 0, out


def test_a_link_to_a_device_is_refused_at_once(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("/dev/zero", project.data_dir / "documents" / "x.yaml")
    started = time.monotonic()
    code, out = run_check(project, capsys)
    assert code == 1 and time.monotonic() - started < 30
    assert "data/documents/x.yaml" in out


def test_a_device_inside_data_is_refused_without_reading() -> None:
    with pytest.raises(UnsafeFileError, match="tệp thiết bị"):
        read_bounded(Path("/dev/zero"), Path("/dev"), 1024)


def test_a_fifo_never_blocks(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(project.data_dir / "documents" / "x.yaml")
    os.mkfifo(project.data_dir / "bodies-fifo.yaml")
    result: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: result.append(run_check(project, capsys)), daemon=True)
    worker.start()
    worker.join(60)
    assert result, "check hung on a FIFO"
    code, out = result[0]
    assert code == 1 and "ống dẫn (FIFO)" in out and "data/documents/x.yaml" in out


def test_a_fifo_swapped_in_is_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeFileError, match="FIFO"):
        read_bounded(fifo, tmp_path, 1024)


def test_size_is_counted_while_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(UnsafeFileError, match="quá lớn"):
        read_bounded(big, tmp_path, 1024)
    assert read_bounded(big, tmp_path, 4096) == b"a" * 2048


def test_a_huge_line_gives_a_short_message(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    line = "number: 9-KH/TW\ntype: Kế hoạch\nissuer: bo-chinh-tri\n" + "x" * (3 << 20) + ": 1\n"
    (project.data_dir / "documents" / "9-kh-tw.yaml").write_text(line, encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1 and len(out) < 3000, len(out)
    assert "data/documents/9-kh-tw.yaml" in out


def test_escape_sequences_in_a_file_are_shown_not_run(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    text = "number: 9-KH/TW\ntype: Kế hoạch # \x1b]0;pwned\x07\x1b[2J\nissuer: bo-chinh-tri\n"
    (project.data_dir / "documents" / "9-kh-tw.yaml").write_text(text, encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned" in out


def test_display_helpers() -> None:
    assert visible("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert len(excerpt("x" * 10_000)) == 80
    assert safe_message('giá trị "' + "y" * 5000 + '" sai').endswith('…" sai')
    assert strip_acting("Số:\x1b[2J 45-NQ/TW\x07\u202e") == "Số: 45-NQ/TW"


@pytest.mark.parametrize("url", ["javascript:alert(1)//", 'https://a.vn/"><script>x</script>', "ftp://a.vn/", "https://a.vn/?q=1", "a.vn"])
def test_a_site_url_that_is_no_http_address_is_refused(project: Project, capsys: pytest.CaptureFixture[str], url: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(project.root), "build", "--no-pdf", "--site-url", url])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "Lỗi: tham số --site-url" in err and "Traceback" not in err
    assert not project.site_dir.exists()


def test_an_offline_build_leaves_docs_and_site_a_pair(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.commands.build import build
    from tests.test_bad_input import edit, snapshot

    build(project, pdfs=False)
    docs, site = snapshot(project.docs_dir), snapshot(project.site_dir)
    edit(project, "data/documents/20-kh-tw.yaml", "Trương Thị Mai", "Trương Thị Mai Anh")
    assert main(["--root", str(project.root), "build", "--offline", "--no-pdf"]) == 0
    assert "docs/ và site/ giữ nguyên" in capsys.readouterr().out
    assert snapshot(project.docs_dir) == docs and snapshot(project.site_dir) == site
    assert "Trương Thị Mai Anh" in (project.offline_dir / "van-ban" / "20-kh-tw.html").read_text(encoding="utf-8")


def test_new_refuses_an_issuer_that_is_no_body_id(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "bo-chinh-tri\nstatus: Hết hiệu lực\nsummary: chèn"
    assert main(["--root", str(project.root), "new", "15-KH/TW", "--type", "Kế hoạch", "--issuer", hostile]) == 1
    assert "mã cơ quan" in capsys.readouterr().err
    assert not (project.data_dir / "documents" / "15-kh-tw.yaml").exists()


@pytest.mark.parametrize("address", ["0.0.0.0", "localhost:99999", "a b:80", "host:port"])
def test_serve_refuses_an_address_that_is_no_host_and_port(project: Project, capsys: pytest.CaptureFixture[str], address: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(project.root), "serve", "--addr", address])
    assert stopped.value.code == 2 and "Lỗi: tham số --addr" in capsys.readouterr().err
