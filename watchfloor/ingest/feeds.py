"""RSS and Atom feeds: parse bytes we fetched ourselves, follow summary-only items to pages."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import warnings
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from watchfloor.errors import InputError, WatchfloorError
from watchfloor.ingest.extract import Extracted, extract_html, html_fragment_text
from watchfloor.ingest.fetch import PAGE_TYPES, Fetcher
from watchfloor.ingest.items import Candidate, Item, ItemFailure, ItemWarning, Origin, derive_id
from watchfloor.records import Document

FULL_CONTENT_CHARS = 400  # item content at least this long is taken as the full story


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: its stable key, link, and whatever text the feed carries."""

    key: str
    link: str | None
    title: str | None
    published: dt.datetime | None
    summary: str
    content: str


@dataclass(frozen=True)
class Feed:
    """A parsed feed: title, format (rss20, atom10, ...) and items."""

    title: str | None
    version: str
    items: tuple[FeedItem, ...]
    problem: str | None = None  # why items may be missing (malformed or truncated XML)


def _timestamp(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        with warnings.catch_warnings():
            # feedparser warns about its own updated->published key fallback.
            warnings.simplefilter("ignore", DeprecationWarning)
            parsed = entry.get(key)
        if parsed:
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).replace(tzinfo=None)
    return None


def _item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    if link and not str(link).lower().startswith(("http://", "https://")):
        link = None  # e.g. an Atom id like urn:...: nothing to follow
    summary = html_fragment_text(entry.get("summary") or "")
    content = "\n\n".join(
        html_fragment_text(part.get("value") or "") for part in entry.get("content") or []
    ).strip()
    title = html_fragment_text(entry.get("title") or "") or None
    key = entry.get("id") or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\x1f{summary}".encode()).hexdigest()[:24]
    return FeedItem(str(key), link, title, _timestamp(entry), summary, content)


def parse_feed(data: bytes, name: str, base_url: str | None = None) -> Feed:
    """Parse feed bytes; raises InputError when they are not RSS or Atom (e.g. an HTML page)."""
    import feedparser

    if not data.strip():
        raise InputError(f"{name}: the feed is empty ({len(data)} bytes)")
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        head = data[:2048].lower()
        looks = " (it looks like an HTML page)" if b"<html" in head or b"<!doctype" in head else ""
        raise InputError(f"{name}: not an RSS or Atom feed{looks}")
    problem = _malformed(parsed, data)
    if problem and not parsed.entries:
        raise InputError(f"{name}: {problem}; no item could be read")
    return Feed(
        title=parsed.feed.get("title") or None,
        version=parsed.get("version") or "unknown",
        items=tuple(_item(entry) for entry in parsed.entries),
        problem=problem,
    )


def _malformed(parsed: Any, data: bytes) -> str | None:
    """What is wrong with the feed's XML, or None (a mislabelled encoding is not an error).

    An error on the last line is a feed cut short (a dropped connection, a full disk): items
    after the break are lost. One earlier (a stray ``&nbsp;``) leaves feedparser's lenient
    reading, which usually gets every item.
    """
    import feedparser

    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if error is None or isinstance(error, benign):
        return None
    reason = error.getMessage() if hasattr(error, "getMessage") else str(error)
    if not hasattr(error, "getLineNumber"):
        return f"the feed is not well-formed XML ({reason})"
    line, column = error.getLineNumber(), error.getColumnNumber()
    last_line = data.rstrip().count(b"\n") + 1
    if line >= last_line or reason == "no element found":
        return f"the feed is cut short ({reason} at line {line}, column {column}, its end)"
    return f"the feed is not well-formed XML ({reason} at line {line}, column {column})"


def source_name(url: str | None) -> str | None:
    """The outlet name used for web inputs: the host without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _item_text(
    item: FeedItem, fetcher: Fetcher | None, origin: Origin
) -> tuple[Extracted, str, list[Item]]:
    """(text with what the page says of itself, where the text came from, warnings)."""
    notes: list[Item] = []
    if len(item.content) >= FULL_CONTENT_CHARS or (item.content and not item.link):
        return Extracted(item.content), "feed content", notes
    if item.link and fetcher is not None:
        try:
            response = fetcher.get(item.link, accept=PAGE_TYPES)
            page = extract_html(response.body, response.final_url, encoding=response.charset)
            if len(page.text) >= len(item.content or item.summary):
                return page, "page", notes
            # A page shorter than the feed's own text is a paywall or a script shell.
            notes.append(ItemWarning(origin, "page text shorter than the feed's; kept the feed's"))
        except WatchfloorError as exc:
            if not (item.content or item.summary):
                raise
            notes.append(ItemWarning(origin, f"{exc}; kept the feed's summary instead"))
    text = item.content or item.summary
    if not text:
        raise InputError("the item has no text and no link to follow")
    return Extracted(text), "feed summary", notes


def _item_document(
    feed: Feed,
    item: FeedItem,
    page: Extracted,
    text_from: str,
    name: str,
    feed_url: str | None,
    default_source: str | None,
) -> Document:
    """One item's document; its source is the outlet the page names, else the link's host."""
    source = (
        default_source
        or page.outlet
        or source_name(item.link)
        or source_name(feed_url)
        or feed.title
    )
    metadata = {"feed": feed_url or name, "feed_item_id": item.key, "text_from": text_from}
    if feed.title:
        metadata["feed_title"] = feed.title
    metadata.update(page.page_metadata())
    return Document(
        id=derive_id(page.text, source),
        text=page.text,
        url=item.link,
        title=item.title or page.title,
        published=item.published or page.published,
        fetched=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        source=source,
        language=page.language,
        metadata=metadata,
    )


def feed_items(
    feed: Feed,
    name: str,
    fetcher: Fetcher | None,
    *,
    default_source: str | None = None,
    feed_url: str | None = None,
    skip_keys: Collection[str] = (),
) -> Iterator[Item]:
    """Documents of a feed's items, fetching the page of each summary-only item.

    A feed read only in part, or holding no items, says so in a warning first.
    """
    if feed.problem:
        after = "later ones are lost" if "cut short" in feed.problem else "read leniently"
        yield ItemWarning(Origin(name), f"{feed.problem}; read {len(feed.items)} item(s), {after}")
    elif not feed.items:
        yield ItemWarning(Origin(name), "the feed holds no items")
    for index, item in enumerate(feed.items, start=1):
        if item.key in skip_keys:
            continue
        origin = Origin(f"{name} item {index} ({item.link or item.key})")
        try:
            page, text_from, notes = _item_text(item, fetcher, origin)
        except WatchfloorError as exc:
            yield ItemFailure(origin, str(exc))
            continue
        yield from notes
        yield Candidate(
            _item_document(feed, item, page, text_from, name, feed_url, default_source),
            origin,
            item_key=item.key,
        )
