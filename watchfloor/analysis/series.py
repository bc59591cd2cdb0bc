"""Series keys and incremental daily counts, all in DuckDB SQL.

A series is (level, key, etype): level is ``global``, ``country``, ``admin1``, ``actor``,
``pair`` or ``actor_in`` (an actor inside a country, used for novelty); etype is a PLOVER
type, a QuadClass ``Q1``..``Q4`` or ``ALL``.

Events imported from a dataset (ACLED, GDELT) and events the coder read from news form
separate **streams**: an imported event's keys carry its dataset as a prefix (``acled:IRQ``,
``gdelt:IRQ/Baghdad``, ``gdelt:ALL``), so its rates are judged against its own dataset's
history. A GDELT day holds far more events than a news feed's, and news judged against it
would never look unusual (or, the other way round, always would). Novelty, warm-up and
severity read the streams together (``unstreamed_key``): an import seeds the history that
"first X ever in Y" and the 14 days of warm-up are judged against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

SOURCE_KEY = "coalesce(e.source_actor_id, e.source_country || coalesce('_' || e.source_sector, ''))"
TARGET_KEY = "coalesce(e.target_actor_id, e.target_country || coalesce('_' || e.target_sector, ''))"
TESTED_LEVELS = ("country", "admin1", "actor", "pair")
#: The key prefix of an event's stream: '' for coded events, ``<dataset>:`` for imported ones.
STREAM_SQL = (
    "CASE WHEN coalesce(e.dataset, 'watchfloor') = 'watchfloor' THEN '' "
    "ELSE lower(e.dataset) || ':' END"
)


def unstreamed_key(column: str = "key") -> str:
    """SQL for a series key without its stream prefix (``acled:IRQ`` -> ``IRQ``)."""
    # contains() first: most keys are coded news' and a regex on every daily count costs
    return (
        f"CASE WHEN contains({column}, ':') "
        f"THEN regexp_replace({column}, '^[a-z0-9_]+:', '') ELSE {column} END"
    )


def judged_events_sql(where: str = "TRUE") -> str:
    """Events that analysis counts: dated, not negated, with their series keys (``country``,
    ``admin1`` and ``src`` carry the stream prefix; ``tgt`` only follows ``src`` in a pair,
    ``place`` is the bare country)."""
    return f"""
        SELECT e.id AS event_id, e.document_id, e.date AS day,
               coalesce(e.confidence, 1.0) AS w, e.plover_event, e.quad_class,
               {STREAM_SQL} AS stream, e.place_country AS place,
               {STREAM_SQL} || e.place_country AS country,
               {STREAM_SQL} || e.place_country || '/' || e.place_admin1 AS admin1,
               {STREAM_SQL} || {SOURCE_KEY} AS src, {TARGET_KEY} AS tgt
        FROM events e
        WHERE e.date IS NOT NULL AND NOT coalesce(e.negated, FALSE) AND {where}
    """


def event_series_sql(where: str = "TRUE") -> str:
    """One row per (event, series) it belongs to: event_id, day, w, level, key, etype."""
    return f"""
        WITH ev AS ({judged_events_sql(where)}),
        lk AS (
            SELECT event_id, document_id, day, w, plover_event, quad_class,
                   unnest([
                       {{'level': 'global', 'key': stream || 'ALL'}},
                       {{'level': 'country', 'key': country}},
                       {{'level': 'admin1', 'key': admin1}},
                       {{'level': 'actor', 'key': src}},
                       {{'level': 'pair', 'key': src || '>' || tgt}}
                   ]) AS s
            FROM ev
        ),
        keyed AS (
            SELECT event_id, document_id, day, w, plover_event, quad_class,
                   s.level AS level, s.key AS key
            FROM lk WHERE s.key IS NOT NULL
        )
        SELECT event_id, document_id, day, w, level, key, etype FROM (
            SELECT *, unnest([plover_event, 'Q' || quad_class, 'ALL']) AS etype FROM keyed
        ) WHERE etype IS NOT NULL
        UNION ALL
        SELECT event_id, document_id, day, w, 'actor_in', src || '@' || place, 'ALL'
        FROM ev WHERE src IS NOT NULL AND place IS NOT NULL
    """


SERIES_LEVELS = (
    ("global", "ev.stream || 'ALL'"),
    ("country", "ev.country"),
    ("admin1", "ev.admin1"),
    ("actor", "ev.src"),
    ("pair", "ev.pair"),
)
SERIES_ETYPES = ("ev.plover_event", "'Q' || ev.quad_class", "'ALL'")
QUAD_TYPE_SQL = "regexp_full_match(etype, 'Q[0-9]+')::INTEGER"
SERIES_KINDS = (
    *((level, key, etype) for level, key in SERIES_LEVELS for etype in SERIES_ETYPES),
    ("actor_in", "ev.src || '@' || ev.place", "'ALL'"),
)


def judged_events_table(
    con: duckdb.DuckDBPyConnection, name: str, where: str, params: Sequence[object] = ()
) -> None:
    """Temp table ``name``: judged events with their series keys (``pair`` included)."""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {name} AS
        SELECT *, src || '>' || tgt AS pair
        FROM ({judged_events_sql(where)})
        """,
        list(params),
    )


def per_series_sql(template: str) -> str:
    """``template`` once per series kind, joined by UNION ALL.

    The template sees ``{level}`` (a SQL literal), ``{key}`` and ``{etype}`` (expressions
    over the events aliased ``ev``), ``{kind}`` (0 for a PLOVER type, 1 for a QuadClass
    as ``QUAD_TYPE_SQL``, 2 for ``ALL``) and ``{present}`` (both not NULL: an event has no
    series with a NULL key or type). Grouping per kind keeps the work on short keys
    instead of exploding every event into 16 string-keyed rows.
    """
    return "\nUNION ALL\n".join(
        template.format(
            level=f"'{level}'",
            key=key,
            etype=etype,
            present=f"({key}) IS NOT NULL AND ({etype}) IS NOT NULL",
            kind=SERIES_ETYPES.index(etype),
        )
        for level, key, etype in SERIES_KINDS
    )


def dirty_days(con: duckdb.DuckDBPyConnection, watermark: dt.datetime | None) -> list[dt.date]:
    """Days whose events changed since the last run: new rows, or a different count."""
    created = "TRUE" if watermark is None else "created_at > ?"
    params: list[object] = [] if watermark is None else [watermark]
    rows = con.execute(
        f"""
        WITH cur AS (
            SELECT date AS day, count(*) AS n FROM events
            WHERE date IS NOT NULL AND NOT coalesce(negated, FALSE) GROUP BY date
        ),
        old AS (
            SELECT day, sum(events) AS n FROM analysis_daily_counts
            WHERE level = 'global' AND etype = 'ALL' GROUP BY day
        )
        SELECT DISTINCT date FROM events WHERE date IS NOT NULL AND {created}
        UNION
        SELECT coalesce(cur.day, old.day) FROM cur FULL OUTER JOIN old ON cur.day = old.day
        WHERE cur.n IS DISTINCT FROM old.n
        ORDER BY 1
        """,
        params,
    ).fetchall()
    return [row[0] for row in rows]


def update_daily_counts(
    con: duckdb.DuckDBPyConnection, days: Sequence[dt.date], *, keep_events: bool = False
) -> int:
    """Recompute the daily counts of these days only; returns rows written.

    ``keep_events`` leaves their judged events in temp table ``_wf_ev`` for the caller.
    """
    if not days:
        return 0
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _wf_days AS SELECT unnest(?::DATE[]) AS day", [list(days)]
    )
    con.execute("DELETE FROM analysis_daily_counts WHERE day IN (SELECT day FROM _wf_days)")
    judged_events_table(con, "_wf_ev", "e.date IN (SELECT day FROM _wf_days)")
    per_kind = per_series_sql(
        "SELECT {level} AS level, {key} AS key, {etype} AS etype, ev.day, sum(ev.w) AS n, "
        "count(*)::INTEGER AS events FROM _wf_ev ev WHERE {present} GROUP BY ALL"
    )
    con.execute(f"INSERT INTO analysis_daily_counts {per_kind}")
    if not keep_events:
        con.execute("DROP TABLE IF EXISTS _wf_ev")
    written = fetch_one(
        con.execute(
            "SELECT count(*) FROM analysis_daily_counts WHERE day IN (SELECT day FROM _wf_days)"
        )
    )
    con.execute("DROP TABLE IF EXISTS _wf_days")
    return int(written[0]) if written else 0


def fetch_one(cur: duckdb.DuckDBPyConnection) -> tuple | None:  # type: ignore[type-arg]
    """First row of a result, reading it to the end (DuckDB refuses new work otherwise)."""
    rows = cur.fetchall()
    return rows[0] if rows else None
