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
import pandas as pd
from scipy import stats

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import TESTED_LEVELS, fetch_one

_TYPE_PSEUDO = 0.5
_TYPE_COUNT = 20.0


def _window_sql(days: int, extra_partition: str = "") -> str:
    return (
        f"(PARTITION BY level, key, etype{extra_partition} ORDER BY day "
        f"RANGE BETWEEN INTERVAL {int(days)} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)"
    )


def _series_table(con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig) -> None:
    """Temp table ``_wf_frame``: window statistics of every tested series-day from from_day."""
    b = int(cfg.baseline_days)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_win AS
        SELECT level, key, etype, day, n,
               coalesce(sum(n) OVER {_window_sql(b)}, 0) AS window_sum,
               coalesce(sum(n * n) OVER {_window_sql(b)}, 0) AS window_sq
        FROM analysis_daily_counts
        WHERE day >= ?::DATE - INTERVAL {b} DAY AND level <> 'actor_in'
        """,
        [from_day],
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_area AS
        SELECT level, key, day,
               coalesce(sum(n) OVER {_window_sql(b)}, 0) AS area_sum,
               coalesce(sum(n) OVER {_window_sql(b, ", dayofweek(day)")}, 0) AS area_dow_sum
        FROM analysis_daily_counts
        WHERE day >= ?::DATE - INTERVAL {b} DAY AND level IN ('global', 'country')
              AND etype = 'ALL'
        """,
        [from_day],
    )
    tested = ", ".join(f"'{lv}'" for lv in TESTED_LEVELS)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_frame AS
        WITH cur AS (SELECT * FROM _wf_win WHERE day >= ?),
        alls AS (SELECT level, key, day, window_sum FROM cur WHERE etype = 'ALL'),
        parents AS (
            SELECT level, key, etype, day, window_sum FROM cur
            WHERE level IN ('global', 'country', 'actor') AND etype <> 'ALL'
        ),
        firsts AS (
            SELECT level, key, min(day) AS first_day FROM analysis_daily_counts
            WHERE etype = 'ALL' AND level IN ('global', 'country') GROUP BY level, key
        ),
        tagged AS (
            SELECT c.*,
                CASE c.level WHEN 'admin1' THEN 'country' WHEN 'pair' THEN 'actor'
                     ELSE 'global' END AS parent_level,
                CASE c.level WHEN 'admin1' THEN split_part(c.key, '/', 1)
                     WHEN 'pair' THEN split_part(c.key, '>', 1) ELSE 'ALL' END AS parent_key,
                CASE WHEN c.level IN ('country', 'admin1') THEN 'country'
                     ELSE 'global' END AS area_level,
                CASE c.level WHEN 'country' THEN c.key
                     WHEN 'admin1' THEN split_part(c.key, '/', 1) ELSE 'ALL' END AS area_key
            FROM cur c WHERE c.level IN ({tested}) AND c.etype <> 'ALL'
        )
        SELECT t.level, t.key, t.etype, t.day, t.n AS observed, t.window_sum, t.window_sq,
               datediff('day', f.first_day, t.day) AS history_days,
               own.window_sum AS own_all_sum,
               coalesce(pt.window_sum, 0) AS parent_type_sum,
               coalesce(pa.window_sum, 0) AS parent_all_sum,
               coalesce(aa.area_sum, 0) AS area_sum,
               coalesce(aa.area_dow_sum, 0) AS area_dow_sum
        FROM tagged t
        JOIN alls own ON own.level = t.level AND own.key = t.key AND own.day = t.day
        LEFT JOIN parents pt ON pt.level = t.parent_level AND pt.key = t.parent_key
             AND pt.etype = t.etype AND pt.day = t.day
        LEFT JOIN alls pa ON pa.level = t.parent_level AND pa.key = t.parent_key
             AND pa.day = t.day
        LEFT JOIN _wf_area aa ON aa.level = t.area_level AND aa.key = t.area_key
             AND aa.day = t.day
        LEFT JOIN firsts f ON f.level = t.area_level AND f.key = t.area_key
        """,
        [from_day],
    )
    con.execute("DROP TABLE IF EXISTS _wf_win")
    con.execute("DROP TABLE IF EXISTS _wf_area")


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
        SELECT level, key, etype, day, observed, window_sum, window_sq,
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


def _tail_pvalues(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``_wf_p`` (rid, p): scipy tails for series-days with two or more events.

    One event has a closed form (``ONE_EVENT_P``), evaluated in SQL.
    """
    many = con.execute(
        "SELECT rowid AS rid, x, size, expected FROM _wf_scored WHERE judged AND x > 1"
    ).fetch_df()
    size = many["size"].to_numpy(dtype=float)
    mean = many["expected"].to_numpy(dtype=float)
    pvals = stats.nbinom.sf(many["x"].to_numpy(dtype=float) - 1, size, size / (size + mean))
    frame = pd.DataFrame({"rid": many["rid"].astype("int64"), "p": pvals.astype(float)})
    con.register("_wf_p_view", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE _wf_p AS SELECT * FROM _wf_p_view")
    con.unregister("_wf_p_view")


INSERT_SQL = """
    INSERT INTO analysis_baselines
    WITH s AS (
        SELECT sc.*, coalesce(sc.p1, p.p) AS p_value
        FROM _wf_scored sc LEFT JOIN _wf_p p ON p.rid = sc.rowid
    ),
    ranked AS (
        SELECT *, count(p_value) OVER (PARTITION BY day) AS m,
               row_number() OVER (PARTITION BY day ORDER BY p_value NULLS LAST, level, key,
                                  etype) AS rnk
        FROM s
    ),
    adjusted AS (
        SELECT *, CASE WHEN p_value IS NOT NULL THEN least(1.0, min(p_value * m / rnk) OVER (
            PARTITION BY day ORDER BY rnk DESC
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) END AS q_value
        FROM ranked
    )
    SELECT level, key, etype, day, observed, window_sum, window_sq, history_days, prior_rate,
           dow_factor, expected, p_value, q_value
    FROM adjusted
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
    _tail_pvalues(con)
    con.execute("DELETE FROM analysis_baselines WHERE day >= ?", [from_day])
    con.execute(INSERT_SQL)
    tested = fetch_one(con.execute("SELECT count(*) FROM _wf_scored WHERE judged"))
    for table in ("_wf_scored", "_wf_frame", "_wf_p"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return int(tested[0]) if tested else 0
