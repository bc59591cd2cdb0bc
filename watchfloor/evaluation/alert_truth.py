"""Known escalation windows, and how replayed alerts are scored against them.

Format: ``../shared/eval/README.md`` section ``alerts``. A replayed alert matches a window
when its country is the window's (or one of them), its span overlaps [start, end], and, if
the window has a point and a radius, the alert's point lies within the radius (an alert
without a point then never matches).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import InputError
from watchfloor.evaluation.common import strict_jsonl

WARMUP_DAYS = 14
ACTIVE_MIN_EVENTS = 5


@dataclass(frozen=True)
class Window:
    """One known escalation window (inclusive days)."""

    id: str
    countries: tuple[str, ...]
    start: dt.date
    end: dt.date
    lat: float | None
    lon: float | None
    radius_km: float | None
    what: str


@dataclass(frozen=True)
class ReplayedAlert:
    """An alert as the replay saw it at the end of the last day it changed.

    ``first_seen``: the replay day on which the alert first existed; ``lat``/``lon``: the
    median point of its signals' events (None when none has coordinates).
    """

    id: str
    kind: str
    country: str | None
    admin1: str | None
    place: str | None
    start: dt.date
    end: dt.date
    first_seen: dt.date
    score: float
    lat: float | None
    lon: float | None
    summary: str
    briefing: tuple[str, ...]


def _day(value: object, path: Path, number: int, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"{path} line {number}: {field} {value!r} is not a YYYY-MM-DD date"
        ) from None


def _float(record: dict[str, object], key: str, path: Path, number: int) -> float | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{path} line {number}: {key} must be a number, got {value!r}")
    return float(value)


def _window(record: object, path: Path, number: int) -> Window:
    if not isinstance(record, dict):
        raise InputError(f"{path} line {number}: expected a JSON object")
    for key in ("id", "country", "start", "end"):
        if key not in record:
            raise InputError(f"{path} line {number}: missing field {key!r}")
    country = record["country"]
    countries = tuple(country) if isinstance(country, list) else (country,)
    if not countries or not all(isinstance(c, str) and len(c) == 3 for c in countries):
        raise InputError(f"{path} line {number}: country must be ISO3 or a list of ISO3")
    start = _day(record["start"], path, number, "start")
    end = _day(record["end"], path, number, "end")
    if end < start:
        raise InputError(f"{path} line {number}: end {end} is before start {start}")
    lat, lon = _float(record, "lat", path, number), _float(record, "lon", path, number)
    radius = _float(record, "radius_km", path, number)
    if (lat is None) != (lon is None) or (radius is not None and lat is None):
        raise InputError(f"{path} line {number}: lat, lon and radius_km go together")
    return Window(
        str(record["id"]),
        tuple(c.upper() for c in countries),
        start,
        end,
        lat,
        lon,
        radius,
        str(record.get("what") or ""),
    )


def read_windows(path: str | Path) -> list[Window]:
    """The windows of a truth file; InputError naming the line for anything malformed."""
    path = Path(path)
    return [_window(record, path, number) for number, record in strict_jsonl(path, "truth file")]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def matches(alert: ReplayedAlert, window: Window) -> bool:
    """Whether the alert counts as a detection of this window (see module docstring)."""
    if alert.country not in window.countries:
        return False
    if alert.end < window.start or alert.start > window.end:
        return False
    if window.radius_km is None or window.lat is None or window.lon is None:
        return True
    if alert.lat is None or alert.lon is None:
        return False
    return distance_km(alert.lat, alert.lon, window.lat, window.lon) <= window.radius_km


def lead_hours(alert: ReplayedAlert, window: Window) -> float:
    """Hours from the window's start to the alert's start (negative: early)."""
    return (alert.start - window.start).days * 24.0


def active_country_weeks(
    events: Sequence[tuple[str, dt.date]], first_day: dt.date
) -> set[tuple[str, int, int]]:
    """(country, ISO year, ISO week) after the warm-up with at least 5 events."""
    counts: dict[tuple[str, int, int], int] = {}
    cutoff = first_day + dt.timedelta(days=WARMUP_DAYS)
    for country, day in events:
        if day < cutoff:
            continue
        year, week, _ = day.isocalendar()
        key = (country, year, week)
        counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= ACTIVE_MIN_EVENTS}


def score_replay(
    alerts: Sequence[ReplayedAlert],
    windows: Sequence[Window],
    events: Sequence[tuple[str, dt.date]],
    first_day: dt.date,
) -> dict[str, object]:
    """Recall, lead times and false alerts of a replay (keys as ``eval alerts`` prints)."""
    lead: dict[str, float | None] = {}
    matched: set[str] = set()
    for window in windows:
        hits = sorted((a for a in alerts if matches(a, window)), key=lambda a: (a.start, a.id))
        matched.update(a.id for a in hits)
        lead[window.id] = lead_hours(hits[0], window) if hits else None
    hit = sum(1 for v in lead.values() if v is not None)
    outside = [a for a in alerts if a.id not in matched]
    weeks = active_country_weeks(events, first_day)
    cutoff = first_day + dt.timedelta(days=WARMUP_DAYS)
    return {
        "n_windows": len(windows),
        "windows_hit": hit,
        "recall": round(hit / len(windows), 3) if windows else None,
        "lead_hours": lead,
        "n_alerts": len(alerts),
        "alerts_outside_truth": len(outside),
        "alerts_in_warmup": sum(1 for a in alerts if a.start < cutoff),
        "active_country_weeks": len(weeks),
        "false_alerts_per_country_week": (round(len(outside) / len(weeks), 3) if weeks else None),
    }
