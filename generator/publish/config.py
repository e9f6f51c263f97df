"""The project's publishing configuration (`publish.yaml`): where the site goes, read and checked like data/, with
every problem named by file, line, column and field. It names key files, never keys or passwords."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.corpus.errors import Problem
from generator.corpus.reader import Reader
from generator.corpus.yamlsource import MappingNode, Node, ScalarNode, compose_file
from generator.publish.errors import PublishError
from generator.publish.fields import host_problem, local_file_problem, name_problem, path_problem, user_problem

CONFIG_NAME = "publish.yaml"
EXAMPLE_NAME = "publish.example.yaml"
DEFAULT_KEEP = 5
DEFAULT_MAX_DELETED_PERCENT = 10
# Keys someone might use to put a secret in the file: refused without ever quoting their value.
SECRET_KEYS = ("password", "passphrase", "private_key", "key", "secret", "token")


@dataclass(frozen=True)
class FolderTarget:
    """A folder on this machine: a web root, a mounted share."""

    name: str
    path: str
    public_url: str | None = None


@dataclass(frozen=True)
class SshTarget:
    """A server reached with ssh and rsync, its host key checked against `known_hosts`."""

    name: str
    host: str
    user: str
    path: str
    port: int = 22
    key_file: Path | None = None
    known_hosts: Path | None = None
    public_url: str | None = None


Target = FolderTarget | SshTarget


@dataclass(frozen=True)
class PublishConfig:
    """Every target, and the rules a publish follows on each."""

    project_root: Path
    targets: tuple[Target, ...]
    keep: int = DEFAULT_KEEP
    max_deleted_percent: int = DEFAULT_MAX_DELETED_PERCENT
    bandwidth_limit_kib: int | None = None
    rollback_on_failure: bool = False

    def chosen(self, name: str | None) -> tuple[Target, ...]:
        """The target called `name`, or every target."""
        if name is None:
            return self.targets
        for target in self.targets:
            if target.name == name:
                return (target,)
        known = ", ".join(t.name for t in self.targets)
        raise PublishError(f'Không có nơi xuất bản tên "{name[:40]}" trong {CONFIG_NAME}; các nơi đã khai báo: {known}.')


class PublishConfigError(PublishError):
    """The configuration file has problems; each is in `problems`, with its place."""

    def __init__(self, problems: list[Problem], root: Path) -> None:
        self.problems = sorted(set(problems))
        blocks = [_block(problem, root) for problem in self.problems]
        blocks.append(f"Có {len(self.problems)} lỗi trong tệp cấu hình xuất bản; chưa xuất bản gì.")
        super().__init__("\n\n".join(blocks))


def _block(problem: Problem, root: Path) -> str:
    """A problem as `check` prints it, but without the file's line where that line may hold a secret."""
    text = problem.format(root)
    secret = problem.field.rsplit(".", 1)[-1].lower() in (*SECRET_KEYS, "key_file", "known_hosts")
    return "\n".join(text.splitlines()[:2]) if secret else text


def load_targets(project_root: Path, file_name: str = CONFIG_NAME) -> PublishConfig:
    """Read and check `publish.yaml` at the top of the project; raise PublishConfigError naming every problem."""
    path = project_root / file_name
    if not path.is_file():
        raise PublishError(
            f"Chưa có tệp cấu hình xuất bản {file_name} ở thư mục dự án. Hãy chép {EXAMPLE_NAME} thành {file_name} "
            "rồi ghi nơi xuất bản (xem mục Publishing trong README)."
        )
    root, problems = compose_file(path, file_name)
    if root is None:
        raise PublishConfigError(problems, project_root)
    reader = Reader(file_name)
    reader.problems.extend(problems)
    config = _read_config(reader, root, project_root)
    if reader.problems or config is None:
        raise PublishConfigError(reader.problems, project_root)
    return config


def _read_config(reader: Reader, root: Node, project_root: Path) -> PublishConfig | None:
    optional = ("keep", "max_deleted_percent", "bandwidth_limit_kib", "rollback_on_failure")
    fields = reader.mapping(root, "", ("targets",), optional)
    if fields is None:
        return None
    targets = tuple(
        t for t in (_target(reader, node, path, project_root) for node, path in reader.items(fields.get("targets"), "targets")) if t
    )
    names = [target.name for target in targets]
    for node, path in reader.items(fields.get("targets"), "targets"):
        name = _scalar(node, "name")
        if name is not None and names.count(name) > 1:
            reader.problem(node, f"{path}.name", f'tên "{name}" đã dùng cho nơi khác; mỗi nơi xuất bản một tên')
    if not targets and not reader.problems:
        reader.problem(root, "targets", "cần ít nhất một nơi xuất bản")
    keep = _integer(reader, fields.get("keep"), "keep", 2, 100)
    deleted = _integer(reader, fields.get("max_deleted_percent"), "max_deleted_percent", 0, 100)
    return PublishConfig(
        project_root=project_root,
        targets=targets,
        keep=DEFAULT_KEEP if keep is None else keep,
        max_deleted_percent=DEFAULT_MAX_DELETED_PERCENT if deleted is None else deleted,
        bandwidth_limit_kib=_integer(reader, fields.get("bandwidth_limit_kib"), "bandwidth_limit_kib", 1, 10_000_000),
        rollback_on_failure=reader.boolean(fields.get("rollback_on_failure"), "rollback_on_failure"),
    )


def _target(reader: Reader, node: Node, path: str, project_root: Path) -> Target | None:
    if isinstance(node, MappingNode):
        for key, _ in node.value:
            if isinstance(key, ScalarNode) and str(key.value).lower() in SECRET_KEYS:
                message = "không ghi mật khẩu hay khóa vào tệp cấu hình; hãy dùng key_file (đường dẫn tới tệp khóa) và ssh-agent"
                reader.problem(key, f"{path}.{key.value}", message)
                return None
    kind = _scalar(node, "kind")
    reader_for = KINDS.get(kind or "")
    if reader_for is None:
        fields = reader.mapping(node, path, ("name", "kind"), ANY_KIND_FIELDS)
        if fields is not None and "kind" in fields:
            reader.choice(fields["kind"], f"{path}.kind", list(KINDS))
        return None
    return reader_for(reader, node, path, project_root)


def _folder(reader: Reader, node: Node, path: str, project_root: Path) -> Target | None:
    fields = reader.mapping(node, path, ("name", "kind", "path"), ("public_url",))
    if fields is None:
        return None
    name = _checked(reader, fields.get("name"), f"{path}.name", name_problem)
    folder = _checked(reader, fields.get("path"), f"{path}.path", path_problem)
    public_url = _public_url(reader, fields.get("public_url"), f"{path}.public_url")
    if name is None or folder is None:
        return None
    return FolderTarget(name, folder.rstrip("/"), public_url)


def _ssh(reader: Reader, node: Node, path: str, project_root: Path) -> Target | None:
    optional = ("port", "key_file", "known_hosts", "public_url")
    fields = reader.mapping(node, path, ("name", "kind", "host", "user", "path"), optional)
    if fields is None:
        return None
    name = _checked(reader, fields.get("name"), f"{path}.name", name_problem)
    host = _checked(reader, fields.get("host"), f"{path}.host", host_problem)
    user = _checked(reader, fields.get("user"), f"{path}.user", user_problem)
    folder = _checked(reader, fields.get("path"), f"{path}.path", path_problem)
    port = _integer(reader, fields.get("port"), f"{path}.port", 1, 65535) or 22
    key_file = _local_file(reader, fields.get("key_file"), f"{path}.key_file", project_root)
    known_hosts = _local_file(reader, fields.get("known_hosts"), f"{path}.known_hosts", project_root)
    public_url = _public_url(reader, fields.get("public_url"), f"{path}.public_url")
    if name is None or host is None or user is None or folder is None:
        return None
    return SshTarget(name, host, user, folder.rstrip("/"), port, key_file, known_hosts, public_url)


# Every field some kind of target has: not reported as unknown while the kind itself is wrong or missing.
ANY_KIND_FIELDS = ("path", "public_url", "host", "user", "port", "key_file", "known_hosts")
# The kinds of target, by the value of `kind`.
KINDS: dict[str, Callable[[Reader, Node, str, Path], Target | None]] = {"folder": _folder, "ssh": _ssh}


def _scalar(node: Node, key: str) -> str | None:
    if isinstance(node, MappingNode):
        for name, value in node.value:
            if isinstance(name, ScalarNode) and name.value == key and isinstance(value, ScalarNode):
                return str(value.value)
    return None


def _checked(reader: Reader, node: Node | None, path: str, problem_of: Callable[[str], str | None]) -> str | None:
    value = reader.string(node, path, required=True)
    if value is None or node is None:
        return None
    problem = problem_of(value)
    if problem is not None:
        reader.problem(node, path, problem)
        return None
    return value


def _integer(reader: Reader, node: Node | None, path: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`; None when absent (or wrong, with a problem recorded)."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return None
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
        with contextlib.suppress(ValueError):
            value = int(str(node.value).replace("_", ""), 10)
            if low <= value <= high:
                return value
    reader.problem(node, path, f"cần một số nguyên từ {low} đến {high}")
    return None


def _local_file(reader: Reader, node: Node | None, path: str, project_root: Path) -> Path | None:
    if node is None:
        return None
    if not isinstance(node, ScalarNode):
        reader.problems.append(Problem(reader.at(node), path, "cần đường dẫn tới một tệp"))
        return None
    value = str(node.value).strip()
    problem = local_file_problem(value)
    if problem is not None:
        reader.problem(node, path, problem)
        return None
    file = Path(value).expanduser()
    return file if file.is_absolute() else project_root / file


def _public_url(reader: Reader, node: Node | None, path: str) -> str | None:
    value = reader.url(node, path)
    if value is None or node is None:
        return None
    if not value.lower().startswith(("http://", "https://")):
        reader.problem(node, path, "cần địa chỉ web của trang, bắt đầu bằng https:// hoặc http://")
        return None
    return value if value.endswith("/") else value + "/"


__all__ = ["CONFIG_NAME", "FolderTarget", "PublishConfig", "PublishConfigError", "SshTarget", "Target", "load_targets"]
