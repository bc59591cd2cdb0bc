"""The fetcher holds its limits against hostile local servers: decoded size and deadline."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest

from tests.ingest.hostile import (
    RawServer,
    encode_stack,
    fixed,
    gzip_of_zeros,
    header_names,
    slow_body,
    slow_headers,
)
from watchfloor.errors import FetchError
from watchfloor.ingest.fetch import Fetcher
from watchfloor.settings import Settings

CAP = 1_000_000
GIB = 1 << 30
STORY = b"<html><body><p>Protesters gathered outside the ministry in Khartoum.</p></body></html>"


@pytest.fixture(scope="module")
def stacked_gib() -> bytes:
    """About 1 GiB of zeros under ``gzip, gzip``: a few kilobytes on the wire."""
    return gzip.compress(gzip_of_zeros(GIB))


def _settings(timeout: float = 5.0) -> Settings:
    return Settings(fetch_max_bytes=CAP, fetch_timeout=timeout, allow_private=True)


def _fetch(server: RawServer, timeout: float = 5.0) -> bytes:
    with Fetcher(_settings(timeout)) as fetcher:
        return fetcher.get(server.url).body


@pytest.fixture
def served() -> Iterator[list[RawServer]]:
    started: list[RawServer] = []
    yield started
    for server in started:
        server.close()


def test_stacked_gzip_gigabyte_stops_at_the_cap_without_growing_memory(
    stacked_gib: bytes, served: list[RawServer]
) -> None:
    assert len(stacked_gib) < 100_000
    served.append(server := RawServer(fixed(stacked_gib, "gzip, gzip")))
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=f"over the {CAP}-byte limit"):
            _fetch(server)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * CAP, f"peak {peak:,} bytes while decoding"


@pytest.mark.parametrize(
    "names",
    [
        [],
        ["gzip"],
        ["deflate"],
        ["raw-deflate"],
        ["gzip", "gzip"],
        ["deflate", "gzip"],
        ["gzip", "raw-deflate", "gzip"],
    ],
)
def test_stacked_encodings_within_the_limit_decode_to_the_page(
    names: list[str], served: list[RawServer]
) -> None:
    served.append(server := RawServer(fixed(encode_stack(STORY, names), header_names(names))))
    assert _fetch(server) == STORY


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        ("gzip, gzip, gzip, gzip", encode_stack(STORY, ["gzip"] * 4), "stacks 4 content"),
        ("br", b"\x0b\x02\x80hello\x03", "'br' is not supported"),
        ("gzip", b"\x1f\x8b\x08\x00garbage-not-deflate", "gzip body is corrupt"),
        ("compress", b"\x1f\x9d\x90", "'compress' is not supported"),
    ],
)
def test_unsupported_or_corrupt_encodings_are_refused_by_name(
    header: str, body: bytes, message: str, served: list[RawServer]
) -> None:
    served.append(server := RawServer(fixed(body, header)))
    with pytest.raises(FetchError, match=message) as info:
        _fetch(server)
    assert server.url in str(info.value)


def test_multi_member_gzip_is_read_whole(served: list[RawServer]) -> None:
    body = gzip.compress(STORY[:40]) + gzip.compress(STORY[40:])
    served.append(server := RawServer(fixed(body, "gzip")))
    assert _fetch(server) == STORY


def test_deflate_bomb_stops_at_the_cap(served: list[RawServer]) -> None:
    body = zlib.compress(bytes(50 * CAP), 9)
    served.append(server := RawServer(fixed(body, "deflate")))
    with pytest.raises(FetchError, match="limit"):
        _fetch(server)


@pytest.mark.parametrize(
    "writer", [slow_headers(0.2), slow_headers(0.05), slow_body(0.2)], ids=["h0.2", "h0.05", "b"]
)
def test_a_dripping_server_cannot_hold_a_fetch_past_the_timeout(
    writer: object, served: list[RawServer]
) -> None:
    served.append(server := RawServer(writer))  # type: ignore[arg-type]
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"within 1s \(Settings.fetch_timeout\)"):
        _fetch(server, timeout=1.0)
    assert time.monotonic() - started < 2.0


def test_the_deadline_covers_the_whole_redirect_chain(served: list[RawServer]) -> None:
    slow = RawServer(slow_body(0.1, size=8))  # 0.8 s each: fine alone, too slow twice
    hop = f"HTTP/1.1 302 Found\r\nLocation: {slow.url}\r\nContent-Length: 0\r\n\r\n"

    def redirect_after_a_wait(conn: object, stop: object) -> None:
        time.sleep(0.6)
        conn.sendall(hop.encode())  # type: ignore[attr-defined]

    served += [slow, first := RawServer(redirect_after_a_wait)]
    assert _fetch(slow, timeout=1.0) == b"x" * 8
    with pytest.raises(FetchError, match="within 1s"):
        _fetch(first, timeout=1.0)


def test_a_resolver_that_never_answers_cannot_hold_a_fetch_past_the_timeout() -> None:
    def stuck(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["93.184.216.34"]

    started = time.monotonic()
    fetcher = Fetcher(Settings(fetch_timeout=0.5), resolver=stuck)
    with fetcher, pytest.raises(FetchError, match="cannot resolve host wire.test"):
        fetcher.get("http://wire.test/story")
    assert time.monotonic() - started < 1.5
