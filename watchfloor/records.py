"""Typed records that flow between the layers: documents, sentences, events, alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One ingested text; ``id`` is the caller's id when given, else derived from content."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: dt.datetime | None = None
    fetched: dt.datetime | None = None
    source: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document with its character span in ``Document.text``."""

    document_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorRef:
    """An actor as mentioned: the text span plus resolved country (ISO3) and sector code."""

    text: str
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True)
class PlaceRef:
    """A resolved gazetteer entry for an event location."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where an event came from: document, sentence and character span in the document."""

    document_id: str
    sentence_index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """A coded event in PLOVER, CAMEO and ACLED terms, with its evidence."""

    id: str
    evidence: Evidence
    plover_event: str
    plover_mode: str | None = None
    cameo_code: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: dt.date | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    place: PlaceRef | None = None
    fatalities: int | None = None
    injuries: int | None = None
    confidence: float = 1.0
    hedged: bool = False
    negated: bool = False
    modality: str = "asserted"
    quote_speaker: str | None = None
    dataset: str = "watchfloor"
    explanation: str | None = None
    warning_kind: str | None = None  # e.g. "border_crossing" (coding.warning_kinds)
