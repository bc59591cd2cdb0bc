"""Choosing the place where a sentence's events happened among the document's mentions."""

from __future__ import annotations

import re

from spacy.tokens import Span

from watchfloor.coding.geo.mentions import AFFILIATIONS
from watchfloor.coding.geo.model import POINT_FEATURES, PlaceMention
from watchfloor.records import PlaceRef

# "Saudi-led", "Iran-backed": the nationality of a sponsor, says nothing about the place.
_AFFILIATION = re.compile(rf"\s*-\s*(?:{'|'.join(sorted(AFFILIATIONS))})\b", re.I)


def choose_event_place(
    sentence: Span, mentions: list[PlaceMention], country_hint: str | None = None
) -> PlaceRef | None:
    """The most specific, locative, mutually consistent place of ``sentence``.

    Falls back to the places of earlier sentences, then to locative places of later ones
    ("in X"), then to the country of a nationality
    adjective of the sentence ("Syrian warplanes", not "Saudi-led"); None when nothing is known.
    ``country_hint`` (ISO3) favours places in that country and replaces the adjective fallback.
    A topic ("the decision on Jerusalem") is what the events are about, never where they happen.
    """
    mentions = [m for m in mentions if m.role != "topic"]
    start, end = sentence.start_char, sentence.end_char
    inside = [m for m in mentions if m.place and start <= m.start and m.end <= end]
    named = [m for m in inside if m.role != "adjective"]
    if named:
        return max(named, key=lambda m: _rank(m, named, country_hint)).place
    before = [m for m in mentions if m.place and m.end <= start and m.role != "adjective"]
    if before:
        return max(before, key=lambda m: _rank(m, before, country_hint)).place
    after = [m for m in mentions if m.place and m.start >= end and m.role == "locative"]
    if after:  # "The attack killed three. It hit the town of X": named later in the story
        return max(after, key=lambda m: _rank(m, after, country_hint)).place
    text = sentence.doc.text
    own = [m for m in inside if not _AFFILIATION.match(text, m.end)]
    if own and country_hint is None:
        return own[0].place  # a nationality: the country is the best remaining guess
    return None


def _rank(
    mention: PlaceMention, others: list[PlaceMention], country_hint: str | None
) -> tuple[float, int]:
    place = mention.place
    assert place is not None
    if place.feature in POINT_FEATURES:
        rank = 3.0
    elif place.feature in ("ADM1", "ADM2"):
        rank = 2.0
    elif place.feature == "PCLI":
        rank = 1.0
    else:
        rank = 1.5
    rank += {"locative": 1.0, "origin": -2.5, "mention": 0.0}.get(mention.role, -1.0)
    consistent = sum(
        1 for o in others if o.place and o is not mention and o.place.country == place.country
    )
    disagree = sum(
        1 for o in others if o.place and o.place.country and o.place.country != place.country
    )
    rank += 0.3 * min(consistent, 2) - (1.5 if disagree > consistent else 0.0)
    if country_hint and place.country != country_hint:
        rank -= 2.0
    return rank, -mention.start
