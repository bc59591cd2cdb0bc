"""Hostile HTTP servers on 127.0.0.1 for the fetcher's limits: slow, stacked-gzip, endless.

Each server answers from a raw socket in a daemon thread, stops itself after ``max_seconds``
or when closed, and never talks to anything but the one loopback client.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Writer = Callable[[socket.socket, threading.Event], None]


@dataclass
class RawServer:
    """A one-handler socket server: ``url`` to fetch, ``close()`` (or ``with``) to stop."""

    writer: Writer
    max_seconds: float = 30.0
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}/"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        ends = time.monotonic() + self.max_seconds
        while not self.stop.is_set() and time.monotonic() < ends:
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()
        self._sock.close()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(1.0)
            try:
                _read_request(conn)
                self.writer(conn, self.stop)
            except OSError:
                return  # the client gave up: what the tests want

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=2)

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


def slow_headers(interval: float, lines: int = 10_000) -> Writer:
    """A status line, then one header line every ``interval`` seconds, never ending."""

    def write(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        for n in range(lines):
            if stop.wait(interval):
                return
            conn.sendall(f"X-Drip-{n}: {n}\r\n".encode())

    return write


def slow_body(interval: float, size: int = 10_000) -> Writer:
    """Headers at once, then the body one byte every ``interval`` seconds."""

    def write(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            + f"Content-Length: {size}\r\n\r\n".encode()
        )
        for _ in range(size):
            if stop.wait(interval):
                return
            conn.sendall(b"x")

    return write


def fixed(body: bytes, encoding: str = "", content_type: str = "text/html") -> Writer:
    """One complete response with ``body`` sent as is under ``Content-Encoding: encoding``."""

    def write(conn: socket.socket, stop: threading.Event) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
        if encoding:
            head += f"Content-Encoding: {encoding}\r\n"
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        conn.sendall(head.encode() + body)

    return write


def gzip_of_zeros(size: int) -> bytes:
    """A valid gzip of ``size`` zero bytes (a multiple of 1 MiB), built without inflating it.

    After a full flush a deflate stream forgets its history, so one compressed megabyte of
    zeros can be repeated; 1 GiB comes to about 1 MB.
    """
    block = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    head = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    repeat = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    final_empty_block = b"\x03\x00"
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return head + repeat * (size // len(block) - 1) + final_empty_block + trailer


def encode_stack(body: bytes, names: list[str]) -> bytes:
    """``body`` with each encoding of ``names`` applied in order (as Content-Encoding lists)."""
    for name in names:
        if name == "gzip":
            body = gzip.compress(body)
        elif name == "deflate":
            body = zlib.compress(body)
        elif name == "raw-deflate":
            packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            body = packer.compress(body) + packer.flush()
    return body


def header_names(names: list[str]) -> str:
    """The Content-Encoding header for ``names`` (raw deflate is announced as deflate)."""
    return ", ".join("deflate" if n == "raw-deflate" else n for n in names)


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    """``data`` in pieces of ``size`` bytes (how a socket might deliver it)."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
