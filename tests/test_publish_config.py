"""publish.yaml: read like data/, every problem named by file, line, column and field; values that ssh, rsync or a
shell could read as something else are refused; secrets never allowed nor quoted back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish import FolderTarget, PublishConfigError, PublishError, SshTarget, load_targets
from generator.publish.fields import host_problem, path_problem
from generator.publish.releases import new_release_id, parse_state, read_metadata
from tests.conftest import REPO

SSH = """targets:
  - name: vusta
    kind: ssh
    host: {host}
    user: {user}
    port: {port}
    path: {path}
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "publish.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(PublishConfigError) as caught:
        load_targets(write(tmp_path, text))
    return caught.value.message


def test_the_committed_example_loads(tmp_path: Path) -> None:
    shutil.copy(REPO / "publish.example.yaml", tmp_path / "publish.yaml")
    config = load_targets(tmp_path)
    ssh, folder = config.targets
    assert isinstance(ssh, SshTarget) and isinstance(folder, FolderTarget)
    assert (ssh.host, ssh.user, ssh.port, ssh.path) == ("web.vusta.vn", "xuatban", 22, "/var/www/nghi-quyet-45")
    assert ssh.key_file == Path("~/.ssh/nq45_xuatban").expanduser()
    assert ssh.public_url == "https://vusta.vn/nghi-quyet-45/"
    assert (config.keep, config.max_deleted_percent, config.rollback_on_failure) == (5, 10, False)


def test_a_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match=r"publish\.example\.yaml thành publish\.yaml"):
        load_targets(tmp_path)


def test_every_problem_names_file_line_column_and_field(tmp_path: Path) -> None:
    text = SSH.format(host="web.vusta.vn", user="xuatban", port=70000, path="/var/www/../etc") + "keep: 1\nmax_deleted_percent: 0\n"
    message = problems(tmp_path, text)
    assert 'File "publish.yaml", dòng 6, cột 11, trường targets[1].port' in message
    assert "cần một số nguyên từ 1 đến 65535" in message
    assert 'File "publish.yaml", dòng 7, cột 11, trường targets[1].path' in message
    assert "không được có '..'" in message
    assert "dòng 8, cột 7, trường keep" in message
    assert "    path: /var/www/../etc" in message  # the offending line, with a caret under it
    assert "Có 3 lỗi trong tệp cấu hình xuất bản" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("host", "-oProxyCommand=touch /tmp/x", "cần tên máy chủ"),
        ("host", "web.vusta.vn;rm", "cần tên máy chủ"),
        ("user", "-lroot", "cần tên người dùng"),
        ("user", "xuat ban", "cần tên người dùng"),
        ("port", '"22; rm -rf /"', "cần một số nguyên"),
        ("port", "true", "cần một số nguyên"),
        ("path", "var/www/x", "cần đường dẫn tuyệt đối"),
        ("path", "/", "không được là thư mục gốc"),
        ("path", "/var/www/$(reboot)", "có ký tự không dùng được"),
        ("path", "'/var/www/a b'", "có ký tự không dùng được"),
        ("path", "/var//www", "không được có '..', '.' hay '//'"),
    ],
)
def test_values_a_command_could_misread_are_refused(tmp_path: Path, field: str, value: str, expected: str) -> None:
    values = {"host": "web.vusta.vn", "user": "xuatban", "port": "22", "path": "/var/www/nghi-quyet-45", field: value}
    message = problems(tmp_path, SSH.format(**values))
    assert expected in message and f"trường targets[1].{field}" in message


def test_secrets_are_refused_and_never_quoted(tmp_path: Path) -> None:
    secret = "hunter2-mat-khau-bi-mat"
    text = SSH.format(host="h.vn", user="u", port=22, path="/srv/x") + f"    password: {secret}\n"
    message = problems(tmp_path, text)
    assert "không ghi mật khẩu hay khóa vào tệp cấu hình" in message and "trường targets[1].password" in message
    assert secret not in message  # not even in the quoted line of the file
    key = "-----BEGIN OPENSSH PRIVATE KEY-----"
    text = SSH.format(host="h.vn", user="u", port=22, path="/srv/x") + f'    key_file: "{key}abc"\n'
    message = problems(tmp_path, text)
    assert "không phải nội dung khóa" in message and "BEGIN" not in message


def test_kinds_names_and_unknown_fields(tmp_path: Path) -> None:
    text = (
        "targets:\n  - name: a\n    kind: ftp\n    path: /srv/a\n  - name: Sai Ten\n    kind: folder\n    path: /srv/b\n    colour: red\n"
    )
    message = problems(tmp_path, text)
    assert 'giá trị "ftp" không hợp lệ; cần một trong: "folder", "ssh"' in message
    assert "trường targets[2].name" in message and "cần tên ngắn viết thường" in message
    assert 'trường "colour" không được hỗ trợ' in message
    same = "targets:\n  - {name: a, kind: folder, path: /srv/a}\n  - {name: a, kind: folder, path: /srv/b}\n"
    assert 'tên "a" đã dùng cho nơi khác' in problems(tmp_path, same)


def test_a_yaml_error_is_a_message(tmp_path: Path) -> None:
    message = problems(tmp_path, "targets: [\n")
    assert "lỗi cú pháp YAML" in message and 'File "publish.yaml"' in message


def test_chosen_target_and_unknown_name(tmp_path: Path) -> None:
    config = load_targets(
        write(tmp_path, "targets:\n  - {name: a, kind: folder, path: /srv/a}\n  - {name: b, kind: folder, path: /srv/b}\n")
    )
    assert [t.name for t in config.chosen("b")] == ["b"]
    with pytest.raises(PublishError, match=r'Không có nơi xuất bản tên "c".*các nơi đã khai báo: a, b'):
        config.chosen("c")


def test_field_checks() -> None:
    assert host_problem("192.168.1.10") is None and host_problem("::1") is None and host_problem("web-1.vusta.vn") is None
    assert host_problem("-p") is not None and host_problem("a..b") is not None
    assert path_problem("/var/www/nghị-quyết") is None  # letters of any script are plain


def test_release_ids_grow_and_sort_as_text() -> None:
    import datetime as dt

    now = dt.datetime(2026, 1, 2, 3, 4, 5, 999, tzinfo=dt.UTC)
    first = new_release_id((), now)
    assert first == "20260102T030405Z"
    second = new_release_id((first,), now)  # the same second: one later
    assert second == "20260102T030406Z" and sorted([second, first]) == [first, second]
    assert new_release_id((first, second), now - dt.timedelta(days=1)) == "20260102T030407Z"  # a clock set back


def test_what_a_target_reports_is_untrusted() -> None:
    state = parse_state("C /etc\nN d 20260102T030405Z\nN l .incoming\nN d ../x\nM 20260102T030405Z.json [1]\n")
    assert state.current is None and state.current_problem == "/etc"
    assert state.ids == ("20260102T030405Z",) and not state.interrupted
    release = read_metadata("20260102T030405Z", '{"publisher": "a\\u001b[31mb", "files": true, "data_commit": "$(x)"}', False)
    assert release.publisher == "a\\x1b[31mb" and release.files is None and release.data_commit is None


def test_a_target_without_its_kind_says_only_that(tmp_path: Path) -> None:
    message = problems(tmp_path, "targets:\n  - name: a\n    host: h.vn\n    path: /srv/a\n")
    assert 'thiếu trường bắt buộc "kind"' in message and "không được hỗ trợ" not in message
