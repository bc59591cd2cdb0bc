"""Alerts an analyst can trust: severity, routine warning kinds, bursts from one report, and
provinces that do not borrow their country's signals."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.store.database import Store

CFG = AnalysisConfig()
DAY = START + dt.timedelta(days=20)


def _history(**fields: object) -> list[Ev]:
    """Twenty days of small fights with one or two dead in the province."""
    return [
        Ev(START + dt.timedelta(days=d), "FIGHT", fatalities=d % 3, **fields)  # type: ignore[arg-type]
        for d in range(20)
    ]


def _signals(store: Store, subtype: str) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT day, admin1, observed, expected, score FROM analysis_signals WHERE subtype = ?",
        [subtype],
    ).fetchall()


@pytest.mark.parametrize(
    ("dead", "sector", "alone"),
    [
        (38, None, True),  # a suicide bombing in a market: the dead are not fighters
        (38, "CVL", True),
        (38, "REB", False),  # a belligerent's toll of enemy fighters signals, alone no alert
        (12, None, False),  # out of scale for the province, but not grave enough alone
    ],
)
def test_mass_casualty_far_beyond_the_province_history(
    store: Store, dead: int, sector: str | None, alone: bool
) -> None:
    insert(store, _history())
    insert(store, [Ev(DAY, "ASSAULT", fatalities=dead, tgt_sector=sector, text="A bombing.")])
    run_analysis(store, CFG)
    found = _signals(store, "mass_casualty")
    assert [(d, a, o, e) for d, a, o, e, _ in found] == [(DAY, "North", float(dead), 2.0)]
    kinds = [a.kind for a in list_alerts(store)]
    assert ("severity" in kinds) is alone


def test_a_toll_like_the_province_has_seen_is_no_signal(store: Store) -> None:
    insert(store, _history())
    insert(store, [Ev(START + dt.timedelta(days=5), "FIGHT", fatalities=30)])
    insert(store, [Ev(DAY, "ASSAULT", fatalities=40, tgt_sector=None)])
    run_analysis(store, CFG)
    assert [r for r in _signals(store, "mass_casualty") if r[0] == DAY] == []


def test_a_province_without_history_is_not_judged_by_its_toll(store: Store) -> None:
    insert(store, _history())
    insert(store, [Ev(DAY, "ASSAULT", fatalities=40, admin1="South", tgt_sector=None)])
    run_analysis(store, CFG)
    assert _signals(store, "mass_casualty") == []


def _told_to_leave(day: dt.date) -> Ev:
    return Ev(day, "FIGHT", text="Residents were told to evacuate.", warning_kind="evacuation")


@pytest.mark.parametrize(("earlier_days", "signals"), [(0, True), (2, True), (3, False)])
def test_a_warning_kind_seen_on_many_recent_days_is_routine(
    store: Store, earlier_days: int, signals: bool
) -> None:
    insert(store, flat_history(20, {"FIGHT": 2}))
    insert(store, [_told_to_leave(DAY - dt.timedelta(days=2 + 3 * k)) for k in range(earlier_days)])
    insert(store, [_told_to_leave(DAY)])
    run_analysis(store, CFG)
    today = [r for r in _signals(store, "evacuation") if r[0] == DAY]
    assert bool(today) is signals


@pytest.mark.parametrize("reports", [1, 9])
def test_a_burst_needs_several_reports(store: Store, reports: int) -> None:
    """Nine events coded from one report are one report, not a burst; from nine reports
    they are."""
    insert(store, flat_history(20, {"FIGHT": 1}))
    ids = insert(store, [Ev(DAY, "ASSAULT", admin1="South") for _ in range(9)])
    if reports == 1:
        store.con.execute(
            "UPDATE events SET document_id = (SELECT document_id FROM events WHERE id = ?) "
            "WHERE list_contains(?::VARCHAR[], id)",
            [ids[0], ids],
        )
    run_analysis(store, CFG)
    bursts = [a for a in list_alerts(store) if a.kind == "burst"]
    assert [(a.admin1, a.start) for a in bursts] == ([("South", DAY)] if reports > 1 else [])
    if bursts:
        assert "9 events in 9 documents" in bursts[0].summary


def test_a_country_level_signal_does_not_complete_every_province_cluster(store: Store) -> None:
    """Two unusual kinds in North and one placed only in the country make no North alert."""
    insert(store, flat_history(20, {"FIGHT": 2}))
    insert(store, flat_history(20, {"FIGHT": 1}, admin1="East", place="Eastville"))
    day_events = [
        Ev(DAY, "FIGHT", text="Residents were told to evacuate.", warning_kind="evacuation"),
        Ev(DAY, "FIGHT", text="The border crossing was closed.", warning_kind="closure"),
        Ev(
            DAY,
            "FIGHT",
            admin1=None,
            place=None,
            warning_kind="strike_protest",
            text="Unions called a general strike.",
        ),
    ]
    insert(store, day_events)
    run_analysis(store, CFG)
    clusters = [a for a in list_alerts(store) if a.kind == "cluster"]
    assert [(a.admin1, a.n_signals) for a in clusters if a.admin1 == "North"] == []
