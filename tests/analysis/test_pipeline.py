"""Baselines, signals and alerts end to end on constructed series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts, set_alert_state
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.errors import InputError
from watchfloor.store.database import Store

CFG = AnalysisConfig()
DAY60 = START + dt.timedelta(days=35)


def _signals(store: Store, since: dt.date = START) -> list[tuple[str, str, str | None]]:
    return store.con.execute(
        "SELECT kind, subtype, etype FROM analysis_signals WHERE day >= ? ORDER BY ALL", [since]
    ).fetchall()


def _noisy_history(seed: int = 7, days: int = 45) -> list[Ev]:
    rng = np.random.default_rng(seed)
    out = []
    for country in ("AAA", "BBB"):
        for admin1 in ("North", "South"):
            for d in range(days):
                day = START + dt.timedelta(days=d)
                for etype, lam in (("FIGHT", 3.0), ("PROTEST", 1.0), ("CONSULT", 0.5)):
                    out.extend(
                        Ev(
                            day,
                            etype,
                            country=country,
                            admin1=admin1,
                            src_country=country,
                            tgt_country=country,
                        )
                        for _ in range(rng.poisson(lam))
                    )
    return out


def test_flat_series_raises_no_signal(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 3, "PROTEST": 1}))
    summary = run_analysis(store, CFG)
    assert summary.series_tested > 0
    assert _signals(store) == []
    assert list_alerts(store) == []


def test_quiet_poisson_days_raise_no_alert(store: Store) -> None:
    insert(store, _noisy_history())
    run_analysis(store, CFG)
    assert list_alerts(store) == []


def test_nothing_is_judged_before_min_history(store: Store) -> None:
    insert(store, flat_history(10, {"FIGHT": 1}))
    insert(store, [Ev(START + dt.timedelta(days=10), "FIGHT") for _ in range(30)])
    run_analysis(store, CFG)
    judged = store.con.execute(
        "SELECT count(*) FROM analysis_baselines WHERE p_value IS NOT NULL"
    ).fetchall()[0][0]
    assert judged == 0
    assert list_alerts(store) == []


def test_injected_burst_is_found(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}))
    run_analysis(store, CFG)
    insert(store, [Ev(DAY60, "FIGHT") for _ in range(15)])
    summary = run_analysis(store, CFG)
    assert summary.from_day == DAY60 and summary.days_recomputed == 1
    assert ("rate", "spike", "FIGHT") in _signals(store, DAY60)
    bursts = list_alerts(store, kind="burst")
    assert len(bursts) == 1 and bursts[0].country == "AAA" and bursts[0].start == DAY60
    surprise = dict(
        store.con.execute(
            "SELECT day = ?, max(surprise) FROM analysis_event_scores GROUP BY 1", [DAY60]
        ).fetchall()
    )
    assert surprise[True] > 3 > surprise[False]


def test_negated_and_low_confidence_events_do_not_burst(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2}))
    run_analysis(store, CFG)
    insert(store, [Ev(DAY60, "FIGHT", negated=True) for _ in range(15)])
    insert(store, [Ev(DAY60, "FIGHT", confidence=0.05) for _ in range(15)])
    run_analysis(store, CFG)
    assert list_alerts(store) == []


def test_new_type_for_place_is_flagged(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}))
    insert(store, [Ev(DAY60, "MOBILIZE", text="Troops were deployed to the town.")])
    run_analysis(store, CFG)
    assert ("novelty", "new_type", "MOBILIZE") in _signals(store)
    assert ("novelty", "new_type", "FIGHT") not in _signals(store)


# (the coder's warning kind, the source's country, the signal expected); the words of the
# evidence no longer matter: the coder marks the kind (tests/coding/test_warning_kinds.py)
KIND_CASES = [
    ("evacuation", "AAA", "evacuation"),
    ("closure", "AAA", "closure"),
    ("sanction", "AAA", "sanction"),
    ("border_crossing", "AAA", "border_crossing"),
    ("foreign_figure_visit", "ZZZ", "foreign_figure_visit"),
    ("foreign_figure_visit", "AAA", None),  # a domestic figure's visit is no warning
    (None, "AAA", None),
]


def test_coded_warning_kind_is_flagged(store: Store) -> None:
    day = START + dt.timedelta(days=30)
    for i, (kind, src, _) in enumerate(KIND_CASES):
        insert(store, flat_history(30, {"FIGHT": 1}, admin1=f"P{i}"))
        insert(
            store,
            [
                Ev(
                    day,
                    "CONSULT",
                    admin1=f"P{i}",
                    src_country=src,
                    src_sector="GOV",
                    text="Residents were told to evacuate the district.",
                    warning_kind=kind,
                )
            ],
        )
    run_analysis(store, CFG)
    found = dict(
        store.con.execute(
            "SELECT admin1, subtype FROM analysis_signals WHERE kind = 'novelty'"
        ).fetchall()
    )
    assert [found.get(f"P{i}") for i in range(len(KIND_CASES))] == [s for *_, s in KIND_CASES]


def test_foreign_military_in_country_is_border_crossing(store: Store) -> None:
    insert(store, flat_history(30, {"FIGHT": 1}))
    insert(
        store,
        [
            Ev(
                START + dt.timedelta(days=30),
                "MOBILIZE",
                src_country="ZZZ",
                text="Units massed near the town.",
            )
        ],
    )
    run_analysis(store, CFG)
    assert ("novelty", "border_crossing", "MOBILIZE") in _signals(store)


def _burst_of_kinds(day: dt.date) -> list[Ev]:
    return [
        Ev(day, "MOBILIZE", text="Troops massed near the town."),
        Ev(day, "FIGHT", src_country="ZZZ", text="ZZZ forces crossed the border overnight."),
        Ev(day, "REQUEST", text="Residents were ordered to evacuate.", warning_kind="evacuation"),
        Ev(day, "COERCE", text="The airport was closed to flights.", warning_kind="closure"),
    ]


def test_cluster_alert_lists_different_signals(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}))
    insert(store, _burst_of_kinds(DAY60))
    run_analysis(store, CFG)
    alerts = list_alerts(store)
    assert [a.kind for a in alerts] == ["cluster"]
    alert = alerts[0]
    assert alert.n_signals == len(alert.signals) >= 4
    assert {s.type for s in alert.signals} >= {"evacuation", "closure", "border_crossing"}
    assert all(s.document_id and s.event_id for s in alert.signals)


def test_cluster_alert_grows_with_window_and_keeps_id_and_state(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}))
    insert(store, _burst_of_kinds(DAY60))
    run_analysis(store, CFG)
    first = list_alerts(store)[0]
    set_alert_state(store, first.id, "ack")
    next_day = DAY60 + dt.timedelta(days=1)
    insert(
        store,
        [
            Ev(next_day, "THREATEN", text="Schools were closed.", warning_kind="closure"),
            Ev(next_day, "ASSAULT", text="Shelling hit the market."),
        ],
    )
    summary = run_analysis(store, CFG)
    alerts = list_alerts(store)
    assert len(alerts) == 1
    grown = alerts[0]
    assert grown.id == first.id and grown.state == "acknowledged"
    assert grown.end == next_day and grown.start == DAY60
    assert grown.n_signals > first.n_signals
    assert summary.alerts_updated == (first.id,)


def test_rerun_without_new_events_changes_nothing(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2}))
    insert(store, _burst_of_kinds(DAY60))
    run_analysis(store, CFG)
    before = list_alerts(store)
    again = run_analysis(store, CFG)
    assert again.days_recomputed == 0
    full = run_analysis(store, CFG, full=True)
    assert full.alerts_new == () and full.alerts_updated == ()
    assert [a.to_dict() for a in list_alerts(store)] == [a.to_dict() for a in before]


def test_alert_state_changes_and_rejects_unknown(store: Store) -> None:
    insert(store, flat_history(35, {"FIGHT": 2}))
    insert(store, _burst_of_kinds(DAY60))
    run_analysis(store, CFG)
    alert_id = list_alerts(store)[0].id
    assert set_alert_state(store, alert_id, "dismissed").state == "dismissed"
    assert list_alerts(store, state="new") == []
    assert set_alert_state(store, alert_id, "new").state == "new"
    with pytest.raises(InputError, match="not one of"):
        set_alert_state(store, alert_id, "closed")
    with pytest.raises(InputError, match="does not exist"):
        set_alert_state(store, "A000", "ack")


def test_deleted_events_are_noticed_incrementally(store: Store) -> None:
    insert(store, flat_history(30, {"FIGHT": 2}))
    run_analysis(store, CFG)
    with store.transaction() as con:
        con.execute("DELETE FROM events WHERE date = ?", [START + dt.timedelta(days=29)])
    summary = run_analysis(store, CFG)
    assert summary.from_day == START + dt.timedelta(days=29)
    left = store.con.execute(
        "SELECT count(*) FROM analysis_daily_counts WHERE day = ?", [summary.from_day]
    ).fetchall()[0][0]
    assert left == 0


def _baselines(store: Store) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT level, key, etype, day, round(expected, 9), round(q_value, 9) "
        "FROM analysis_baselines ORDER BY ALL"
    ).fetchall()


def test_incremental_run_with_new_series_equals_full_recompute(store: Store) -> None:
    insert(store, _noisy_history(days=40))
    run_analysis(store, CFG)
    late = START + dt.timedelta(days=40)
    insert(
        store,
        [
            Ev(START + dt.timedelta(days=38), "FIGHT", country="AAA", admin1="North"),
            *(Ev(late, "PROTEST", country="CCC", admin1="East") for _ in range(3)),
            *(Ev(late, "FIGHT", country="AAA", admin1="South") for _ in range(9)),
        ],
    )
    run_analysis(store, CFG)
    incremental = _baselines(store)
    sids = store.con.execute("SELECT count(*), count(DISTINCT sid) FROM analysis_series").fetchone()
    assert sids is not None and sids[0] == sids[1]
    run_analysis(store, CFG, full=True)
    assert incremental == _baselines(store)
    assert any(row[1] == "CCC" for row in incremental)
