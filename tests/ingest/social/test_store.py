"""Social documents in the store: the channel as source, forwards as further sources."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.social.conftest import DATA
from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store import Store
from watchfloor.store.documents import DocumentFilter, query_documents

STORY = (
    "Artillery shelling hit the eastern districts of the city at dawn, killing four civilians "
    "and wounding nine others, the local civil defence said in a statement on Monday."
)


def _chat(name: str, chat_id: int, messages: list[dict[str, object]]) -> dict[str, object]:
    return {"name": name, "type": "public_channel", "id": chat_id, "messages": messages}


def _message(key: int, text: str, **extra: object) -> dict[str, object]:
    return {
        "id": key,
        "type": "message",
        "date": "2024-04-01T06:00:00",
        "date_unixtime": "1711951200",
        "from": "x",
        "from_id": "channel1",
        "text": text,
        **extra,
    }


def test_a_forward_counts_its_origin_as_a_source_and_folds_onto_the_original(
    store: Store, tmp_path: Path
) -> None:
    original = tmp_path / "a" / "result.json"
    forward = tmp_path / "b" / "result.json"
    original.parent.mkdir()
    forward.parent.mkdir()
    original.write_text(json.dumps(_chat("City Alerts", 1, [_message(1, STORY)])), "utf-8")
    forward.write_text(
        json.dumps(_chat("Regional Digest", 2, [_message(9, STORY, forwarded_from="City Alerts")])),
        "utf-8",
    )
    summary = Ingestor(store, Settings()).ingest([str(original), str(forward)])
    assert (summary.read, summary.new, summary.near_duplicates, summary.failed) == (2, 1, 1, 0)
    rows = store.con.execute(
        "SELECT carrier_id LIKE '%#origin-1', source FROM document_sources ORDER BY 1, 2"
    ).fetchall()
    assert rows == [(False, "City Alerts"), (False, "Regional Digest"), (True, "City Alerts")]
    listing = query_documents(store, DocumentFilter(canonical_only=True))
    assert listing["source"].tolist() == ["City Alerts"]
    assert listing["n_sources"].tolist() == [2]


def test_a_forward_alone_names_two_sources_and_reingest_changes_nothing(store: Store) -> None:
    inputs = [str(DATA / "telegram_channel"), str(DATA / "x_dumps")]
    first = Ingestor(store, Settings()).ingest(inputs)
    counts = store.con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM document_sources)"
    ).fetchone()
    again = Ingestor(store, Settings()).ingest(inputs)
    assert first.read == again.read and again.new == 0 and again.near_duplicates == 0
    assert (
        store.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM document_sources)"
        ).fetchone()
        == counts
    )
    listing = query_documents(store, DocumentFilter(source="Idlib Field Reports"))
    assert sorted(listing["n_sources"].tolist()) == [1, 1, 2]  # the forward from Aleppo Now
    sources = {r[0] for r in store.con.execute("SELECT DISTINCT source FROM documents").fetchall()}
    assert sources == {
        "Idlib Field Reports",
        "@gaza_desk",
        "@beirut_live",
        "@dhaka_reporter",
        "@south_asia_feed",
        "@mali_alerts",
        "@westafrica_watch",
    }


def test_a_later_export_adds_new_posts_and_a_grown_thread_without_losing_replies(
    store: Store, tmp_path: Path
) -> None:
    first = [_message(1, STORY), _message(2, "Curfew declared in the old city from 6 pm.")]
    later = [
        *first,
        _message(3, "Update: the toll rose to six, hospital staff say.", reply_to_message_id=1),
        _message(4, "Checkpoints closed on the northern road this evening."),
    ]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_chat("City Alerts", 1, first)), "utf-8")
    Ingestor(store, Settings()).ingest([str(path)])
    path.write_text(json.dumps(_chat("City Alerts", 1, later)), "utf-8")
    again = Ingestor(store, Settings()).ingest([str(path)])
    assert (again.read, again.duplicates, again.new + again.near_duplicates) == (3, 1, 2)
    texts = [row[0] for row in store.con.execute("SELECT text FROM documents").fetchall()]
    assert any("toll rose to six" in text for text in texts)
