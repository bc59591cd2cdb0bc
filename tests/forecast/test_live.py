"""Forecasts from stored events: saved to `forecasts`, listed with top features."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from watchfloor.errors import InputError
from watchfloor.forecast.live import ForecastRequest, list_forecasts, run_forecast
from watchfloor.forecast.models import ModelConfig
from watchfloor.store import Store

FAST = ModelConfig(max_iter=30, classifier_iter=20, min_samples_leaf=10, residual_window=6)
COUNTRIES = ("NGA", "NER", "TCD", "CMR", "BEN", "GHA")


def add_events(store: Store, months: int = 30, seed: int = 3) -> None:
    """ACLED-like events: one battle per country-month with trending fatalities, some protests."""
    rng = np.random.default_rng(seed)
    rows = []
    for k, country in enumerate(COUNTRIES):
        for m in range(months):
            day = dt.date(2020 + m // 12, m % 12 + 1, 10)
            deaths = int(rng.poisson(2 + k * (m / months) * 8))
            rows.append(
                (
                    f"acled:{country}{m}",
                    "acled",
                    day,
                    "ASSAULT",
                    4,
                    -10.0,
                    deaths,
                    country,
                    "Kano" if k % 2 else "Lagos",
                    "USA" if k == 0 else None,
                )
            )
            if rng.random() < 0.5:
                rows.append(
                    (
                        f"acled:{country}{m}p",
                        "acled",
                        day,
                        "PROTEST",
                        4,
                        -6.5,
                        0,
                        country,
                        "Lagos",
                        None,
                    )
                )
    store.con.executemany(
        "INSERT INTO events (id, dataset, date, plover_event, quad_class, goldstein, fatalities,"
        " place_country, place_admin1, target_country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def test_country_forecast_is_saved_and_listed_with_top_features(store: Store) -> None:
    add_events(store)
    rows = run_forecast(store, ForecastRequest(horizon=2, config=FAST))
    assert {r["unit"] for r in rows} == set(COUNTRIES)
    first = rows[0]
    assert first["target"] == "fatalities" and first["horizon"] == 2
    assert first["target_start"] == dt.date(2022, 8, 1)  # last month 2022-06, plus 2
    assert first["q10"] <= first["q50"] <= first["q90"]
    assert len(first["top_features"]) == 3 and "contribution" in first["top_features"][0]
    probs = [r["escalation_prob"] for r in rows if r["escalation_prob"] is not None]
    assert all(0.0 <= p <= 1.0 for p in probs)
    # the country with the steepest trend is forecast the most deaths
    by_expected = sorted(rows, key=lambda r: r["expected"])
    assert by_expected[-1]["unit"] in ("GHA", "BEN")
    assert len(list_forecasts(store, unit="NGA")) == 1


def test_rerun_replaces_previous_forecasts(store: Store) -> None:
    add_events(store)
    run_forecast(store, ForecastRequest(config=FAST))
    run_forecast(store, ForecastRequest(config=FAST))
    assert len(list_forecasts(store, unit_kind="country", horizon=1)) == len(COUNTRIES)


def test_empty_database_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no dated events"):
        run_forecast(store, ForecastRequest(config=FAST))


def test_dyad_forecast_counts_conflict_events_and_forecasts_goldstein(store: Store) -> None:
    rng = np.random.default_rng(5)
    pairs = [("USA", "IRN"), ("ISR", "LBN"), ("RUS", "UKR"), ("IND", "PAK")]
    rows = []
    for k, (a, b) in enumerate(pairs):
        for m in range(24):
            for e in range(int(rng.integers(1, 4 + k))):
                conflict = rng.random() < 0.3 + 0.15 * k
                rows.append(
                    (
                        f"g{k}-{m}-{e}",
                        dt.date(2023 + m // 12, m % 12 + 1, 2),
                        a,
                        b,
                        4 if conflict else 1,
                        -8.0 if conflict else 3.0,
                    )
                )
    store.con.executemany(
        "INSERT INTO events (id, date, source_country, target_country, quad_class, goldstein,"
        " dataset) VALUES (?, ?, ?, ?, ?, ?, 'gdelt')",
        rows,
    )
    out = run_forecast(store, ForecastRequest(unit_kind="dyad", config=FAST))
    assert {r["unit"] for r in out} == {"IRN-USA", "ISR-LBN", "RUS-UKR", "IND-PAK"}
    assert all(r["target"] == "conflict_events" for r in out)
    assert all(-10.0 <= r["mean_goldstein"] <= 10.0 for r in out)


@pytest.mark.parametrize(
    "extreme", [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1899, 12, 31)]
)
def test_an_event_dated_at_the_calendar_end_is_left_out_of_the_forecast(
    store: Store, extreme: dt.date
) -> None:
    add_events(store)
    store.con.execute(
        "INSERT INTO events (id, dataset, date, plover_event, quad_class, fatalities, "
        "place_country) VALUES ('gdelt:far', 'gdelt', ?, 'ASSAULT', 4, 5, 'NGA')",
        [extreme],
    )
    rows = run_forecast(store, ForecastRequest(horizon=2, config=FAST))
    assert {r["unit"] for r in rows} == set(COUNTRIES)
    assert {r["target_start"] for r in rows} == {dt.date(2022, 8, 1)}
