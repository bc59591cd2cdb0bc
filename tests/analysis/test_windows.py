"""The numpy window sums, look-ups, p-values and BH q-values against plain loops."""

from __future__ import annotations

import numpy as np
from scipy import stats

from watchfloor.analysis.expected import bh_per_day, p_values
from watchfloor.analysis.windows import (
    DAY_SPAN,
    SortedCounts,
    lookup,
    same_weekday_sums,
    window_sums,
)


def _random_counts(seed: int = 3) -> SortedCounts:
    rng = np.random.default_rng(seed)
    keys = set()
    for sid in range(6):
        days = rng.choice(np.arange(40, 140), size=rng.integers(1, 60), replace=False)
        keys.update(sid * DAY_SPAN + int(d) for d in days)
    k = np.array(sorted(keys), dtype=np.int64)
    return SortedCounts(k, rng.integers(1, 5, len(k)) * 0.75)


def test_window_sums_equal_a_loop_over_the_trailing_days() -> None:
    counts = _random_counts()
    total, squares = window_sums(counts, 28)
    sid, dn = counts.sid, counts.dn
    for i in range(len(counts.k)):
        inside = (sid == sid[i]) & (dn >= dn[i] - 28) & (dn < dn[i])
        assert np.isclose(total[i], counts.n[inside].sum(), rtol=0, atol=1e-12)
        assert np.isclose(squares[i], (counts.n[inside] ** 2).sum(), rtol=0, atol=1e-12)
        if not inside.any():
            assert total[i] == 0.0


def test_same_weekday_sums_and_lookup() -> None:
    counts = _random_counts(5)
    rows = np.arange(len(counts.k))
    dow = same_weekday_sums(counts, rows, 28)
    sid, dn = counts.sid, counts.dn
    for i in rows:
        inside = (sid == sid[i]) & (dn < dn[i]) & (dn >= dn[i] - 28) & ((dn[i] - dn) % 7 == 0)
        assert np.isclose(dow[i], counts.n[inside].sum())
    wanted_sid = np.array([sid[3], sid[3], -1])
    wanted_dn = np.array([dn[3], 10_000, dn[3]])
    values, found = lookup(counts.k, counts.n, wanted_sid, wanted_dn)
    assert found.tolist() == [True, False, False]
    assert values.tolist() == [counts.n[3], 0.0, 0.0]


def test_p_values_match_the_negative_binomial_tail() -> None:
    x = np.array([1, 1, 2, 5, 12])
    size = np.array([0.5, 3.0, 2.0, 1.5, 40.0])
    mean = np.array([0.2, 1e-12, 1.0, 0.7, 3.0])
    expected = stats.nbinom.sf(x - 1, size, size / (size + mean))
    assert np.allclose(p_values(x, size, mean), expected, rtol=1e-6)


def test_bh_per_day_equals_the_step_up_rule_with_ties() -> None:
    rng = np.random.default_rng(11)
    day = rng.integers(0, 4, 200)
    pvals = np.round(rng.random(200) ** 3, 3)  # rounding makes ties
    q = bh_per_day(pvals, day)
    for d in np.unique(day):
        p = pvals[day == d]
        m = len(p)
        ranked = np.sort(p)
        for value, got in zip(p, q[day == d], strict=True):
            first = int(np.searchsorted(ranked, value)) + 1
            want = min(1.0, min(ranked[j - 1] * m / j for j in range(first, m + 1)))
            assert np.isclose(got, want)
