"""A local server answers its own host names only (DNS rebinding)."""

from __future__ import annotations

import pytest

from generator.support.hosts import host_allowed, own_names, split_host


@pytest.mark.parametrize(
    ("header", "host"),
    [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "::1"), ("LocalHost", "localhost"), ("example.vn:80", "example.vn"), ("[::1]", "::1")],
)
def test_split_host(header: str, host: str) -> None:
    assert split_host(header) == host


def test_loopback_server_answers_loopback_names_only() -> None:
    names = own_names("127.0.0.1")
    assert host_allowed("127.0.0.1:8000", names)
    assert host_allowed("localhost:8000", names)
    assert not host_allowed("attacker.example:8000", names)
    assert not host_allowed("", names)
    assert not host_allowed(None, names)


def test_names_behind_a_proxy_are_added() -> None:
    names = own_names("127.0.0.1", ("bientap.vusta.vn",))
    assert host_allowed("bientap.vusta.vn", names)
    assert not host_allowed("vusta.vn", names)
