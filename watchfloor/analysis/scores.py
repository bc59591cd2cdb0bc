"""Per-event surprise: the most significant judged series each event belongs to."""

from __future__ import annotations

import datetime as dt

import duckdb

from watchfloor.analysis.baselines import SeriesCodes
from watchfloor.analysis.series import fetch_one, judged_events_table
from watchfloor.analysis.windows import DAY_SPAN

# The tested levels with the event column holding their key, and the typed etypes.
_TESTED_KEYS = (("country", "country"), ("admin1", "admin1"), ("actor", "src"), ("pair", "pair"))
_TYPED = ("ev.plover_event", "'Q' || ev.quad_class")


def _event_keys(con: duckdb.DuckDBPyConnection, from_day: dt.date, codes: SeriesCodes) -> None:
    """Temp tables ``_wf_es_ev`` (judged events from ``from_day``) and ``_wf_es``.

    ``_wf_es`` holds one row (eid, w, k) per tested typed series of each event: k is the
    packed series-day key of ``update_baselines`` (NULL for a series the run never saw).
    """
    judged_events_table(con, "_wf_es_ev", "e.date >= ?", [from_day])
    joins = [
        f"LEFT JOIN _wf_lk l{i} ON l{i}.level = '{level}' AND l{i}.key = ev.{column}"
        for i, (level, column) in enumerate(_TESTED_KEYS)
    ]
    joins += [f"LEFT JOIN _wf_et t{j} ON t{j}.etype = {expr}" for j, expr in enumerate(_TYPED)]
    keys = [
        codes.key_sql(f"l{i}.lk", f"t{j}.e", "ev.dn")
        for i in range(len(_TESTED_KEYS))
        for j in range(len(_TYPED))
    ]
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _wf_es AS
        SELECT ev.eid, ev.w, unnest([{", ".join(keys)}]) AS k
        FROM (SELECT *, datediff('day', ?::DATE, day)::BIGINT AS dn FROM _wf_es_ev) ev
        {" ".join(joins)}
        """,
        [codes.base],
    )


def update_event_scores(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, codes: SeriesCodes
) -> int:
    """Give every judged event from ``from_day`` its surprise: max -log10(q) x confidence.

    Reads the judged series-days that ``update_baselines`` left in ``_wf_p``.
    """
    con.execute("DELETE FROM analysis_event_scores WHERE day >= ?", [from_day])
    _event_keys(con, from_day, codes)
    e = codes.n_types
    con.execute(
        f"""
        INSERT INTO analysis_event_scores
        SELECT ev.event_id, ev.day, m.surprise, m.best.q, l.level, l.key, t.etype,
               m.best.observed, m.best.expected
        FROM (
            SELECT x.eid, max(p.s * x.w) AS surprise,
                   arg_max({{'k': p.k, 'q': p.q, 'observed': p.observed,
                             'expected': p.expected}}, p.s) AS best
            FROM _wf_es x JOIN _wf_p p ON p.k = x.k
            GROUP BY x.eid
        ) m
        JOIN _wf_es_ev ev ON ev.eid = m.eid
        JOIN _wf_lk l ON l.lk = m.best.k // {DAY_SPAN} // {e}
        JOIN _wf_et t ON t.e = (m.best.k // {DAY_SPAN}) % {e}
        """
    )
    for table in ("_wf_es_ev", "_wf_es"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    row = fetch_one(
        con.execute("SELECT count(*) FROM analysis_event_scores WHERE day >= ?", [from_day])
    )
    return int(row[0]) if row else 0
