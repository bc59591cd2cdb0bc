"""The one mapping between ``Event`` records and rows of the ``events`` table, both ways.

The mapping is derived from the dataclasses: each field of ``Event`` is a column of the same
name, and each field of a nested record (``evidence``, ``source``, ``target``, ``place``) a
column named with the record's prefix, except for the few renames below, which the table
has always used. A test checks that the mapping covers every column and every field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from watchfloor.records import ActorRef, Event, Evidence, PlaceRef

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "dataset", "dataset_event_id", "document_id", "sentence_index", "char_start",
    "char_end", "evidence_text", "date", "plover_event", "plover_mode", "cameo_code",
    "cameo_root", "goldstein", "quad_class", "acled_event_type", "acled_sub_event_type",
    "source_text", "source_country", "source_sector", "source_actor_id", "target_text",
    "target_country", "target_sector", "target_actor_id", "place_name", "place_admin1",
    "place_country", "lat", "lon", "geonames_id", "fatalities", "injuries", "confidence",
    "hedged", "negated", "modality", "quote_speaker", "explanation", "coder_version",
)
"""The table's columns in table order (``coder_version`` is the writer's, not the event's)."""

NESTED: dict[str, tuple[type[Any], str]] = {
    "evidence": (Evidence, ""),
    "source": (ActorRef, "source_"),
    "target": (ActorRef, "target_"),
    "place": (PlaceRef, "place_"),
}
RENAMED = {
    "evidence.start": "char_start",
    "evidence.end": "char_end",
    "evidence.text": "evidence_text",
    "place.lat": "lat",
    "place.lon": "lon",
    "place.geonames_id": "geonames_id",
}
NOT_STORED = frozenset({"place.feature"})  # the gazetteer's feature class: not a column
# Columns that are no field of Event: filled by the writer (cameo_root is derived).
WRITER_COLUMNS = frozenset({"dataset_event_id", "cameo_root", "coder_version"})


def _field_columns() -> tuple[tuple[str, str, str | None], ...]:
    """(column, field, nested field or None) for every stored field of Event."""
    out: list[tuple[str, str, str | None]] = []
    for top in dataclasses.fields(Event):
        if top.name not in NESTED:
            out.append((top.name, top.name, None))
            continue
        record, prefix = NESTED[top.name]
        for inner in dataclasses.fields(record):
            path = f"{top.name}.{inner.name}"
            if path not in NOT_STORED:
                out.append((RENAMED.get(path, prefix + inner.name), top.name, inner.name))
    return tuple(out)


FIELD_COLUMNS = _field_columns()


def event_to_row(event: Event, coder_version: str) -> tuple[Any, ...]:
    """An Event as a tuple in EVENT_COLUMNS order."""
    values: dict[str, Any] = {
        "dataset_event_id": None,
        "cameo_root": event.cameo_code[:2] if event.cameo_code else None,
        "coder_version": coder_version,
    }
    for column, name, inner in FIELD_COLUMNS:
        value = getattr(event, name)
        values[column] = value if inner is None else getattr(value, inner, None)
    return tuple(values[c] for c in EVENT_COLUMNS)


def event_from_row(row: Mapping[str, Any]) -> Event:
    """An ``events`` row (by column name) as an Event; a nested actor or place whose columns
    are all empty is None. Imported events without a document keep an evidence of Nones."""
    top: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {name: {} for name in NESTED}
    for column, name, inner in FIELD_COLUMNS:
        if inner is None:
            top[name] = row.get(column)
        else:
            nested[name][inner] = row.get(column)
    for name, (record, _) in NESTED.items():
        values = nested[name]
        empty = all(v is None for v in values.values())
        top[name] = None if empty and name != "evidence" else record(**values)
    for flag in ("hedged", "negated"):
        top[flag] = bool(top[flag])
    defaults = {"confidence": 1.0, "modality": "asserted", "dataset": "watchfloor"}
    for name, default in defaults.items():
        if top[name] is None:
            top[name] = default
    return Event(**top)
