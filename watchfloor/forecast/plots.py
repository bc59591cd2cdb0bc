"""PNG charts of a backtest: per-horizon error against baselines, and a reliability diagram."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import numpy as np

from watchfloor.forecast.backtest import BacktestResult


def _pyplot() -> ModuleType:
    """pyplot on the file-only Agg backend, loaded on first use rather than at import."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def error_chart(result: BacktestResult, path: Path) -> Path:
    """MSE of log1p(deaths) per horizon for the model and the baselines."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    series = [
        ("model", result.mse_model),
        ("no change", result.mse_no_change),
        ("unit mean", result.mse_unit_mean),
        ("zero", result.mse_zero),
    ]
    for label, values in series:
        ax.plot(result.horizons, values, marker="o", label=label)
    ax.set_xlabel("horizon (months ahead)")
    ax.set_ylabel("MSE of log1p(deaths)")
    ax.set_title(f"Backtest error, {result.n_units} units x {result.n_periods} origins")
    ax.set_xticks(result.horizons)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def reliability_diagram(result: BacktestResult, path: Path, bins: int = 10) -> Path:
    """Observed share of 'deteriorated' months against forecast probability, by decile bin."""
    plt = _pyplot()
    prob = result.escalation["prob"].to_numpy(float)
    flag = result.escalation["esc"].to_numpy(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(prob, edges) - 1, 0, bins - 1)
    mean_p, observed, counts = [], [], []
    for b in range(bins):
        mask = which == b
        if mask.any():
            mean_p.append(prob[mask].mean())
            observed.append(flag[mask].mean())
            counts.append(int(mask.sum()))
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    ax.plot(mean_p, observed, marker="o", label="model")
    for x, y, n in zip(mean_p, observed, counts, strict=True):
        ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlabel("forecast probability of 'deteriorated' next month")
    ax.set_ylabel("observed share")
    ax.set_title(f"Reliability (AUC {result.auc_deteriorated:.3f})")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def save_plots(result: BacktestResult, folder: Path) -> list[Path]:
    """Write both charts into ``folder`` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        error_chart(result, folder / "backtest_error_by_horizon.png"),
        reliability_diagram(result, folder / "reliability_deteriorated.png"),
    ]
