"""Expected counts, negative-binomial tail p-values and per-day BH q-values, in numpy.

See ``baselines`` for the model; every array has one entry per tested series-day.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

from watchfloor.analysis.config import AnalysisConfig

_TYPE_PSEUDO = 0.5
_TYPE_COUNT = 20.0

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def p_values(x: Ints, size: Floats, mean: Floats) -> Floats:
    """Upper-tail P(X >= x) under NB(size, mean): closed form for one event, scipy for more."""
    pvals = np.empty(len(x))
    one = x <= 1
    s, m = size[one], mean[one]
    ratio = m / (s + m)
    with np.errstate(divide="ignore", invalid="ignore"):
        pvals[one] = np.where(ratio < 1e-8, s * ratio, 1 - np.power(s / (s + m), s))
    many = ~one
    s, m = size[many], mean[many]
    pvals[many] = stats.nbinom.sf(x[many] - 1, s, s / (s + m))
    return pvals


def bh_per_day(pvals: Floats, day: Ints) -> Floats:
    """Benjamini-Hochberg q-values within each day: ``min over later ranks of p * m / rank``.

    Ties in p get the same q whatever their order; capped at 1. One stable (radix) sort by
    day, then one p sort per day.
    """
    qvals = np.empty(len(pvals))
    if len(pvals) == 0:
        return qvals
    small = day - day.min()
    by_day = np.argsort(small.astype(np.int16) if small.max() < 2**15 else small, kind="stable")
    bounds = np.flatnonzero(np.diff(day[by_day])) + 1
    for rows in np.split(by_day, bounds):
        p_day = pvals[rows]
        order = np.argsort(p_day)
        m = len(order)
        scaled = p_day[order] * m / np.arange(1, m + 1)
        back = np.minimum.accumulate(scaled[::-1])[::-1]
        qvals[rows[order]] = np.minimum(1.0, back)
    return qvals


def expected_counts(cfg: AnalysisConfig, cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Prior rate, day-of-week factor, expected count and NB size from window statistics.

    ``cols``: window_sum, window_sq, history (days, 0 when unknown), own_all_sum,
    parent_type_sum, parent_all_sum, area_sum, area_dow_sum.
    """
    b = float(cfg.baseline_days)
    ws = cols["window_sum"]
    d = np.clip(cols["history"], 1, b).astype(np.float64)
    prior = (cols["parent_type_sum"] + _TYPE_PSEUDO) / (
        cols["parent_all_sum"] + _TYPE_PSEUDO * _TYPE_COUNT
    )
    prior *= np.maximum(cols["own_all_sum"] / d, 1.0 / b)
    area_mean, own_mean = cols["area_sum"] / d, ws / d
    own_var = cols["window_sq"] / d - own_mean**2
    k = cfg.dow_pseudo_weeks
    with np.errstate(divide="ignore", invalid="ignore"):
        dow = np.where(
            area_mean > 0,
            (cols["area_dow_sum"] + k * area_mean) / ((d / 7.0) * area_mean + k * area_mean),
            1.0,
        )
        over = np.where(
            (own_var > own_mean * 1.0001) & (d >= 7) & (own_mean > 0),
            own_mean**2 / np.maximum(own_var - own_mean, 1e-12),
            np.inf,
        )
    shape = cfg.shrink_days * prior + ws
    return {
        "prior_rate": prior,
        "dow_factor": dow,
        "expected": dow * shape / (cfg.shrink_days + d),
        "size": np.maximum(np.minimum(shape, over), 1e-3),
    }
