"""Per-event surprise: the most significant judged series each event belongs to."""

from __future__ import annotations

import datetime as dt

import duckdb

from watchfloor.analysis.baselines import SeriesCodes
from watchfloor.analysis.series import TESTED_LEVELS, fetch_one, judged_events_sql

# Event column holding the key of each tested level; the two typed etypes (PLOVER, QuadClass).
_KEY_COLUMN = {"country": "country", "admin1": "admin1", "actor": "src", "pair": "pair"}
_TYPED = ("ev.plover_event", "'Q' || ev.quad_class")


def _coded_events_sql(codes: SeriesCodes, events: str | None) -> str:
    """Judged events (``events``, else those from ``?``) with ``dn``, lk0..lk3, e0 and e1."""
    read = judged_events_sql("e.date >= ?")
    source = events or f"(SELECT *, src || '>' || tgt AS pair FROM ({read}))"
    joins = [
        f"LEFT JOIN _wf_lk l{i} ON l{i}.level = '{level}' AND l{i}.key = ev.{_KEY_COLUMN[level]}"
        for i, level in enumerate(TESTED_LEVELS)
    ]
    joins += [f"LEFT JOIN _wf_et t{j} ON t{j}.etype = {expr}" for j, expr in enumerate(_TYPED)]
    lks = ", ".join(f"l{i}.lk AS lk{i}" for i in range(len(TESTED_LEVELS)))
    return f"""
        SELECT ev.event_id, ev.day, ev.w, datediff('day', ?::DATE, ev.day)::BIGINT AS dn,
               {lks}, t0.e AS e0, t1.e AS e1
        FROM {source} ev
        {" ".join(joins)}
    """


def update_event_scores(
    con: duckdb.DuckDBPyConnection,
    from_day: dt.date,
    codes: SeriesCodes,
    events: str | None = None,
) -> int:
    """Give every judged event from ``from_day`` its surprise: max -log10(q) x confidence.

    ``events`` names a temp table already holding exactly those judged events with their
    keys (``judged_events_table``); otherwise they are read from ``events``.

    Each event looks up its eight tested typed series (four levels x PLOVER/QuadClass) in
    the judged series-days that ``update_baselines`` left in ``_wf_p``, one hash join per
    kind, and keeps the most significant (its q, series, observed and expected).
    """
    con.execute("DELETE FROM analysis_event_scores WHERE day >= ?", [from_day])
    kinds = [(i, j) for i in range(len(TESTED_LEVELS)) for j in range(len(_TYPED))]
    joins = "\n".join(
        f"LEFT JOIN (SELECT * FROM _wf_p WHERE kind = {2 * i + j}) j{2 * i + j} "
        f"ON j{2 * i + j}.k = {codes.key_sql(f'ev.lk{i}', f'ev.e{j}', 'ev.dn')}"
        for i, j in kinds
    )
    n = len(kinds)
    best = ", ".join(f"j{x}.s" for x in range(n))

    def pick(column: str) -> str:
        cases = " ".join(f"WHEN j{x}.s = best THEN j{x}.{column}" for x in range(n))
        return f"CASE {cases} END"

    con.execute(
        f"""
        INSERT INTO analysis_event_scores
        WITH m AS (
            SELECT ev.event_id, ev.day, greatest({best}) AS best,
                   greatest({", ".join(f"j{x}.s * ev.w" for x in range(n))}) AS surprise,
                   {pick("k")} AS k, {pick("q")} AS q, {pick("observed")} AS observed,
                   {pick("expected")} AS expected
            FROM ({_coded_events_sql(codes, events)}) ev
            {joins}
        )
        SELECT m.event_id, m.day, m.surprise, m.q, l.level, l.key, t.etype,
               m.observed, m.expected
        FROM m
        JOIN _wf_lk l ON l.lk = m.k // {codes.day_span} // {codes.n_types}
        JOIN _wf_et t ON t.e = (m.k // {codes.day_span}) % {codes.n_types}
        WHERE m.best IS NOT NULL
        """,
        [codes.base] if events else [codes.base, from_day],
    )
    row = fetch_one(
        con.execute("SELECT count(*) FROM analysis_event_scores WHERE day >= ?", [from_day])
    )
    return int(row[0]) if row else 0
