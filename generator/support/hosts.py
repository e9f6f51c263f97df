"""Which Host headers a local server answers: its own names only, so that a web page the officer visits cannot
reach it through a name of its own that resolves to this machine (DNS rebinding)."""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def split_host(header: str) -> str:
    """The host of a Host header without its port, lowercased: "[::1]:8000" -> "::1", "Example.vn:80" -> "example.vn"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    host, _, port = value.rpartition(":")
    return host if host and port.isdigit() else value


def own_names(bind_host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a server bound to `bind_host` is reached by: loopback names for a loopback address; for another
    address, that address, the machine's own names, and every name in `extra` (a name behind a proxy)."""
    names = {split_host(name) for name in extra if name.strip()}
    host = bind_host.strip("[]").lower()
    if host in LOOPBACK_NAMES or _is_loopback(host):
        return frozenset(names | LOOPBACK_NAMES | {host})
    names |= {host, *LOOPBACK_NAMES}
    if host in ("0.0.0.0", "::", ""):
        names |= _machine_addresses()
    names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request with this Host header is addressed to us."""
    return bool(header) and split_host(str(header)) in names


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _machine_addresses() -> set[str]:
    """The addresses of this machine's interfaces that its own name resolves to."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            found.add(str(info[4][0]).lower())
    except OSError:
        pass
    return found
