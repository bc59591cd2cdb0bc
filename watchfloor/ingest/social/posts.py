"""Posts read from any social-media export, and their assembly into documents.

A thread (an account replying to its own post, any depth) becomes one document whose text is
the posts' texts in order; each post keeps its span in that text, its time and its id in
``metadata["posts"]``. The channel or account is the document's source; a forward or repost
names its origin in ``metadata["origins"]``, which the store lists as a further source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from watchfloor.errors import InputError
from watchfloor.ingest.extract import tidy
from watchfloor.records import Document

POST_SEPARATOR = "\n\n"
# What a field of an unexpected type raises while a post is read (a list where a string
# belongs, a year 10**9): each is that post's failure, named, never a traceback.
SHAPE_ERRORS = (AttributeError, TypeError, ValueError, OverflowError, KeyError)
TITLE_CHARS = 90


@dataclass(frozen=True)
class Post:
    """One post as the export gives it; times are naive UTC.

    ``author`` is who wrote it (a group member, or the channel itself); ``reply_to`` the key
    of the post it answers in the same export; ``origin`` the channel or account a forward or
    repost came from.
    """

    key: str
    text: str
    author: str | None = None
    published: dt.datetime | None = None
    reply_to: str | None = None
    url: str | None = None
    origin: str | None = None
    origin_url: str | None = None
    edited: dt.datetime | None = None
    language: str | None = None
    links: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Account:
    """Where posts were published: the document source and the platform that names ids."""

    platform: str
    source: str
    account_id: str
    extra: dict[str, Any] = field(default_factory=dict)


def _joins(post: Post, parent: Post) -> bool:
    """A reply continues its parent's thread: same author, and neither is a forward."""
    return parent.author == post.author and not parent.origin and not post.origin


def thread_roots(posts: Iterable[Post]) -> dict[str, str]:
    """Map each post key to the key of the first post of its self-reply thread.

    A reply joins its parent's thread only when both have the same author; a reply to
    someone else, or to a post not in the export, starts a thread of its own. Each post is
    walked once (a channel answering itself ten thousand times stays linear).
    """
    by_key = {post.key: post for post in posts}
    roots: dict[str, str] = {}
    for key in by_key:
        chain: list[str] = []
        seen: set[str] = set()
        post = by_key[key]
        while post.key not in roots:
            chain.append(post.key)
            seen.add(post.key)
            parent = by_key.get(post.reply_to) if post.reply_to else None
            if parent is None or parent.key in seen or not _joins(post, parent):
                break
            post = parent
        root = roots.get(post.key, post.key)
        for member in chain:
            roots[member] = root
    return roots


def group_threads(posts: Iterable[Post]) -> list[list[Post]]:
    """Posts gathered by thread, each thread in time order, threads by their first post."""
    listed = list(posts)
    roots = thread_roots(listed)
    threads: dict[str, list[Post]] = {}
    for post in listed:
        threads.setdefault(roots[post.key], []).append(post)
    never = dt.datetime.max
    ordered = [sorted(t, key=lambda p: (p.published or never, p.key)) for t in threads.values()]
    return sorted(ordered, key=lambda t: (t[0].published or never, t[0].key))


def _post_record(post: Post, start: int, end: int) -> dict[str, Any]:
    record: dict[str, Any] = {"id": post.key, "start": start, "end": end}
    optional = {
        "published": post.published.isoformat() if post.published else None,
        "author": post.author,
        "url": post.url,
        "forwarded_from": post.origin,
        "edited": post.edited.isoformat() if post.edited else None,
        "language": post.language,
        "links": list(post.links) or None,
    }
    record.update({k: v for k, v in optional.items() if v is not None})
    return record


def headline(text: str, limit: int = TITLE_CHARS) -> str | None:
    """The first line of a post, cut at a word near ``limit`` characters: posts have no title,
    but listings need something to show."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) <= limit:
        return line or None
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,;:") + "…"


def _language(thread: list[Post]) -> str | None:
    """The thread's language when every post that says one agrees."""
    said = {p.language for p in thread if p.language}
    return said.pop() if len(said) == 1 else None


def thread_document(thread: list[Post], account: Account) -> Document:
    """One document for a thread (one post or more); its id is stable across re-exports."""
    parts: list[str] = []
    records: list[dict[str, Any]] = []
    cursor = 0
    for post in thread:
        text = tidy(post.text)
        if parts:
            cursor += len(POST_SEPARATOR)
        records.append(_post_record(post, cursor, cursor + len(text)))
        parts.append(text)
        cursor += len(text)
    origins: list[dict[str, str]] = []
    for post in thread:
        if post.origin and all(o["source"] != post.origin for o in origins):
            origin = {"source": post.origin, "post": post.key}
            if post.origin_url:
                origin["url"] = post.origin_url
            origins.append(origin)
    first = thread[0]
    # Every post's key is in the id: a thread that grew in a later export is a new document
    # (usually a near-copy of the shorter one), never a duplicate that drops the new replies.
    members = ",".join(post.key for post in thread)
    key = f"{account.platform}\x1f{account.account_id}\x1f{members}"
    metadata: dict[str, Any] = {"platform": account.platform, **account.extra, "posts": records}
    if origins:
        metadata["origins"] = origins
    return Document(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        text=POST_SEPARATOR.join(parts),
        url=first.url,
        title=headline(parts[0]),
        published=first.published,
        source=account.source,
        language=_language(thread),
        metadata=metadata,
    )


def documents_of(posts: Iterable[Post], account: Account) -> Iterator[Document]:
    """Documents of an account's posts: one per thread, posts without text left out."""
    kept: dict[str, Post] = {}
    for post in posts:
        # A dump may repeat a post (two pages, two searches): the first copy is kept.
        if post.text.strip() and post.key not in kept:
            kept[post.key] = post
    for thread in group_threads(kept.values()):
        yield thread_document(thread, account)


def utc_from_unix(value: object) -> dt.datetime | None:
    """Seconds since 1970 (number or digits) as naive UTC; None when absent or not a number.

    Raises InputError for a number no calendar holds.
    """
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError) as exc:
        raise InputError(f"time {value!r} is out of range") from exc
