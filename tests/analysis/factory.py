"""Build event tables for analysis tests: plain SQL inserts of documents and events."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pandas as pd

from watchfloor.store.database import Store

QUAD = {
    "FIGHT": 4,
    "ASSAULT": 4,
    "MOBILIZE": 4,
    "PROTEST": 3,
    "THREATEN": 3,
    "CONSULT": 1,
    "AID": 2,
    "COERCE": 4,
    "AGREE": 1,
}
GOLDSTEIN = {
    "FIGHT": -10.0,
    "ASSAULT": -9.0,
    "MOBILIZE": -7.2,
    "PROTEST": -6.5,
    "THREATEN": -4.4,
    "CONSULT": 1.0,
    "AID": 7.4,
    "COERCE": -7.0,
    "AGREE": 4.0,
}
START = dt.date(2024, 1, 1)
_ids = itertools.count()


@dataclass(frozen=True)
class Ev:
    """A compact event description for tests."""

    day: dt.date
    etype: str
    country: str = "AAA"
    admin1: str | None = "North"
    place: str | None = "Northtown"
    src_country: str | None = "AAA"
    src_sector: str | None = "MIL"
    tgt_country: str | None = "AAA"
    tgt_sector: str | None = "REB"
    text: str = "Fighting was reported."
    confidence: float = 0.9
    negated: bool = False
    fatalities: int | None = None
    source: str = "Wire A"
    quote_speaker: str | None = None
    doc_text: str | None = None
    warning_kind: str | None = None
    sub_event: str | None = None


def insert(store: Store, events: list[Ev]) -> list[str]:
    """Insert one document and one event per Ev (bulk, via DataFrames); returns event ids."""
    docs, rows = [], []
    for ev in events:
        n = next(_ids)
        doc_id, ev_id = f"doc{n}", f"ev{n}"
        docs.append(
            (
                doc_id,
                ev.doc_text or ev.text,
                ev.text[:40],
                dt.datetime.combine(ev.day, dt.time(12)),
                ev.source,
                f"h{n}",
            )
        )
        rows.append(
            (
                ev_id,
                doc_id,
                0,
                ev.text,
                ev.day,
                ev.etype,
                QUAD.get(ev.etype, 3),
                GOLDSTEIN.get(ev.etype, 0.0),
                ev.src_country,
                ev.src_country,
                ev.src_sector,
                ev.tgt_country,
                ev.tgt_country,
                ev.tgt_sector,
                ev.place,
                ev.admin1,
                ev.country,
                ev.fatalities,
                ev.confidence,
                ev.negated,
                ev.quote_speaker,
                ev.warning_kind,
                ev.sub_event,
            )
        )
    doc_frame = pd.DataFrame(docs, columns=list(DOC_COLUMNS))
    event_frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    with store.transaction() as con:
        con.register("_t_docs", doc_frame)
        con.register("_t_events", event_frame)
        con.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) SELECT * FROM _t_docs")
        con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) SELECT * FROM _t_events")
        con.unregister("_t_docs")
        con.unregister("_t_events")
    return [r[0] for r in rows]


DOC_COLUMNS = ("id", "text", "title", "published", "source", "content_hash")
EVENT_COLUMNS = (
    "id",
    "document_id",
    "sentence_index",
    "evidence_text",
    "date",
    "plover_event",
    "quad_class",
    "goldstein",
    "source_text",
    "source_country",
    "source_sector",
    "target_text",
    "target_country",
    "target_sector",
    "place_name",
    "place_admin1",
    "place_country",
    "fatalities",
    "confidence",
    "negated",
    "quote_speaker",
    "warning_kind",
    "acled_sub_event_type",
)


def flat_history(
    days: int, per_day: dict[str, int], *, start: dt.date = START, **fields: object
) -> list[Ev]:
    """A constant daily pattern of event types over ``days`` days."""
    out = []
    for d in range(days):
        day = start + dt.timedelta(days=d)
        for etype, count in per_day.items():
            out.extend(Ev(day, etype, **fields) for _ in range(count))  # type: ignore[arg-type]
    return out
