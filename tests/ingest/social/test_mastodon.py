"""Mastodon account archives: outbox.json Create and Announce activities."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.ingest.social.conftest import DATA, documents, failures, post_texts, read, warnings
from watchfloor.ingest.social.mastodon import handle

ARCHIVE = DATA / "mastodon_archive"
OUTBOX = ARCHIVE / "outbox.json"


def _by_status(items: list[object]) -> dict[str, object]:
    return {d.metadata["posts"][0]["id"].rsplit("/", 1)[1]: d for d in documents(items)}


def test_outbox_threads_html_and_languages() -> None:
    items = read(ARCHIVE)
    docs = _by_status(items)
    assert failures(items) == []  # likes.json and actor.json are not posts
    thread = docs["111"]
    assert thread.source == "@haiti_watch@mastodon.example"
    assert post_texts(thread) == [
        "Gangs attacked the National Penitentiary in Port-au-Prince overnight; hundreds of "
        "inmates escaped, according to local radio.",
        "The government declared a 72-hour state of emergency in the Ouest department.",
    ]
    assert thread.metadata["posts"][1]["edited"] == "2024-03-03T15:00:00"
    french = docs["113"]
    assert french.language == "fr"
    assert french.text == (
        "Des tirs nourris ont été entendus près de l'aéroport Toussaint Louverture.\n"
        "Les vols sont suspendus."
    )
    assert docs["114"].text.startswith("graphic images\n")  # the content warning stays
    assert len(docs["115"].metadata["posts"]) == 1  # a reply to another account


def test_boosts_keep_their_origin_or_are_counted_when_textless() -> None:
    items = read(OUTBOX)
    boost = _by_status(items)["5002"]
    assert boost.source == "@haiti_watch@mastodon.example"
    assert boost.metadata["origins"][0]["source"] == "@ayibo@news.example"
    assert boost.published == dt.datetime(2024, 3, 5, 10, 0)  # when it was boosted
    assert warnings(items) == [
        f"{OUTBOX}: 1 boost(s) skipped: the archive names the boosted post without its text"
    ]


def test_unknown_activity_is_a_failure_naming_the_item(tmp_path: Path) -> None:
    outbox = json.loads(OUTBOX.read_text(encoding="utf-8"))
    outbox["orderedItems"][2]["type"] = "Update"
    path = tmp_path / "outbox.json"
    path.write_text(json.dumps(outbox), encoding="utf-8")
    items = read(path)
    assert failures(items) == [
        f"{path} item 3: activity type 'Update' is not a Create or an Announce"
    ]
    assert len(documents(items)) == 4  # five without the refused one


def test_likes_named_alone_are_refused() -> None:
    (failure,) = failures(read(ARCHIVE / "likes.json"))
    assert "not a Telegram, X or Mastodon export" in failure


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://mastodon.example/users/haiti_watch", "@haiti_watch@mastodon.example"),
        ("https://social.example/@anna/", "@anna@social.example"),
        ("not a url", None),
        (None, None),
    ],
)
def test_actor_urls_become_handles(url: str | None, expected: str | None) -> None:
    assert handle(url) == expected


def test_direct_messages_are_left_out_and_counted(tmp_path: Path) -> None:
    outbox = json.loads(OUTBOX.read_text(encoding="utf-8"))
    direct = outbox["orderedItems"][2]
    direct["to"] = ["https://other.example/users/friend"]
    direct["cc"] = []
    path = tmp_path / "outbox.json"
    path.write_text(json.dumps(outbox), encoding="utf-8")
    items = read(path)
    assert "113" not in {d.metadata["posts"][0]["id"].rsplit("/", 1)[1] for d in documents(items)}
    assert f"{path}: 1 direct message(s) skipped: not public posts" in warnings(items)
