"""Cold start: places are judged only after enough days with events, imported or coded."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.analysis.warmup import warmup_status
from watchfloor.store.database import Store

CFG = AnalysisConfig()


def _every(step: int, days: int, **fields: object) -> list[Ev]:
    """One FIGHT every ``step`` days over ``days`` days."""
    return [
        Ev(START + dt.timedelta(days=d), "FIGHT", **fields)  # type: ignore[arg-type]
        for d in range(0, days, step)
    ]


def _judged(store: Store, country: str) -> int:
    row = store.con.execute(
        "SELECT count(*) FROM analysis_baselines WHERE key = ? AND p_value IS NOT NULL",
        [country],
    ).fetchone()
    return int(row[0]) if row else 0


def test_sparse_place_is_not_judged_after_fourteen_calendar_days(store: Store) -> None:
    """Seven days with events over six weeks: still warming up, so a burst is not judged."""
    insert(store, _every(6, 42))
    insert(store, [Ev(START + dt.timedelta(days=43), "FIGHT") for _ in range(25)])
    run_analysis(store, CFG)
    assert _judged(store, "AAA") == 0
    assert list_alerts(store) == []
    status = warmup_status(store, CFG)
    assert [p.country for p in status.warming] == ["AAA"] and status.judged == ()
    assert status.warming[0].covered_days == 8


def test_place_is_judged_from_the_day_after_its_fourteenth_day_with_events(store: Store) -> None:
    insert(store, flat_history(20, {"FIGHT": 1}))
    insert(store, _every(3, 60, country="BBB", src_country="BBB", tgt_country="BBB"))
    run_analysis(store, CFG)
    status = warmup_status(store, CFG)
    judged = {p.country: p.judged_from for p in status.judged}
    # AAA: days 0..13 are its first 14 days; BBB: every third day, the 14th is day 39.
    assert judged == {"AAA": START + dt.timedelta(days=14), "BBB": START + dt.timedelta(days=40)}
    assert status.warming == ()
    assert "judging AAA from 2024-01-15, BBB from 2024-02-10; 0 places warming up" in status.line()


@pytest.mark.parametrize(("days", "judged"), [(13, False), (14, True)])
def test_novelty_needs_the_place_history_first(store: Store, days: int, judged: bool) -> None:
    insert(store, flat_history(days, {"FIGHT": 2}))
    insert(
        store,
        [
            Ev(
                START + dt.timedelta(days=days),
                "FIGHT",
                text="Residents were told to evacuate.",
                warning_kind="evacuation",
            )
        ],
    )
    run_analysis(store, CFG)
    kinds = {r[0] for r in store.con.execute("SELECT subtype FROM analysis_signals").fetchall()}
    assert ("evacuation" in kinds) is judged


def test_imported_history_warms_a_place_for_news(store: Store) -> None:
    """An ACLED import of the same country seeds the history the news is judged against."""
    insert(store, flat_history(20, {"FIGHT": 2}))
    store.con.execute("UPDATE events SET dataset = 'acled'")
    day = START + dt.timedelta(days=20)
    told = Ev(day, "FIGHT", text="Residents were told to evacuate.", warning_kind="evacuation")
    insert(store, [told])
    run_analysis(store, CFG)
    status = warmup_status(store, CFG)
    assert [p.country for p in status.judged] == ["AAA"]
    kinds = {r[0] for r in store.con.execute("SELECT subtype FROM analysis_signals").fetchall()}
    assert "evacuation" in kinds
