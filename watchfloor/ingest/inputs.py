"""Turn each input named on the command line (path, folder, URL) into a stream of items."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import WatchfloorError
from watchfloor.ingest.extract import decode, extract_html, extract_plain
from watchfloor.ingest.feeds import feed_items, parse_feed, source_name
from watchfloor.ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, FetchResponse
from watchfloor.ingest.files import (
    FEED_SUFFIXES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    check_size,
    folder_files,
    read_jsonl,
    read_jsonl_stream,
    read_text_file,
)
from watchfloor.ingest.items import Candidate, Item, ItemFailure, ItemWarning, Origin, derive_id
from watchfloor.ingest.social.detect import EXPORT_SUFFIXES, is_export, social_reader
from watchfloor.ingest.social.telegram_html import is_continuation
from watchfloor.ingest.social.twitter import is_later_part
from watchfloor.records import Document
from watchfloor.settings import Settings


@dataclass
class ReadContext:
    """What readers share: settings, the (lazily opened) fetcher, a default source name."""

    settings: Settings
    allow_private: bool = False
    default_source: str | None = None
    _fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        """The one HTTP client of this run, opened on first use."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings, allow_private=self.allow_private)
        return self._fetcher

    def close(self) -> None:
        """Close the HTTP client if one was opened."""
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def is_url(text: str) -> bool:
    """True for anything with a URL scheme (``http://``, ``ftp://``, ...), not a path."""
    head, sep, _ = text.partition("://")
    return bool(sep) and head.isalpha()


def _looks_like_feed(response: FetchResponse) -> bool:
    if response.content_type in FEED_TYPES:
        return True
    head = response.body[:512].lstrip().lower()
    return response.content_type != "text/html" and head.startswith((b"<?xml", b"<rss", b"<feed"))


def read_url(url: str, ctx: ReadContext) -> Iterator[Item]:
    """A web page (one document) or a feed (one document per item) by URL."""
    response = ctx.fetcher.get(url, accept=FEED_TYPES + PAGE_TYPES)
    if _looks_like_feed(response):
        feed = parse_feed(response.body, url, response.final_url)
        yield from feed_items(
            feed, url, ctx.fetcher, default_source=ctx.default_source, feed_url=url
        )
        return
    if response.content_type == "text/plain":
        text, warning = decode(response.body, url)
        if warning:
            yield ItemWarning(Origin(url), warning)
        page = extract_plain(text)
    else:
        page = extract_html(response.body, response.final_url, encoding=response.charset)
    # The outlet the page names itself (og:site_name) is what the media lens groups by.
    source = ctx.default_source or page.outlet or source_name(response.final_url)
    metadata: dict[str, str] = {"requested_url": url} if response.final_url != url else {}
    metadata.update(page.page_metadata())
    yield Candidate(
        Document(
            id=derive_id(page.text, source),
            text=page.text,
            url=response.final_url,
            title=page.title,
            published=page.published,
            fetched=response.fetched,
            source=source,
            language=page.language,
            metadata=metadata,
        ),
        Origin(url),
    )


def read_file(path: Path, name: str, ctx: ReadContext) -> Iterator[Item]:
    """One local file by its suffix."""
    check_size(path, ctx.settings.max_file_bytes)
    social = social_reader(path, name, ctx.default_source)
    if social is not None:
        yield from social
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, name, ctx.default_source)
    elif suffix in FEED_SUFFIXES:
        feed = parse_feed(path.read_bytes(), name)
        yield from feed_items(feed, name, ctx.fetcher, default_source=ctx.default_source)
    elif suffix in SUPPORTED_SUFFIXES:
        yield from read_text_file(path, name, ctx.default_source)
    else:
        known = ", ".join(sorted(SUPPORTED_SUFFIXES | EXPORT_SUFFIXES))
        yield ItemFailure(Origin(name), f"unsupported file type {suffix or '(none)'}: use {known}")


def _social_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES and is_export(path)


def _guarded(items: Iterator[Item], origin: Origin) -> Iterator[Item]:
    """Pass items through; a WatchfloorError or OSError ends this input as one failure."""
    try:
        yield from items
    except WatchfloorError as exc:
        message = str(exc)
        prefix = f"{origin.input}: "
        yield ItemFailure(origin, message.removeprefix(prefix))
    except OSError as exc:
        yield ItemFailure(origin, f"cannot read: {exc.strerror or exc}")


def read_input(spec: str, ctx: ReadContext) -> Iterator[Item]:
    """Every item of one input: a URL, a file, a folder (recursively), or ``-`` (JSONL on stdin)."""
    if spec == "-":
        yield from _guarded(
            read_jsonl_stream(sys.stdin.buffer, "<stdin>", ctx.default_source), Origin("<stdin>")
        )
        return
    if is_url(spec):
        if not spec.lower().startswith(("http://", "https://")):
            yield ItemFailure(Origin(spec), "only http and https URLs are fetched")
            return
        yield from _guarded(read_url(spec, ctx), Origin(spec))
        return
    path = Path(spec).expanduser()
    if path.is_dir():
        files = folder_files(path, also=_social_export)
        if not files:
            yield ItemFailure(Origin(spec), "folder holds no supported files")
        for file in files:
            if is_continuation(file) or is_later_part(file):
                continue  # read with the messages.html or tweets.js beside it
            yield from _guarded(read_file(file, str(file), ctx), Origin(str(file)))
    elif path.exists():
        yield from _guarded(read_file(path, spec, ctx), Origin(spec))
    else:
        yield ItemFailure(Origin(spec), "no such file, folder or URL")
