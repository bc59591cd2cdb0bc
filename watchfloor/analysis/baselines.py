"""Trailing-window baselines with day-of-week effects and shrinkage, and their tail p-values.

Every (level, key) and every type get a dense integer code per run (DuckDB), so a series is
``sid = lk * n_types + e`` and a series-day one packed integer (``windows``). The daily
counts are read once, sorted by that key; window sums, the own/parent/area look-ups, the
expected counts, the negative-binomial tail and the Benjamini-Hochberg adjustment run
vectorised in numpy (``windows``, ``expected``), and the rows go back in one numeric
insert into ``analysis_baseline_days``, keyed by the stable series id of ``analysis_series``
(the names are stored once per series; the view ``analysis_baselines`` joins them back).

The expected count of series s on day d is ``f_dow * (alpha * prior + S) / (alpha + D)``:
S weighted events over the D days of the trailing window, shrunk toward ``prior`` (the
parent's type share times the series' own volume) with ``alpha`` pseudo-days. The tail uses
a negative binomial whose size is the posterior gamma shape, or the moment estimate of the
series' own over-dispersion when that is smaller, so bursty series are judged by their own
variability.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.expected import bh_per_day, expected_counts, p_values
from watchfloor.analysis.series import QUAD_TYPE_SQL, TESTED_LEVELS, fetch_one
from watchfloor.analysis.warmup import received_days_sql
from watchfloor.analysis.windows import (
    DAY_SPAN,
    Ints,
    SortedCounts,
    lookup,
    same_weekday_sums,
    window_sums,
)

_STORED = (
    "observed",
    "window_sum",
    "window_sq",
    "history_days",
    "prior_rate",
    "dow_factor",
    "expected",
    "p_value",
    "q_value",
)
"""Columns of ``analysis_baseline_days`` after (sid, day), in table order."""


@dataclass(frozen=True)
class SeriesCodes:
    """How a run numbers series and days; ``tested``: series-days judged.

    Temp tables ``_wf_lk`` (lk, level, key, ...) and ``_wf_et`` (e, etype; 0 is ``ALL``)
    hold the names until ``drop_baseline_tables``; day offsets count from ``base``.
    """

    n_types: int
    base: dt.date
    tested: int = 0

    @property
    def day_span(self) -> int:
        """Days one series can span in a packed key."""
        return DAY_SPAN

    def key_sql(self, lk: str, e: str, dn: str) -> str:
        """SQL for the packed key of series (lk, e) on day offset dn."""
        return f"(({lk}) * {self.n_types} + ({e})) * {DAY_SPAN} + ({dn})"


def _code_tables(con: duckdb.DuckDBPyConnection, from_day: dt.date, b: int) -> None:
    """Temp view ``_wf_dc`` (counts the windows need), temp tables ``_wf_et`` and ``_wf_lk``."""
    tested = ", ".join(f"'{lv}'" for lv in TESTED_LEVELS)
    start = (from_day - dt.timedelta(days=b)).isoformat()
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW _wf_dc AS
        SELECT level, key, etype, day, n FROM analysis_daily_counts
        WHERE day >= DATE '{start}' AND level <> 'actor_in'
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_et AS
        SELECT etype, (row_number() OVER (ORDER BY etype <> 'ALL', etype) - 1)::BIGINT AS e
        FROM (SELECT DISTINCT etype FROM _wf_dc UNION SELECT 'ALL')
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_lk AS
        WITH coded AS (
            SELECT level, key, (row_number() OVER (ORDER BY level, key) - 1)::BIGINT AS lk
            FROM (SELECT DISTINCT level, key FROM _wf_dc)
        ),
        streamed AS (
            SELECT *, regexp_extract(key, '^[a-z0-9_]+:') || 'ALL' AS stream_all FROM coded
        ),
        tagged AS (
            SELECT *,
                CASE level WHEN 'admin1' THEN 'country' WHEN 'pair' THEN 'actor'
                     ELSE 'global' END AS parent_level,
                CASE level WHEN 'admin1' THEN split_part(key, '/', 1)
                     WHEN 'pair' THEN split_part(key, '>', 1) ELSE stream_all END AS parent_key,
                CASE WHEN level IN ('country', 'admin1') THEN 'country'
                     ELSE 'global' END AS area_level,
                CASE level WHEN 'country' THEN key
                     WHEN 'admin1' THEN split_part(key, '/', 1) ELSE stream_all END AS area_key
            FROM streamed
        ),
        firsts AS (
            SELECT level, key, min(day) AS first_day FROM analysis_daily_counts
            WHERE etype = 'ALL' AND level IN ('global', 'country') GROUP BY level, key
        )
        SELECT t.lk, t.level, t.key, t.level IN ({tested}) AS tested,
               coalesce(p.lk, -1) AS parent_lk, coalesce(a.lk, -1) AS area_lk, f.first_day
        FROM tagged t
        LEFT JOIN coded p ON p.level = t.parent_level AND p.key = t.parent_key
        LEFT JOIN coded a ON a.level = t.area_level AND a.key = t.area_key
        LEFT JOIN firsts f ON f.level = t.area_level AND f.key = t.area_key
        """
    )


def _read(
    con: duckdb.DuckDBPyConnection, codes: SeriesCodes
) -> tuple[SortedCounts, dict[str, np.ndarray]]:
    """Counts sorted by key; per-lk arrays: tested, parent, area; the areas' received days.

    ``received`` holds ``area_lk * DAY_SPAN + dn`` (sorted) for every day on which the store
    received documents with events in the area, in the series' own stream
    (``warmup.received_days_sql``): news is not judged by rates before it has its own
    history, whatever an import holds. Days before
    ``codes.base`` count as day 0, still before every judged day.
    """
    key = codes.key_sql("l.lk", "t.e", "datediff('day', ?::DATE, d.day)")
    rows = con.execute(
        f"""
        SELECT {key} AS k, d.n
        FROM _wf_dc d JOIN _wf_lk l USING (level, key) JOIN _wf_et t USING (etype)
        ORDER BY 1
        """,
        [codes.base],
    ).fetchnumpy()
    counts = SortedCounts(np.asarray(rows["k"], dtype=np.int64), np.asarray(rows["n"]))
    per_lk = con.execute(
        """
        SELECT tested, parent_lk, area_lk,
               coalesce(list_position(?::VARCHAR[], level) - 1, -1)::BIGINT AS tested_level
        FROM _wf_lk ORDER BY lk
        """,
        [list(TESTED_LEVELS)],
    ).fetchnumpy()
    out = {name: np.asarray(values) for name, values in per_lk.items()}
    quad = con.execute(f"SELECT {QUAD_TYPE_SQL} AS quad FROM _wf_et ORDER BY e").fetchnumpy()[
        "quad"
    ]
    out["quad_type"] = np.asarray(quad, dtype=np.int64)
    received = con.execute(
        f"""
        SELECT l.lk * {DAY_SPAN} + greatest(datediff('day', ?::DATE, r.day), 0) AS k
        FROM ({received_days_sql(by_stream=True)}) r
        JOIN _wf_lk l ON l.level = CASE WHEN regexp_full_match(r.country, '([a-z0-9_]+:)?ALL')
                                        THEN 'global' ELSE 'country' END
             AND l.key = r.country
        ORDER BY 1
        """,
        [codes.base],
    ).fetchnumpy()["k"]
    out["received"] = np.asarray(received, dtype=np.int64)
    return counts, out


def _frame(
    counts: SortedCounts, lks: dict[str, np.ndarray], codes: SeriesCodes, b: int, from_dn: int
) -> dict[str, np.ndarray]:
    """Window statistics of every tested series-day (typed series, day >= from_dn).

    Full-length temporaries are dropped as soon as used: at 10M events a row array is
    about 150 MB.
    """
    n_types = codes.n_types
    window_sum, window_sq = window_sums(counts, b)
    sid = counts.sid
    lk, etype = sid // n_types, sid % n_types
    del sid
    dn = counts.dn
    is_all = etype == 0
    rows = np.flatnonzero(lks["tested"][lk] & ~is_all & (dn >= from_dn))
    own, has_own = lookup(counts.k[is_all], window_sum[is_all], lk[rows] * n_types, dn[rows])
    rows = rows[has_own]
    out: dict[str, np.ndarray] = {"own_all_sum": own[has_own]}
    del own, has_own
    lk_r, e_r, dn_r = lk[rows], etype[rows], dn[rows]
    out.update(
        k=counts.k[rows],
        kind=lks["tested_level"][lk_r] * 2 + lks["quad_type"][e_r],
        dn=dn_r,
        observed=counts.n[rows],
        window_sq=window_sq[rows],
    )
    del window_sq, dn
    is_parent = np.zeros(len(lks["parent_lk"]), dtype=bool)
    is_parent[lks["parent_lk"][lks["parent_lk"] >= 0]] = True
    is_area = np.zeros(len(lks["area_lk"]), dtype=bool)
    is_area[lks["area_lk"][lks["area_lk"] >= 0]] = True
    in_parent = np.flatnonzero(is_parent[lk])
    in_area = np.flatnonzero(is_area[lk] & is_all)
    del lk, etype, is_all
    parent = lks["parent_lk"][lk_r]
    parent_sid = np.where(parent >= 0, parent * n_types, -1)
    parent_keys, parent_sums = counts.k[in_parent], window_sum[in_parent]
    del in_parent
    out["parent_type_sum"] = lookup(
        parent_keys, parent_sums, np.where(parent >= 0, parent_sid + e_r, -1), dn_r
    )[0]
    out["parent_all_sum"] = lookup(parent_keys, parent_sums, parent_sid, dn_r)[0]
    del parent_keys, parent_sums, parent, parent_sid, e_r
    area = lks["area_lk"][lk_r]
    area_sid = np.where(area >= 0, area * n_types, -1)
    area_keys, area_dow = counts.k[in_area], same_weekday_sums(counts, in_area, b)
    out["area_sum"] = lookup(area_keys, window_sum[in_area], area_sid, dn_r)[0]
    out["area_dow_sum"] = lookup(area_keys, area_dow, area_sid, dn_r)[0]
    # History counts only the days on which the store received documents about the area
    # (country, or the world for actors): a place the feeds mention once a week is not
    # judged after 14 calendar days, nor one whose reports recall older dates.
    base_key = np.where(area >= 0, area * DAY_SPAN, -1)
    before = np.searchsorted(lks["received"], base_key + dn_r) - np.searchsorted(
        lks["received"], base_key
    )
    out["history"] = np.where(area >= 0, before, 0).astype(np.int64)
    out["window_sum"] = window_sum[rows]
    return out


def _judge(cols: dict[str, np.ndarray], cfg: AnalysisConfig) -> pa.Table:
    """The baseline rows (k, kind, dn and the stored columns) with p and q where judged."""
    cols.update(expected_counts(cfg, cols))
    for name in ("own_all_sum", "parent_type_sum", "parent_all_sum", "area_sum", "area_dow_sum"):
        del cols[name]
    judged = cols["history"] >= int(cfg.min_history_days)
    x = np.ceil(cols["observed"][judged] - 1e-9).astype(np.int64)
    pvals = p_values(x, cols.pop("size")[judged], cols["expected"][judged])
    del x
    qvals = bh_per_day(pvals, cols["dn"][judged])
    table = {name: pa.array(cols.pop(name)) for name in ("k", "kind", "dn", "observed")}
    for name in ("window_sum", "window_sq"):
        table[name] = pa.array(cols.pop(name))
    table["history_days"] = pa.array(cols.pop("history").astype(np.int32))
    for name in ("prior_rate", "dow_factor", "expected"):
        table[name] = pa.array(cols.pop(name))
    for name, values in (("p_value", pvals), ("q_value", qvals)):
        full = np.full(len(judged), np.nan)
        full[judged] = values
        table[name] = pa.array(full, mask=~judged)
    full = np.full(len(judged), np.nan)
    full[judged] = -np.log10(np.maximum(qvals, 1e-300))
    table["s"] = pa.array(full, mask=~judged)
    return pa.table(table)


def _series_ids(con: duckdb.DuckDBPyConnection, run_sids: np.ndarray, codes: SeriesCodes) -> Ints:
    """Stored ``analysis_series`` id of each run series (ascending ``run_sids``).

    Series not stored yet get the next free ids, so ids stay stable across runs and an
    incremental run keys its rows like the days before it.
    """
    e = codes.n_types
    con.register("_wf_used", pa.table({"sid": run_sids}))
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_names AS
        SELECT u.sid, l.level, l.key, t.etype FROM _wf_used u
        JOIN _wf_lk l ON l.lk = u.sid // {e} JOIN _wf_et t ON t.e = u.sid % {e}
        """
    )
    con.unregister("_wf_used")
    con.execute(
        """
        INSERT INTO analysis_series
        SELECT (SELECT coalesce(max(sid), -1) FROM analysis_series)
                   + row_number() OVER (ORDER BY n.sid), n.level, n.key, n.etype
        FROM _wf_names n ANTI JOIN analysis_series s
             ON s.level = n.level AND s.key = n.key AND s.etype = n.etype
        """
    )
    ids = con.execute(
        """
        SELECT s.sid FROM _wf_names n
        JOIN analysis_series s ON s.level = n.level AND s.key = n.key AND s.etype = n.etype
        ORDER BY n.sid
        """
    ).fetchnumpy()["sid"]
    con.execute("DROP TABLE IF EXISTS _wf_names")
    return np.asarray(ids, dtype=np.int64)


def _store(con: duckdb.DuckDBPyConnection, rows: pa.Table, codes: SeriesCodes) -> None:
    """Insert the baselines keyed by series id; keep the judged ones as ``_wf_p``."""
    sid = rows.column("k").to_numpy() // DAY_SPAN  # ascending: the rows keep the key order
    run_sids = sid[np.r_[True, sid[1:] != sid[:-1]]] if len(sid) else sid
    stored = _series_ids(con, run_sids, codes)[np.searchsorted(run_sids, sid)]
    del sid
    epoch = (codes.base - dt.date(1970, 1, 1)).days
    days = rows.column("dn").to_numpy() + epoch
    table = {
        "sid": pa.array(stored.astype(np.int32)),
        "day": pa.array(days.astype(np.int32)).cast(pa.date32()),
    }
    del stored, days
    for name in _STORED:
        table[name] = rows.column(name)
    con.register("_wf_rows", pa.table(table))
    con.execute(
        f"INSERT INTO analysis_baseline_days SELECT sid, day, {', '.join(_STORED)} FROM _wf_rows"
    )
    con.unregister("_wf_rows")
    con.register("_wf_rows", rows)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _wf_p AS
        SELECT k, kind, q_value AS q, s, observed, expected FROM _wf_rows
        WHERE q_value IS NOT NULL
        """
    )
    con.unregister("_wf_rows")


def update_baselines(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> SeriesCodes:
    """Recompute and store baselines for every series-day from ``from_day``.

    p-values are Benjamini-Hochberg adjusted per day over every series judged that day.
    Returns the run's series numbering with the number of series-days judged; the judged
    rows stay in temp table ``_wf_p`` (k, kind, q, s = -log10 q, observed, expected) for
    the event scores until ``drop_baseline_tables``; ``kind`` is ``2 * i + quad`` for the
    i-th of ``TESTED_LEVELS`` and a QuadClass (1) or PLOVER (0) type.
    """
    b = int(cfg.baseline_days)
    _code_tables(con, from_day, b)
    row = fetch_one(con.execute("SELECT count(*) FROM _wf_et"))
    # Offsets start 2b before from_day: every look-back (<= b days) stays in its series.
    codes = SeriesCodes(int(row[0]) if row else 1, from_day - dt.timedelta(days=2 * b))
    counts, lks = _read(con, codes)
    con.execute("DROP VIEW IF EXISTS _wf_dc")
    frame = _frame(counts, lks, codes, b, (from_day - codes.base).days)
    del counts
    rows = _judge(frame, cfg)
    del frame
    con.execute("DELETE FROM analysis_baseline_days WHERE day >= ?", [from_day])
    _store(con, rows, codes)
    tested = rows.num_rows - rows.column("q_value").null_count
    return SeriesCodes(codes.n_types, codes.base, tested=tested)


def drop_baseline_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp tables ``update_baselines`` leaves for the event scores."""
    for table in ("_wf_lk", "_wf_et", "_wf_p"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
