"""A small, hand-built database for the API and browser tests: documents, events, one alert."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from watchfloor.store.database import Store

HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'
ALERT_ID = "alert-syunik-1"
FIRST_DAY = dt.date(2026, 3, 1)

# (doc id, source, day offset, title, [(sentence, plover, quad, country, admin1, place, lat, lon)])
_DOCS = [
    (
        "doc-arm-1",
        "Outlet A",
        0,
        "Shelling reported near Goris",
        [
            (
                "Troops shelled villages near Goris on Monday.",
                "ASSAULT",
                4,
                "ARM",
                "Syunik",
                "Goris",
                39.51,
                46.34,
            ),
            (
                "Local officials called for an evacuation.",
                "DEMAND",
                3,
                "ARM",
                "Syunik",
                "Goris",
                39.51,
                46.34,
            ),
        ],
    ),
    (
        "doc-arm-2",
        "Outlet B",
        1,
        "Border crossing closed in Syunik",
        [
            (
                "The border crossing at Agarak was closed by the authorities.",
                "RETREAT",
                4,
                "ARM",
                "Syunik",
                "Agarak",
                38.86,
                46.18,
            ),
            (
                "Soldiers were mobilized along the frontier.",
                "MOBILIZE",
                4,
                "ARM",
                "Syunik",
                "Kapan",
                39.21,
                46.41,
            ),
        ],
    ),
    (
        "doc-geo-1",
        "Outlet A",
        3,
        "Talks in Tbilisi",
        [
            (
                "Georgia and Armenia agreed to cooperate on transit.",
                "AGREE",
                1,
                "GEO",
                "Tbilisi",
                "Tbilisi",
                41.69,
                44.83,
            ),
            (
                "The ministers signed a trade accord.",
                "COOPERATE",
                2,
                "GEO",
                "Tbilisi",
                "Tbilisi",
                41.69,
                44.83,
            ),
        ],
    ),
    (
        "doc-aze-1",
        "Outlet C",
        6,
        "Protest in Baku",
        [
            (
                "Hundreds protested in Baku against prices.",
                "PROTEST",
                3,
                "AZE",
                "Baku",
                "Baku",
                40.41,
                49.87,
            ),
        ],
    ),
    (
        "doc-hostile",
        "Outlet <b>X</b>",
        8,
        HOSTILE_TITLE,
        [
            (
                "Police detained <script>alert(1)</script> activists in Yerevan.",
                "SEIZE",
                4,
                "ARM",
                "Yerevan",
                "Yerevan",
                40.18,
                44.51,
            ),
        ],
    ),
]


@dataclass(frozen=True)
class Sample:
    """Handles the tests need: ids and counts of what was inserted."""

    n_documents: int
    n_events: int
    alert_id: str
    alert_event_ids: tuple[str, ...]


def _insert_alert_tables(store: Store) -> None:
    """The analysis layer's alert tables, created only when its migration is absent."""
    store.con.execute(
        "CREATE TABLE IF NOT EXISTS alerts (id VARCHAR PRIMARY KEY, kind VARCHAR, dedup_key "
        "VARCHAR, country VARCHAR, admin1 VARCHAR, place VARCHAR, start_day DATE, end_day DATE, "
        "score DOUBLE, n_signals INTEGER, summary VARCHAR, state VARCHAR DEFAULT 'new', "
        "created_at TIMESTAMP, updated_at TIMESTAMP, notified_at TIMESTAMP)"
    )
    store.con.execute(
        "CREATE TABLE IF NOT EXISTS alert_signals (alert_id VARCHAR, signal_id VARCHAR, "
        "event_id VARCHAR, document_id VARCHAR, day DATE, type VARCHAR, summary VARCHAR, "
        "score DOUBLE, PRIMARY KEY (alert_id, signal_id))"
    )


def fill(store: Store) -> Sample:
    """Insert the sample documents, their events (with evidence spans) and one cluster alert."""
    n_events = 0
    alert_events: list[str] = []
    with store.transaction() as con:
        for doc_id, source, offset, title, sentences in _DOCS:
            text = " ".join(s[0] for s in sentences)
            day = FIRST_DAY + dt.timedelta(days=offset)
            con.execute(
                "INSERT INTO documents (id, url, title, text, published, source, content_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    doc_id,
                    f"https://news.example/{doc_id}",
                    title,
                    text,
                    dt.datetime.combine(day, dt.time(9)),
                    source,
                    hashlib.sha256(text.encode()).hexdigest(),
                ],
            )
            start = 0
            for index, (sentence, plover, quad, country, admin1, place, lat, lon) in enumerate(
                sentences
            ):
                event_id = f"{doc_id}:{index}"
                con.execute(
                    "INSERT INTO events (id, document_id, sentence_index, char_start, char_end, "
                    "evidence_text, date, plover_event, quad_class, source_text, source_country, "
                    "target_text, target_country, place_name, place_admin1, place_country, lat, "
                    "lon, confidence, hedged, negated, modality) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, "
                    "'asserted')",
                    [
                        event_id,
                        doc_id,
                        index,
                        start,
                        start + len(sentence),
                        sentence,
                        day,
                        plover,
                        quad,
                        "troops",
                        country,
                        "villagers",
                        country,
                        place,
                        admin1,
                        country,
                        lat,
                        lon,
                        0.9 if quad == 4 else 0.6,
                    ],
                )
                if admin1 == "Syunik":
                    alert_events.append(event_id)
                start += len(sentence) + 1
                n_events += 1
    _insert_alert(store, alert_events)
    _insert_forecasts(store)
    return Sample(len(_DOCS), n_events, ALERT_ID, tuple(alert_events))


def _insert_alert(store: Store, event_ids: list[str]) -> None:
    _insert_alert_tables(store)
    now = dt.datetime(2026, 3, 3, 12)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO alerts (id, kind, dedup_key, country, admin1, place, start_day, end_day, "
            "score, n_signals, summary, state, created_at, updated_at) VALUES "
            "(?, 'cluster', 'cluster:ARM:Syunik', 'ARM', 'Syunik', 'Goris', ?, ?, 7.5, ?, ?, "
            "'new', ?, ?)",
            [
                ALERT_ID,
                FIRST_DAY,
                FIRST_DAY + dt.timedelta(days=1),
                len(event_ids),
                f"{len(event_ids)} unusual events in Syunik within 48 hours",
                now,
                now,
            ],
        )
        for event_id in event_ids:
            doc_id, _, _ = event_id.partition(":")
            con.execute(
                "INSERT INTO alert_signals (alert_id, signal_id, event_id, document_id, day, "
                "type, summary, score) SELECT ?, ?, id, document_id, date, plover_event, "
                "'unusual ' || plover_event || ' in Syunik', 3.0 FROM events WHERE id = ?",
                [ALERT_ID, f"sig-{event_id}", event_id],
            )


FORECASTS = [("ARM", 0.62, 4.0), ("AZE", 0.31, 1.5), ("GEO", 0.08, 0.2)]


def _insert_forecasts(store: Store) -> None:
    """Rows of the forecast layer's table (when its migration is present)."""
    if "forecasts" not in store.tables():
        return
    features = '[{"feature": "conflict_events_lag1", "value": 5, "contribution": 0.4}]'
    with store.transaction() as con:
        for unit, prob, expected in FORECASTS:
            con.execute(
                "INSERT INTO forecasts (unit_kind, unit, period, horizon, origin_start, "
                "target_start, target, last_value, expected, q10, q50, q90, escalation_prob, "
                "escalation_rule, top_features, model, run_id) VALUES ('country', ?, 'month', "
                "1, DATE '2026-03-01', DATE '2026-04-01', 'fatalities', 1.0, ?, 0.0, ?, ?, ?, "
                "'fatalities doubled', ?, 'test', 'run-1')",
                [unit, expected, expected, expected * 3, prob, features],
            )
