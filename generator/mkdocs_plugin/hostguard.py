"""The preview answers only requests addressed to its own names: a web page the officer visits cannot read it
through a name of its own that resolves to this machine (DNS rebinding). Wraps the live-reload server's WSGI
application through wsgiref's public get_app/set_app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.support.hosts import host_allowed, own_names

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
REFUSED = "Máy xem trước chỉ trả lời địa chỉ của chính nó (ví dụ 127.0.0.1 hoặc localhost).".encode()


def guarded(application: WsgiApp, names: frozenset[str]) -> WsgiApp:
    """`application`, answering 421 to a request whose Host header is not one of `names`."""

    def guard(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if host_allowed(environ.get("HTTP_HOST"), names):
            return application(environ, start_response)
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(REFUSED)))]
        start_response("421 Misdirected Request", headers)
        return [REFUSED]

    return guard


def guard_server(server: Any, bind_host: str) -> None:
    """Make `server` (a wsgiref server, as MkDocs' LiveReloadServer is) answer only its own names."""
    server.set_app(guarded(server.get_app(), own_names(bind_host)))
