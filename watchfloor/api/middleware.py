"""ASGI middleware: trusted Host names, request body size cap and security headers."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
# /docs loads Swagger UI with inline script: it gets the default FastAPI page without our CSP.
_NO_CSP_PREFIXES = ("/docs", "/redoc")


class BodyTooLarge(HTTPException):
    """Raised inside the receive wrapper when a streamed body passes the cap.

    An HTTPException, so FastAPI's body parsing lets it through as a 413 (not a 400).
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(413, _message(size, limit))


def _message(size: int, limit: int) -> str:
    return f"request body too large: {size} bytes, the limit is {limit} bytes; send smaller batches"


class BodyLimitMiddleware:
    """Answer 413 with a clear message when a request body is larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send, int(declared))
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(seen, self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, seen)

    async def _refuse(self, send: Send, size: int) -> None:
        await send_error(send, 413, _message(size, self.max_bytes))


class SecurityHeadersMiddleware:
    """Add a strict Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        skip_csp = path.startswith(_NO_CSP_PREFIXES)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in SECURITY_HEADERS:
                    if skip_csp and name in (b"content-security-policy", b"x-frame-options"):
                        continue
                    headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without port, brackets or a trailing dot, lower-cased."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    name, sep, port = value.rpartition(":")
    if sep and port.isdigit() and ":" not in name:
        value = name
    return value.rstrip(".")


class TrustedHostMiddleware:
    """Answer 400 unless the request's Host header names one of ``hosts`` (any port).

    A page on another site can point its own DNS name at 127.0.0.1 (DNS rebinding) and read
    the API from the analyst's browser; the browser still sends that foreign name as Host.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host")
        header = raw.decode("latin-1") if raw is not None else ""
        if host_name(header) in self.hosts:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = f"Host header {header!r}" if raw is not None else "a request without a Host header"
        message = (
            f"{shown} is not a trusted host name: this server answers "
            f"{', '.join(sorted(self.hosts))} (add names with 'serve --host' or the "
            "trusted_hosts setting)"
        )
        await send_error(send, 400, message)


async def send_error(send: Send, status: int, message: str) -> None:
    """Answer a request from middleware with ``{"error": message}`` and ``status``."""
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
