"""Escalation signals: a foreign army already fighting in a country turns to heavier means.

An offensive rarely starts from nothing. Before Turkey's Afrin operation its artillery shelled
the district for a week, a few events a day, so no day stood out from its baseline; what
changed on the first day were the air strikes. This signal marks the first use, within the
baseline window, of one of the ``escalation_means`` (ACLED sub-event types: air strikes,
shelling, ground clashes) by a foreign state's forces in a country where they were already
active (``novelty_min_prior_events`` events of that state there in the window). The country
itself must be past its warm-up (``min_history_days``), so "first" is judged against a record.
It only joins clusters: a new means alone is not an alert.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import unstreamed_key
from watchfloor.analysis.signals import SIGNAL_COLUMNS

SUBTYPE = "new_means"
BASE_SCORE = 3.0
"""Weight of the signal, as a first-seen actor or event type's (times the event confidence)."""


def escalation_signals(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """One signal per foreign state, country, province, means and day of first use."""
    if not cfg.escalation_means or not cfg.escalation_sectors:
        return pd.DataFrame(columns=list(SIGNAL_COLUMNS))
    sql = f"""
    WITH ev AS (
        SELECT e.id, e.date, e.document_id, e.place_country, e.place_admin1, e.place_name,
               e.plover_event, e.source_country AS force, e.source_sector,
               e.acled_sub_event_type AS means, coalesce(e.confidence, 1.0) AS w,
               substr(coalesce(e.evidence_text, ''), 1, 160) AS what
        FROM events e
        WHERE e.date >= $from_day - $base_days::INTEGER AND e.date IS NOT NULL
              AND NOT coalesce(e.negated, FALSE) AND coalesce(e.confidence, 1.0) >= $min_conf
              AND e.place_country IS NOT NULL AND e.source_country IS NOT NULL
              AND e.source_country <> e.place_country
    ),
    started AS (
        SELECT {unstreamed_key()} AS place_country, min(day) AS first_day
        FROM analysis_daily_counts WHERE level = 'country' AND etype = 'ALL' GROUP BY ALL
    ),
    hit AS (
        SELECT ev.* FROM ev JOIN started s USING (place_country)
        WHERE ev.date >= $from_day AND list_contains($means, ev.means)
              AND list_contains($sectors, ev.source_sector)
              AND s.first_day <= ev.date - $min_hist::INTEGER
              AND NOT EXISTS (
                  SELECT 1 FROM ev p WHERE p.force = ev.force
                  AND p.place_country = ev.place_country AND p.means = ev.means
                  AND p.date < ev.date AND p.date >= ev.date - $base_days::INTEGER)
              AND (SELECT count(*) FROM ev p WHERE p.force = ev.force
                   AND p.place_country = ev.place_country
                   AND p.date < ev.date AND p.date >= ev.date - $base_days::INTEGER)
                  >= $min_prior
    )
    SELECT 'E' || substr(md5('escalation|' || force || '|' || place_country || '|'
                || coalesce(place_admin1, '') || '|' || means || '|' || CAST(date AS VARCHAR)),
                1, 16) AS id,
           date AS day, 'novelty' AS kind, $subtype AS subtype,
           first(plover_event ORDER BY w DESC, id) AS etype,
           first(id ORDER BY w DESC, id) AS event_id,
           first(document_id ORDER BY w DESC, id) AS document_id,
           place_country AS country, place_admin1 AS admin1,
           first(place_name ORDER BY w DESC, id) AS place,
           force || '_' || first(source_sector ORDER BY w DESC, id) AS actor,
           $base * max(w) AS score, NULL::DOUBLE AS observed, NULL::DOUBLE AS expected,
           count(*)::INTEGER AS n_events, count(DISTINCT document_id)::INTEGER AS n_documents,
           printf('%s: first %s by %s forces in %s in %d days: %s', $subtype, means, force,
                  place_country, $base_days::INTEGER, first(what ORDER BY w DESC, id)) AS summary
    FROM hit
    GROUP BY date, force, place_country, place_admin1, means
    """
    params = {
        "from_day": from_day,
        "base_days": cfg.baseline_days,
        "min_conf": cfg.min_confidence,
        "min_hist": cfg.min_history_days,
        "min_prior": cfg.novelty_min_prior_events,
        "means": list(cfg.escalation_means),
        "sectors": list(cfg.escalation_sectors),
        "subtype": SUBTYPE,
        "base": BASE_SCORE,
    }
    return con.execute(sql, params).fetch_df()
