"""Events -> unit x period panel: unit naming, targets, escalation rule, period arithmetic."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from watchfloor.forecast.panel import EscalationRule, events_panel, period_number, period_start
from watchfloor.store import Store


def insert(store: Store, rows: list[tuple[str, dt.date, str | None, str | None, int]]) -> None:
    store.con.executemany(
        "INSERT INTO events (id, date, source_country, target_country, quad_class, goldstein,"
        " place_country) VALUES (?, ?, ?, ?, ?, -5.0, 'IRN')",
        rows,
    )


def test_dyads_are_undirected_and_count_conflict_events(store: Store) -> None:
    insert(
        store,
        [
            ("a", dt.date(2024, 1, 3), "USA", "IRN", 4),
            ("b", dt.date(2024, 1, 9), "IRN", "USA", 4),
            ("c", dt.date(2024, 1, 9), "IRN", "USA", 1),
            ("d", dt.date(2024, 3, 1), "IRN", "IRN", 4),  # same country: no dyad
            ("e", dt.date(2024, 3, 2), "IRN", "USA", 3),
        ],
    )
    panel, target = events_panel(store, "dyad", "month")
    assert target == "conflict_events"
    assert set(panel["unit"]) == {"IRN-USA"}
    assert panel["y"].tolist() == pytest.approx([math.log1p(2), 0.0, 0.0])  # Feb filled as zero
    assert panel["gs"].iloc[0] == -5.0


@pytest.mark.parametrize("period", ["month", "week", "day"])
def test_period_start_inverts_period_number(period: str) -> None:
    day = dt.date(2024, 2, 29)
    start = period_start(period_number(day, period), period)
    assert start <= day and period_number(start, period) == period_number(day, period)


def test_escalation_rule_flags_a_doubling_above_the_minimum() -> None:
    deaths = [10, 10, 10, 30, 31, 2]
    panel = pd.DataFrame({"unit": "X", "t": range(6), "y": [math.log1p(d) for d in deaths]})
    flags = EscalationRule(ratio=2.0, min_count=5).flags(panel).tolist()
    assert flags == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def test_alerts_of_the_analysis_layer_become_a_count_column(store: Store) -> None:
    insert(
        store,
        [("a", dt.date(2024, 1, 3), None, None, 4), ("b", dt.date(2024, 2, 3), None, None, 4)],
    )
    now = dt.datetime(2024, 2, 5)
    store.con.execute(
        "INSERT INTO alerts (id, kind, dedup_key, country, start_day, end_day, score, n_signals,"
        " summary, created_at, updated_at) VALUES ('x', 'burst', 'k', 'IRN', DATE '2024-02-02',"
        " DATE '2024-02-04', 3.0, 2, 's', ?, ?)",
        [now, now],
    )
    panel, _ = events_panel(store, "country", "month")
    assert panel["alerts"].tolist() == pytest.approx([0.0, math.log1p(1)])
