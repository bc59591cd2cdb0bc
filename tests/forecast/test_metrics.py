"""Scores: CRPS of an ensemble against the brute-force definition, AUC and Brier edge cases."""

from __future__ import annotations

import numpy as np
import pytest

from watchfloor.forecast.metrics import auc, brier, crps_samples, mse


def brute_crps(samples: np.ndarray, y: float) -> float:
    first = np.mean(np.abs(samples - y))
    second = np.mean(np.abs(samples[:, None] - samples[None, :]))
    return float(first - 0.5 * second)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crps_matches_the_pairwise_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    samples = rng.normal(size=(4, 25))
    truth = rng.normal(size=4)
    got = crps_samples(samples, truth)
    want = [brute_crps(samples[i], truth[i]) for i in range(4)]
    np.testing.assert_allclose(got, want)


def test_crps_of_a_point_forecast_is_its_absolute_error() -> None:
    assert crps_samples(np.full((1, 9), 2.0), np.array([5.0]))[0] == pytest.approx(3.0)


def test_scores_with_one_class_or_no_rows_are_nan() -> None:
    assert np.isnan(auc(np.array([0.2, 0.4]), np.array([1, 1])))
    assert np.isnan(brier(np.array([]), np.array([])))
    assert np.isnan(mse(np.array([]), np.array([])))
    assert auc(np.array([0.1, 0.9]), np.array([0, 1])) == 1.0
