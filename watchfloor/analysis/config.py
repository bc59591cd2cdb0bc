"""Thresholds of the detectors, derived from Settings plus analysis-specific defaults."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from watchfloor.settings import Settings


@dataclass(frozen=True)
class AnalysisConfig:
    """Every knob of baselines, signals and alerts.

    ``q_rate`` is the Benjamini-Hochberg false-discovery rate applied per day over every
    series tested that day; ``shrink_days`` is the weight, in pseudo-days, of the parent
    (country or global) rate when a series has little history. ``routine_kind_days``: a
    warning kind seen in a country on this many days of the baseline window is routine there
    and signals nothing. ``severity_*``: see ``severity``; an event with at least
    ``severity_min_fatalities`` deaths and ``severity_ratio`` times the province's largest
    earlier toll signals, and one with ``severity_alert_fatalities`` and
    ``severity_alert_ratio`` times is an alert by itself. ``escalation_*``: see
    ``escalation``; the ACLED sub-event types whose first use by a foreign state's forces
    (of these sectors) already active in a country signals. ``country_*``: see
    ``candidates.country_candidates``; this many different warning kinds anywhere in a country
    within the cluster window, from this many documents, make a country alert.
    """

    baseline_days: int = 28
    min_history_days: int = 14
    cluster_window_hours: int = 48
    rules_file: Path | None = None
    actors_file: Path | None = None
    shrink_days: float = 7.0
    dow_pseudo_weeks: float = 2.0
    q_rate: float = 0.005
    min_rate_events: int = 2
    min_rate_ratio: float = 2.0
    burst_min_events: int = 5
    burst_min_documents: int = 3
    burst_min_ratio: float = 3.0
    burst_q: float = 0.0001
    min_confidence: float = 0.3
    novelty_min_prior_events: int = 5
    cluster_min_types: int = 3
    cluster_min_documents: int = 2
    novelty_alert_subtypes: tuple[str, ...] = ("border_crossing", "evacuation")
    novelty_alert_confidence: float = 0.6
    routine_kind_days: int = 3
    severity_min_fatalities: int = 10
    severity_min_history: int = 5
    severity_ratio: float = 2.0
    severity_alert_fatalities: int = 25
    severity_alert_ratio: float = 3.0
    escalation_means: tuple[str, ...] = (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Armed clash",
    )
    escalation_sectors: tuple[str, ...] = ("MIL",)
    country_kinds: tuple[str, ...] = (
        "leader_attack",
        "border_crossing",
        "foreign_figure_visit",
        "evacuation",
        "closure",
        "leader_absent",
        "strike_protest",
        "contested_appointment",
        "sanction",
    )
    country_min_kinds: int = 4
    country_min_documents: int = 4

    @property
    def cluster_window_days(self) -> int:
        """The cluster window in whole days (events carry dates, not times)."""
        return max(1, math.ceil(self.cluster_window_hours / 24))

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> AnalysisConfig:
        """Take the shared knobs from Settings; the rest keep their defaults unless overridden."""
        base: dict[str, object] = {
            "baseline_days": settings.baseline_days,
            "min_history_days": settings.min_history_days,
            "cluster_window_hours": settings.cluster_window_hours,
            "rules_file": settings.rules_file,
            "actors_file": settings.actors_file,
        }
        base.update(overrides)
        return cls(**base)  # type: ignore[arg-type]
