"""Write coded events to the ``events`` table and read them back with filters, as typed
``Event`` records (``read_events``) or a flat frame (``query_events``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from watchfloor.daterange import DateRange
from watchfloor.records import Event
from watchfloor.store.database import Store
from watchfloor.store.event_rows import EVENT_COLUMNS, event_from_row, event_to_row

__all__ = [
    "EVENT_COLUMNS",
    "EventFilter",
    "event_record",
    "event_to_row",
    "query_events",
    "read_events",
    "replace_document_events",
    "replace_event_rows",
]

def replace_document_events(
    store: Store, document_ids: Sequence[str], events: Iterable[Event], coder_version: str
) -> int:
    """Replace all events of these documents in one transaction (idempotent re-coding)."""
    rows = [event_to_row(e, coder_version) for e in events]
    return replace_event_rows(store, document_ids, rows)


def replace_event_rows(
    store: Store, document_ids: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> int:
    """Replace the coded events of these documents with rows in EVENT_COLUMNS order."""
    placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
    with store.transaction() as con:
        if document_ids:
            con.execute(
                "DELETE FROM events WHERE dataset = 'watchfloor' AND document_id IN "
                "(SELECT unnest(?::VARCHAR[]))",
                [list(document_ids)],
            )
        if rows:
            con.executemany(
                f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})",
                list(rows),
            )
    return len(rows)


def count_out_of_range(store: Store, accepted: DateRange) -> int:
    """Events dated outside ``accepted`` (e.g. an imported 9999-12-31), which analysis and
    forecasts leave out."""
    row = store.con.execute(
        "SELECT count(*) FROM events WHERE date < ? OR date > ?",
        [accepted.earliest, accepted.latest],
    ).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by the CLI, the Python API and the REST API."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    type: str | None = None
    source: str | None = None
    min_confidence: float | None = None
    document_id: str | None = None
    dataset: str | None = None
    language: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause (over ``events e`` joined to ``documents d``) and its parameters."""
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        simple = [
            ("e.date >= ?", self.since), ("e.date <= ?", self.until),
            ("e.place_country = ?", self.country), ("e.place_admin1 = ?", self.admin1),
            ("d.source = ?", self.source), ("e.confidence >= ?", self.min_confidence),
            ("e.document_id = ?", self.document_id), ("e.dataset = ?", self.dataset),
            ("d.language = ?", self.language.lower() if self.language else None),
        ]
        for clause, value in simple:
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if self.type:
            clauses.append("(e.plover_event = ? OR e.cameo_code = ? OR e.acled_event_type = ?"
                           " OR e.acled_sub_event_type = ? OR e.warning_kind = ?)")
            params.extend([self.type] * 5)
        if self.actor:
            clauses.append("(e.source_country = ? OR e.target_country = ? OR e.source_actor_id = ?"
                           " OR e.target_actor_id = ? OR e.source_text ILIKE ? OR e.target_text"
                           " ILIKE ?)")
            params.extend([self.actor] * 4 + [f"%{self.actor}%"] * 2)
        return " AND ".join(clauses), params


def query_events(
    store: Store, flt: EventFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Events matching the filter, newest first, as a flat DataFrame."""
    where, params = (flt or EventFilter()).where()
    sql = (
        f"SELECT e.*, d.source AS document_source, d.title AS document_title FROM events e "
        f"LEFT JOIN documents d ON d.id = e.document_id WHERE {where} "
        f"ORDER BY e.date DESC NULLS LAST, e.document_id, e.sentence_index, e.id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.con.execute(sql, params).fetch_df()


def read_events(
    store: Store, flt: EventFilter | None = None, *, limit: int | None = None
) -> list[Event]:
    """Events matching the filter as typed records, in ``query_events`` order."""
    where, params = (flt or EventFilter()).where()
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = (
        f"SELECT {columns} FROM events e LEFT JOIN documents d ON d.id = e.document_id "
        f"WHERE {where} ORDER BY e.date DESC NULLS LAST, e.document_id, e.sentence_index, e.id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    rows = store.con.execute(sql, params).fetchall()
    return [event_from_row(dict(zip(EVENT_COLUMNS, row, strict=True))) for row in rows]


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A flat events row as the nested JSON object the CLI and API print."""

    def clean(value: Any) -> Any:
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if hasattr(value, "item"):
            return value.item()
        return value

    r = {k: clean(v) for k, v in row.items()}
    return {
        "id": r["id"], "dataset": r.get("dataset"), "document_id": r["document_id"],
        "sentence_index": r["sentence_index"], "date": r["date"],
        "plover_event": r["plover_event"], "plover_mode": r["plover_mode"],
        "cameo_code": r["cameo_code"], "goldstein": r["goldstein"],
        "quad_class": r["quad_class"], "acled_event_type": r["acled_event_type"],
        "acled_sub_event_type": r["acled_sub_event_type"],
        "source": {"text": r["source_text"], "country": r["source_country"],
                   "sector": r["source_sector"]},
        "target": {"text": r["target_text"], "country": r["target_country"],
                   "sector": r["target_sector"]},
        "place": {"name": r["place_name"], "admin1": r["place_admin1"],
                  "country": r["place_country"], "lat": r["lat"], "lon": r["lon"],
                  "geonames_id": r["geonames_id"]},
        "fatalities": r["fatalities"], "injuries": r["injuries"],
        "confidence": r["confidence"], "hedged": r["hedged"], "negated": r["negated"],
        "modality": r["modality"], "quote_speaker": r["quote_speaker"],
        "warning_kind": r.get("warning_kind"),
        "evidence": {"start": r["char_start"], "end": r["char_end"],
                     "text": r["evidence_text"]},
    }
