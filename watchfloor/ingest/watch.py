"""Poll a list of feeds on a schedule, taking only items not seen before."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import InputError, WatchfloorError
from watchfloor.ingest.feeds import Feed, feed_items, parse_feed
from watchfloor.ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetcher
from watchfloor.ingest.inputs import is_url
from watchfloor.ingest.items import IngestSummary, ItemFailure, Origin
from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store.database import Store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class FeedPoll:
    """What one feed gave in one cycle."""

    feed: str
    status: str  # ok | not modified | error
    new_items: int = 0
    error: str | None = None


@dataclass(frozen=True)
class CycleReport:
    """One polling cycle: each feed's outcome and the ingest summary of all of them."""

    cycle: int
    started: dt.datetime
    polls: tuple[FeedPoll, ...]
    summary: IngestSummary


def parse_every(text: str) -> float:
    """Seconds in a duration like ``15m``, ``30s``, ``2h``, ``1d`` or ``90`` (seconds)."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise InputError(f"--every {text!r}: use a positive duration like 30s, 15m, 2h or 1d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs or paths, one a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the feed list: {exc}") from exc
    feeds = [line.split("#", 1)[0].strip() if not is_url(line) else line.strip() for line in lines]
    feeds = [f for f in feeds if f and not f.startswith("#")]
    if not feeds:
        raise InputError(f"{path}: the feed list is empty")
    return feeds


def _feed_state(store: Store, feed: str) -> tuple[dict[str, str], set[str]]:
    sql = "SELECT etag, last_modified FROM feeds WHERE url = ?"
    row = store.con.execute(sql, [feed]).fetchone()
    headers: dict[str, str] = {}
    if row and row[0]:
        headers["If-None-Match"] = row[0]
    if row and row[1]:
        headers["If-Modified-Since"] = row[1]
    seen = store.con.execute("SELECT item_key FROM feed_items WHERE feed_url = ?", [feed])
    return headers, {r[0] for r in seen.fetchall()}


def _record(
    store: Store,
    feed: str,
    poll: FeedPoll,
    title: str | None,
    cache: dict[str, str],
    keys: tuple[str, ...],
) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        if keys:
            con.executemany(
                "INSERT OR IGNORE INTO feed_items (feed_url, item_key, first_seen) "
                "VALUES (?, ?, ?)",
                [(feed, key, now) for key in keys],
            )
        con.execute(
            "INSERT INTO feeds (url, title, etag, last_modified, last_polled, last_status, "
            "last_error, items_seen) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "(SELECT count(*) FROM feed_items WHERE feed_url = ?)) ON CONFLICT (url) DO UPDATE "
            "SET title = coalesce(excluded.title, feeds.title), "
            "etag = coalesce(excluded.etag, feeds.etag), "
            "last_modified = coalesce(excluded.last_modified, feeds.last_modified), "
            "last_polled = excluded.last_polled, last_status = excluded.last_status, "
            "last_error = excluded.last_error, items_seen = excluded.items_seen",
            [
                feed,
                title,
                cache.get("etag"),
                cache.get("last-modified"),
                now,
                poll.status,
                poll.error,
                feed,
            ],
        )


def _fetch_feed(
    feed: str, fetcher: Fetcher, headers: dict[str, str]
) -> tuple[Feed | None, dict[str, str]]:
    """The parsed feed (None when unchanged since the last poll) and its cache headers."""
    if not is_url(feed):
        return parse_feed(Path(feed).read_bytes(), feed), {}
    response = fetcher.get(feed, accept=FEED_TYPES + PAGE_TYPES, headers=headers)
    if response.not_modified:
        return None, {}
    cache = {k: v for k, v in response.headers.items() if k in ("etag", "last-modified")}
    return parse_feed(response.body, feed, response.final_url), cache


def poll_feed(
    store: Store, ingestor: Ingestor, fetcher: Fetcher, feed: str
) -> tuple[FeedPoll, IngestSummary]:
    """Fetch one feed, ingest its unseen items, and remember them."""
    headers, seen = _feed_state(store, feed)
    try:
        parsed, cache = _fetch_feed(feed, fetcher, headers)
    except (WatchfloorError, OSError) as exc:
        poll = FeedPoll(feed, "error", error=str(exc))
        _record(store, feed, poll, None, {}, ())
        # A feed that cannot be read is a failure of the cycle, named, not a quiet zero.
        failure = ItemFailure(Origin(feed), str(exc).removeprefix(f"{feed}: "))
        return poll, IngestSummary(failed=1, failures=(failure,))
    if parsed is None:
        poll = FeedPoll(feed, "not modified")
        _record(store, feed, poll, None, {}, ())
        return poll, IngestSummary()
    items = feed_items(
        parsed, feed, fetcher, feed_url=feed if is_url(feed) else None, skip_keys=seen
    )
    summary = ingestor.ingest_items(items)
    poll = FeedPoll(feed, "ok", new_items=len(set(summary.seen_item_keys)))
    _record(store, feed, poll, parsed.title, cache, summary.seen_item_keys)
    return poll, summary


def poll_once(
    store: Store,
    settings: Settings,
    feeds: list[str],
    *,
    ingestor: Ingestor | None = None,
    allow_private: bool | None = None,
    cycle: int = 1,
) -> CycleReport:
    """One cycle over every feed; a failing feed is reported and the others go on."""
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ingestor = ingestor or Ingestor(store, settings)
    polls: list[FeedPoll] = []
    total = IngestSummary()
    with Fetcher(settings, allow_private=allow_private) as fetcher:
        for feed in feeds:
            poll, summary = poll_feed(store, ingestor, fetcher, feed)
            polls.append(poll)
            total = total + summary
    return CycleReport(cycle, started, tuple(polls), total)


def watch(
    open_store: Callable[[], Store],
    settings: Settings,
    feeds_file: Path,
    *,
    every: float,
    max_cycles: int | None = None,
    allow_private: bool | None = None,
    on_cycle: Callable[[Store, CycleReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll the feeds in ``feeds_file`` every ``every`` seconds; returns the cycles run.

    The database is opened (``open_store()``) for each cycle and closed while sleeping, so
    other commands can use it between polls; ``on_cycle(store, report)`` runs while it is
    open. The feed list is re-read each cycle, so feeds can be added while watching. Runs
    until ``max_cycles`` (None: forever, until interrupted).
    """
    cycle = 0
    while max_cycles is None or cycle < max_cycles:
        cycle += 1
        begun = time.monotonic()
        feeds = read_feed_list(feeds_file)
        with open_store() as store:
            report = poll_once(store, settings, feeds, allow_private=allow_private, cycle=cycle)
            if on_cycle is not None:
                on_cycle(store, report)
        if max_cycles is not None and cycle >= max_cycles:
            break
        sleep(max(0.0, every - (time.monotonic() - begun)))
    return cycle
