"""Unusual-event signals: rate spikes from the baselines, novelty, and per-event surprise."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import SOURCE_KEY, event_series_sql, unstreamed_key

WORRYING_TYPES = ("MOBILIZE", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "PROTEST")
ARMED_SECTORS = "^(MIL|REB|INS|PMG|UAF|SPY)"
#: A visit is a warning when the visitor is foreign to the place (or their country unknown).
FOREIGN_KINDS = ("foreign_figure_visit",)

SIGNAL_COLUMNS = (
    "id",
    "day",
    "kind",
    "subtype",
    "etype",
    "event_id",
    "document_id",
    "country",
    "admin1",
    "place",
    "actor",
    "score",
    "observed",
    "expected",
    "n_events",
    "n_documents",
    "summary",
)


def _signal_id_sql(*parts: str) -> str:
    joined = " || '|' || ".join(f"coalesce(CAST({p} AS VARCHAR), '')" for p in parts)
    return f"'S' || substr(md5({joined}), 1, 16)"


def rate_signals(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """One signal per significant series-day, tied to its most confident event."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_sig AS
        SELECT level, key, etype, day, observed, expected, q_value FROM analysis_baselines
        WHERE day >= ? AND q_value <= ? AND observed >= ? AND observed >= ? * expected
        """,
        [from_day, cfg.q_rate, cfg.min_rate_events, cfg.min_rate_ratio],
    )
    frame = con.execute(
        f"""
        WITH es AS ({event_series_sql("e.date IN (SELECT DISTINCT day FROM _wf_sig)")}),
        hit AS (
            SELECT s.level, s.key, s.etype, s.day, s.observed, s.expected, s.q_value,
                   first(es.event_id ORDER BY es.w DESC, es.event_id) AS event_id,
                   count(*) AS n_events, count(DISTINCT es.document_id) AS n_documents
            FROM _wf_sig s JOIN es ON es.level = s.level AND es.key = s.key
                 AND es.etype = s.etype AND es.day = s.day
            GROUP BY ALL
        )
        SELECT {_signal_id_sql("'rate'", "h.level", "h.key", "h.etype", "h.day")} AS id,
               h.level,
               h.day, 'rate' AS kind, 'spike' AS subtype, h.etype, h.event_id, e.document_id,
               e.place_country AS country, e.place_admin1 AS admin1, e.place_name AS place,
               CASE WHEN h.level IN ('actor', 'pair') THEN h.key END AS actor,
               least(-log10(greatest(h.q_value, 1e-300)), 30.0) AS score,
               h.observed, h.expected, h.n_events::INTEGER AS n_events,
               h.n_documents::INTEGER AS n_documents,
               printf('%s by %s %s: %d events in %d documents (weighted %.1f) vs %.2f '
                      'expected, q=%.1e',
                      h.etype, h.level, h.key, h.n_events, h.n_documents, h.observed,
                      h.expected,
                      h.q_value) AS summary
        FROM hit h JOIN events e ON e.id = h.event_id
        ORDER BY id
        """
    ).fetch_df()
    con.execute("DROP TABLE IF EXISTS _wf_sig")
    if frame.empty:
        return pd.DataFrame(columns=list(SIGNAL_COLUMNS))
    return _strongest_rate_signals(frame)


def _strongest_rate_signals(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep one signal per (day, country, type) for places and one for actors.

    The same spike shows at country, admin1, actor and pair level and as a QuadClass; the
    analyst needs it once, at its most significant level. QuadClass spikes are kept only
    when no PLOVER-type spike explains them.
    """
    if frame.empty:
        return frame
    frame = frame.assign(
        side=frame["level"].isin(["actor", "pair"]).map({True: "actor", False: "place"}),
        quad=frame["etype"].str.match(r"^Q\d$"),
        area=frame["country"].fillna(""),
    )
    typed = frame[~frame["quad"]].groupby(["day", "area", "side"]).size()
    has_type = frame.set_index(["day", "area", "side"]).index.isin(typed.index)
    frame = frame[~(frame["quad"] & has_type)]
    frame = frame.sort_values("score", ascending=False, kind="stable")
    frame = frame.drop_duplicates(["day", "area", "side", "etype"])
    return frame.drop(columns=["side", "quad", "area", "level"]).reset_index(drop=True)


def novelty_signals(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """New type for a place, actor somewhere new, and the warning kind the coder marked on an
    event (``events.warning_kind``: border crossing, evacuation, closure ...).

    A warning kind the country showed on ``routine_kind_days`` or more days of the baseline
    window is its normal, not a warning: foreign forces fight in Syria every day.
    """
    worrying = ", ".join(f"'{t}'" for t in WORRYING_TYPES)
    foreign = ", ".join(f"'{k}'" for k in FOREIGN_KINDS)
    params = {
        "from_day": from_day,
        "base_days": cfg.baseline_days,
        "min_hist": cfg.min_history_days,
        "min_prior": cfg.novelty_min_prior_events,
        "min_conf": cfg.min_confidence,
        "routine": cfg.routine_kind_days,
    }
    sql = f"""
    WITH ev_all AS (
        SELECT e.*, {SOURCE_KEY} AS src, coalesce(e.confidence, 1.0) AS w,
               CASE WHEN e.place_admin1 IS NULL THEN 'country' ELSE 'admin1' END AS plevel,
               CASE WHEN e.place_admin1 IS NULL THEN e.place_country
                    ELSE e.place_country || '/' || e.place_admin1 END AS pkey
        FROM events e
        WHERE e.date >= $from_day - $base_days::INTEGER AND NOT coalesce(e.negated, FALSE)
              AND coalesce(e.confidence, 1.0) >= $min_conf AND e.place_country IS NOT NULL
    ),
    ev AS (SELECT * FROM ev_all WHERE date >= $from_day),
    firsts AS (
        SELECT level, {unstreamed_key()} AS key, etype, min(day) AS first_day
        FROM analysis_daily_counts
        WHERE level IN ('country', 'admin1') OR (level IN ('actor', 'actor_in') AND etype = 'ALL')
        GROUP BY ALL
    ),
    daily_all AS (
        SELECT level, {unstreamed_key()} AS key, day, sum(events) AS events
        FROM analysis_daily_counts
        WHERE etype = 'ALL' AND level IN ('country', 'admin1', 'actor')
        GROUP BY ALL
    ),
    cum AS (
        SELECT level, key, day,
               coalesce(sum(events) OVER (PARTITION BY level, key ORDER BY day
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS prior_events
        FROM daily_all
    ),
    new_type AS (
        SELECT ev.*, 'new_type' AS subtype, ev.plover_event AS etype, NULL AS actor, 3.0 AS base,
               printf('first %s ever recorded in %s', ev.plover_event, ev.pkey) AS what
        FROM ev
        JOIN firsts ft ON ft.level = ev.plevel AND ft.key = ev.pkey
             AND ft.etype = ev.plover_event AND ft.first_day = ev.date
        JOIN firsts fa ON fa.level = ev.plevel AND fa.key = ev.pkey AND fa.etype = 'ALL'
             AND fa.first_day <= ev.date - $min_hist::INTEGER
        JOIN cum p ON p.level = ev.plevel AND p.key = ev.pkey AND p.day = ev.date
             AND p.prior_events >= $min_prior
        WHERE ev.quad_class IN (3, 4) OR ev.plover_event IN ({worrying})
    ),
    new_actor AS (
        SELECT ev.*, 'new_actor_place' AS subtype, ev.plover_event AS etype, ev.src AS actor,
               3.0 AS base,
               printf('%s active in %s for the first time', ev.src, ev.place_country) AS what
        FROM ev
        JOIN firsts fi ON fi.level = 'actor_in' AND fi.key = ev.src || '@' || ev.place_country
             AND fi.first_day = ev.date
        JOIN firsts fa ON fa.level = 'actor' AND fa.key = ev.src AND fa.etype = 'ALL'
             AND fa.first_day <= ev.date - $min_hist::INTEGER
        JOIN cum p ON p.level = 'actor' AND p.key = ev.src AND p.day = ev.date
             AND p.prior_events >= $min_prior
        WHERE ev.src IS NOT NULL AND ev.source_country IS DISTINCT FROM ev.place_country
    ),
    hits AS (
        SELECT ev_all.*, CASE
               WHEN warning_kind IN ({foreign})
                    AND source_country IS NOT DISTINCT FROM place_country THEN NULL
               WHEN warning_kind IS NOT NULL THEN warning_kind
               WHEN plover_mode = 'curfew' THEN 'closure'
               WHEN source_country IS NOT NULL AND source_country <> place_country
                    AND plover_event IN ('MOBILIZE', 'FIGHT', 'ASSAULT')
                    AND regexp_matches(coalesce(source_sector, ''), '{ARMED_SECTORS}')
                    THEN 'border_crossing'
               END AS subtype
        FROM ev_all
    ),
    hit AS (SELECT * FROM hits WHERE subtype IS NOT NULL),
    words AS (
        SELECT h.*, h.plover_event AS etype, h.src AS actor,
               CASE WHEN EXISTS (
                   SELECT 1 FROM hit p WHERE p.subtype = h.subtype
                   AND p.place_country = h.place_country
                   AND p.place_admin1 IS NOT DISTINCT FROM h.place_admin1
                   AND p.date < h.date AND p.date >= h.date - $base_days::INTEGER)
                   THEN 2.0 ELSE 4.0 END AS base,
               substr(coalesce(h.evidence_text, ''), 1, 160) AS what
        FROM hit h
        JOIN firsts fa ON fa.level = 'country' AND fa.key = h.place_country
             AND fa.etype = 'ALL' AND fa.first_day <= h.date - $min_hist::INTEGER
        WHERE h.date >= $from_day AND (
            SELECT count(DISTINCT p.date) FROM hit p WHERE p.subtype = h.subtype
            AND p.place_country = h.place_country
            AND p.date < h.date AND p.date >= h.date - $base_days::INTEGER) < $routine
    ),
    allsig AS (
        SELECT *, CASE WHEN subtype = 'new_type' THEN etype END AS gtype,
               CASE WHEN subtype = 'new_actor_place' THEN actor END AS gactor
        FROM (
            SELECT id, date, document_id, place_country, place_admin1, place_name, w,
                   subtype, etype, actor, base, what FROM new_type
            UNION ALL SELECT id, date, document_id, place_country, place_admin1, place_name,
                   w, subtype, etype, actor, base, what FROM new_actor
            UNION ALL SELECT id, date, document_id, place_country, place_admin1, place_name,
                   w, subtype, etype, actor, base, what FROM words
        )
    )
    SELECT {
        _signal_id_sql(
            "'novelty'", "subtype", "place_country", "place_admin1", "gtype", "gactor", "date"
        )
    } AS id,
           date AS day, 'novelty' AS kind, subtype,
           first(etype ORDER BY w DESC, id) AS etype, first(id ORDER BY w DESC, id) AS event_id,
           first(document_id ORDER BY w DESC, id) AS document_id, place_country AS country,
           place_admin1 AS admin1, first(place_name ORDER BY w DESC, id) AS place,
           first(actor ORDER BY w DESC, id) AS actor,
           max(base * w) AS score, NULL::DOUBLE AS observed, NULL::DOUBLE AS expected,
           count(*)::INTEGER AS n_events, count(DISTINCT document_id)::INTEGER AS n_documents,
           subtype || ': ' || first(what ORDER BY w DESC, id) AS summary
    FROM allsig
    GROUP BY date, subtype, place_country, place_admin1, gtype, gactor
    """
    return con.execute(sql, params).fetch_df()


def store_signals(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, frames: list[pd.DataFrame]
) -> int:
    """Replace the signals from ``from_day`` on with these frames; returns the count."""
    con.execute("DELETE FROM analysis_signals WHERE day >= ?", [from_day])
    total = 0
    for frame in frames:
        if frame.empty:
            continue
        con.register("_wf_new_signals", frame[list(SIGNAL_COLUMNS)])
        con.execute(
            f"INSERT INTO analysis_signals ({', '.join(SIGNAL_COLUMNS)}) "
            f"SELECT {', '.join(SIGNAL_COLUMNS)} FROM _wf_new_signals "
            "ON CONFLICT DO NOTHING"
        )
        con.unregister("_wf_new_signals")
        total += len(frame)
    return total
