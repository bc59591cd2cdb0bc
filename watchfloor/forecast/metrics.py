"""Scores for forecasts: squared error, CRPS of a sample distribution, AUC and Brier."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score


def mse(pred: np.ndarray, truth: np.ndarray) -> float:
    """Mean squared error; NaN when there is nothing to score."""
    if len(truth) == 0:
        return float("nan")
    return float(np.mean((np.asarray(pred) - np.asarray(truth)) ** 2))


def crps_samples(samples: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """CRPS of each row of ``samples`` (an equally weighted ensemble) against ``truth``.

    Uses CRPS = E|X - y| - E|X - X'| / 2, with the second term from the sorted ensemble.
    """
    ens = np.sort(np.asarray(samples, dtype=float), axis=1)
    n = ens.shape[1]
    first = np.mean(np.abs(ens - np.asarray(truth, dtype=float)[:, None]), axis=1)
    weights = 2.0 * np.arange(1, n + 1) - n - 1  # sum_i (2i - n - 1) x_(i) = sum_ij |xi-xj|/2
    spread = (ens @ weights) / (n * n)
    return first - spread


def auc(prob: np.ndarray, flag: np.ndarray) -> float:
    """ROC AUC; NaN when only one class is present."""
    flag = np.asarray(flag)
    if len(np.unique(flag)) < 2:
        return float("nan")
    return float(roc_auc_score(flag, prob))


def brier(prob: np.ndarray, flag: np.ndarray) -> float:
    """Mean squared difference of probability and 0/1 outcome."""
    if len(flag) == 0:
        return float("nan")
    return float(np.mean((np.asarray(prob) - np.asarray(flag)) ** 2))
