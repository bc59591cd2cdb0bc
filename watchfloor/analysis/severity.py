"""Severity signals: an event far deadlier than anything its province saw in the baseline window.

Counts of events miss the day an analyst remembers: two suicide bombers in a city used to
one or two deaths a week make one event, not a spike. This signal compares the event's
fatalities with the largest single toll recorded in the same province over the previous
``baseline_days`` (and needs ``severity_min_history`` events of any kind there, with or
without a toll, to compare with). When the dead are fighters of an armed group the signal
weighs half: a belligerent's toll of its enemies is a war's daily grammar (and often a
claim), a bombing of people who are not fighters is the day an analyst remembers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.signals import ARMED_SECTORS

SUBTYPE = "mass_casualty"
BASE_SCORE = 4.0
"""A severity signal's score is this times its event's weight (confidence, halved for fighters),
as a first-seen warning kind's is."""


def severity_signals(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """One signal per province and day whose deadliest event is out of scale for it.

    ``observed`` is the event's fatalities and ``expected`` the province's largest earlier
    toll in the window (0 when it recorded only events without deaths).
    """
    sql = """
    WITH ev AS (
        SELECT e.id, e.date, e.document_id, e.place_country, e.place_admin1, e.place_name,
               e.plover_event, e.fatalities,
               coalesce(e.confidence, 1.0) * CASE WHEN regexp_matches(
                   coalesce(e.target_sector, ''), $armed) THEN 0.5 ELSE 1.0 END AS w,
               substr(coalesce(e.evidence_text, ''), 1, 160) AS what
        FROM events e
        WHERE e.date >= $from_day - $base_days::INTEGER
              AND NOT coalesce(e.negated, FALSE) AND coalesce(e.confidence, 1.0) >= $min_conf
              AND e.place_country IS NOT NULL AND e.place_admin1 IS NOT NULL
    ),
    daily AS (
        SELECT place_country, place_admin1, date, count(*) AS n, max(fatalities) AS top
        FROM ev GROUP BY ALL
    ),
    windowed AS (
        SELECT place_country, place_admin1, date,
               coalesce(sum(n) OVER w, 0) AS n_before, coalesce(max(top) OVER w, 0) AS max_before
        FROM daily
        WINDOW w AS (PARTITION BY place_country, place_admin1 ORDER BY date
                     RANGE BETWEEN INTERVAL ($base_days) DAYS PRECEDING
                     AND INTERVAL 1 DAY PRECEDING)
    ),
    judged AS (
        SELECT ev.*, wd.n_before, wd.max_before
        FROM ev JOIN windowed wd USING (place_country, place_admin1, date)
        WHERE ev.date >= $from_day AND ev.fatalities >= $min_deaths
    ),
    hit AS (
        SELECT * FROM judged
        WHERE n_before >= $min_hist AND fatalities >= $ratio * max_before
    )
    SELECT 'S' || substr(md5('severity|' || place_country || '|' || place_admin1 || '|'
                || CAST(date AS VARCHAR)), 1, 16) AS id,
           date AS day, 'novelty' AS kind, $subtype AS subtype,
           first(plover_event ORDER BY fatalities DESC, w DESC, id) AS etype,
           first(id ORDER BY fatalities DESC, w DESC, id) AS event_id,
           first(document_id ORDER BY fatalities DESC, w DESC, id) AS document_id,
           place_country AS country, place_admin1 AS admin1,
           first(place_name ORDER BY fatalities DESC, w DESC, id) AS place,
           NULL AS actor,
           -- the weight of the least certain event carrying the toll: one reading of the
           -- dead as fighters is enough to keep the signal from alerting alone
           $base * first(w ORDER BY fatalities DESC, w, id) AS score,
           max(fatalities)::DOUBLE AS observed, max(max_before)::DOUBLE AS expected,
           count(*)::INTEGER AS n_events, count(DISTINCT document_id)::INTEGER AS n_documents,
           printf('%s: %d killed, against at most %d in any event in %s/%s over the previous '
                  '%d days: %s', $subtype, max(fatalities), max(max_before), place_country,
                  place_admin1, $base_days::INTEGER,
                  first(what ORDER BY fatalities DESC, w DESC, id)) AS summary
    FROM hit
    GROUP BY date, place_country, place_admin1
    """
    params = {
        "from_day": from_day,
        "base_days": cfg.baseline_days,
        "min_conf": cfg.min_confidence,
        "min_deaths": cfg.severity_min_fatalities,
        "min_hist": cfg.severity_min_history,
        "ratio": cfg.severity_ratio,
        "subtype": SUBTYPE,
        "armed": ARMED_SECTORS,
        "base": BASE_SCORE,
    }
    return con.execute(sql, params).fetch_df()


def alerts_alone(sig: dict[str, Any], cfg: AnalysisConfig) -> bool:
    """Whether a severity signal is grave enough to be an alert without a cluster: a toll of
    ``severity_alert_fatalities`` and ``severity_alert_ratio`` times the province's largest,
    from a confident event whose dead are not fighters (see the module's docstring)."""
    observed = float(sig.get("observed") or 0)
    expected = float(sig.get("expected") or 0)
    return (
        sig.get("subtype") == SUBTYPE
        and float(sig.get("score") or 0) >= BASE_SCORE * cfg.novelty_alert_confidence
        and observed >= cfg.severity_alert_fatalities
        and observed >= cfg.severity_alert_ratio * expected
    )
