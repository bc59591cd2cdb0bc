"""Undo a response's Content-Encoding step by step, never holding more than the cap.

Each encoding becomes a lazy stage that inflates at most ``STEP`` bytes per call, so a
stack such as ``gzip, gzip`` around a gigabyte of zeros is abandoned once the *decoded*
total passes the cap, with memory bounded by (stages x STEP) plus the cap itself.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from watchfloor.errors import FetchError

STEP = 64 * 1024
MAX_STACKED = 3  # a real server applies one encoding; three leaves room and bounds the work
ACCEPT_ENCODING = "gzip, deflate"
IDENTITY = frozenset({"identity", ""})
GZIP_MAGIC = b"\x1f\x8b"


def encodings(header: str) -> list[str]:
    """The encodings of a Content-Encoding header, in the order they were applied."""
    names = [part.strip().lower() for part in header.split(",")]
    return [name for name in names if name not in IDENTITY]


def _zlib_header(head: bytes) -> bool:
    """Whether two bytes open a zlib stream (RFC 1950) rather than raw deflate."""
    return head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] << 8 | head[1]) % 31 == 0


class _Stage:
    """One zlib stream (gzip or deflate), fed compressed bytes, yielding bounded pieces."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._gzip = name in ("gzip", "x-gzip")
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        # Servers send "deflate" as zlib or as raw deflate: the first two bytes tell which.
        self._head: bytes | None = None if self._gzip else b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._head is not None:
            data = self._head + data
            if len(data) < 2:
                self._head = data
                return
            self._head = None
            if not _zlib_header(data):
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        while data:
            try:
                piece = self._inflater.decompress(data, STEP)
            except zlib.error as exc:
                raise FetchError(f"the {self.name} body is corrupt: {exc}") from exc
            data = self._inflater.unconsumed_tail
            if self._inflater.eof and self._gzip and self._inflater.unused_data[:2] == GZIP_MAGIC:
                # A gzip file may hold several members one after another.
                data = self._inflater.unused_data
                self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            if piece:
                yield piece

    def finish(self) -> Iterator[bytes]:
        """What the inflater still holds once the input has ended, in bounded pieces."""
        if self._head:
            raise FetchError(f"the {self.name} body is corrupt: it ends after one byte")
        while not self._inflater.eof:
            try:
                piece = self._inflater.decompress(b"", STEP)
            except zlib.error as exc:
                raise FetchError(f"the {self.name} body is corrupt: {exc}") from exc
            if not piece:
                break
            yield piece
        tail = self._inflater.flush()
        if tail:
            yield tail


def _inflate(chunks: Iterable[bytes], stage: _Stage) -> Iterator[bytes]:
    for chunk in chunks:
        yield from stage.feed(chunk)
    yield from stage.finish()


def decoded(raw: Iterable[bytes], header: str) -> Iterator[bytes]:
    """The body behind ``raw`` (the bytes on the wire) as lazily decoded pieces.

    Raises FetchError for an unknown encoding, more than MAX_STACKED encodings, or a
    corrupt compressed stream.
    """
    names = encodings(header)
    if len(names) > MAX_STACKED:
        raise FetchError(
            f"the response stacks {len(names)} content encodings ({header}); "
            f"at most {MAX_STACKED} are decoded"
        )
    stream: Iterable[bytes] = raw
    for name in reversed(names):
        if name not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(
                f"content encoding {name!r} is not supported (only gzip and deflate)"
            )
        stream = _inflate(stream, _Stage(name))
    return iter(stream)


def read_capped(pieces: Iterable[bytes], cap: int, what: str) -> bytes:
    """All of ``pieces`` joined; raises FetchError as soon as the total passes ``cap``."""
    chunks: list[bytes] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > cap:
            raise FetchError(f"{what}: response is over the {cap}-byte limit (decoded)")
        chunks.append(piece)
    return b"".join(chunks)
