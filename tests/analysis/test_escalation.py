"""A foreign army already fighting in a country turns to heavier means: the first air strike
after a week of shelling signals, and joins the day's other signals into an alert."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.store.database import Store

CFG = AnalysisConfig()
DAY = START + dt.timedelta(days=20)
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"


def _foreign(day: dt.date, sub_event: str, **fields: object) -> Ev:
    """An event of country BBB's army in country AAA."""
    base: dict[str, object] = {
        "src_country": "BBB",
        "src_sector": "MIL",
        "text": "BBB artillery shelled villages near Northtown.",
    }
    base.update(fields)
    return Ev(day, "ASSAULT", sub_event=sub_event, **base)  # type: ignore[arg-type]


def _shelling_week(**fields: object) -> list[Ev]:
    """Twenty days of the country's own fighting; BBB shells on each of the last eight."""
    own = flat_history(20, {"FIGHT": 3})
    return own + [_foreign(DAY - dt.timedelta(days=d), SHELLING, **fields) for d in range(1, 9)]


def _means_signals(store: Store) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT day, country, admin1, actor FROM analysis_signals WHERE subtype = 'new_means'"
    ).fetchall()


def test_first_air_strike_after_a_week_of_shelling_signals(store: Store) -> None:
    insert(store, _shelling_week())
    insert(store, [_foreign(DAY, AIR, text="BBB warplanes struck positions in Northtown.")])
    run_analysis(store, CFG)
    assert _means_signals(store) == [(DAY, "AAA", "North", "BBB_MIL")]


@pytest.mark.parametrize(
    ("means_today", "src_country", "src_sector"),
    [
        (SHELLING, "BBB", "MIL"),  # the same means as all week: no news
        (AIR, "AAA", "MIL"),  # the country's own army: not a foreign force
        (AIR, "BBB", "REB"),  # a foreign rebel group, not a state's army
    ],
)
def test_no_signal_for_known_means_own_army_or_non_state_force(
    store: Store, means_today: str, src_country: str, src_sector: str
) -> None:
    insert(store, _shelling_week())
    insert(store, [_foreign(DAY, means_today, src_country=src_country, src_sector=src_sector)])
    run_analysis(store, CFG)
    assert _means_signals(store) == []


def test_a_force_without_presence_in_the_country_is_not_escalating(store: Store) -> None:
    """Four earlier events are too few to call the air strike an escalation of a campaign."""
    insert(store, flat_history(20, {"FIGHT": 3}))
    insert(store, [_foreign(DAY - dt.timedelta(days=d), SHELLING) for d in range(1, 5)])
    insert(store, [_foreign(DAY, AIR)])
    run_analysis(store, CFG)
    assert _means_signals(store) == []


def test_means_used_within_the_window_are_not_new(store: Store) -> None:
    insert(store, _shelling_week())
    insert(store, [_foreign(DAY - dt.timedelta(days=15), AIR)])
    insert(store, [_foreign(DAY, AIR)])
    run_analysis(store, CFG)
    assert [r for r in _means_signals(store) if r[0] == DAY] == []


def test_a_country_still_warming_up_is_not_judged(store: Store) -> None:
    """Ten days of record are too few to say the air strike is the first."""
    late = START + dt.timedelta(days=10)
    insert(store, flat_history(10, {"FIGHT": 3}, start=late))
    insert(store, [_foreign(late + dt.timedelta(days=d), SHELLING) for d in range(2, 9)])
    insert(store, [_foreign(late + dt.timedelta(days=9), AIR)])
    run_analysis(store, CFG)
    assert _means_signals(store) == []


@pytest.mark.parametrize("means", [CFG.escalation_means, ()])
def test_escalation_completes_a_cluster_with_other_signals(
    store: Store, means: tuple[str, ...]
) -> None:
    """With a spike of the foreign army's attacks on civilians and a first evacuation call,
    the first air strike makes three kinds of signal in the province: an alert. Without the
    escalation signal the two others are not enough."""
    insert(store, _shelling_week())
    today = [_foreign(DAY, AIR, text="BBB jets bombed Northtown.", tgt_sector="CVL")]
    today += [
        _foreign(DAY, SHELLING, tgt_sector="CVL", text=f"Shells hit homes in Northtown ({k}).")
        for k in range(6)
    ]
    today.append(Ev(DAY, "FIGHT", text="Residents were told to leave.", warning_kind="evacuation"))
    insert(store, today)
    run_analysis(store, replace(CFG, escalation_means=means))
    clusters = [a for a in list_alerts(store) if a.kind == "cluster"]
    if not means:
        assert clusters == []
        return
    assert [(a.country, a.admin1) for a in clusters] == [("AAA", "North")]
    assert "new_means" in clusters[0].summary
