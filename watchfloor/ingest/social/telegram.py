"""Telegram Desktop JSON exports (``result.json``): one chat, or the whole account's chats.

Service messages (joins, pins, date changes) are not posts and are skipped; a post with media
and no text is skipped and counted in a warning. Times come from ``date_unixtime`` (UTC) when
the export has it; older exports carry only the exporting computer's local time, read as UTC
with a warning saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from watchfloor.errors import InputError
from watchfloor.ingest.items import Candidate, Item, ItemFailure, ItemWarning, Origin
from watchfloor.ingest.social.posts import (
    SHAPE_ERRORS,
    Account,
    Post,
    documents_of,
    utc_from_unix,
)

# A full export also holds the owner's one-to-one chats: those are not sources to monitor.
PRIVATE_CHAT_TYPES = frozenset({"personal_chat", "bot_chat", "saved_messages"})
ASSUMED_ZONE = "UTC"


def is_telegram_json(data: object) -> bool:
    """True for a single exported chat or a full export holding ``chats.list``."""
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("messages"), list) and ("name" in data or "type" in data):
        return True
    chats = data.get("chats")
    return isinstance(chats, dict) and isinstance(chats.get("list"), list)


def entity_text(value: object) -> tuple[str, list[dict[str, str]]]:
    """Plain text of a ``text`` field (a string, or strings mixed with entity objects), and
    the links it holds (``{"text", "href"}``)."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return "", []
    parts: list[str] = []
    links: list[dict[str, str]] = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict):
            shown = str(piece.get("text") or "")
            parts.append(shown)
            href = piece.get("href")
            if isinstance(href, str) and href:
                links.append({"text": shown, "href": href})
            elif piece.get("type") == "link" and shown:
                links.append({"text": shown, "href": shown})
    return "".join(parts), links


@dataclass
class ChatTally:
    """What reading one chat skipped, and whether a time zone had to be assumed."""

    media_only: int = 0
    service: int = 0
    assumed_zone: int = 0
    seen_ids: set[str] = field(default_factory=set)


def _time(message: dict[str, Any], stamp: str, tally: ChatTally) -> dt.datetime | None:
    exact = utc_from_unix(message.get(f"{stamp}_unixtime"))
    if exact is not None:
        return exact
    local = message.get(stamp)
    if not isinstance(local, str) or not local:
        return None
    try:
        parsed = dt.datetime.fromisoformat(local)
    except ValueError as exc:
        raise InputError(f"message {message.get('id')}: {stamp} {local!r} is not a date") from exc
    if parsed.tzinfo is not None:
        return parsed.astimezone(dt.UTC).replace(tzinfo=None)
    tally.assumed_zone += 1
    return parsed


def message_post(message: dict[str, Any], chat: dict[str, Any], tally: ChatTally) -> Post | None:
    """One message as a Post; None for service and media-only messages (counted)."""
    if message.get("type") != "message":
        tally.service += 1
        return None
    text, links = entity_text(message.get("text"))
    if not text.strip():
        tally.media_only += 1  # a photo, sticker, poll, ... with no caption
        return None
    if message.get("id") is None:
        raise InputError("a message without an id")
    key = str(message.get("id"))
    # A reply to another chat's message (reply_to_peer_id) names an id of that chat.
    reply = None if message.get("reply_to_peer_id") else message.get("reply_to_message_id")
    username = chat.get("username") or ""
    origin = message.get("forwarded_from") or message.get("saved_from")
    return Post(
        key=key,
        text=text,
        author=str(message.get("from_id") or message.get("from") or chat.get("name") or ""),
        published=_time(message, "date", tally),
        reply_to=str(reply) if reply is not None else None,
        url=f"https://t.me/{username}/{key}" if username else None,
        origin=str(origin) if origin else None,
        edited=_time(message, "edited", tally) if message.get("edited") else None,
        links=tuple(links),
    )


def _chat_account(chat: dict[str, Any], default_source: str | None) -> Account:
    # The chat's own name is its source; --source only names a chat exported without one.
    name = str(chat.get("name") or default_source or f"telegram chat {chat.get('id')}")
    extra = {"chat_type": chat.get("type"), "chat_id": chat.get("id")}
    return Account("telegram", name, str(chat.get("id") or name), extra)


def read_chat(chat: dict[str, Any], name: str, default_source: str | None) -> Iterator[Item]:
    """Documents of one exported chat, then a warning for what was skipped or assumed."""
    messages = chat.get("messages")
    label = f"{name} chat {chat.get('name') or chat.get('id')!r}"
    if not isinstance(messages, list):
        raise InputError(f"chat {chat.get('name')!r} has no message list")
    tally = ChatTally()
    posts: list[Post] = []
    for message in messages:
        if not isinstance(message, dict):
            yield ItemFailure(Origin(label), "a message is not a JSON object")
            continue
        try:
            post = message_post(message, chat, tally)
        except InputError as exc:
            yield ItemFailure(Origin(label), str(exc))
            continue
        except SHAPE_ERRORS as exc:
            yield ItemFailure(Origin(label), f"message {message.get('id')!r}: unreadable ({exc})")
            continue
        if post is not None:
            posts.append(post)
    account = _chat_account(chat, default_source)
    for document in documents_of(posts, account):
        yield Candidate(document, Origin(label))
    yield from skip_warnings(label, tally)


def skip_warnings(label: str, tally: ChatTally) -> Iterator[Item]:
    """The warnings a chat's tally calls for (media-only posts, assumed time zone)."""
    if tally.media_only:
        yield ItemWarning(
            Origin(label), f"{tally.media_only} post(s) without text (media only) skipped"
        )
    if tally.assumed_zone:
        yield ItemWarning(
            Origin(label),
            f"{tally.assumed_zone} time(s) carry no time zone (older export); "
            f"read as {ASSUMED_ZONE}, which is wrong by the exporting computer's offset",
        )


def read_telegram_json(
    data: dict[str, Any], name: str, default_source: str | None
) -> Iterator[Item]:
    """Every chat of a Telegram JSON export."""
    if isinstance(data.get("messages"), list):
        yield from read_chat(data, name, default_source)
        return
    chats = [c for c in data["chats"]["list"] if isinstance(c, dict)]
    left = data.get("left_chats")
    if isinstance(left, dict) and isinstance(left.get("list"), list):
        chats += [c for c in left["list"] if isinstance(c, dict)]
    private = [c for c in chats if c.get("type") in PRIVATE_CHAT_TYPES]
    chats = [c for c in chats if c.get("type") not in PRIVATE_CHAT_TYPES]
    if private:
        yield ItemWarning(
            Origin(name),
            f"{len(private)} personal, bot or saved-messages chat(s) skipped: only channels and "
            "groups are read from a full export (export such a chat alone to read it)",
        )
    if not chats:
        yield ItemWarning(Origin(name), "the Telegram export holds no channels or groups")
    for chat in chats:
        try:
            yield from read_chat(chat, name, default_source)
        except InputError as exc:
            yield ItemFailure(Origin(name), str(exc))
