"""A whole-request deadline for httpx: connect, TLS, headers and body share one clock.

httpx's timeouts apply to each socket operation, so a server that sends one header line a
second never trips a 5 s read timeout. Here every connect, read and write waits at most the
time left before the request's deadline, and fails at once when none is left.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import threading
import time
import typing
from collections.abc import Callable, Iterator

import httpcore
import httpx

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "watchfloor_fetch_deadline", default=None
)


@contextlib.contextmanager
def deadline(at: float) -> Iterator[None]:
    """Bound every network operation inside the block by ``at`` (a time.monotonic value)."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


T = typing.TypeVar("T")


def call_within(fn: Callable[[], T]) -> T:
    """``fn()``, abandoned with TimeoutError when the deadline passes first.

    For blocking calls no socket timeout reaches, such as the system resolver; an abandoned
    call finishes in a daemon thread and its answer is dropped.
    """
    at = _DEADLINE.get()
    if at is None:
        return fn()
    box: list[T | BaseException] = []

    def run() -> None:
        try:
            box.append(fn())
        except BaseException as exc:  # handed to the caller's thread below
            box.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(max(at - time.monotonic(), 0.0))
    if not box:
        raise TimeoutError("no answer before the whole-request deadline")
    answer = box[0]
    if isinstance(answer, BaseException):
        raise answer
    return answer


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """The smaller of ``timeout`` and the time left; raises ``error`` when none is left."""
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the whole-request deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(
            self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the fetcher does not connect to unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport:
    """An HTTP/1.1 transport without keep-alive whose sockets obey ``deadline``.

    httpx offers no public hook for the network backend, so the transport's pool is
    replaced by one built with ours (httpx is pinned; tests/ingest/test_fetch.py's slow
    server test fails if a new version changes this).
    """
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_keepalive_connections=0,
        network_backend=_Backend(),
    )
    return transport
