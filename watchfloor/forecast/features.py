"""Unit-period features built in DuckDB SQL from a panel of observed history.

The panel has one row per unit and period index ``t`` (consecutive integers) with
``y`` = log1p(deaths), ``pr`` = log1p(protest count), ``det``/``imp`` = deteriorated /
improved flags (0..1) and ``gs`` = mean Goldstein. Any of them may be NULL (unknown).
Every feature at ``t`` reads only rows ``<= t``: windows are trailing, so a panel cut at
the forecast origin yields the same features as the full panel up to that origin.
"""

from __future__ import annotations

import math
from importlib import resources

import duckdb
import pandas as pd

PANEL_COLUMNS: tuple[str, ...] = ("unit", "t", "y", "pr", "det", "imp", "gs")
MAJOR_LOG_DEATHS = math.log1p(25.0)  # a month with 25+ deaths counts as a major event
NEVER = 240  # "months since" when the event never happened in the history

_LAGS = range(1, 12)
_MEANS = (3, 6, 12, 24, 60)


def load_adjacency() -> pd.DataFrame:
    """Land-border pairs between countries (ISO3), both directions, from the bundled table."""
    path = resources.files("watchfloor.forecast.data") / "adjacency.csv"
    with resources.as_file(path) as file:
        pairs = pd.read_csv(file, dtype=str)
    flipped = pairs.rename(columns={"unit_a": "unit_b", "unit_b": "unit_a"})
    return pd.concat([pairs, flipped], ignore_index=True)[["unit_a", "unit_b"]]


def _window(rows: int) -> str:
    return f"OVER (PARTITION BY unit ORDER BY t ROWS BETWEEN {rows - 1} PRECEDING AND CURRENT ROW)"


def _extra_sql(extra: tuple[str, ...]) -> str:
    return "".join(f",\n  {c} AS {c}_l0, AVG({c}) {_window(3)} AS {c}_m3" for c in extra)


def _base_sql(extra: tuple[str, ...] = ()) -> str:
    lags = ",\n".join(f"  LAG(y, {k}) OVER w AS y_l{k}" for k in _LAGS)
    means = ",\n".join(f"  AVG(y) {_window(n)} AS y_m{n}" for n in _MEANS)
    since = "OVER (PARTITION BY unit ORDER BY t ROWS UNBOUNDED PRECEDING)"
    return f"""
SELECT unit, t,
  y AS y_l0,
{lags},
{means},
  MAX(y) {_window(12)} AS y_max12,
  STDDEV_SAMP(y) {_window(12)} AS y_sd12,
  AVG(y) {since} AS y_hist,
  AVG(y) {_window(3)} - AVG(y) {_window(12)} AS y_trend3_12,
  y - LAG(y, 1) OVER w AS y_diff1,
  LEAST({NEVER}, t - MAX(CASE WHEN y >= {MAJOR_LOG_DEATHS} THEN t END) {since}) AS since_major,
  LEAST({NEVER}, t - MAX(CASE WHEN y > 0 THEN t END) {since}) AS since_any,
  pr AS pr_l0,
  AVG(pr) {_window(3)} AS pr_m3,
  AVG(pr) {_window(12)} AS pr_m12,
  det AS det_l0,
  AVG(det) {_window(3)} AS det_m3,
  AVG(det) {_window(12)} AS det_m12,
  AVG(det) {since} AS det_hist,
  imp AS imp_l0,
  AVG(imp) {_window(3)} AS imp_m3,
  AVG(imp) {_window(12)} AS imp_m12,
  gs AS gs_l0,
  AVG(gs) {_window(3)} AS gs_m3{_extra_sql(extra)}
FROM panel
WINDOW w AS (PARTITION BY unit ORDER BY t)
"""


def feature_sql(extra: tuple[str, ...] = ()) -> str:
    """The feature query over views ``panel`` and ``adjacency``; ``extra`` panel columns
    (e.g. per-QuadClass counts) add their last value and 3-period mean."""
    return f"""
WITH base AS ({_base_sql(extra)}),
nb AS (
  SELECT b.unit, b.t,
    AVG(n.y_l0) AS nb_y_l0, AVG(n.y_m3) AS nb_y_m3, AVG(n.y_m12) AS nb_y_m12,
    MAX(n.y_m3) AS nb_y_max3, AVG(n.det_l0) AS nb_det_l0
  FROM base b
  JOIN adjacency a ON a.unit_a = b.unit
  JOIN base n ON n.unit = a.unit_b AND n.t = b.t
  GROUP BY b.unit, b.t
)
SELECT base.*, nb.nb_y_l0, nb.nb_y_m3, nb.nb_y_m12, nb.nb_y_max3, nb.nb_det_l0
FROM base LEFT JOIN nb USING (unit, t)
ORDER BY unit, t
"""


def build_features(
    panel: pd.DataFrame, adjacency: pd.DataFrame | None = None, extra: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Feature table (unit, t, features...) for every panel row, computed in DuckDB.

    ``adjacency`` holds (unit_a, unit_b) neighbour pairs in both directions; units with no
    neighbours in the panel get NULL neighbour features.
    """
    adj = adjacency if adjacency is not None else pd.DataFrame(columns=["unit_a", "unit_b"])
    con = duckdb.connect()
    try:
        con.register("panel", panel[[*PANEL_COLUMNS, *extra]])
        con.register("adjacency", adj.astype(str))
        return con.execute(feature_sql(extra)).fetch_df()
    finally:
        con.close()


def feature_names(features: pd.DataFrame) -> list[str]:
    """The model input columns of a feature table (everything but the keys)."""
    return [c for c in features.columns if c not in ("unit", "t")]
