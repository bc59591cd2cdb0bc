"""The coder's place stage: each event's place, named in the text or inferred (and marked so)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from watchfloor.coding.geo.resolver import ACTOR_HINT_WEIGHT, HINT_WEIGHT
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.word_places import VETO_PROBABILITY, WordsReading
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.records import ActorRef, PlaceRef

#: PlaceRef.feature of a place inferred from an actor's country (no place named in the text).
ACTOR_COUNTRY = "country-from-actor"
#: PlaceRef.feature of a place (a country's or a province's point) inferred from the words of
#: the collection's located reports.
WORDS_AREA = "area-from-words"
# What a place outside the hint's country loses when the events' place is chosen among the
# named ones: a declared country much, the actors' country only enough to break a tie
# ("Israel's militia ally in southern Lebanon"), never to outrank a more specific place.
DECLARED_RANK, ACTOR_RANK = 2.0, 1.0
INTERNATIONAL = ("IGO", "NGO", "IMG")  # actor-id prefixes of bodies that belong to no country
ARMED = frozenset({"MIL", "REB", "INS", "UAF"})  # sectors that often act outside their country


class PlaceStage:
    """Resolve place mentions once per document and pick each event's place (geo module)."""

    name: str = "places"
    reads: tuple[str, ...] = ("doc", "candidates")
    writes: tuple[str, ...] = ("place_mentions", "candidates.place")

    def __init__(self, resolver: Any) -> None:
        self.resolver = resolver
        self.prior = CollectionPrior()

    def use_prior(self, prior: CollectionPrior) -> None:
        """Lean towards the countries the collection's events lie in."""
        self.prior = prior
        use = getattr(self.resolver, "use_prior", None)
        if callable(use):
            use(prior.countries)

    def warm(self) -> None:
        """Build the gazetteer's loose-name index of every country now (it is otherwise built
        by the first search for an unknown name, which takes seconds)."""
        loose = getattr(getattr(self.resolver, "gaz", None), "loose_candidates", None)
        if callable(loose):
            loose("warm up", None)

    def __call__(self, work: WorkDoc) -> None:
        if not work.candidates:
            return
        declared = work.document.metadata.get("country") if work.document.metadata else None
        hint = declared or self._actor_country(work)
        weight = HINT_WEIGHT if declared else ACTOR_HINT_WEIGHT  # a named place beats actors
        work.place_mentions = list(
            self.resolver.resolve_document(work.doc, country_hint=hint, hint_weight=weight)
        )
        words = self.prior.read_words(work.doc.text)  # once per document
        for cand in work.candidates:
            place = self.resolver.event_place(
                work.spans[cand.sentence_index],
                work.place_mentions,
                country_hint=hint,
                hint_weight=DECLARED_RANK if declared else ACTOR_RANK,
            )
            if place is not None and not declared and _lone_namesake(place, work, words):
                place = None
            cand.place = place or self._country_point(cand, declared, hint, words)

    def _country_point(
        self, cand: Candidate, declared: str | None, hint: str | None, words: WordsReading | None
    ) -> PlaceRef | None:
        """No place named or resolved: the point of the country the input declares, else of
        the country where the collection sees the target's (source's) events, of an unarmed
        target's (source's) country, of the area the collection's located reports with these
        words lie in (armed actors often act across a border), of an armed actor's country, of
        the document's actors'; the feature says how it was inferred."""
        country_place = getattr(self.resolver, "country_place", None)
        if not callable(country_place):
            return None
        actors = [
            ref
            for ref in (cand.target, cand.source)
            if ref is not None and (ref.actor_id or "")[:3] not in INTERNATIONAL
        ]
        area = words.area() if words is not None else None
        codes = [(declared, ACTOR_COUNTRY)]
        codes += [(self.prior.arena(ref.text), ACTOR_COUNTRY) for ref in actors]
        codes += [(ref.country, ACTOR_COUNTRY) for ref in actors if _unarmed(ref)]
        codes += [(area[0] if area else None, WORDS_AREA)]
        codes += [(ref.country, ACTOR_COUNTRY) for ref in actors]
        for code, feature in [*codes, (hint, ACTOR_COUNTRY)]:
            place = country_place(code) if code else None
            if place is None:
                continue
            province = self._admin1_point(*area) if area and area[0] == code else None
            if province is not None:  # the words name a province of this country
                return replace(province, feature=WORDS_AREA)
            return replace(place, feature=feature)
        return None

    def _admin1_point(self, country: str, admin1: str | None) -> PlaceRef | None:
        admin1_place = getattr(self.resolver, "admin1_place", None)
        return admin1_place(country, admin1) if callable(admin1_place) and admin1 else None

    @staticmethod
    def _actor_country(work: WorkDoc) -> str | None:
        """The country the document's actors name most often: a prior for its places
        when the input carries no country (wire reports often name only "regime forces"
        and a village)."""
        counts = Counter(
            m.ref.country for ms in work.actor_mentions.values() for m in ms if m.ref.country
        )
        return counts.most_common(1)[0][0] if counts else None


def _lone_namesake(place: PlaceRef, work: WorkDoc, words: WordsReading | None) -> bool:
    """A town that alone puts a report in a country (no other place of that country is
    named), while the report's words all but certainly belong to another country of the
    collection: "Hays" in Kansas for a report about Yemen's Hays the gazetteer lacks."""
    feature = place.feature or ""
    if words is None or not feature.startswith("PPL") or feature == "PPLC":
        return False
    if words.country == place.country or words.probability < VETO_PROBABILITY:
        return False
    return not any(
        m.place is not None and m.place.country == place.country and m.place.name != place.name
        for m in work.place_mentions
    )


def _unarmed(ref: ActorRef) -> bool:
    """An actor of a known sector that does not fight (protesters, a party, a ministry), or a
    nation named alone ("Bahrainis")."""
    if ref.sector is None:
        return ref.actor_id is not None and ref.actor_id == ref.country
    return ref.sector not in ARMED
