"""Trailing-window baselines with day-of-week effects and shrinkage, and their tail p-values.

Window sums run in DuckDB (``RANGE`` window frames over the sparse daily counts); the
negative-binomial tail and the Benjamini-Hochberg adjustment run vectorised in numpy.

The expected count of series s on day d is ``f_dow * (alpha * prior + S) / (alpha + D)``:
S weighted events over the D days of the trailing window, shrunk toward ``prior`` (the
parent's type share times the series' own volume) with ``alpha`` pseudo-days. The tail uses
a negative binomial whose size is the posterior gamma shape, or the moment estimate of the
series' own over-dispersion when that is smaller, so bursty series are judged by their own
variability.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import stats

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import TESTED_LEVELS, fetch_one

_TYPE_PSEUDO = 0.5
_TYPE_COUNT = 20.0


def _series_table(con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig) -> None:
    """Temp table ``_wf_frame``: window statistics of every tested series-day from from_day.

    Series get integer ids (``_wf_sid``) with the ids of their own ``ALL`` series, their
    parent series and their area resolved once per series, so that the window sort and the
    per-day joins run on integers rather than on (level, key, etype) strings.
    """
    b = int(cfg.baseline_days)
    tested = ", ".join(f"'{lv}'" for lv in TESTED_LEVELS)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_dc AS
        SELECT level, key, etype, day, n FROM analysis_daily_counts
        WHERE day >= ?::DATE - INTERVAL {b} DAY AND level <> 'actor_in'
        """,
        [from_day],
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_names AS
        SELECT level, key, etype, (row_number() OVER ())::INTEGER AS sid
        FROM (SELECT DISTINCT level, key, etype FROM _wf_dc)
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_sid AS
        WITH tagged AS (
            SELECT *,
                CASE level WHEN 'admin1' THEN 'country' WHEN 'pair' THEN 'actor'
                     ELSE 'global' END AS parent_level,
                CASE level WHEN 'admin1' THEN split_part(key, '/', 1)
                     WHEN 'pair' THEN split_part(key, '>', 1) ELSE 'ALL' END AS parent_key,
                CASE WHEN level IN ('country', 'admin1') THEN 'country'
                     ELSE 'global' END AS area_level,
                CASE level WHEN 'country' THEN key
                     WHEN 'admin1' THEN split_part(key, '/', 1) ELSE 'ALL' END AS area_key
            FROM _wf_names WHERE level IN ({tested}) AND etype <> 'ALL'
        ),
        firsts AS (
            SELECT level, key, min(day) AS first_day FROM analysis_daily_counts
            WHERE etype = 'ALL' AND level IN ('global', 'country') GROUP BY level, key
        )
        SELECT t.sid, own.sid AS own_sid,
               CASE WHEN t.parent_level IN ('global', 'country', 'actor') THEN pt.sid END
                   AS pt_sid,
               pa.sid AS pa_sid,
               CASE WHEN t.area_level IN ('global', 'country') THEN aa.sid END AS area_sid,
               f.first_day
        FROM tagged t
        JOIN _wf_names own ON own.level = t.level AND own.key = t.key AND own.etype = 'ALL'
        LEFT JOIN _wf_names pt ON pt.level = t.parent_level AND pt.key = t.parent_key
             AND pt.etype = t.etype
        LEFT JOIN _wf_names pa ON pa.level = t.parent_level AND pa.key = t.parent_key
             AND pa.etype = 'ALL'
        LEFT JOIN _wf_names aa ON aa.level = t.area_level AND aa.key = t.area_key
             AND aa.etype = 'ALL'
        LEFT JOIN firsts f ON f.level = t.area_level AND f.key = t.area_key
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_win AS
        SELECT s.sid, d.day, d.n,
               coalesce(sum(d.n) OVER w, 0) AS window_sum,
               coalesce(sum(d.n * d.n) OVER w, 0) AS window_sq
        FROM _wf_dc d JOIN _wf_names s USING (level, key, etype)
        WINDOW w AS (PARTITION BY s.sid ORDER BY d.day
                     RANGE BETWEEN INTERVAL {b} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_area AS
        SELECT w.sid, w.day, w.window_sum AS area_sum,
               coalesce(sum(w.n) OVER (PARTITION BY w.sid, dayofweek(w.day) ORDER BY w.day
                   RANGE BETWEEN INTERVAL {b} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING), 0)
                   AS area_dow_sum
        FROM _wf_win w WHERE w.sid IN (SELECT area_sid FROM _wf_sid)
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_ref AS
        SELECT sid, day, window_sum FROM _wf_win
        WHERE day >= ? AND sid IN (
            SELECT own_sid FROM _wf_sid UNION SELECT pt_sid FROM _wf_sid
            UNION SELECT pa_sid FROM _wf_sid)
        """,
        [from_day],
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_frame AS
        SELECT t.sid, t.day, t.n AS observed, t.window_sum, t.window_sq,
               datediff('day', s.first_day, t.day) AS history_days,
               own.window_sum AS own_all_sum,
               coalesce(pt.window_sum, 0) AS parent_type_sum,
               coalesce(pa.window_sum, 0) AS parent_all_sum,
               coalesce(aa.area_sum, 0) AS area_sum,
               coalesce(aa.area_dow_sum, 0) AS area_dow_sum
        FROM (SELECT * FROM _wf_win WHERE day >= ?) t
        JOIN _wf_sid s ON s.sid = t.sid
        JOIN _wf_ref own ON own.sid = s.own_sid AND own.day = t.day
        LEFT JOIN _wf_ref pt ON pt.sid = s.pt_sid AND pt.day = t.day
        LEFT JOIN _wf_ref pa ON pa.sid = s.pa_sid AND pa.day = t.day
        LEFT JOIN _wf_area aa ON aa.sid = s.area_sid AND aa.day = t.day
        """,
        [from_day],
    )
    for table in ("_wf_dc", "_wf_win", "_wf_area", "_wf_ref"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def _expected_sql(cfg: AnalysisConfig) -> str:
    """SELECT over ``_wf_frame`` adding prior, day-of-week factor, expected and NB size."""
    b = float(cfg.baseline_days)
    return f"""
        WITH f AS (
            SELECT *, least(greatest(coalesce(history_days, 0), 1), {b})::DOUBLE AS d
            FROM _wf_frame
        ),
        g AS (
            SELECT *,
                (parent_type_sum + {_TYPE_PSEUDO}) / (parent_all_sum + {_TYPE_PSEUDO * _TYPE_COUNT})
                    * greatest(own_all_sum / d, {1.0 / b}) AS prior_rate,
                area_sum / d AS area_mean, window_sum / d AS own_mean,
                window_sq / d - (window_sum / d) ^ 2 AS own_var
            FROM f
        ),
        h AS (
            SELECT *,
                CASE WHEN area_mean > 0 THEN
                    (area_dow_sum + {cfg.dow_pseudo_weeks} * area_mean)
                    / ((d / 7.0) * area_mean + {cfg.dow_pseudo_weeks} * area_mean)
                ELSE 1.0 END AS dow_factor,
                {cfg.shrink_days} * prior_rate + window_sum AS shape,
                CASE WHEN own_var > own_mean * 1.0001 AND d >= 7 AND own_mean > 0
                     THEN own_mean ^ 2 / greatest(own_var - own_mean, 1e-12)
                     ELSE 'inf'::DOUBLE END AS over
            FROM g
        )
        SELECT sid, day, observed, window_sum, window_sq,
               coalesce(history_days, 0)::INTEGER AS history_days, prior_rate, dow_factor,
               dow_factor * shape / ({cfg.shrink_days} + d) AS expected,
               greatest(least(shape, over), 1e-3) AS size,
               ceil(observed - 1e-9)::INTEGER AS x,
               coalesce(history_days, 0) >= {int(cfg.min_history_days)} AS judged
        FROM h
    """


ONE_EVENT_P = """
    CASE WHEN NOT judged OR x > 1 THEN NULL
         WHEN expected / (size + expected) < 1e-8 THEN size * expected / (size + expected)
         ELSE 1 - pow(size / (size + expected), size) END
"""


def _adjusted(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``_wf_p`` (rid, p, q): p-values of judged series-days and their BH q-values.

    One event has a closed form (``ONE_EVENT_P``, evaluated in SQL); two or more use scipy's
    negative-binomial tail. The Benjamini-Hochberg step-up runs per day in numpy: sort by
    (day, p), ``q = min over later ranks of p * m / rank``, capped at 1 (ties in p get the
    same q whatever their order).
    """
    judged = con.execute(
        "SELECT rowid AS rid, datediff('day', DATE '1970-01-01', day) AS dn, "
        "coalesce(p1, 'nan'::DOUBLE) AS p1, x, size, expected FROM _wf_scored WHERE judged"
    ).fetchnumpy()
    x = np.asarray(judged["x"], dtype=float)
    size = np.asarray(judged["size"], dtype=float)
    mean = np.asarray(judged["expected"], dtype=float)
    pvals = np.array(judged["p1"], dtype=float)
    many = x > 1
    pvals[many] = stats.nbinom.sf(x[many] - 1, size[many], size[many] / (size[many] + mean[many]))
    day = np.asarray(judged["dn"], dtype=np.int64)
    order = np.lexsort((pvals, day))
    sorted_day = day[order]
    starts = np.flatnonzero(np.r_[True, sorted_day[1:] != sorted_day[:-1]])
    lengths = np.diff(np.r_[starts, len(order)])
    group = np.repeat(np.arange(len(starts)), lengths)
    rank = np.arange(len(order)) - np.repeat(starts, lengths) + 1
    scaled = pvals[order] * np.repeat(lengths, lengths) / rank
    back = pd.Series(scaled[::-1]).groupby(group[::-1]).cummin().to_numpy()[::-1]
    qvals = np.empty(len(order))
    qvals[order] = np.minimum(1.0, back)
    frame = pa.table({"rid": np.asarray(judged["rid"], dtype=np.int64), "p": pvals, "q": qvals})
    con.register("_wf_p_view", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE _wf_p AS SELECT * FROM _wf_p_view")
    con.unregister("_wf_p_view")


INSERT_SQL = """
    INSERT INTO analysis_baselines
    SELECT n.level, n.key, n.etype, sc.day, sc.observed, sc.window_sum, sc.window_sq,
           sc.history_days, sc.prior_rate, sc.dow_factor, sc.expected, p.p, p.q
    FROM _wf_scored sc JOIN _wf_names n ON n.sid = sc.sid LEFT JOIN _wf_p p ON p.rid = sc.rowid
"""


def update_baselines(con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig) -> int:
    """Recompute and store baselines for every series-day from ``from_day``.

    p-values are Benjamini-Hochberg adjusted per day over every series judged that day.
    Returns the number of series-days judged (tested).
    """
    _series_table(con, from_day, cfg)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _wf_scored AS SELECT *, {ONE_EVENT_P} AS p1 "
        f"FROM ({_expected_sql(cfg)})"
    )
    _adjusted(con)
    con.execute("DELETE FROM analysis_baselines WHERE day >= ?", [from_day])
    con.execute(INSERT_SQL)
    tested = fetch_one(con.execute("SELECT count(*) FROM _wf_p"))
    for table in ("_wf_scored", "_wf_frame", "_wf_p", "_wf_names", "_wf_sid"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return int(tested[0]) if tested else 0
