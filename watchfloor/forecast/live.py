"""Current risk per unit from the stored events, saved to (and read from) ``forecasts``."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from watchfloor.daterange import DateRange
from watchfloor.errors import ModelError
from watchfloor.forecast.features import build_features, feature_names, load_adjacency
from watchfloor.forecast.models import (
    ModelConfig,
    PointModel,
    fit_classifier,
    fit_point,
    training_rows,
)
from watchfloor.forecast.panel import (
    EXTRA_COLUMNS,
    EscalationRule,
    events_panel,
    period_start,
)
from watchfloor.store.database import Store

MODEL_NAME = "hgb-log1p+residuals/hgb-isotonic"


@dataclass(frozen=True)
class ForecastRequest:
    """What to forecast: unit kind, period length, horizon, events used, escalation rule."""

    unit_kind: str = "country"
    period: str = "month"
    horizon: int = 1
    dataset: str | None = None
    top_features: int = 3
    rule: EscalationRule = field(default_factory=EscalationRule)
    config: ModelConfig = field(default_factory=ModelConfig)
    accepted: DateRange | None = None  # events dated outside are left out (default range)


def contributions(model: PointModel, x: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Per-row, per-feature change of the forecast when that feature is set to its reference.

    A positive value means the unit's own value of the feature raises its forecast above
    what a typical (median) value would give.
    """
    base = model.predict(x)
    out = np.zeros_like(x, dtype=float)
    for j in range(x.shape[1]):
        swapped = x.copy()
        swapped[:, j] = reference[j]
        out[:, j] = base - model.predict(swapped)
    return out


def _top(names: list[str], x: np.ndarray, contrib: np.ndarray, k: int) -> list[str]:
    rows = []
    for i in range(x.shape[0]):
        order = np.argsort(-np.abs(contrib[i]))[:k]
        rows.append(
            json.dumps(
                [
                    {
                        "feature": names[j],
                        "value": None if np.isnan(x[i, j]) else round(float(x[i, j]), 3),
                        "contribution": round(float(contrib[i, j]), 3),
                    }
                    for j in order
                ]
            )
        )
    return rows


def _escalation(
    history: pd.DataFrame,
    feats: pd.DataFrame,
    names: list[str],
    x_now: np.ndarray,
    req: ForecastRequest,
) -> np.ndarray:
    x, flag, _ = training_rows(history, feats, names, req.horizon, "det")
    try:
        model = fit_classifier(x, flag, req.config)
    except ModelError:
        return np.full(len(x_now), np.nan)  # too few escalations on record to learn from
    probs: np.ndarray = model.predict_proba(x_now)[:, 1]
    return probs


def run_forecast(store: Store, req: ForecastRequest) -> list[dict[str, Any]]:
    """Fit on all stored history, forecast ``req.horizon`` periods past the last one, save.

    Raises ModelError when there is too little history to fit (fewer than 50 unit-periods
    with a known target).
    """
    panel, target = events_panel(store, req.unit_kind, req.period, req.dataset, req.accepted)
    with threadpool_limits(limits=req.config.threads, user_api="openmp"):
        frame = _forecast_frame(panel, target, req)
    _save(store, frame)
    return list_forecasts(store, unit_kind=req.unit_kind, period=req.period, horizon=req.horizon)


def _goldstein(
    panel: pd.DataFrame,
    feats: pd.DataFrame,
    names: list[str],
    x_now: np.ndarray,
    now: pd.DataFrame,
    req: ForecastRequest,
) -> np.ndarray:
    """Forecast mean Goldstein of the target period; the last known value when too few."""
    last = now["gs_l0"].to_numpy(float)
    x, gs, t = training_rows(panel, feats, names, req.horizon, "gs")
    if len(gs) < 50:
        return last
    model = fit_point(x, gs, t, req.config)
    forecast: np.ndarray = model.regressor.predict(x_now)  # Goldstein runs -10..10: no clipping
    return forecast


def _forecast_frame(panel: pd.DataFrame, target: str, req: ForecastRequest) -> pd.DataFrame:
    panel["det"] = req.rule.flags(panel)
    adjacency = load_adjacency() if req.unit_kind == "country" else None
    feats = build_features(panel, adjacency, EXTRA_COLUMNS)
    names = [c for c in feature_names(feats) if feats[c].nunique() >= 2]
    x, y, t = training_rows(panel, feats, names, req.horizon, "y")
    model = fit_point(x, y, t, req.config)
    last = int(panel["t"].max())
    now = feats[feats["t"] == last].reset_index(drop=True)
    x_now = now[names].to_numpy(float)
    samples = np.expm1(model.samples(x_now))
    contrib = contributions(model, x_now, np.nanmedian(x, axis=0))
    return pd.DataFrame(
        {
            "unit_kind": req.unit_kind,
            "unit": now["unit"],
            "period": req.period,
            "horizon": req.horizon,
            "origin_start": period_start(last, req.period),
            "target_start": period_start(last + req.horizon, req.period),
            "target": target,
            "last_value": np.expm1(now["y_l0"].to_numpy(float)),
            "expected": np.expm1(model.predict(x_now)),
            "q10": np.quantile(samples, 0.1, axis=1),
            "q50": np.quantile(samples, 0.5, axis=1),
            "q90": np.quantile(samples, 0.9, axis=1),
            "escalation_prob": _escalation(panel, feats, names, x_now, req),
            "escalation_rule": req.rule.describe(target),
            "mean_goldstein": _goldstein(panel, feats, names, x_now, now, req),
            "top_features": _top(names, x_now, contrib, req.top_features),
            "dataset": req.dataset,
            "model": MODEL_NAME,
            "run_id": uuid.uuid4().hex[:12],
            "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        }
    )


def _save(store: Store, frame: pd.DataFrame) -> None:
    first = frame.iloc[0]
    with store.transaction() as con:
        con.execute(
            "DELETE FROM forecasts WHERE unit_kind = ? AND period = ? AND horizon = ?",
            [first["unit_kind"], first["period"], int(first["horizon"])],
        )
        con.register("wf_new_forecasts", frame)
        try:
            cols = ", ".join(frame.columns)
            con.execute(f"INSERT INTO forecasts ({cols}) SELECT {cols} FROM wf_new_forecasts")
        finally:
            con.unregister("wf_new_forecasts")


def list_forecasts(
    store: Store,
    *,
    unit_kind: str | None = None,
    period: str | None = None,
    horizon: int | None = None,
    unit: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Saved forecasts, highest escalation probability first (then highest expected value).

    Each row: unit_kind, unit, period, horizon, origin_start, target_start, target,
    last_value, expected, q10/q50/q90, fatalities_p50/p90 (aliases of q50/q90),
    escalation_prob, escalation_rule, mean_goldstein (forecast for the target period),
    top_features (a list), model, created_at.
    """
    clauses, params = ["TRUE"], []
    for column, value in (
        ("unit_kind", unit_kind),
        ("period", period),
        ("horizon", horizon),
        ("unit", unit),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    sql = (
        f"SELECT * FROM forecasts WHERE {' AND '.join(clauses)} "
        "ORDER BY escalation_prob DESC NULLS LAST, expected DESC, unit"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    frame = store.con.execute(sql, params).fetch_df()
    rows = []
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {
            str(k): (None if isinstance(v, float) and np.isnan(v) else v) for k, v in record.items()
        }
        row["top_features"] = json.loads(row["top_features"]) if row["top_features"] else []
        for key in ("origin_start", "target_start"):
            value = row[key]
            if isinstance(value, pd.Timestamp):
                row[key] = value.date()
        row["fatalities_p50"], row["fatalities_p90"] = row["q50"], row["q90"]
        rows.append(row)
    return rows
