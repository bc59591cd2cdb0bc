"""Escalation forecasts and rolling-origin backtests.

``list_forecasts`` and ``run_forecast`` (``forecast/live.py``) and ``run_backtest``
(``forecast/backtest.py``) are re-exported lazily, so importing the package does not load
scikit-learn.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "list_forecasts": "watchfloor.forecast.live",
    "run_forecast": "watchfloor.forecast.live",
    "ForecastRequest": "watchfloor.forecast.live",
    "run_backtest": "watchfloor.forecast.backtest",
    "BacktestOptions": "watchfloor.forecast.backtest",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'watchfloor.forecast' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_EXPORTS[name]), name)
