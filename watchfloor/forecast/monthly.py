"""Read a ``monthly`` country-month file (unit, period, deaths, protests, CrisisWatch flags)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from watchfloor.errors import InputError
from watchfloor.forecast.features import PANEL_COLUMNS

MONTHLY_COLUMNS: tuple[str, ...] = (
    "unit",
    "period",
    "ged_best_sb",
    "ged_best_ns",
    "acled_count_pr",
    "icgcw_deteriorated",
    "icgcw_improved",
)


def period_index(period: str) -> int:
    """'YYYY-MM' as a running month number (year * 12 + month - 1)."""
    try:
        year, month = period.strip().split("-")[:2]
        index = int(year) * 12 + int(month) - 1
    except (ValueError, AttributeError) as exc:
        raise InputError(f"period {period!r} is not YYYY-MM") from exc
    if not 1 <= int(month) <= 12:
        raise InputError(f"period {period!r} has no month {month}")
    return index


def period_label(index: int) -> str:
    """Running month number back to 'YYYY-MM'."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def read_monthly(path: str | Path) -> pd.DataFrame:
    """The file as a complete unit x month panel in PANEL_COLUMNS (+ ``deaths``).

    ``y`` is log1p(ged_best_sb + ged_best_ns); empty cells stay unknown (NaN), never zero.
    Months missing from the file for a unit are added as unknown so lags stay aligned.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{file}: no such monthly file")
    try:
        raw = pd.read_csv(file, dtype={"unit": str, "period": str})
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{file}: not a readable CSV ({exc})") from exc
    missing = [c for c in MONTHLY_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(f"{file}: missing columns {', '.join(missing)} (monthly format)")
    if raw.empty:
        raise InputError(f"{file}: no rows")
    raw["t"] = [period_index(p) for p in raw["period"]]
    deaths = raw[["ged_best_sb", "ged_best_ns"]].astype(float).sum(axis=1, min_count=1)
    frame = pd.DataFrame(
        {
            "unit": raw["unit"].str.strip(),
            "t": raw["t"],
            "deaths": deaths,
            "y": np.log1p(deaths.clip(lower=0)),
            "pr": np.log1p(raw["acled_count_pr"].astype(float).clip(lower=0)),
            "det": raw["icgcw_deteriorated"].astype(float),
            "imp": raw["icgcw_improved"].astype(float),
            "gs": np.nan,
        }
    )
    return complete_panel(frame)


def complete_panel(frame: pd.DataFrame) -> pd.DataFrame:
    """Reindex to every unit x every month between the first and last period (unknown = NaN)."""
    frame = frame.drop_duplicates(["unit", "t"], keep="last")
    units = sorted(frame["unit"].unique())
    months = range(int(frame["t"].min()), int(frame["t"].max()) + 1)
    grid = pd.MultiIndex.from_product([units, months], names=["unit", "t"])
    panel = frame.set_index(["unit", "t"]).reindex(grid).reset_index()
    for column in PANEL_COLUMNS:
        if column not in panel.columns:
            panel[column] = np.nan
    return panel
