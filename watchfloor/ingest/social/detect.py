"""Recognise a social-media export by its content, whatever the file is called."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from watchfloor.errors import InputError
from watchfloor.ingest.items import Item, ItemFailure, Origin, clean_value
from watchfloor.ingest.social import mastodon, telegram, telegram_html, twitter

HEAD_BYTES = 65_536
EXPORT_SUFFIXES = frozenset({".json", ".js"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD_BYTES)


def _first_line(path: Path) -> object:
    """The first non-empty line parsed as JSON (read whole: a raw v2 page runs to hundreds of
    kilobytes), or None when it does not parse."""
    with path.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                try:
                    return json.loads(raw.decode("utf-8-sig"))
                except (json.JSONDecodeError, UnicodeDecodeError):
                    return None
    return None


def _load_json(path: Path) -> Any:
    try:
        value, _ = clean_value(json.loads(path.read_bytes().decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 JSON (bad byte at {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON (truncated?): {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    return value


def _json_reader(data: Any, name: str, default_source: str | None) -> Iterator[Item] | None:
    if telegram.is_telegram_json(data):
        return telegram.read_telegram_json(data, name, default_source)
    if mastodon.is_outbox(data):
        return mastodon.read_outbox(data, name, default_source)
    if twitter.is_tweet_line(data):
        return twitter.read_tweet_dump([(1, data)], name, default_source)
    if isinstance(data, list) and data and all(twitter.is_tweet_line(t) for t in data[:20]):
        return twitter.read_tweet_dump(enumerate(data, start=1), name, default_source)
    return None


def _dump_lines(path: Path) -> Iterator[tuple[int, object]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield number, clean_value(json.loads(raw.decode("utf-8-sig")))[0]
            except json.JSONDecodeError as exc:
                message = f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"
                yield number, ItemFailure(Origin(str(path), number), message)
            except UnicodeDecodeError as exc:
                message = f"not valid UTF-8 (first bad byte at {exc.start})"
                yield number, ItemFailure(Origin(str(path), number), message)


def _dump_reader(path: Path, name: str, default_source: str | None) -> Iterator[Item]:
    lines = list(_dump_lines(path))
    failures = [v for _, v in lines if isinstance(v, ItemFailure)]
    yield from (ItemFailure(Origin(name, f.origin.line), f.message) for f in failures)
    good = [(n, v) for n, v in lines if not isinstance(v, ItemFailure)]
    yield from twitter.read_tweet_dump(good, name, default_source)


def social_reader(path: Path, name: str, default_source: str | None) -> Iterator[Item] | None:
    """A reader for ``path`` when its content is a known export, else None.

    A ``.json`` or ``.js`` file that is none of them raises InputError: no other reader
    takes those.
    """
    head = _head(path)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    suffix = path.suffix.lower()
    if twitter.archive_part(head) is not None:
        return twitter.read_archive(path, name, default_source)
    if start[:1] == b"<" and telegram_html.looks_like_telegram_html(head):
        parts = telegram_html.chat_parts(path) if path.name == "messages.html" else [path]
        return telegram_html.read_telegram_html(parts, name, default_source)
    if start[:1] in (b"{", b"["):
        if twitter.is_tweet_line(_first_line(path)):
            return _dump_reader(path, name, default_source)
        if suffix in EXPORT_SUFFIXES:
            reader = _json_reader(_load_json(path), name, default_source)
            if reader is None:
                raise InputError(
                    "JSON that is not a Telegram, X or Mastodon export "
                    "(documents go in JSONL, one object per line)"
                )
            return reader
        if suffix not in JSONL_SUFFIXES:
            # An export saved under another name (``result.txt``) is still an export.
            try:
                return _json_reader(_load_json(path), name, default_source)
            except InputError:
                return None
    if suffix in EXPORT_SUFFIXES:
        raise InputError("not a Telegram, X or Mastodon export")
    return None


def is_export(path: Path) -> bool:
    """For folder scans: a ``.json``/``.js`` file that holds posts (tweets.js, result.json,
    outbox.json), not an archive's other parts, scripts or settings."""
    try:
        head = _head(path)
    except OSError:
        return False
    part = twitter.archive_part(head)
    if part is not None:
        return part in twitter.TWEET_PARTS
    if head.lstrip()[:1] not in (b"{", b"["):
        return False
    if b'"orderedItems"' in head:
        return b'"Create"' in head or b'"Announce"' in head  # not likes.json, bookmarks.json
    markers = (b'"messages"', b'"chats"', b'"personal_information"', b'"id_str"', b'"author_id"')
    return any(m in head for m in markers)
