"""Escalation forecasts and rolling-origin backtests."""
