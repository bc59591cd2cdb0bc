"""Telegram Desktop HTML exports: ``messages.html``, ``messages2.html``... of one chat.

Each message's time is in the ``title`` of its date element, ``15.03.2024 10:22:33 UTC+03:00``
in current exports; older exports give no offset, and those times are read as UTC with a
warning. A "joined" message (same sender as the one before) has no sender name of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from watchfloor.errors import InputError
from watchfloor.ingest.extract import tidy
from watchfloor.ingest.items import Candidate, Item, ItemFailure, Origin
from watchfloor.ingest.social.posts import Account, Post, documents_of
from watchfloor.ingest.social.telegram import ChatTally, skip_warnings

_STAMP = re.compile(
    r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?"
)
_PART = re.compile(r"^messages(\d*)\.html?$", re.IGNORECASE)
_VIA_BOT = re.compile(r"\s+via\s+@\w+$")


def looks_like_telegram_html(head: bytes) -> bool:
    """True for a page of a Telegram Desktop HTML export (chat pages and index pages)."""
    if b'class="page_header"' not in head:
        return False
    return b'class="page_wrap"' in head or b'class="message default' in head


def chat_parts(path: Path) -> list[Path]:
    """``messages.html`` and its continuation pages in reading order (2, 3, ..., 10)."""
    found = []
    for sibling in path.parent.iterdir():
        match = _PART.match(sibling.name)
        if match and sibling.is_file():
            found.append((int(match.group(1) or 1), sibling))
    return [p for _, p in sorted(found)]


def is_continuation(path: Path) -> bool:
    """A ``messagesN.html`` (N >= 2) read together with the ``messages.html`` beside it."""
    match = _PART.match(path.name)
    return bool(match and match.group(1) and (path.parent / "messages.html").is_file())


def parse_stamp(title: str, tally: ChatTally) -> dt.datetime:
    """A date title as naive UTC; a title without offset counts as an assumed zone."""
    match = _STAMP.search(title)
    if match is None:
        raise InputError(f"date {title!r} is not dd.mm.yyyy hh:mm:ss")
    day, month, year, hour, minute, second = (int(g) for g in match.groups()[:6])
    try:
        stamp = dt.datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise InputError(f"date {title!r}: {exc}") from exc
    sign, off_h, off_m = match.groups()[6:]
    if sign is None:
        tally.assumed_zone += 1
        return stamp
    offset = dt.timedelta(hours=int(off_h), minutes=int(off_m))
    return stamp - offset if sign == "+" else stamp + offset


def _classes(node: lxml.html.HtmlElement) -> set[str]:
    return set((node.get("class") or "").split())


def _first(node: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement | None:
    found = node.xpath(xpath)
    return found[0] if found else None


def _text_of(node: lxml.html.HtmlElement) -> tuple[str, list[dict[str, str]]]:
    links = [
        {"text": tidy(a.text_content()), "href": a.get("href")}
        for a in node.iter("a")
        if (a.get("href") or "").startswith(("http://", "https://"))
    ]
    for br in node.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return tidy(node.text_content()), links


def _origin(body: lxml.html.HtmlElement) -> str | None:
    forwarded = _first(body, "./div[contains(@class,'forwarded')]/div[@class='from_name']")
    if forwarded is None:
        return None
    name = (forwarded.text or "").strip()
    return name or None


def _message(node: lxml.html.HtmlElement, author: str | None, tally: ChatTally) -> Post | None:
    body = _first(node, "./div[contains(@class,'body')]")
    if body is None:
        return None
    stamp_node = _first(body, "./div[contains(@class,'date')]")
    forwarded = _first(body, "./div[contains(@class,'forwarded')]")
    holder = forwarded if forwarded is not None else body
    text_node = _first(holder, "./div[@class='text']")
    text, links = _text_of(text_node) if text_node is not None else ("", [])
    if not text:
        tally.media_only += 1  # a photo, video or sticker with no caption
        return None
    reply = _first(body, "./div[contains(@class,'reply_to')]/a")
    reply_key = None
    if reply is not None:
        reply_key = (reply.get("href") or "").rsplit("go_to_message", 1)[-1] or None
    stamp_title = stamp_node.get("title") if stamp_node is not None else None
    edited = _first(body, ".//*[contains(@class,'edited')]")
    edited_title = edited.get("title") if edited is not None else None
    return Post(
        key=(node.get("id") or "").removeprefix("message"),
        text=text,
        author=author,
        published=parse_stamp(stamp_title, tally) if stamp_title else None,
        reply_to=reply_key,
        origin=_origin(body),
        edited=parse_stamp(edited_title, tally) if edited_title else None,
        links=tuple(links),
    )


def page_posts(
    root: lxml.html.HtmlElement, tally: ChatTally, label: str
) -> Iterator[Post | ItemFailure]:
    """Posts of one page, in page order; a message whose date cannot be read is a failure."""
    author: str | None = None
    for node in root.xpath("//div[contains(concat(' ', @class, ' '), ' message ')]"):
        classes = _classes(node)
        if "service" in classes:
            tally.service += 1
            continue
        sender = _first(node, "./div[contains(@class,'body')]/div[@class='from_name']")
        if sender is not None:
            # "Name via @somebot": the bot relayed it, Name wrote it.
            author = _VIA_BOT.sub("", tidy(sender.text_content())) or author
        try:
            post = _message(node, author, tally)
        except InputError as exc:
            yield ItemFailure(Origin(label), f"{node.get('id')}: {exc}")
            continue
        if post is not None:
            yield post


def chat_title(root: lxml.html.HtmlElement) -> str | None:
    """The chat's name from the page header."""
    header = _first(root, "//div[@class='page_header']//div[contains(@class,'text')]")
    return tidy(header.text_content()) if header is not None else None


def read_telegram_html(paths: list[Path], name: str, default_source: str | None) -> Iterator[Item]:
    """Documents of one chat's HTML pages; pages without messages (an index) are refused."""
    tally = ChatTally()
    posts: list[Post] = []
    title: str | None = None
    for path in paths:
        try:
            root = lxml.html.fromstring(path.read_bytes())
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"{path.name}: cannot parse HTML: {exc}") from exc
        title = title or chat_title(root)
        for item in page_posts(root, tally, f"{name} ({path.name})" if len(paths) > 1 else name):
            if isinstance(item, ItemFailure):
                yield item
            else:
                posts.append(item)
    if not posts and not tally.media_only:
        raise InputError("a Telegram export page with no messages (an index page?)")
    source = title or default_source or "telegram chat"
    account = Account("telegram", source, source, {"pages": [p.name for p in paths]})
    for document in documents_of(posts, account):
        yield Candidate(document, Origin(name))
    yield from skip_warnings(name, tally)
