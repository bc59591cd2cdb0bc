"""Hostile exports: any field of any type gives documents or named failures, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.social.conftest import read
from watchfloor.ingest.items import Candidate, ItemFailure, ItemWarning

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _record(keys: list[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({}, optional={key: anything for key in keys})


telegram_message = _record(
    [
        "id",
        "type",
        "date",
        "date_unixtime",
        "from",
        "from_id",
        "text",
        "reply_to_message_id",
        "forwarded_from",
        "edited",
        "edited_unixtime",
        "photo",
        "media_type",
    ]
)
tweet = _record(
    [
        "id",
        "id_str",
        "text",
        "full_text",
        "created_at",
        "user",
        "author",
        "author_id",
        "lang",
        "in_reply_to_status_id_str",
        "retweeted_status",
        "referenced_tweets",
        "entities",
        "extended_tweet",
        "__twarc",
    ]
)
activity = _record(["type", "actor", "published", "object", "to", "cc"])


def _read_written(payload: str, name: str) -> list[object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(payload, encoding="utf-8")
        items = read(path)
    for item in items:
        assert isinstance(item, Candidate | ItemFailure | ItemWarning)
        if isinstance(item, Candidate):
            assert item.document.text.strip()
    return items


@FUZZ
@given(st.lists(st.one_of(telegram_message, anything), max_size=5), anything)
def test_telegram_chat_of_any_shape(messages: list[object], name: object) -> None:
    chat = {"name": name, "type": "public_channel", "id": 1, "messages": messages}
    _read_written(json.dumps(chat), "result.json")


@FUZZ
@given(st.lists(st.one_of(tweet, anything), max_size=5))
def test_tweet_archive_and_dump_of_any_shape(tweets: list[object]) -> None:
    archive = "window.YTD.tweets.part0 = " + json.dumps([{"tweet": t} for t in tweets])
    _read_written(archive, "tweets.js")
    dump = "".join(
        json.dumps({**t, "id_str": "1", "user": {}}) + "\n" for t in tweets if isinstance(t, dict)
    )
    if dump:
        _read_written(dump, "dump.jsonl")


@FUZZ
@given(st.lists(st.one_of(tweet, anything), max_size=4), anything)
def test_v2_page_of_any_shape(tweets: list[object], includes: object) -> None:
    page = {"data": tweets, "includes": includes, "meta": {}}
    _read_written(json.dumps(page) + "\n", "pages.jsonl")


@FUZZ
@given(st.lists(st.one_of(activity, anything), max_size=5))
def test_outbox_of_any_shape(items: list[object]) -> None:
    outbox = {
        "type": "OrderedCollection",
        "orderedItems": [{"actor": "https://m.example/users/a", "type": "Create"}, *items],
    }
    _read_written(json.dumps(outbox), "outbox.json")
