"""The coder's stages: small callables over a ``WorkDoc``, each naming what it reads and writes.

Order: sentences -> actors -> events -> places (``place_stage``) -> dates -> casualties ->
confidence -> assemble.
Swapping one (say, another actor resolver) means building the ``Coder`` with another list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, runtime_checkable

from spacy.tokens import Span, Token

from watchfloor.coding.classify import EventTyper
from watchfloor.coding.place_stage import ACTOR_COUNTRY, INTERNATIONAL
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.roles import phrase, role_words
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.records import ActorRef, PlaceRef, Sentence

MIN_TOKENS = 3
NAMED_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PROTEST_ROOT = "14"  # CAMEO's protest codes
#: (kept, dropped) -> the dropped events to keep after all, each with why
Rescue = Callable[[list[Candidate], list[Candidate]], list[tuple[Candidate, str]]]


class Stage(Protocol):
    """One step of the coder: what it reads and writes are fields of ``WorkDoc`` (or
    ``candidates.<field>``), checked in order when the coder loads (``coding.registry``)."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, work: WorkDoc) -> None: ...


# The optional hooks a stage may have, each its own protocol so that the coder asks for them
# by type.


@runtime_checkable
class BatchStage(Protocol):
    """A stage that codes a whole batch at once (one classifier call)."""

    def run_batch(self, works: list[WorkDoc]) -> None: ...


@runtime_checkable
class WarmStage(Protocol):
    """A stage with indexes to build before worker processes fork, to share them."""

    def warm(self) -> None: ...


@runtime_checkable
class PriorStage(Protocol):
    """A stage that codes with what the collection already says (``coding.prior``)."""

    def use_prior(self, prior: CollectionPrior) -> None: ...


class SentenceStage:
    """Split into sentences with document offsets; mark those that can hold an event."""

    name: str = "sentences"
    reads: tuple[str, ...] = ("doc",)
    writes: tuple[str, ...] = ("sentences", "spans", "eligible")

    def __init__(self, vocabulary: frozenset[str]) -> None:
        self.vocabulary = vocabulary

    def __call__(self, work: WorkDoc) -> None:
        doc_id = work.document.id
        for i, span in enumerate(work.doc.sents):
            work.spans.append(span)
            work.sentences.append(Sentence(doc_id, i, span.start_char, span.end_char, span.text))
            work.eligible.append(
                len(span) >= MIN_TOKENS
                and any(
                    t.lemma_.lower() in self.vocabulary or t.lower_ in self.vocabulary for t in span
                )
            )


class ActorStage:
    """Find actor mentions in the sentences that can hold an event (actors module)."""

    name: str = "actors"
    reads: tuple[str, ...] = ("spans", "eligible")
    writes: tuple[str, ...] = ("actor_mentions",)

    def __init__(self, resolver: Any | None) -> None:
        self.resolver = resolver
        self.prior = CollectionPrior()

    def use_prior(self, prior: CollectionPrior) -> None:
        """Give actors without a country the one the collection places them in."""
        self.prior = prior

    def __call__(self, work: WorkDoc) -> None:
        if self.resolver is None:
            return
        for i, span in enumerate(work.spans):
            if work.eligible[i]:
                work.actor_mentions[i] = self.mentions(span)

    def mentions(self, span: Span) -> list[Any]:
        """The actor mentions of one sentence (none without a resolver)."""
        if self.resolver is None:
            return []
        return [replace(m, ref=self._with_prior(m.ref)) for m in self.resolver.find_actors(span)]

    def actor(self, token: Token | None, mentions: list[Any]) -> ActorRef | None:
        """The actor for the phrase headed by ``token``: a found mention, else the resolver."""
        if token is None:
            return None
        span = phrase(token)
        for m in mentions:
            if m.start <= token.idx < m.end:
                ref: ActorRef = m.ref
                return ref
        described = _appositive_mention(token, mentions)
        if described is not None:  # "Raji al-Deen, a senior Houthi official, was shot"
            return described
        if self.resolver is not None:
            found: ActorRef | None = self.resolver.resolve_span(span)
            if found is not None:
                return self._with_prior(found)
        for m in mentions:
            if span.start_char <= m.start < span.end_char:
                inner: ActorRef = m.ref
                return inner
        return self._with_prior(ActorRef(text=span.text))

    def _with_prior(self, ref: ActorRef) -> ActorRef:
        if ref.country or not self.prior.actors:
            return ref
        country = self.prior.actor_country(ref.text)
        return replace(ref, country=country) if country else ref


class EventStage:
    """Type each eligible sentence's events and attach their source and target actors."""

    name: str = "events"
    reads: tuple[str, ...] = ("spans", "eligible", "actor_mentions")
    writes: tuple[str, ...] = ("candidates",)

    def __init__(self, typer: EventTyper, actors: ActorStage) -> None:
        self.typer = typer
        self.actors = actors

    def __call__(self, work: WorkDoc) -> None:
        for i, span in enumerate(work.spans):
            if not work.eligible[i]:
                continue
            mentions = work.actor_mentions.get(i, [])
            for cand in self.typer.candidates(span, i):
                if _inside_a_name(cand.trigger, mentions):
                    continue
                cand.source = self.actors.actor(cand.source_token, mentions)
                cand.target = self.actors.actor(self._target(cand, mentions), mentions)
                work.candidates.append(cand)

    def _target(self, cand: Candidate, mentions: list[Any]) -> Token | None:
        """The first target option that names an actor with a country, else the parse's pick."""
        source = cand.source_token.i if cand.source_token is not None else -1
        for option in cand.target_options:
            if option.i == source or option.i == cand.trigger.i:
                continue
            ref = self.actors.actor(option, mentions)
            if ref is not None and (ref.country or ref.actor_id):
                return option
        return cand.target_token


class ActorContextStage:
    """Give a domestic actor without a country ("the president", "police") the country of the
    event's place, else the one country the document's actors name (CAMEO's domestic default);
    an event with no place named gets its target's (else source's) country, marked as such."""

    name: str = "actor-context"
    reads: tuple[str, ...] = ("candidates", "actor_mentions")
    writes: tuple[str, ...] = ("candidates.source", "candidates.target", "candidates.place")

    def __call__(self, work: WorkDoc) -> None:
        named = {m.ref.country for ms in work.actor_mentions.values() for m in ms if m.ref.country}
        only = next(iter(named)) if len(named) == 1 else None
        for cand in work.candidates:
            fallback = cand.place.country if cand.place and cand.place.country else only
            if fallback:
                cand.source = self._fill(cand.source, fallback)
                cand.target = self._fill(cand.target, fallback)
            if cand.place is None:
                cand.place = self._country_place(cand)

    def _country_place(self, cand: Candidate) -> PlaceRef | None:
        """No place named: the country of the target, else of the source (feature says so)."""
        for ref in (cand.target, cand.source):
            if ref is not None and ref.country and (ref.actor_id or "")[:3] not in INTERNATIONAL:
                return PlaceRef(name=ref.country, country=ref.country, feature=ACTOR_COUNTRY)
        return None

    def _fill(self, ref: ActorRef | None, country: str) -> ActorRef | None:
        if ref is None or ref.country or not ref.sector:
            return ref
        if (ref.actor_id or "")[:3] in INTERNATIONAL or ref.sector in INTERNATIONAL:
            return ref
        return replace(ref, country=country)


class PoliticalActorStage:
    """Keep events that involve a political actor (resolved country, sector or actor id) or a
    named one, as CAMEO coders do; events named without their doer ("were killed", "clashes
    erupted") stay unless only a PETRARCH verb class backs them. An event the sub-event
    classifier typed stays when its sentence names a political actor in any role. Drops
    "three bedrooms occupy the top floor" and "the plans offer a porch"."""

    name: str = "political"
    reads: tuple[str, ...] = ("candidates", "actor_mentions")
    writes: tuple[str, ...] = ("candidates", "trace")

    def __init__(self, rescue: Rescue | None = None) -> None:
        #: the dropped events to keep after all, with why: violence by doers no dictionary
        #: names ("herders", "unknown individuals"), which ACLED codes (``political_violence``)
        self.rescue = rescue

    def __call__(self, work: WorkDoc) -> None:
        kept: list[Candidate] = []
        dropped: list[Candidate] = []
        for cand in work.candidates:
            mentions = work.actor_mentions.get(cand.sentence_index, [])
            named = cand.classified and any(_political(m.ref) for m in mentions)
            (kept if named or self.keep(cand) else dropped).append(cand)
        rescued = self.rescue(kept, dropped) if self.rescue is not None and dropped else []
        for cand, why in rescued:
            cand.notes.append(f"kept without a coded actor: {why}")
        chosen = {id(c) for c in kept} | {id(c) for c, _ in rescued}
        for cand in dropped:
            if id(cand) not in chosen:
                work.trace.append(
                    f"[{cand.sentence_index}] dropped '{cand.trigger.text}' ({cand.cameo_code}):"
                    " no political actor"
                )
        work.candidates = [c for c in work.candidates if id(c) in chosen]

    @staticmethod
    def keep(cand: Candidate) -> bool:
        """Whether the candidate names a political actor or needs none (a protest is political
        whoever holds it: "street vendors gathered to protest")."""
        if cand.nonpolitical or _political(cand.source) or _political(cand.target):
            return True
        if (cand.cameo_code or "").startswith(PROTEST_ROOT) and cand.source is not None:
            return True
        src = cand.source_token
        if src is not None and (src.ent_type_ in NAMED_ACTORS or src.pos_ == "PROPN"):
            return True  # a named but unknown actor: keep, the dictionaries are never complete
        implicit = (
            src is None
            or src.pos_ in ("PRON", "NUM")
            or src.lemma_ in role_words(src.doc.lang_).quantity_nouns
        )
        return implicit and not cand.rule.startswith("PETRARCH")


def _appositive_mention(token: Token, mentions: list[Any]) -> ActorRef | None:
    """The known actor an apposition says an unknown name is ("X, a Houthi commander")."""
    for child in token.children:
        if child.dep_ != "appos":
            continue
        for m in mentions:
            if m.start <= child.idx < m.end and (m.ref.country or m.ref.sector):
                ref: ActorRef = m.ref
                return ref
    return None


def _inside_a_name(trigger: Token, mentions: list[Any]) -> bool:
    """A word of a known organisation's name ("the Popular Mobilization Forces") names it,
    and is no event of its own."""
    return any(start <= trigger.i < end for m in mentions for start, end in m.names)


def _political(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.country or ref.sector or ref.actor_id)


class DateStage:
    """Date each event from its sentence, else the publication date (dates module)."""

    name: str = "dates"
    reads: tuple[str, ...] = ("spans", "candidates")
    writes: tuple[str, ...] = ("candidates.date",)

    def __init__(self, resolve: Callable[[Span, Any], Any]) -> None:
        self.resolve = resolve

    def __call__(self, work: WorkDoc) -> None:
        for cand in work.candidates:
            # the resolver falls back to the publication date itself; None is a refusal
            cand.date = self.resolve(work.spans[cand.sentence_index], work.published)


class CasualtyStage:
    """Fatalities and injuries of violent events (casualties module)."""

    name: str = "casualties"
    reads: tuple[str, ...] = ("spans", "candidates")
    writes: tuple[str, ...] = ("candidates.fatalities",)

    def __init__(self, extract: Callable[[Span], tuple[int | None, int | None]]) -> None:
        self.extract = extract

    def __call__(self, work: WorkDoc) -> None:
        for cand in work.candidates:
            if cand.root >= "14" or cand.nonpolitical:
                cand.fatalities, cand.injuries = self.extract(work.spans[cand.sentence_index])


class ConfidenceStage:
    """Confidence in [0, 1]: the trigger's strength, lowered by hedges, modality, missing actors."""

    name: str = "confidence"
    reads: tuple[str, ...] = ("candidates",)
    writes: tuple[str, ...] = ("candidates.confidence",)
    HEDGE_FACTOR = 0.6
    MODALITY_FACTOR = {
        "asserted": 1.0,
        "threatened": 0.9,
        "planned": 0.8,
        "denied": 0.8,
        "claimed": 0.7,
    }

    def __call__(self, work: WorkDoc) -> None:
        for cand in work.candidates:
            value = cand.strength * self.MODALITY_FACTOR.get(cand.modality, 0.8)
            if cand.hedges:
                value *= self.HEDGE_FACTOR
            if cand.source is None:
                value *= 0.9
            cand.confidence = round(min(0.99, max(0.01, value)), 3)


def event_id(sentence: Sentence, kind: str) -> str:
    """Deterministic id: the same sentence and type always give the same id."""
    key = f"{sentence.document_id}|{sentence.index}|{sentence.start}|{sentence.end}|{kind}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
