"""Baselines, unusual-event signals, alerts, storylines, actor network and media lens.

The public functions are importable from here; their modules load on first use, so
importing a submodule does not pull scikit-learn, networkx or VADER.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "analyze_incremental": "pipeline",
    "analyze_full": "pipeline",
    "run_analysis": "pipeline",
    "event_scores": "pipeline",
    "list_alerts": "alerts",
    "set_alert_state": "alerts",
    "notify": "notify",
    "Targets": "notify",
    "NotifySettings": "notify",
    "list_stories": "stories",
    "update_stories": "stories",
    "build_network": "network",
    "network_json": "network",
    "export_network": "network",
    "media_lens": "media",
    "load_rules": "rules",
    "AnalysisConfig": "config",
    "Alert": "records",
    "AlertSignal": "records",
    "AnalysisSummary": "records",
    "Story": "records",
    "MediaLensResult": "records",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'watchfloor.analysis' has no attribute {name!r}")
    module = importlib.import_module(f"watchfloor.analysis.{_EXPORTS[name]}")
    return getattr(module, name)
