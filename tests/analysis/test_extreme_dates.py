"""Events dated at the calendar's ends (an imported 99991231) are left out and counted."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.pipeline import analyze_full, analyze_incremental
from watchfloor.settings import Settings
from watchfloor.store.database import Store

DAY = START + dt.timedelta(days=35)
EXTREMES = [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(3000, 6, 1)]


def _history(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}))
    insert(store, [Ev(DAY, "FIGHT") for _ in range(15)])
    insert(store, [Ev(DAY, "MOBILIZE", text="Troops were deployed to the town.")])


def _outcome(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    signals = store.con.execute(
        "SELECT day, kind, subtype, etype FROM analysis_signals ORDER BY ALL"
    ).fetchall()
    alerts = [(a.kind, a.country, a.start, a.end) for a in list_alerts(store)]
    return signals, sorted(alerts)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("extreme", EXTREMES)
def test_an_extreme_event_date_is_skipped_and_counted(extreme: dt.date, full: bool) -> None:
    run = analyze_full if full else analyze_incremental
    with Store(":memory:") as clean, Store(":memory:") as dirty:
        _history(clean)
        _history(dirty)
        insert(dirty, [Ev(extreme, "FIGHT"), Ev(extreme, "MOBILIZE", country="ZZZ")])
        expected = run(clean, Settings())
        summary = run(dirty, Settings())
        assert summary.events_out_of_range == 2 and expected.events_out_of_range == 0
        assert (summary.from_day, summary.to_day) == (expected.from_day, expected.to_day)
        assert _outcome(dirty) == _outcome(clean)
        assert _outcome(dirty)[0], "the history itself raises signals"
        again = analyze_incremental(dirty, Settings())  # nothing new: nothing recomputed
        assert again.days_recomputed == 0 and again.events_out_of_range == 2


def test_a_store_holding_only_extreme_dates_analyses_to_nothing() -> None:
    with Store(":memory:") as store:
        insert(store, [Ev(day, "FIGHT") for day in EXTREMES])
        summary = analyze_incremental(store, Settings())
        assert summary.signals == 0 and summary.events_out_of_range == len(EXTREMES)
        assert list_alerts(store) == []


def test_the_accepted_range_follows_the_settings() -> None:
    with Store(":memory:") as store:
        _history(store)
        late = Settings(min_date_year=2024, max_days_ahead=0)
        assert analyze_incremental(store, late).events_out_of_range == 0
        strict = Settings(min_date_year=2025)
        assert analyze_full(store, strict).events_out_of_range > 0
