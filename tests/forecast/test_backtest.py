"""Rolling-origin backtest: no look-ahead, scores against baselines, JSON shape."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from watchfloor.forecast.backtest import BacktestOptions, run_backtest
from watchfloor.forecast.models import ModelConfig
from watchfloor.forecast.monthly import period_index, read_monthly

FAST = ModelConfig(max_iter=30, classifier_iter=20, min_samples_leaf=20)


def options(origin: str, until: str) -> BacktestOptions:
    return BacktestOptions(
        origin=period_index(origin),
        last_origin=period_index(until),
        horizons=(1, 3),
        refit_every=2,
        config=FAST,
    )


def test_altering_the_future_leaves_forecasts_up_to_the_origin_unchanged(
    monthly_file: Path,
) -> None:
    panel = read_monthly(monthly_file)
    opts = options("2008-01", "2008-04")
    before = run_backtest(panel, opts)
    altered = panel.copy()
    future = altered["t"] >= period_index("2008-04")  # the last origin's own month onwards
    altered.loc[future, "y"] = altered.loc[future, "y"] + 5.0
    altered.loc[future, "det"] = 1.0 - altered.loc[future, "det"]
    after = run_backtest(altered, opts)
    keys = ["unit", "origin", "horizon"]
    a = before.forecasts.sort_values(keys).reset_index(drop=True)
    b = after.forecasts.sort_values(keys).reset_index(drop=True)
    assert len(a) == len(b) > 0
    np.testing.assert_allclose(a["pred"], b["pred"])
    ea = before.escalation.sort_values(["unit", "target_t"])["prob"].to_numpy()
    eb = after.escalation.sort_values(["unit", "target_t"])["prob"].to_numpy()
    np.testing.assert_allclose(ea, eb)
    assert not np.allclose(a["y"], b["y"])  # the truth did change, so scores would differ


def test_backtest_scores_model_and_baselines_per_horizon(monthly_file: Path) -> None:
    result = run_backtest(read_monthly(monthly_file), options("2008-01", "2008-12"))
    summary = result.summary()
    assert summary["horizons"] == [1, 3]
    for key in ("mse_model", "mse_no_change", "mse_zero", "crps_model", "coverage_80"):
        assert len(summary[key]) == 2 and all(np.isfinite(summary[key]))
    assert summary["n_units"] == 6 and summary["n_periods"] == 12
    # an AR(1) series around a positive level: zero is a bad forecast, the model is not
    assert all(m < z for m, z in zip(summary["mse_model"], summary["mse_zero"], strict=True))
    assert 0.0 <= summary["brier_deteriorated"] <= 1.0
    assert 0.0 <= summary["auc_deteriorated"] <= 1.0


def test_unknown_months_are_not_scored_as_zero(monthly_file: Path) -> None:
    frame = pd.read_csv(monthly_file)
    frame.loc[frame["period"] == "2008-03", ["ged_best_sb", "ged_best_ns"]] = np.nan
    path = monthly_file.with_name("gaps.csv")
    frame.to_csv(path, index=False)
    result = run_backtest(read_monthly(path), options("2008-01", "2008-06"))
    scored = result.forecasts
    assert period_index("2008-03") not in set(scored["target_t"])


def test_file_without_crisiswatch_flags_still_scores_deaths(monthly_file: Path) -> None:
    frame = pd.read_csv(monthly_file)
    frame[["icgcw_deteriorated", "icgcw_improved"]] = np.nan
    path = monthly_file.with_name("noflags.csv")
    frame.to_csv(path, index=False)
    summary = run_backtest(read_monthly(path), options("2008-01", "2008-02")).summary()
    assert np.isfinite(summary["mse_model"]).all()
    assert summary["auc_deteriorated"] is None and summary["n_escalation_scored"] == 0


def test_small_slice_of_the_shared_dev_file_beats_the_zero_baseline(shared_dir: Path) -> None:
    panel = read_monthly(shared_dir / "eval" / "conflict_monthly_dev.csv")
    units = ("NGA", "SOM", "SDN", "COD", "KEN", "GHA")
    opts = BacktestOptions(
        origin=period_index("2012-01"),
        last_origin=period_index("2012-06"),
        horizons=(1, 6),
        refit_every=6,
        units=units,
        config=FAST,
    )
    summary = run_backtest(panel, opts).summary()
    assert summary["n_units"] == len(units) and summary["n_periods"] == 6
    assert all(m < z for m, z in zip(summary["mse_model"], summary["mse_zero"], strict=True))
