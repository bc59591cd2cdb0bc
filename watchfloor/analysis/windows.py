"""Trailing-window statistics over sparse daily counts sorted by (series, day), in numpy.

A series-day is one packed key ``k = sid * DAY_SPAN + dn``. Rows sorted by k make a
(series, day) look-up a binary search whose queries come in ascending runs (cache-friendly),
and a window sum the difference of two per-series running sums: no ``RANGE`` frame, no
hash join and no dense day grid.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

DAY_SPAN = 1 << 21
"""Days one series can span in a packed key (about 5,700 years)."""

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SortedCounts:
    """Daily counts sorted by packed key ``k``; ``sid = k // DAY_SPAN``, ``dn = k % DAY_SPAN``.

    Every ``dn`` must be at least the longest look-back, so that ``k - days`` stays inside
    the row's own series.
    """

    k: Ints
    n: Floats

    @property
    def sid(self) -> Ints:
        """Series id of each row."""
        return self.k // DAY_SPAN

    @property
    def dn(self) -> Ints:
        """Day offset of each row."""
        return self.k % DAY_SPAN


def find(keys: Ints, wanted: Ints) -> tuple[Ints, Bools]:
    """Row index of each wanted key in the ascending ``keys``, and whether it is there."""
    if len(keys) == 0:
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return at, keys[at] == wanted


def window_sums(counts: SortedCounts, days: int) -> tuple[Floats, Floats]:
    """Sum and sum of squares of each series' counts over the ``days`` days before each row.

    Each is the difference of two series-local running sums (one pandas group pass), so
    magnitudes stay those of one series and an empty window is exactly 0.
    """
    start = np.searchsorted(counts.k, counts.k - days)
    values = pd.DataFrame({"n": counts.n, "sq": counts.n * counts.n})
    running = values.groupby(counts.sid, sort=False).cumsum()
    before = running["n"].to_numpy() - counts.n
    before_sq = running["sq"].to_numpy() - values["sq"].to_numpy()
    del running, values
    return before - before[start], before_sq - before_sq[start]


def same_weekday_sums(counts: SortedCounts, rows: Ints, days: int) -> Floats:
    """Sum of counts 7, 14, ... days (up to ``days``) before each of ``rows``."""
    key = counts.k[rows]
    total = np.zeros(len(rows))
    for back in range(7, days + 1, 7):
        at, found = find(counts.k, key - back)
        total += np.where(found, counts.n[at], 0.0)
    return total


def lookup(keys: Ints, values: Floats, sid: Ints, dn: Ints) -> tuple[Floats, Bools]:
    """``values`` at the keys (sid, dn) of ascending ``keys``; 0 where absent or sid < 0.

    Pass only the rows that can match (for example the ``ALL`` series) to search less.
    """
    if len(keys) == 0:
        return np.zeros(len(sid)), np.zeros(len(sid), dtype=bool)
    at, found = find(keys, sid * DAY_SPAN + dn)
    found &= sid >= 0
    return np.where(found, values[at], 0.0), found
