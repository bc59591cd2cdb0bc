"""Rolling-origin backtest on a monthly panel: refit, forecast 1..H months, score honestly.

At origin ``o`` the model sees only months ``< o`` (the panel is cut before features or
targets are built), forecasts months ``o .. o + H - 1`` and is scored against them afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.calibration import CalibratedClassifierCV
from threadpoolctl import threadpool_limits

from watchfloor.errors import InputError, ModelError
from watchfloor.forecast import metrics
from watchfloor.forecast.features import build_features, feature_names, load_adjacency
from watchfloor.forecast.models import ModelConfig, fit_classifier, fit_point, training_rows


@dataclass(frozen=True)
class BacktestOptions:
    """What to backtest: first origin (month index), horizons, refit cadence."""

    origin: int
    horizons: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
    refit_every: int = 1
    last_origin: int | None = None
    units: tuple[str, ...] | None = None
    n_jobs: int = 1
    neighbours: bool = False  # off: no gain on the 2008-01 validation origin (see README)
    config: ModelConfig = field(default_factory=ModelConfig)


@dataclass(frozen=True)
class BacktestResult:
    """Per-horizon scores (lists follow ``horizons``) and every scored forecast."""

    horizons: list[int]
    mse_model: list[float]
    mse_no_change: list[float]
    mse_zero: list[float]
    mse_unit_mean: list[float]
    crps_model: list[float]
    crps_no_change: list[float]
    coverage_80: list[float]  # share of outcomes inside the forecast 10-90% interval
    auc_deteriorated: float
    brier_deteriorated: float
    auc_deteriorated_persistence: float
    n_units: int
    n_periods: int
    n_escalation_scored: int
    refit_every: int
    forecasts: pd.DataFrame
    escalation: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """The JSON object ``watchfloor forecast backtest --json`` prints."""
        ratio = [m / b for m, b in zip(self.mse_model, self.mse_no_change, strict=True)]
        summary = {
            "horizons": self.horizons,
            "mse_model": self.mse_model,
            "mse_no_change": self.mse_no_change,
            "mse_zero": self.mse_zero,
            "mse_unit_mean": self.mse_unit_mean,
            "mse_ratio_no_change": ratio,
            "mean_mse_ratio_no_change": float(np.mean(ratio)),
            "crps_model": self.crps_model,
            "crps_no_change": self.crps_no_change,
            "coverage_80": self.coverage_80,
            "auc_deteriorated": self.auc_deteriorated,
            "brier_deteriorated": self.brier_deteriorated,
            "auc_deteriorated_persistence": self.auc_deteriorated_persistence,
            "n_escalation_scored": self.n_escalation_scored,
            "n_units": self.n_units,
            "n_periods": self.n_periods,
            "refit_every": self.refit_every,
        }
        return {key: _no_nan(value) for key, value in summary.items()}


def _no_nan(value: Any) -> Any:
    """NaN (nothing to score) as None, so the summary is valid JSON."""
    if isinstance(value, list):
        return [_no_nan(v) for v in value]
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def _escalation_panel(panel: pd.DataFrame) -> pd.DataFrame:
    out = panel.copy()
    out["esc"] = np.where(out["det"].isna(), np.nan, (out["det"] >= 0.5).astype(float))
    return out


def _forecast_block(
    panel: pd.DataFrame, origins: Sequence[int], opts: BacktestOptions
) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """Fit at the first origin of the block, forecast at each origin of the block."""
    with threadpool_limits(limits=opts.config.threads, user_api="openmp"):
        return _forecast_block_inner(panel, origins, opts)


def _forecast_block_inner(
    panel: pd.DataFrame, origins: Sequence[int], opts: BacktestOptions
) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    cfg = opts.config
    first = origins[0]
    history = panel[panel["t"] < first]
    adjacency = load_adjacency() if opts.neighbours else None
    feats = build_features(history, adjacency)
    names = [c for c in feature_names(feats) if feats[c].nunique() >= 2]
    models = {}
    for h in opts.horizons:
        x, y, t = training_rows(history, feats, names, h, "y")
        models[h] = fit_point(x, y, t, cfg)
    xc, flag, _ = training_rows(history, feats, names, 1, "esc")
    try:
        classifier: CalibratedClassifierCV | None = fit_classifier(xc, flag, cfg)
    except ModelError:  # no (or too few) flags before this origin: probability unknown
        classifier = None
    point_rows, esc_rows = [], []
    for origin in origins:
        seen = panel[panel["t"] < origin]
        now = build_features(seen, adjacency) if origin != first else feats
        now = now[now["t"] == origin - 1]
        x_now = now[names].to_numpy(float)
        last_known = seen.sort_values("t").groupby("unit")["y"].last()
        for h in opts.horizons:
            samples = models[h].samples(x_now)
            point_rows.append(
                pd.DataFrame(
                    {
                        "unit": now["unit"].to_numpy(),
                        "origin": origin,
                        "horizon": h,
                        "target_t": origin - 1 + h,
                        "pred": models[h].predict(x_now),
                        "no_change": now["unit"].map(last_known).fillna(0.0).to_numpy(),
                        "unit_mean": np.nan_to_num(now["y_hist"].to_numpy(float)),
                        "samples": list(samples),
                    }
                )
            )
        esc_rows.append(
            pd.DataFrame(
                {
                    "unit": now["unit"].to_numpy(),
                    "target_t": origin,
                    "prob": (
                        classifier.predict_proba(x_now)[:, 1]
                        if classifier is not None
                        else np.full(len(x_now), np.nan)
                    ),
                    "persistence": now["det_l0"].to_numpy(float),
                }
            )
        )
    return point_rows, esc_rows


def run_backtest(panel: pd.DataFrame, opts: BacktestOptions) -> BacktestResult:
    """Rolling-origin backtest over every origin from ``opts.origin`` to the last month."""
    panel = _escalation_panel(panel)
    if opts.units:
        panel = panel[panel["unit"].isin(opts.units)]
    last = int(panel["t"].max())
    end = min(last, opts.last_origin) if opts.last_origin is not None else last
    if opts.origin <= int(panel["t"].min()) + 24 or opts.origin > end:
        raise InputError("origin must leave at least 24 months of history and lie inside the file")
    origins = list(range(opts.origin, end + 1))
    step = max(1, opts.refit_every)
    blocks = [origins[i : i + step] for i in range(0, len(origins), step)]
    results = Parallel(n_jobs=opts.n_jobs)(
        delayed(_forecast_block)(panel, block, opts) for block in blocks
    )
    forecasts = pd.concat([f for pts, _ in results for f in pts], ignore_index=True)
    escalation = pd.concat([e for _, escs in results for e in escs], ignore_index=True)
    return _score(panel, forecasts, escalation, opts, len(origins))


def _score(
    panel: pd.DataFrame,
    forecasts: pd.DataFrame,
    escalation: pd.DataFrame,
    opts: BacktestOptions,
    n_origins: int,
) -> BacktestResult:
    truth = panel[["unit", "t", "y", "esc"]].rename(columns={"t": "target_t"})
    scored = forecasts.merge(truth, on=["unit", "target_t"], how="inner")
    scored = scored[scored["y"].notna()]
    cols: dict[str, list[float]] = {k: [] for k in ("m", "nc", "z", "um", "crps", "crps_nc", "cov")}
    for h in opts.horizons:
        part = scored[scored["horizon"] == h]
        y = part["y"].to_numpy(float)
        cols["m"].append(metrics.mse(part["pred"].to_numpy(), y))
        cols["nc"].append(metrics.mse(part["no_change"].to_numpy(), y))
        cols["z"].append(metrics.mse(np.zeros_like(y), y))
        cols["um"].append(metrics.mse(part["unit_mean"].to_numpy(), y))
        samples = np.vstack(part["samples"].to_list()) if len(part) else np.zeros((0, 1))
        cols["crps"].append(
            float(np.mean(metrics.crps_samples(samples, y))) if len(y) else float("nan")
        )
        cols["crps_nc"].append(float(np.mean(np.abs(part["no_change"].to_numpy() - y))))
        low, high = np.quantile(samples, [0.1, 0.9], axis=1) if len(y) else (y, y)
        cols["cov"].append(float(np.mean((low <= y) & (y <= high))) if len(y) else float("nan"))
    esc = escalation.merge(truth, on=["unit", "target_t"], how="inner")
    esc = esc[esc["esc"].notna() & esc["prob"].notna()]
    flag = esc["esc"].to_numpy(int)
    return BacktestResult(
        horizons=list(opts.horizons),
        mse_model=cols["m"],
        mse_no_change=cols["nc"],
        mse_zero=cols["z"],
        mse_unit_mean=cols["um"],
        crps_model=cols["crps"],
        crps_no_change=cols["crps_nc"],
        coverage_80=cols["cov"],
        auc_deteriorated=metrics.auc(esc["prob"].to_numpy(), flag),
        brier_deteriorated=metrics.brier(esc["prob"].to_numpy(), flag),
        auc_deteriorated_persistence=metrics.auc(esc["persistence"].fillna(0).to_numpy(), flag),
        n_units=int(forecasts["unit"].nunique()),
        n_periods=n_origins,
        n_escalation_scored=len(esc),
        refit_every=opts.refit_every,
        forecasts=scored.drop(columns=["samples"]),
        escalation=esc,
    )
