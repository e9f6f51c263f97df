"""Real servers for the publishing benchmark and tests: Debian's OpenSSH server and nginx, started as the current
user on free loopback ports with throwaway keys and configuration in a temporary folder, stopped afterwards. A plain
module (no fixtures): the tests import it from bench/, which never imports the tests."""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.support import REPO
from generator.publish import Phase, PublishEvent

SSHD = "/usr/sbin/sshd"
NGINX = "/usr/sbin/nginx"
NGINX_SITE = REPO / "deploy" / "nginx" / "nghi-quyet-45.conf"
# The folder the shipped nginx configuration serves; a test puts its target's folder in its place.
NGINX_SITE_ROOT = "/var/www/nghi-quyet-45"
PREFIX = "/nghi-quyet-45/"


@dataclass(frozen=True)
class SshServer:
    """An sshd on 127.0.0.1 that lets the current user in with `key_file` only; its host key is in `known_hosts`."""

    port: int
    user: str
    key_file: Path
    known_hosts: Path

    def target_yaml(self, name: str, path: Path, public_url: str | None = None) -> str:
        """A publish.yaml entry for a target in `path` on this server."""
        lines = [
            f"  - name: {name}",
            "    kind: ssh",
            "    host: 127.0.0.1",
            f"    port: {self.port}",
            f"    user: {self.user}",
            f"    path: {path}",
            f"    key_file: {self.key_file}",
            f"    known_hosts: {self.known_hosts}",
        ]
        return "\n".join([*lines, f"    public_url: {public_url}"] if public_url else lines) + "\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}")


@contextlib.contextmanager
def _running(command: list[str], port: int, log: Path) -> Iterator[None]:
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _keygen(path: Path) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nq45-test", "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text(encoding="ascii").strip()


@contextlib.contextmanager
def ssh_server(folder: Path) -> Iterator[SshServer]:
    """sshd in the foreground (-D), its log in `folder`/sshd.log; as root, root may log in with a key only."""
    folder.mkdir(parents=True, exist_ok=True)
    host_key = _keygen(folder / "host_key")
    client_key = _keygen(folder / "client_key")
    (folder / "authorized_keys").write_text(client_key + "\n", encoding="ascii")
    port = free_port()
    user = getpass.getuser()
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key}\n", encoding="ascii")
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\nPidFile {folder / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nAllowUsers {user}\nPermitRootLogin prohibit-password\n"
        "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
        "X11Forwarding no\nAllowAgentForwarding no\nPrintMotd no\nLogLevel ERROR\n",
        encoding="ascii",
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder, as its package sets up
    with _running([SSHD, "-D", "-e", "-f", str(config)], port, folder / "sshd.log"):
        yield SshServer(port, user, folder / "client_key", folder / "known_hosts")


@contextlib.contextmanager
def nginx_server(folder: Path, site_root: Path) -> Iterator[str]:
    """nginx serving the project's deploy/nginx configuration with `site_root` as the target's folder; yields the
    site's address (ending in /nghi-quyet-45/)."""
    folder.mkdir(parents=True, exist_ok=True)
    for temporary in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temporary).mkdir(exist_ok=True)
    site = folder / "nghi-quyet-45.conf"
    site.write_text(NGINX_SITE.read_text(encoding="utf-8").replace(NGINX_SITE_ROOT, str(site_root)), encoding="utf-8")
    port = free_port()
    temporaries = "".join(f"    {kind}_temp_path {folder / name};\n" for kind, name in _TEMPORARIES)
    config = folder / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\ndaemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log off;\n{temporaries}"
        f"    server {{\n        listen 127.0.0.1:{port};\n        server_name localhost;\n        include {site};\n    }}\n}}\n",
        encoding="utf-8",
    )
    with _running([NGINX, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(config)], port, folder / "nginx.log"):
        yield f"http://127.0.0.1:{port}{PREFIX}"


_TEMPORARIES = (("client_body", "body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"), ("uwsgi", "uwsgi"), ("scgi", "scgi"))


def children(name: str) -> list[int]:
    """The ids of this process's children called `name`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            command, rest = stat.read_text().split(" (", 1)[1].rsplit(") ", 1)
            if command == name and int(rest.split()[1]) == os.getpid():
                found.append(int(stat.parent.name))
    return found


def killer_of_rsync(arrived: Callable[[], bool]) -> tuple[Callable[[PublishEvent], None], list[int]]:
    """A progress callback that, once the upload starts, kills rsync as soon as `arrived()` (some files are on the
    target: rsync reports files as it queues them, before they arrive), and the list of the ids it killed."""
    killed: list[int] = []
    watching: list[threading.Thread] = []

    def watch() -> None:
        deadline = time.monotonic() + 120
        while not arrived() and time.monotonic() < deadline:
            time.sleep(0.01)
        for pid in children("rsync"):
            killed.append(pid)  # before the kill: the publish fails as soon as rsync dies
            # SIGKILL, as a power cut or a dropped line would stop it.
            os.kill(pid, 9)

    def on_event(event: PublishEvent) -> None:
        if event.phase is Phase.UPLOAD and not watching:
            watching.append(threading.Thread(target=watch, daemon=True))
            watching[0].start()

    return on_event, killed


def pages_marked(folder: Path, mark: bytes) -> int:
    """How many pages under `folder` end with `mark`."""
    return sum(1 for page in folder.rglob("*.html") if page.read_bytes().endswith(mark))
