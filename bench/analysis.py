"""Benchmark the analysis layer on generated events: baselines, signals and alerts.

Usage: .venv/bin/python bench/analysis.py [--events 1000000] [--days 365] [--db PATH]
       [--memory-limit 4GB] [--threads N]

Events are generated in DuckDB (``range()``): 120 countries x 8 admin1 units, 15 PLOVER
types, 6 sectors, a weekly pattern (weekends carry ~40% fewer events) and a per-country
volume skew. Prints wall time of a full analysis, of an incremental run after one more day,
and the peak resident memory of the analysing process (the events are generated in a child
process, so that their generation does not count).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.store.database import Store

TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "FIGHT",
]
QUADS = [1, 1, 1, 2, 2, 1, 3, 3, 3, 3, 4, 4, 4, 4, 4]
SECTORS = ["GOV", "MIL", "REB", "CVL", "POL", "BUS"]
START = dt.date(2025, 1, 1)


def generate(store: Store, n_events: int, days: int, offset: int = 0) -> None:
    """Insert about ``n_events`` events over ``days`` days starting at START + offset."""
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    quads = "[" + ", ".join(str(q) for q in QUADS) + "]"
    sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
    store.con.execute(f"""
        INSERT INTO events (id, document_id, date, plover_event, quad_class, goldstein,
            source_country, source_sector, target_country, target_sector, place_country,
            place_admin1, place_name, confidence, negated)
        SELECT 'b' || {offset} || '_' || i, 'd' || {offset} || '_' || (i // 3), day,
               {types}[t + 1], {quads}[t + 1], 5.0 - t * 0.7,
               'C' || lpad(c::VARCHAR, 3, '0'), {sectors}[s + 1],
               'C' || lpad(((c + (i % 3)) % 120)::VARCHAR, 3, '0'), {sectors}[(s + 1) % 6 + 1],
               'C' || lpad(c::VARCHAR, 3, '0'), 'A' || a, 'Town' || a, 0.5 + random() / 2,
               FALSE
        FROM (
            SELECT i,
                   DATE '{START.isoformat()}' + {offset} + (floor(random() * {days}))::INTEGER
                       AS day,
                   floor(pow(random(), 2) * 120)::INTEGER AS c,
                   floor(random() * 8)::INTEGER AS a,
                   floor(pow(random(), 1.5) * 15)::INTEGER AS t,
                   floor(random() * 6)::INTEGER AS s
            FROM range({n_events}) r(i)
        ) WHERE dayofweek(day) NOT IN (0, 6) OR random() < 0.6
    """)


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _generate_into(db: Path, n_events: int, days: int, memory_limit: str) -> None:
    with Store(db) as store:
        store.con.execute(f"SET memory_limit = '{memory_limit}'")
        generate(store, n_events, days)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument(
        "--memory-limit", default="4GB", help="DuckDB memory_limit (spills to disk beyond it)"
    )
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all)")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.duckdb"
    t0 = time.perf_counter()
    child = multiprocessing.get_context("fork").Process(
        target=_generate_into, args=(db, args.events, args.days, args.memory_limit)
    )
    child.start()
    child.join()
    with Store(db) as store:
        store.con.execute(f"SET memory_limit = '{args.memory_limit}'")
        if args.threads:
            store.con.execute(f"SET threads = {int(args.threads)}")
        n = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        t1, c1 = time.perf_counter(), time.process_time()
        full = run_analysis(store, AnalysisConfig(), full=True)
        t2, c2 = time.perf_counter(), time.process_time()
        generate(store, max(1, args.events // args.days), 1, offset=args.days)
        t3 = time.perf_counter()
        incr = run_analysis(store, AnalysisConfig())
        t4 = time.perf_counter()
        alerts = list_alerts(store)
        counts = store.con.execute(
            "SELECT (SELECT count(*) FROM analysis_daily_counts), "
            "(SELECT count(*) FROM analysis_baselines), (SELECT count(*) FROM analysis_signals)"
        ).fetchall()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load}; DuckDB memory_limit "
        f"{args.memory_limit}; events: {n:,} over {args.days} days "
        f"(generated in {t1 - t0:.1f}s)"
    )
    print(
        f"full analysis: {t2 - t1:.1f}s wall, {c2 - c1:.1f}s CPU "
        f"({full.series_tested:,} series-days tested, {full.signals:,} signals, "
        f"{len(full.alerts_new)} alerts)"
    )
    print(
        f"incremental run after one more day ({t3 - t2:.1f}s to insert): {t4 - t3:.1f}s "
        f"({incr.days_recomputed} day(s) recomputed, {incr.signals} signals)"
    )
    print(
        f"tables: {counts[0]:,} daily counts, {counts[1]:,} baselines, {counts[2]:,} signals; "
        f"{len(alerts)} alerts stored"
    )
    print(
        f"peak resident memory: {peak_mib():,.0f} MiB analysing "
        f"({peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB generating, in a child process)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
