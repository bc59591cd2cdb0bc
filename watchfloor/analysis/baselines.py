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
from scipy import stats

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import TESTED_LEVELS

_TYPE_PSEUDO = 0.5
_TYPE_COUNT = 20.0


def _window_sql(days: int, extra_partition: str = "") -> str:
    return (
        f"(PARTITION BY level, key, etype{extra_partition} ORDER BY day "
        f"RANGE BETWEEN INTERVAL {int(days)} DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)"
    )


def _series_frame(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """Window statistics of every tested series-day from ``from_day`` on."""
    b = int(cfg.baseline_days)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_win AS
        SELECT level, key, etype, day, n,
               coalesce(sum(n) OVER {_window_sql(b)}, 0) AS window_sum,
               coalesce(sum(n * n) OVER {_window_sql(b)}, 0) AS window_sq,
               coalesce(sum(n) OVER {_window_sql(b, ", dayofweek(day)")}, 0) AS dow_sum
        FROM analysis_daily_counts
        WHERE day >= ?::DATE - INTERVAL {b} DAY AND level <> 'actor_in'
        """,
        [from_day],
    )
    tested = ", ".join(f"'{lv}'" for lv in TESTED_LEVELS)
    frame = con.execute(
        f"""
        WITH cur AS (SELECT * FROM _wf_win WHERE day >= ?),
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
               coalesce(aa.window_sum, 0) AS area_sum, coalesce(aa.dow_sum, 0) AS area_dow_sum
        FROM tagged t
        JOIN cur own ON own.level = t.level AND own.key = t.key AND own.etype = 'ALL'
             AND own.day = t.day
        LEFT JOIN cur pt ON pt.level = t.parent_level AND pt.key = t.parent_key
             AND pt.etype = t.etype AND pt.day = t.day
        LEFT JOIN cur pa ON pa.level = t.parent_level AND pa.key = t.parent_key
             AND pa.etype = 'ALL' AND pa.day = t.day
        LEFT JOIN cur aa ON aa.level = t.area_level AND aa.key = t.area_key
             AND aa.etype = 'ALL' AND aa.day = t.day
        LEFT JOIN firsts f ON f.level = t.area_level AND f.key = t.area_key
        """,
        [from_day],
    ).fetch_df()
    con.execute("DROP TABLE IF EXISTS _wf_win")
    return frame


def score_frame(frame: pd.DataFrame, cfg: AnalysisConfig) -> pd.DataFrame:
    """Add prior_rate, dow_factor, expected, p_value and q_value to a window frame."""
    b = float(cfg.baseline_days)
    hist = frame["history_days"].fillna(0).to_numpy(dtype=float)
    d = np.clip(hist, 1.0, b)
    wsum = frame["window_sum"].to_numpy(dtype=float)
    share = (frame["parent_type_sum"].to_numpy(dtype=float) + _TYPE_PSEUDO) / (
        frame["parent_all_sum"].to_numpy(dtype=float) + _TYPE_PSEUDO * _TYPE_COUNT
    )
    own_rate = np.maximum(frame["own_all_sum"].to_numpy(dtype=float) / d, 1.0 / b)
    prior = share * own_rate
    shape = cfg.shrink_days * prior + wsum
    rate = cfg.shrink_days + d
    area_mean = frame["area_sum"].to_numpy(dtype=float) / d
    k = cfg.dow_pseudo_weeks
    with np.errstate(divide="ignore", invalid="ignore"):
        dow = (frame["area_dow_sum"].to_numpy(dtype=float) + k * area_mean) / (
            (d / 7.0) * area_mean + k * area_mean
        )
        dow = np.where(area_mean > 0, dow, 1.0)
        mean = wsum / d
        var = frame["window_sq"].to_numpy(dtype=float) / d - mean**2
        over = np.where(
            (var > mean * 1.0001) & (d >= 7) & (mean > 0),
            mean**2 / np.maximum(var - mean, 1e-12),
            np.inf,
        )
    expected = dow * shape / rate
    size = np.maximum(np.minimum(shape, over), 1e-3)
    observed = np.ceil(frame["observed"].to_numpy(dtype=float) - 1e-9)
    pvals = stats.nbinom.sf(observed - 1, size, size / (size + expected))
    judged = hist >= cfg.min_history_days
    out = frame.assign(
        prior_rate=prior,
        dow_factor=dow,
        expected=expected,
        p_value=np.where(judged, pvals, np.nan),
    )
    out["q_value"] = benjamini_hochberg(out["p_value"], out["day"])
    return out


def benjamini_hochberg(pvalues: pd.Series, groups: pd.Series) -> np.ndarray:
    """BH-adjusted p-values within each group (NaN p-values are not counted as tests)."""
    q = np.full(len(pvalues), np.nan)
    frame = pd.DataFrame({"p": pvalues.to_numpy(), "g": groups.to_numpy()})
    frame = frame[frame["p"].notna()]
    if frame.empty:
        return q
    frame = frame.sort_values(["g", "p"])
    size = frame.groupby("g")["p"].transform("size").to_numpy()
    rank = frame.groupby("g").cumcount().to_numpy() + 1
    raw = frame["p"].to_numpy() * size / rank
    adj = pd.Series(raw[::-1]).groupby(frame["g"].to_numpy()[::-1]).cummin().to_numpy()[::-1]
    q[frame.index.to_numpy()] = np.minimum(adj, 1.0)
    return q


def update_baselines(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> pd.DataFrame:
    """Recompute and store baselines for every series-day from ``from_day``; returns them."""
    frame = _series_frame(con, from_day, cfg)
    scored = score_frame(frame.reset_index(drop=True), cfg)
    con.execute("DELETE FROM analysis_baselines WHERE day >= ?", [from_day])
    if not scored.empty:
        table = scored[
            [
                "level",
                "key",
                "etype",
                "day",
                "observed",
                "window_sum",
                "window_sq",
                "history_days",
                "prior_rate",
                "dow_factor",
                "expected",
                "p_value",
                "q_value",
            ]
        ].copy()
        table["history_days"] = table["history_days"].fillna(0).astype("int64")
        con.register("_wf_scored", table)
        con.execute("INSERT INTO analysis_baselines SELECT * FROM _wf_scored")
        con.unregister("_wf_scored")
    return scored
