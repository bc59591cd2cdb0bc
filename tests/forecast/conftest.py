"""Synthetic monthly panels for the forecaster tests (written here, no real data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

UNITS = ("NGA", "NER", "TCD", "CMR", "BEN", "GHA")


def synthetic_monthly(seed: int = 7, years: int = 10) -> pd.DataFrame:
    """A monthly-format frame: AR(1) log-deaths with shared shocks, protests, CrisisWatch flags."""
    rng = np.random.default_rng(seed)
    rows = []
    for k, unit in enumerate(UNITS):
        level = 1.0 + k * 0.6
        log_deaths = level
        for m in range(years * 12):
            year, month = 2000 + m // 12, m % 12 + 1
            previous = log_deaths
            log_deaths = max(0.0, 0.8 * log_deaths + 0.2 * level + rng.normal(0, 0.8))
            deaths = int(np.expm1(log_deaths))
            det = float(log_deaths - previous > 0.7) if year >= 2004 else None
            rows.append(
                {
                    "unit": unit,
                    "period": f"{year}-{month:02d}",
                    "country_name": unit,
                    "ged_best_sb": deaths,
                    "ged_best_ns": int(rng.integers(0, 3)),
                    "acled_count_pr": int(rng.poisson(3)) if year >= 2002 else None,
                    "icgcw_deteriorated": det,
                    "icgcw_improved": None if det is None else float(rng.random() < 0.1),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture
def monthly_file(tmp_path: Path) -> Path:
    path = tmp_path / "monthly.csv"
    synthetic_monthly().to_csv(path, index=False)
    return path
