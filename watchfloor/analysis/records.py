"""Typed results of the analysis layer: signals, alerts, stories, media lens, run summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class AlertSignal:
    """One signal as listed inside an alert."""

    signal_id: str
    event_id: str | None
    document_id: str | None
    day: dt.date | None
    type: str
    summary: str
    score: float


@dataclass(frozen=True)
class Alert:
    """A cluster, burst, novelty or rule alert with its state and supporting signals."""

    id: str
    kind: str
    country: str | None
    admin1: str | None
    place: str | None
    start: dt.date
    end: dt.date
    score: float
    n_signals: int
    summary: str
    state: str
    created_at: dt.datetime
    updated_at: dt.datetime
    signals: tuple[AlertSignal, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON shape printed by ``watchfloor alerts --json`` and the REST API."""
        return {
            "id": self.id,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "place": self.place,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "score": round(self.score, 3),
            "n_signals": self.n_signals,
            "summary": self.summary,
            "state": self.state,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "signals": [
                {
                    "signal_id": s.signal_id,
                    "event_id": s.event_id,
                    "document_id": s.document_id,
                    "date": s.day.isoformat() if s.day else None,
                    "type": s.type,
                    "summary": s.summary,
                    "score": round(s.score, 3),
                }
                for s in self.signals
            ],
        }


@dataclass(frozen=True)
class AnalysisSummary:
    """What one analysis run did."""

    from_day: dt.date | None
    to_day: dt.date | None
    days_recomputed: int
    series_tested: int
    signals: int
    alerts_new: tuple[str, ...] = ()
    alerts_updated: tuple[str, ...] = ()
    alerts_removed: int = 0
    stories: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)
    events_out_of_range: int = 0  # dated outside the accepted range: left out of the analysis


@dataclass(frozen=True)
class Story:
    """A thread of documents sharing actors, places, words and time."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    n_documents: int
    n_events: int
    countries: tuple[str, ...]
    actors: tuple[str, ...]
    types: tuple[str, ...]
    document_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """JSON shape of a story."""
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "n_documents": self.n_documents,
            "n_events": self.n_events,
            "countries": list(self.countries),
            "actors": list(self.actors),
            "types": list(self.types),
            "document_ids": list(self.document_ids),
        }


@dataclass(frozen=True)
class OutletChange:
    """How one outlet covered an actor before and after the pivot date."""

    outlet: str
    docs_before: int
    docs_after: int
    mentions_before: int
    mentions_after: int
    share_before: float | None
    share_after: float | None
    tone_before: float | None
    tone_after: float | None
    goldstein_before: float | None
    goldstein_after: float | None

    @property
    def tone_change(self) -> float | None:
        """After minus before mean VADER compound (None when a side has no mentions)."""
        if self.tone_before is None or self.tone_after is None:
            return None
        return self.tone_after - self.tone_before


@dataclass(frozen=True)
class Quote:
    """A quoted sentence mentioning the actor, with its speaker when the coder found one."""

    document_id: str
    outlet: str | None
    day: dt.date | None
    speaker: str | None
    text: str
    tone: float


@dataclass(frozen=True)
class MediaLensResult:
    """Per-outlet coverage and tone toward an actor around a pivot date."""

    actor: str
    aliases: tuple[str, ...]
    pivot: dt.date
    window_days: int
    outlets: tuple[OutletChange, ...]
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict[str, object]:
        """JSON shape printed by ``watchfloor media --json`` (tone_change included)."""
        return {
            "actor": self.actor,
            "aliases": list(self.aliases),
            "pivot": self.pivot.isoformat(),
            "window_days": self.window_days,
            "outlets": [{**asdict(o), "tone_change": o.tone_change} for o in self.outlets],
            "quotes": [
                {**asdict(q), "day": q.day.isoformat() if q.day else None} for q in self.quotes
            ],
        }
