"""Choosing the place where a sentence's events happened among the document's mentions."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from watchfloor.coding.geo.mentions import AFFILIATIONS
from watchfloor.coding.geo.model import POINT_FEATURES, PlaceMention
from watchfloor.errors import ModelError
from watchfloor.records import PlaceRef

# "Saudi-led", "Iran-backed": the nationality of a sponsor, says nothing about the place.
_AFFILIATION = re.compile(rf"\s*-\s*(?:{'|'.join(sorted(AFFILIATIONS))})\b", re.I)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})  # the parser's labels, not words
CLAUSE_POS = frozenset({"VERB", "AUX"})
MAX_CLIMB = 6
SUBJECT, PHRASE = "subject", "phrase"
SPEAKER_HOWS = ("speech", "policy", "attribution")


def choose_event_place(
    sentence: Span,
    mentions: list[PlaceMention],
    country_hint: str | None = None,
    hint_weight: float = 2.0,
) -> PlaceRef | None:
    """The most specific, locative, mutually consistent place of ``sentence``.

    Falls back to the places of earlier sentences, then to locative places of later ones
    ("in X"), then to the country of a nationality
    adjective of the sentence ("Syrian warplanes", not "Saudi-led"); None when nothing is known.
    ``country_hint`` (ISO3) favours places in that country by ``hint_weight`` (the place
    stage gives a country only guessed from the actors little: it breaks ties between named
    places, "Israel's militia ally in southern Lebanon", and never beats one) and replaces
    the adjective fallback.
    A topic ("the decision on Jerusalem") is what the events are about, never where they happen;
    nor is a speaker's place ("the Pentagon said", "officials in Tehran told", "Washington
    imposed": cues in ``coding/lang/en/place_speakers.tsv``). A place in a speaker's phrase
    ("police in Cotonou said") is used only when nothing else places the event.
    """
    doc = sentence.doc
    roles = {id(m): speaker_role(doc, m) for m in mentions}
    voices = [m for m in mentions if m.place and roles[id(m)] == PHRASE]
    mentions = [m for m in mentions if m.role != "topic" and roles[id(m)] is None]
    start, end = sentence.start_char, sentence.end_char
    inside = [m for m in mentions if m.place and start <= m.start and m.end <= end]
    named = [m for m in inside if m.role != "adjective"]
    own_voices = [m for m in voices if start <= m.start and m.end <= end]
    if own_voices and all(m.role == "origin" for m in named):
        named = own_voices  # "residents outside Goris said tanks crossed from Azerbaijan"
    if named:
        return max(named, key=lambda m: _rank(m, named, country_hint, hint_weight)).place
    before = [m for m in mentions if m.place and m.end <= start and m.role != "adjective"]
    if before:
        return max(before, key=lambda m: _rank(m, before, country_hint, hint_weight)).place
    after = [m for m in mentions if m.place and m.start >= end and m.role == "locative"]
    if after:  # "The attack killed three. It hit the town of X": named later in the story
        return max(after, key=lambda m: _rank(m, after, country_hint, hint_weight)).place
    if own_voices:  # local officials speaking of a local event
        return max(
            own_voices, key=lambda m: _rank(m, own_voices, country_hint, hint_weight)
        ).place
    text = doc.text
    own = [m for m in inside if not _AFFILIATION.match(text, m.end)]
    if own and country_hint is None:
        return own[0].place  # a nationality: the country is the best remaining guess
    return None


def speaker_role(doc: Doc, mention: PlaceMention, language: str = "en") -> str | None:
    """Whether the place names who speaks or decides, not where anything happens: SUBJECT for
    the subject of a speech or policy verb ("Kuwait told", "the Pentagon said"), PHRASE for a
    place in a speaker's phrase ("officials in Tehran said", "according to sources in X")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    cues = speaker_cues(language)
    current: Token = span.root
    for step in range(MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            return None
        how = cues.get(head.lemma_.lower())
        if current.dep_ in SUBJECT_DEPS and how in ("speech", "policy"):
            if step == 0:
                return SUBJECT
            if how == "speech":
                return PHRASE
        if how == "attribution":
            return PHRASE
        if head.pos_ in CLAUSE_POS:
            return None  # the place belongs to another clause's verb: stop there
        current = head
    return None


@lru_cache(maxsize=8)
def speaker_cues(language: str) -> dict[str, str]:
    """Lemma -> "speech", "policy" or "attribution" (see the file's header), read from
    ``coding/lang/<language>/place_speakers.tsv``; none for a language without the file."""
    path = resources.files("watchfloor.coding") / "lang" / language / "place_speakers.tsv"
    if not path.is_file():
        return {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    cues: dict[str, str] = {}
    for n, row in enumerate(rows, start=2):
        how = row.get("how")
        if not row.get("lemma") or how not in SPEAKER_HOWS:
            raise ModelError(
                f"lang/{language}/place_speakers.tsv row {n}: needs a lemma and how"
                f" = one of {SPEAKER_HOWS}, got {row!r}"
            )
        cues[row["lemma"]] = how
    return cues


def _rank(
    mention: PlaceMention,
    others: list[PlaceMention],
    country_hint: str | None,
    hint_weight: float = 2.0,
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
        rank -= hint_weight
    return rank, -mention.start
