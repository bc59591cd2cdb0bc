"""Events go into the store and come back as the same typed records, through one mapping."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from watchfloor.records import ActorRef, Event, Evidence, PlaceRef
from watchfloor.store import Store
from watchfloor.store.event_rows import (
    EVENT_COLUMNS,
    FIELD_COLUMNS,
    NOT_STORED,
    WRITER_COLUMNS,
    event_from_row,
    event_to_row,
)
from watchfloor.store.events import read_events, replace_document_events


def stored_form(event: Event) -> Event:
    """What the table can hold of an event: the place's feature class is not a column."""
    if event.place is None:
        return event
    return dataclasses.replace(event, place=dataclasses.replace(event.place, feature=None))


def test_the_mapping_covers_every_column_and_every_field() -> None:
    columns = [column for column, _, _ in FIELD_COLUMNS]
    assert len(columns) == len(set(columns))
    assert set(columns) | WRITER_COLUMNS == set(EVENT_COLUMNS)
    assert not set(columns) & WRITER_COLUMNS
    nested = {f"{name}.{inner}" for _, name, inner in FIELD_COLUMNS if inner}
    tops = {name for _, name, inner in FIELD_COLUMNS}
    assert tops == {f.name for f in dataclasses.fields(Event)}
    assert "place.feature" in NOT_STORED and "place.feature" not in nested
    assert {"evidence.document_id", "source.actor_id", "target.sector", "place.lat"} <= nested


FULL = Event(
    id="e1",
    evidence=Evidence("doc-1", 2, 10, 58, "Rebels shelled the village of Kafr Nabl."),
    plover_event="ASSAULT",
    plover_mode="shelling",
    cameo_code="195",
    goldstein=-10.0,
    quad_class=4,
    acled_event_type="Explosions/Remote violence",
    acled_sub_event_type="Shelling/artillery/missile attack",
    date=dt.date(2024, 3, 1),
    source=ActorRef("Rebels", "SYR", "REB", "SYR_REB"),
    target=ActorRef("the village", None, "CVL"),
    place=PlaceRef("Kafr Nabl", "SYR", "Idlib", 35.61, 36.56, 169389),
    fatalities=3,
    injuries=7,
    confidence=0.82,
    hedged=True,
    negated=False,
    modality="reported",
    quote_speaker="a monitor",
    explanation="trigger 'shelled' (rule: verb)",
)
BARE = Event(id="e2", evidence=Evidence("doc-1", 0, 0, 5, "Talks."), plover_event="CONSULT")


@pytest.mark.parametrize("event", [FULL, BARE, dataclasses.replace(FULL, date=None, place=None)])
def test_an_event_round_trips_through_the_table(store: Store, event: Event) -> None:
    store.con.execute(
        "INSERT INTO documents (id, text, content_hash) VALUES ('doc-1', 'x', 'h')"
    )
    replace_document_events(store, ["doc-1"], [event], "test-1")
    assert read_events(store) == [stored_form(event)]
    row = dict(zip(EVENT_COLUMNS, event_to_row(event, "test-1"), strict=True))
    assert event_from_row(row) == stored_form(event)
    stored = store.con.execute("SELECT cameo_root, coder_version FROM events").fetchone()
    assert stored == ((event.cameo_code or "")[:2] or None, "test-1")
