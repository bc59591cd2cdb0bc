"""The typed objects that flow through the coder's stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from watchfloor.coding.ontology import AcledType
from watchfloor.records import ActorRef, Document, Event, PlaceRef, Sentence


@dataclass
class Candidate:
    """An event being built: a trigger in a sentence plus what later stages add to it."""

    sentence_index: int
    trigger: Token
    cameo_code: str
    rule: str
    strength: float
    source_token: Token | None = None
    target_token: Token | None = None
    target_options: tuple[Token, ...] = ()
    source: ActorRef | None = None
    target: ActorRef | None = None
    quote_speaker: str | None = None
    speaker_token: Token | None = None
    negated: bool = False
    hedges: list[str] = field(default_factory=list)
    modality: str = "asserted"
    nonpolitical: str | None = None
    acled_hint: AcledType | None = None
    classified: bool = False  # the sub-event classifier chose its type
    place: PlaceRef | None = None
    date: dt.date | None = None
    fatalities: int | None = None
    injuries: int | None = None
    confidence: float = 1.0
    notes: list[str] = field(default_factory=list)
    warning_kind: str | None = None  # the analyst's kind of signal (warning_kinds module)

    @property
    def root(self) -> str:
        """The two-digit CAMEO root."""
        return self.cameo_code[:2]


@dataclass
class WorkDoc:
    """One document while it is being coded; each stage reads some fields and writes others."""

    document: Document
    doc: Doc
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    eligible: list[bool] = field(default_factory=list)
    actor_mentions: dict[int, list[Any]] = field(default_factory=dict)
    place_mentions: list[Any] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)

    @property
    def published(self) -> dt.date | None:
        """Publication date of the document, if known."""
        pub = self.document.published
        return pub.date() if pub else None


@dataclass(frozen=True)
class CodedDocument:
    """The coder's output for one document: its sentences, events and a readable trace."""

    document_id: str
    sentences: list[Sentence]
    events: list[Event]
    explanations: list[str]
