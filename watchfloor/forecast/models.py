"""Per-horizon gradient-boosting models: a point forecast, a predictive distribution and a
calibrated escalation probability.

The point model minimises squared error on log1p(deaths) (the scale it is judged on). Its
predictive distribution adds out-of-time residuals: the model is first fitted on all but the
last ``residual_window`` periods, and its errors there (grouped by forecast level) become the
spread around the final model's forecast. The escalation classifier is a small
HistGradientBoosting model with isotonic calibration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from watchfloor.errors import ModelError

QUANTILE_LEVELS: tuple[float, ...] = tuple(np.round(np.linspace(0.01, 0.99, 99), 2))
LEVEL_BINS: tuple[float, ...] = (0.5, 2.0, 4.0)  # log1p-deaths edges of the residual groups


@dataclass(frozen=True)
class ModelConfig:
    """Hyperparameters, chosen on an earlier origin (2008-01), not on the reported one."""

    loss: str = "squared_error"  # or "poisson" (log link on the non-negative log1p target)
    max_iter: int = 200
    learning_rate: float = 0.05
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0
    residual_window: int = 24
    min_bin_residuals: int = 40
    classifier_iter: int = 100
    classifier_leaves: int = 7
    seed: int = 0
    threads: int = 1  # OpenMP threads per fit: small data, and spinning threads hurt shared CPUs


def _regressor(cfg: ModelConfig) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        loss=cfg.loss,
        max_iter=cfg.max_iter,
        learning_rate=cfg.learning_rate,
        max_leaf_nodes=cfg.max_leaf_nodes,
        min_samples_leaf=cfg.min_samples_leaf,
        l2_regularization=cfg.l2_regularization,
        random_state=cfg.seed,
    )


def _usable(x: np.ndarray) -> np.ndarray:
    """Columns with at least two distinct known values (others cannot be binned)."""
    return np.array([len(np.unique(col[~np.isnan(col)])) >= 2 for col in x.T], dtype=bool)


def _bin_of(pred: np.ndarray) -> np.ndarray:
    return np.digitize(pred, LEVEL_BINS)


@dataclass
class PointModel:
    """Point forecast of one horizon plus residual quantiles per forecast-level bin."""

    regressor: HistGradientBoostingRegressor
    residual_quantiles: dict[int, np.ndarray] = field(default_factory=dict)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Point forecast of log1p(deaths), never below zero."""
        return np.clip(self.regressor.predict(x), 0.0, None)

    def samples(self, x: np.ndarray) -> np.ndarray:
        """99 equally weighted draws of log1p(deaths) per row (quantiles of the distribution)."""
        point = self.predict(x)
        bins = _bin_of(point)
        pooled = self.residual_quantiles[-1]
        res = np.vstack([self.residual_quantiles.get(int(b), pooled) for b in bins])
        return np.clip(point[:, None] + res, 0.0, None)


def fit_point(x: np.ndarray, y: np.ndarray, t: np.ndarray, cfg: ModelConfig) -> PointModel:
    """Fit one horizon's model on rows (features at t, target y); ``t`` orders rows in time."""
    if len(y) < 50:
        raise ModelError(f"only {len(y)} training rows: need at least 50 to fit a forecaster")
    cut = t.max() - cfg.residual_window
    early = t <= cut
    residuals: dict[int, np.ndarray] = {}
    if early.sum() >= 50 and (~early).sum() >= cfg.min_bin_residuals:
        cols = _usable(x[early])
        probe = _regressor(cfg).fit(x[early][:, cols], y[early])
        pred = np.clip(probe.predict(x[~early][:, cols]), 0.0, None)
        err = y[~early] - pred
        residuals[-1] = np.quantile(err, QUANTILE_LEVELS)
        bins = _bin_of(pred)
        for b in np.unique(bins):
            if (bins == b).sum() >= cfg.min_bin_residuals:
                residuals[int(b)] = np.quantile(err[bins == b], QUANTILE_LEVELS)
    final = _regressor(cfg).fit(x, y)
    if not residuals:  # too little history for an out-of-time probe: in-sample spread
        residuals[-1] = np.quantile(y - final.predict(x), QUANTILE_LEVELS)
    return PointModel(final, residuals)


def fit_classifier(x: np.ndarray, flag: np.ndarray, cfg: ModelConfig) -> CalibratedClassifierCV:
    """Calibrated probability of the escalation flag (isotonic, 3-fold)."""
    if len(np.unique(flag)) < 2 or min(np.bincount(flag.astype(int))) < 6:
        raise ModelError("escalation target has too few positive or negative cases to fit")
    base = HistGradientBoostingClassifier(
        max_iter=cfg.classifier_iter,
        learning_rate=cfg.learning_rate,
        max_leaf_nodes=cfg.classifier_leaves,
        min_samples_leaf=cfg.min_samples_leaf,
        l2_regularization=cfg.l2_regularization,
        random_state=cfg.seed,
    )
    model = CalibratedClassifierCV(base, method="isotonic", cv=3)
    return model.fit(x, flag.astype(int))


def training_rows(
    panel: pd.DataFrame, features: pd.DataFrame, names: list[str], horizon: int, target: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X, target, t) pairs: features at t against ``target`` at t + horizon, known targets only.

    The panel must already be cut at the origin: targets are read from it alone.
    """
    shifted = panel[["unit", "t", target]].copy()
    shifted["t"] = shifted["t"] - horizon
    joined = features.merge(shifted, on=["unit", "t"], how="inner")
    joined = joined[joined[target].notna()]
    return joined[names].to_numpy(float), joined[target].to_numpy(float), joined["t"].to_numpy()
