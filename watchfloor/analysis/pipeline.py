"""Incremental and full analysis runs: counts -> baselines -> signals -> alerts."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import replace

import duckdb
import pandas as pd

from watchfloor.analysis.alerts import upsert_alerts
from watchfloor.analysis.baselines import drop_baseline_tables, update_baselines
from watchfloor.analysis.candidates import build_candidates
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.escalation import escalation_signals
from watchfloor.analysis.prominence import ProminenceBook, signal_weights
from watchfloor.analysis.records import AnalysisSummary
from watchfloor.analysis.rules import load_rules, rule_signals
from watchfloor.analysis.scores import update_event_scores
from watchfloor.analysis.series import dirty_days, fetch_one, update_daily_counts
from watchfloor.analysis.severity import severity_signals
from watchfloor.analysis.signals import (
    novelty_signals,
    rate_signals,
    store_signals,
)
from watchfloor.analysis.stories import StoryConfig, list_stories, update_stories
from watchfloor.analysis.warmup import drop_cold_signals
from watchfloor.daterange import DateRange
from watchfloor.settings import Settings
from watchfloor.store.database import Store
from watchfloor.store.events import count_out_of_range

WATERMARK = "events_created_at"


def _watermark(con: duckdb.DuckDBPyConnection) -> dt.datetime | None:
    row = fetch_one(con.execute("SELECT value FROM analysis_state WHERE name = ?", [WATERMARK]))
    return dt.datetime.fromisoformat(row[0]) if row and row[0] else None


def _set_watermark(con: duckdb.DuckDBPyConnection) -> None:
    row = fetch_one(con.execute("SELECT max(created_at) FROM events"))
    value = row[0].isoformat() if row and row[0] else None
    con.execute("INSERT OR REPLACE INTO analysis_state VALUES (?, ?)", [WATERMARK, value])


def _clear(con: duckdb.DuckDBPyConnection) -> None:
    for table in (
        "analysis_daily_counts",
        "analysis_baseline_days",
        "analysis_series",
        "analysis_event_scores",
        "analysis_signals",
        "analysis_state",
    ):
        con.execute(f"DELETE FROM {table}")


@contextlib.contextmanager
def _unordered_inserts(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let DuckDB write query results in any order (less memory, more parallel) meanwhile.

    The analysis tables carry no meaning in their row order; the setting is restored after.
    """
    row = fetch_one(con.execute("SELECT current_setting('preserve_insertion_order')"))
    before = bool(row[0]) if row else True
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute(f"SET preserve_insertion_order = {str(before).lower()}")


def run_analysis(
    store: Store, cfg: AnalysisConfig, *, full: bool = False, accepted: DateRange | None = None
) -> AnalysisSummary:
    """Bring counts, baselines, signals and alerts up to date (see ``_run``).

    Events dated outside ``accepted`` (default ``DateRange.default()``) are left out and
    counted in ``events_out_of_range``: one imported 9999-12-31 must not stop the analysis.
    """
    accepted = accepted or DateRange.default()
    with _unordered_inserts(store.con):
        summary = _run(store, cfg, accepted, full=full)
    return replace(summary, events_out_of_range=count_out_of_range(store, accepted))


def _in_range(frame: pd.DataFrame, accepted: DateRange) -> pd.DataFrame:
    """Signals dated inside ``accepted`` only (readers of all events may find the others)."""
    if frame.empty:
        return frame
    days = pd.to_datetime(frame["day"], errors="coerce").dt.date
    keep = days.map(lambda d: isinstance(d, dt.date) and accepted.contains(d))
    return frame[keep.astype(bool)]


def _run(
    store: Store, cfg: AnalysisConfig, accepted: DateRange, *, full: bool = False
) -> AnalysisSummary:
    """Bring counts, baselines, signals and alerts up to date with the events table.

    Incremental by default: only days whose events changed since the last run (and the
    days after them, whose trailing windows they feed) are recomputed. ``full`` recomputes
    everything; alerts keep their ids and states, and alerts still ``new`` that no longer
    have support are removed.
    """
    started = time.perf_counter()
    rules = load_rules(cfg.rules_file)
    with store.transaction() as con:
        if full:
            _clear(con)
        days = [d for d in dirty_days(con, _watermark(con)) if accepted.contains(d)]
        if not days:
            return AnalysisSummary(None, None, 0, 0, 0, seconds=time.perf_counter() - started)
        # A full run counts every event day, so its judged events are those the scores need.
        update_daily_counts(con, days, keep_events=full)
        from_day = min(days)
        last = fetch_one(con.execute("SELECT max(day) FROM analysis_daily_counts"))
        to_day = last[0] if last and last[0] else from_day
        codes = update_baselines(con, from_day, cfg)
        update_event_scores(con, from_day, codes, "_wf_ev" if full else None)
        con.execute("DROP TABLE IF EXISTS _wf_ev")
        drop_baseline_tables(con)
        frames = [
            _in_range(frame, accepted)
            for frame in (
                rate_signals(con, from_day, cfg),
                novelty_signals(con, from_day, cfg),
                severity_signals(con, from_day, cfg),
                escalation_signals(con, from_day, cfg),
                rule_signals(con, rules, from_day),
            )
        ]
        n_signals = store_signals(con, from_day, frames)
        lookback = from_day - dt.timedelta(days=cfg.cluster_window_days)
        signals = con.execute(
            "SELECT * FROM analysis_signals WHERE day >= ? ORDER BY day, id", [lookback]
        ).fetch_df()
        # Signals of places still warming up are kept (a later novelty needs to know them)
        # but raise no alert.
        signals = drop_cold_signals(con, signals, cfg)
        weights = signal_weights(con, signals, ProminenceBook.load(cfg.actors_file))
        candidates = build_candidates(
            signals, from_day, cfg, weights, _novelty_days(con, from_day, cfg)
        )
        new, updated = upsert_alerts(con, candidates)
        removed = _drop_unsupported(con, new + updated) if full else 0
        _set_watermark(con)
    return AnalysisSummary(
        from_day=from_day,
        to_day=to_day,
        days_recomputed=(to_day - from_day).days + 1,
        series_tested=codes.tested,
        signals=n_signals,
        alerts_new=tuple(new),
        alerts_updated=tuple(updated),
        alerts_removed=removed,
        seconds=time.perf_counter() - started,
    )


def _novelty_days(
    con: duckdb.DuckDBPyConnection, from_day: dt.date, cfg: AnalysisConfig
) -> dict[tuple[str, str], list[dt.date]]:
    """Days of each country's novelty signals by kind over the baseline window."""
    rows = con.execute(
        "SELECT DISTINCT country, subtype, day FROM analysis_signals "
        "WHERE kind = 'novelty' AND country IS NOT NULL AND day >= ?",
        [from_day - dt.timedelta(days=cfg.baseline_days)],
    ).fetchall()
    out: dict[tuple[str, str], list[dt.date]] = {}
    for country, subtype, day in rows:
        out.setdefault((str(country), str(subtype)), []).append(day)
    return out


def _drop_unsupported(con: duckdb.DuckDBPyConnection, touched: list[str]) -> int:
    """After a full run, remove alerts still 'new' that no candidate supported."""
    keep = set(touched)
    rows = con.execute("SELECT id FROM alerts WHERE state = 'new'").fetchall()
    supported = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT a.id FROM alerts a JOIN alert_signals s ON s.alert_id = a.id "
            "JOIN analysis_signals g ON g.id = s.signal_id"
        ).fetchall()
    }
    drop = [r[0] for r in rows if r[0] not in keep and r[0] not in supported]
    if drop:
        con.execute("DELETE FROM alert_signals WHERE list_contains(?::VARCHAR[], alert_id)", [drop])
        con.execute("DELETE FROM alerts WHERE list_contains(?::VARCHAR[], id)", [drop])
    return len(drop)


def _with_stories(store: Store, summary: AnalysisSummary, accepted: DateRange) -> AnalysisSummary:
    """Regroup the stories of the recent days before the newest event within ``accepted``."""
    if summary.days_recomputed == 0 and list_stories(store, limit=1):
        return summary
    cfg = StoryConfig()
    newest = fetch_one(
        store.con.execute(
            "SELECT max(date) FROM events WHERE date BETWEEN ? AND ?",
            [accepted.earliest, accepted.latest],
        )
    )
    since = newest[0] - dt.timedelta(days=cfg.recent_days) if newest and newest[0] else None
    stories = update_stories(store, since=since, until=accepted.latest, cfg=cfg)
    return replace(summary, stories=stories)


def analyze_incremental(store: Store, settings: Settings) -> AnalysisSummary:
    """Analyse what changed since the last run (call after each ingest + code run).

    Updates counts, baselines, signals and alerts for the changed days, then regroups
    the stories (the most recent ``StoryConfig.max_documents`` documents).
    """
    accepted = settings.date_range()
    summary = run_analysis(store, AnalysisConfig.from_settings(settings), accepted=accepted)
    return _with_stories(store, summary, accepted)


def analyze_full(store: Store, settings: Settings) -> AnalysisSummary:
    """Recompute the whole history (after an import or a re-coding), stories included."""
    accepted = settings.date_range()
    cfg = AnalysisConfig.from_settings(settings)
    return _with_stories(store, run_analysis(store, cfg, full=True, accepted=accepted), accepted)


def event_scores(store: Store, event_ids: list[str]) -> pd.DataFrame:
    """Surprise scores of these events (missing events are not judged yet)."""
    return store.con.execute(
        "SELECT * FROM analysis_event_scores WHERE list_contains(?::VARCHAR[], event_id)",
        [event_ids],
    ).fetch_df()
