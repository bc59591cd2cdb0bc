"""Feature SQL: trailing windows only, neighbours joined by adjacency."""

from __future__ import annotations

import numpy as np
import pandas as pd

from watchfloor.forecast.features import build_features, load_adjacency


def panel(values: dict[str, list[float]]) -> pd.DataFrame:
    rows = [
        {"unit": u, "t": t, "y": v, "pr": np.nan, "det": np.nan, "imp": np.nan, "gs": np.nan}
        for u, series in values.items()
        for t, v in enumerate(series)
    ]
    return pd.DataFrame(rows)


def test_features_at_t_ignore_later_rows() -> None:
    full = panel({"NGA": [0, 1, 2, 3, 9, 9], "NER": [1, 1, 1, 1, 5, 5]})
    cut = full[full["t"] <= 3]
    adj = load_adjacency()
    a = build_features(full, adj)
    b = build_features(cut, adj)
    left = a[a["t"] <= 3].reset_index(drop=True)
    pd.testing.assert_frame_equal(left, b.reset_index(drop=True), check_dtype=False)


def test_lags_means_and_neighbours() -> None:
    feats = build_features(panel({"NGA": [0, 1, 2, 4], "NER": [3, 3, 3, 3]}), load_adjacency())
    last = feats[(feats["unit"] == "NGA") & (feats["t"] == 3)].iloc[0]
    assert last["y_l0"] == 4 and last["y_l1"] == 2 and pd.isna(last["y_l5"])
    assert last["y_m3"] == (1 + 2 + 4) / 3
    assert last["nb_y_l0"] == 3  # Niger borders Nigeria
    assert last["since_any"] == 0
