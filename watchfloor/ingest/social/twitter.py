"""X/Twitter posts: account archives (``tweets.js``) and API v1.1 / v2 dumps as JSONL.

An archive's ``tweets.js`` holds only the account's own tweets; the account's name comes from
``account.js`` beside it. A v2 dump is either raw pages (``data`` plus ``includes``) or one
tweet per line with its author folded in, as twarc2 flattens them. A retweet is the
retweeted text with the retweeted account as its origin.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from watchfloor.errors import InputError
from watchfloor.ingest.extract import parse_timestamp
from watchfloor.ingest.items import Candidate, Item, ItemFailure, ItemWarning, Origin
from watchfloor.ingest.social.posts import SHAPE_ERRORS, Account, Post, documents_of

ARCHIVE_PREFIX = re.compile(rb"^\s*window\.YTD\.([A-Za-z_]+)\.part\d+\s*=\s*")
TWEET_PARTS = frozenset({"tweets", "tweet"})
_PART = re.compile(r"^(tweets?)-part(\d+)\.js$")
FIRST_PARTS = ("tweets.js", "tweet.js")  # tweet.js in archives from before 2020
_RETWEET = re.compile(r"^RT @(\w{1,15}): ")
OUR_FIELDS = frozenset({"published", "title", "html"})
NO_LANGUAGE = frozenset({"und", "zxx", "qme", "qht", "qam", "art"})


def archive_part(head: bytes) -> str | None:
    """The name after ``window.YTD.`` (``tweets``, ``account``, ...), or None."""
    match = ARCHIVE_PREFIX.match(head.removeprefix(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii") if match else None


def load_archive_js(data: bytes, name: str) -> list[Any]:
    """The JSON array after an archive file's ``window.YTD.<part>.partN =`` prefix."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    match = ARCHIVE_PREFIX.match(body)
    if match is None:
        raise InputError("not an X archive file (no window.YTD prefix)")
    try:
        value = json.loads(body[match.end() :].decode("utf-8").rstrip().rstrip(";"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"X archive data is not valid JSON (truncated?): {exc}") from exc
    if not isinstance(value, list):
        raise InputError("X archive data is not a list")
    return value


def _created(value: object) -> dt.datetime | None:
    """``Wed Mar 13 08:15:01 +0000 2024`` (v1.1, archives) or ISO 8601 (v2) as naive UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        stamp = dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return parse_timestamp(value)
    return stamp.astimezone(dt.UTC).replace(tzinfo=None)


def _language(tweet: dict[str, Any]) -> str | None:
    lang = tweet.get("lang")
    return lang if isinstance(lang, str) and lang and lang not in NO_LANGUAGE else None


def _links(tweet: dict[str, Any]) -> tuple[dict[str, str], ...]:
    entities = tweet.get("entities") or {}
    urls = entities.get("urls") if isinstance(entities, dict) else None
    out = []
    for url in urls or []:
        if isinstance(url, dict) and url.get("expanded_url"):
            out.append({"text": str(url.get("url") or ""), "href": str(url["expanded_url"])})
    return tuple(out)


def _status_url(user: str | None, key: str) -> str:
    return f"https://x.com/{user}/status/{key}" if user else f"https://x.com/i/web/status/{key}"


def v1_post(tweet: dict[str, Any], user: str | None) -> Post:
    """A v1.1 tweet (API or archive); ``user`` is the screen name when the tweet lacks one."""
    key = str(tweet.get("id_str") or tweet.get("id") or "")
    if not key:
        raise InputError("a tweet without id_str or id")
    owner = (tweet.get("user") or {}).get("screen_name") or user
    text = str(
        (tweet.get("extended_tweet") or {}).get("full_text")
        or tweet.get("full_text")
        or tweet.get("text")
        or ""
    )
    origin = None
    retweeted = tweet.get("retweeted_status")
    if isinstance(retweeted, dict):
        inner = v1_post(retweeted, None)
        origin = (retweeted.get("user") or {}).get("screen_name")
        text = inner.text
    elif match := _RETWEET.match(text):
        origin, text = match.group(1), text[match.end() :]
    reply = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
    return Post(
        key=key,
        text=text,
        author=f"@{owner}" if owner else None,
        published=_created(tweet.get("created_at")),
        reply_to=str(reply) if reply else None,
        url=_status_url(owner, key),
        origin=f"@{origin}" if origin else None,
        origin_url=f"https://x.com/{origin}" if origin else None,
        language=_language(tweet),
        links=_links(tweet),
    )


def v2_post(tweet: dict[str, Any], users: dict[str, str], tweets: dict[str, Any]) -> Post:
    """A v2 tweet; ``users`` maps author ids to usernames, ``tweets`` holds referenced ones."""
    key = str(tweet.get("id") or "")
    if not key:
        raise InputError("a tweet without id")
    author = tweet.get("author")
    author_id = str(tweet.get("author_id") or "")
    owner = author.get("username") if isinstance(author, dict) else users.get(author_id)
    text = str((tweet.get("note_tweet") or {}).get("text") or tweet.get("text") or "")
    origin = reply = None
    for ref in tweet.get("referenced_tweets") or []:
        if not isinstance(ref, dict):
            continue
        target = tweets.get(str(ref.get("id")), ref)
        if ref.get("type") == "replied_to":
            reply = str(ref.get("id"))
        elif ref.get("type") == "retweeted":
            ref_author = target.get("author") if isinstance(target.get("author"), dict) else None
            origin = (ref_author or {}).get("username") or users.get(str(target.get("author_id")))
            text = str(target.get("text") or _RETWEET.sub("", text))
    if origin is None and (match := _RETWEET.match(text)):
        origin, text = match.group(1), text[match.end() :]
    return Post(
        key=key,
        text=text,
        author=f"@{owner}" if owner else author_id or None,
        published=_created(tweet.get("created_at")),
        reply_to=reply,
        url=_status_url(owner, key),
        origin=f"@{origin}" if origin else None,
        origin_url=f"https://x.com/{origin}" if origin else None,
        language=_language(tweet),
        links=_links(tweet),
    )


def _archive_account(path: Path) -> tuple[str | None, str | None]:
    """(username, account id) from ``account.js`` beside ``tweets.js``, when there."""
    sibling = path.parent / "account.js"
    if not sibling.is_file():
        return None, None
    try:
        entries = load_archive_js(sibling.read_bytes(), str(sibling))
        account = entries[0]["account"]
        return str(account["username"]), str(account.get("accountId") or "")
    except (InputError, LookupError, TypeError):
        return None, None


def archive_parts(path: Path) -> list[Path]:
    """``tweets.js`` and the ``tweets-partN.js`` beside it, so threads join across parts."""
    if path.name not in FIRST_PARTS:
        return [path]
    stem = path.name.removesuffix(".js")
    found = [
        (int(m.group(2)), p)
        for p in path.parent.iterdir()
        if (m := _PART.match(p.name)) and m.group(1) == stem
    ]
    return [path] + [p for _, p in sorted(found)]


def is_later_part(path: Path) -> bool:
    """A ``tweets-partN.js`` read together with the ``tweets.js`` beside it."""
    match = _PART.match(path.name)
    return match is not None and (path.parent / f"{match.group(1)}.js").is_file()


def read_archive(path: Path, name: str, default_source: str | None) -> Iterator[Item]:
    """Documents of an archive's ``tweets.js`` (with its ``tweets-partN.js``), or one part."""
    part = archive_part(path.read_bytes()[:256])
    if part not in TWEET_PARTS:
        raise InputError(f"X archive part {part!r} holds no posts of the account; give tweets.js")
    entries = [e for p in archive_parts(path) for e in load_archive_js(p.read_bytes(), str(p))]
    username, account_id = _archive_account(path)
    if username is None:
        yield ItemWarning(
            Origin(name),
            "no readable account.js beside it: the account is named "
            f"{default_source or 'unknown'!r} (use --source to name it)",
        )
    posts: list[Post] = []
    for index, entry in enumerate(entries, start=1):
        tweet = entry.get("tweet", entry) if isinstance(entry, dict) else None
        if not isinstance(tweet, dict):
            yield ItemFailure(Origin(name, index), "entry is not a tweet object")
            continue
        try:
            posts.append(v1_post(tweet, username))
        except InputError as exc:
            yield ItemFailure(Origin(name, index), str(exc))
        except SHAPE_ERRORS as exc:
            yield ItemFailure(Origin(name, index), f"not a readable tweet: {exc}")
    source = f"@{username}" if username else default_source or "unknown X account"
    account = Account("x", source, account_id or source)
    # Every tweet of an archive is the account's own: a reply inside it answers itself.
    posts = [replace(p, author=source) for p in posts]
    for document in documents_of(posts, account):
        yield Candidate(document, Origin(name))


def is_tweet_line(record: object) -> bool:
    """True for a line of a v1.1 or v2 dump (a raw page, a tweet, a flattened tweet).

    A line with our own document fields (``published``, ``title``, ``html``) is ours, even
    when it keeps a tweet's ``author_id``: its stated source and date must not be replaced.
    """
    if not isinstance(record, dict) or OUR_FIELDS & record.keys():
        return False
    if isinstance(record.get("data"), list | dict) and ("includes" in record or "meta" in record):
        return True
    if "id_str" in record and ("full_text" in record or "text" in record) and "user" in record:
        return True
    if "__twarc" in record:
        return True
    return {"author_id", "created_at", "text", "id"} <= record.keys()


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _page_tweets(record: dict[str, Any]) -> Iterable[tuple[dict[str, Any], str]]:
    """(tweet, format) pairs of one line: a raw v2 page gives several."""
    if "data" in record:
        data = record["data"]
        for tweet in data if isinstance(data, list) else [data]:
            yield tweet, "v2"
    elif "id_str" in record:
        yield record, "v1"
    else:
        yield record, "v2"


def tweets_from_lines(
    lines: Iterable[tuple[int, object]], name: str
) -> Iterator[Post | ItemFailure]:
    """Posts of parsed dump lines, ``(line number, record)`` pairs."""
    for number, record in lines:
        if not isinstance(record, dict):
            yield ItemFailure(Origin(name, number), "expected a JSON object")
            continue
        found = record.get("includes")
        includes: dict[str, Any] = found if isinstance(found, dict) else {}
        users = {str(u.get("id")): str(u.get("username")) for u in _dicts(includes.get("users"))}
        refs = {str(t.get("id")): t for t in _dicts(includes.get("tweets"))}
        for tweet, form in _page_tweets(record):
            try:
                yield v1_post(tweet, None) if form == "v1" else v2_post(tweet, users, refs)
            except (InputError, *SHAPE_ERRORS) as exc:
                yield ItemFailure(Origin(name, number), f"not a readable tweet: {exc}")


def read_tweet_dump(
    lines: Iterable[tuple[int, object]], name: str, default_source: str | None
) -> Iterator[Item]:
    """Documents of a dump: posts grouped by account, each account's threads joined."""
    by_account: dict[str, list[Post]] = {}
    empty = 0
    for item in tweets_from_lines(lines, name):
        if isinstance(item, ItemFailure):
            yield item
        elif not item.text.strip():
            empty += 1
        else:
            owner = item.author or default_source or "unknown X account"
            by_account.setdefault(owner, []).append(item)
    for owner, posts in by_account.items():
        for document in documents_of(posts, Account("x", owner, owner)):
            yield Candidate(document, Origin(name))
    if empty:
        yield ItemWarning(Origin(name), f"{empty} tweet(s) without text (media only) skipped")
