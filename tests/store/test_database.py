"""The store migrates once, and a failed transaction leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.records import Event, Evidence
from watchfloor.store import Store
from watchfloor.store.events import EventFilter, event_record, query_events, replace_document_events


def test_migrations_apply_once_and_create_core_tables(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store(path) as first:
        assert {"documents", "events", "sentences", "sources", "actors", "places"} <= set(
            first.tables()
        )
        version = first.schema_version
    with Store(path) as second:
        assert second.migrate() == []
        assert second.schema_version == version


def test_failed_transaction_rolls_back(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as con:
        con.execute("INSERT INTO sources (name) VALUES ('outlet')")
        raise RuntimeError("crash mid-batch")
    assert store.con.execute("SELECT count(*) FROM sources").fetchone() == (0,)


def _event(event_id: str, doc: str, country: str) -> Event:
    from watchfloor.records import PlaceRef

    return Event(
        id=event_id,
        evidence=Evidence(doc, 0, 0, 4, "text"),
        plover_event="ASSAULT",
        place=PlaceRef(name="X", country=country),
    )


def test_recoding_a_document_replaces_its_events(store: Store) -> None:
    replace_document_events(
        store, ["d1"], [_event("a", "d1", "SYR"), _event("b", "d1", "IRQ")], "v"
    )
    replace_document_events(store, ["d1"], [_event("a", "d1", "SYR")], "v")
    frame = query_events(store)
    assert list(frame["id"]) == ["a"]


def test_event_filter_by_country_and_nested_record(store: Store) -> None:
    replace_document_events(
        store, ["d1"], [_event("a", "d1", "SYR"), _event("b", "d1", "IRQ")], "v"
    )
    frame = query_events(store, EventFilter(country="IRQ"))
    record = event_record(frame.iloc[0].to_dict())
    assert record["id"] == "b"
    assert record["place"]["country"] == "IRQ"
    assert record["date"] is None
