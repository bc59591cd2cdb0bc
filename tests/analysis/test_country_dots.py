"""The analyst's day: different warning kinds in different provinces of one country within
48 hours make a country alert, though no province holds enough of them for its own."""

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
PROVINCES = ("North", "South", "East", "West", "Capital")

#: One report per warning kind, each in its own province (None: placed at country level).
DAY_OF_WARNINGS = (
    ("leader_attack", "North", "Gunmen shot at the son of the cleric's spokesman in Northtown."),
    ("closure", "South", "The cleric ordered all offices of his movement closed."),
    ("foreign_figure_visit", "Capital", "A BBB general was reported back in the capital."),
    ("border_crossing", "East", "Armoured columns crossed the border at the eastern post."),
    ("evacuation", None, "A neighbouring state told its citizens to leave at once."),
)


def _history() -> list[Ev]:
    out: list[Ev] = []
    for province in PROVINCES:
        out += flat_history(20, {"FIGHT": 1}, admin1=province, place=f"{province}town")
    return out


def _warning(kind: str, admin1: str | None, text: str, day: dt.date = DAY) -> Ev:
    foreign = kind == "foreign_figure_visit"
    return Ev(
        day,
        "CONSULT" if foreign else "FIGHT",
        admin1=admin1,
        place=f"{admin1}town" if admin1 else None,
        src_country="BBB" if foreign else "AAA",
        text=text,
        warning_kind=kind,
    )


def _country_alerts(store: Store) -> list[tuple[object, ...]]:
    return [
        (a.kind, a.country, a.admin1)
        for a in list_alerts(store)
        if a.kind == "cluster" and a.admin1 is None
    ]


@pytest.mark.parametrize("n_kinds", [5, 4, 3])
def test_different_warnings_across_a_country_make_one_alert(store: Store, n_kinds: int) -> None:
    insert(store, _history())
    insert(store, [_warning(*w) for w in DAY_OF_WARNINGS[:n_kinds]])
    run_analysis(store, CFG)
    expected = [("cluster", "AAA", None)] if n_kinds >= CFG.country_min_kinds else []
    assert _country_alerts(store) == expected
    assert all(a.admin1 is None for a in list_alerts(store) if a.kind == "cluster")


def test_warnings_spread_over_a_week_are_not_one_day(store: Store) -> None:
    insert(store, _history())
    spread = [
        _warning(*w, day=DAY - dt.timedelta(days=2 * i)) for i, w in enumerate(DAY_OF_WARNINGS)
    ]
    insert(store, spread)
    run_analysis(store, CFG)
    assert _country_alerts(store) == []


def test_a_routine_kind_does_not_count(store: Store) -> None:
    """Border crossings seen on three earlier days are the country's normal: four kinds on
    the day, one of them routine, are three."""
    insert(store, _history())
    insert(
        store,
        [_warning(*DAY_OF_WARNINGS[3], day=DAY - dt.timedelta(days=d)) for d in (3, 6, 9)],
    )
    insert(store, [_warning(*w) for w in DAY_OF_WARNINGS[:4]])
    run_analysis(store, CFG)
    assert _country_alerts(store) == []


def test_one_province_burst_is_not_also_a_country_alert(store: Store) -> None:
    """The same warnings all in one province make that province's cluster; a second, country
    alert listing the same signals would be the same news twice (the demo's Syunik burst)."""
    insert(store, _history())
    insert(store, [_warning(kind, "East", text) for kind, _, text in DAY_OF_WARNINGS])
    run_analysis(store, CFG)
    clusters = [(a.country, a.admin1) for a in list_alerts(store) if a.kind == "cluster"]
    assert clusters == [("AAA", "East")]
