"""Mastodon account archives: ``outbox.json``, an ActivityPub collection of the account's posts.

``Create`` activities carry the post (a ``Note`` with HTML content); an ``Announce`` (a boost)
usually names the boosted post by URL only, without its text, and is then skipped and counted;
when the object is embedded, its text is kept with the boosted account as origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from watchfloor.errors import InputError
from watchfloor.ingest.extract import html_fragment_text, parse_timestamp
from watchfloor.ingest.items import Candidate, Item, ItemFailure, ItemWarning, Origin
from watchfloor.ingest.social.posts import SHAPE_ERRORS, Account, Post, documents_of

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def is_outbox(data: object) -> bool:
    """True for an ActivityPub ``OrderedCollection`` holding activities (an outbox)."""
    return (
        isinstance(data, dict)
        and data.get("type") in ("OrderedCollection", "OrderedCollectionPage")
        and isinstance(data.get("orderedItems"), list)
        and any(isinstance(a, dict) and "actor" in a for a in data["orderedItems"][:50])
    )


def handle(actor_url: object) -> str | None:
    """``https://host/users/name`` as ``@name@host``."""
    if not isinstance(actor_url, str):
        return None
    parts = urlsplit(actor_url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1].removeprefix("@")
    return f"@{name}@{parts.hostname}" if name and parts.hostname else None


def _note_post(note: dict[str, Any], actor: str | None, origin: str | None) -> Post:
    content_map = note.get("contentMap")
    language = None
    if isinstance(content_map, dict) and len(content_map) == 1:
        language = str(next(iter(content_map)))
    content = note.get("content") or (next(iter(content_map.values()), "") if content_map else "")
    warning = note.get("summary")
    text = html_fragment_text(str(content or ""))
    if isinstance(warning, str) and warning.strip():
        # A content warning is the poster's own line above the post.
        text = f"{html_fragment_text(warning)}\n{text}"
    reply = note.get("inReplyTo")
    updated = note.get("updated")
    return Post(
        key=str(note.get("id") or ""),
        text=text,
        author=actor,
        published=parse_timestamp(note.get("published")),
        reply_to=str(reply) if isinstance(reply, str) else None,
        url=str(note.get("url") or note.get("id") or "") or None,
        origin=origin,
        origin_url=str(note.get("attributedTo")) if origin else None,
        edited=parse_timestamp(updated) if isinstance(updated, str) else None,
        language=language,
    )


def is_direct(activity: dict[str, Any]) -> bool:
    """A direct message: addressed neither to the public nor to the account's followers."""
    audience = [
        a for key in ("to", "cc") if isinstance(activity.get(key), list) for a in activity[key]
    ]
    if not audience:
        return False  # an archive that leaves addressing out: nothing says it is private
    return not any(a == PUBLIC or str(a).endswith("/followers") for a in audience)


def activity_post(activity: dict[str, Any], actor: str | None) -> Post | None:
    """The post of one Create or Announce; None for a boost without embedded text."""
    kind = activity.get("type")
    note = activity.get("object")
    if kind == "Create":
        if not isinstance(note, dict):
            raise InputError("a Create activity without its post object")
        return _note_post(note, actor, None)
    if kind == "Announce":
        if isinstance(note, dict):
            booster = _note_post(note, actor, handle(note.get("attributedTo")))
            boosted = parse_timestamp(activity.get("published"))
            return replace(booster, published=boosted or booster.published)
        return None
    raise InputError(f"activity type {kind!r} is not a Create or an Announce")


def read_outbox(data: dict[str, Any], name: str, default_source: str | None) -> Iterator[Item]:
    """Documents of an outbox: the account's posts, its self-reply threads joined."""
    posts: list[Post] = []
    bare_boosts = direct = 0
    actor_url = next(
        (a.get("actor") for a in data["orderedItems"] if isinstance(a, dict) and a.get("actor")),
        None,
    )
    source = handle(actor_url) or default_source or "unknown Mastodon account"
    for index, activity in enumerate(data["orderedItems"], start=1):
        origin = Origin(f"{name} item {index}")
        if not isinstance(activity, dict):
            yield ItemFailure(origin, "activity is not a JSON object")
            continue
        if is_direct(activity):
            direct += 1
            continue
        try:
            post = activity_post(activity, source)
        except InputError as exc:
            yield ItemFailure(origin, str(exc))
            continue
        except SHAPE_ERRORS as exc:
            yield ItemFailure(origin, f"activity of an unexpected shape ({exc})")
            continue
        if post is None:
            bare_boosts += 1
        else:
            posts.append(post)
    for document in documents_of(posts, Account("mastodon", source, str(actor_url or source))):
        yield Candidate(document, Origin(name))
    if direct:
        yield ItemWarning(Origin(name), f"{direct} direct message(s) skipped: not public posts")
    if bare_boosts:
        yield ItemWarning(
            Origin(name),
            f"{bare_boosts} boost(s) skipped: the archive names the boosted post without its text",
        )
