"""Records and tunables shared by the place resolver's parts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from watchfloor.coding.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CONTINENT,
    COUNTRY,
    EXTRA,
    TOWN,
    Candidate,
)
from watchfloor.coding.geo.mentions import DIRECTIONS, SpanCue, unit_words
from watchfloor.coding.geo.names import name_key
from watchfloor.records import PlaceRef

# Between a place and the one it lies in: "X in Y", "X of Y", "X, Y", "X (Y, Z)", "Y's X";
# one of MARKERS must be there, the rest may be ("X district of Y", "X, northern Y").
CONTAINMENT_MARKERS = frozenset({"in", "of", ",", "("})
POSSESSIVES = frozenset({"'s", "’s"})
CONTAINMENT_GLUE = frozenset({"the"}) | POSSESSIVES | DIRECTIONS
POINT_FEATURES = {"PPL", "PPLC", "MILB", "AIRP", "CRSS", "BLDG"}
KIND_PRIOR = {COUNTRY: 1.5, CONTINENT: 1.0, EXTRA: 0.5, ADMIN1: 0.3, ADMIN2: -0.5, TOWN: 0.0}
# Nationality words mostly describe actors ("Turkish forces", "Saudi-led"), not places: they
# widen the region a name may belong to but count little towards choosing between homonyms.
ADJECTIVE_WEIGHT = 0.2
ABBREVIATION_KINDS = {COUNTRY, ADMIN1, CONTINENT, EXTRA}
GENERIC = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "center",
    "centre",
    "city",
    "state",
    "county",
    "royal",
    "grand",
    "new",
    "old",
    "great",
    "street",
    "avenue",
    "road",
    "valley",
    "capitol",
    "congress",
    "parliament",
    "republic",
    "island",
    "union",
    "united",
    "national",
    "international",
    "world",
    "university",
    "college",
    "school",
    "church",
    "court",
    "house",
    "hall",
    "park",
    "square",
    "station",
    "bridge",
    "bay",
    "lake",
    "river",
    "mount",
    "fort",
    "port",
    "saint",
    "st",
    "upper",
    "lower",
    "middle",
    "coast",
    "district",
    "province",
    "region",
    "area",
    "village",
    "town",
    "the",
    "of",
    "and",
}


@dataclass(frozen=True)
class PlaceMention:
    """A place name in a document (character offsets) and the gazetteer entry it names.

    ``role`` is "locative" ("in X", "the town of X", "X's"), "origin" ("from X"), "topic"
    ("the decision on X"), "adjective" (a nationality word resolved to its country) or
    "mention".
    """

    text: str
    start: int
    end: int
    place: PlaceRef | None
    score: float
    role: str = "mention"


@dataclass
class Context:
    """What the document says about where it is: countries and admin1 units, weighted."""

    countries: defaultdict[str, float]
    admin1: defaultdict[tuple[str, str], float]
    points: list[tuple[float, float]]
    hint: str | None
    works: list[Work] = field(default_factory=list)
    hint_weight: float = 3.0  # what the hint's country adds to a candidate's score
    units: set[tuple[str, str]] = field(default_factory=set)  # first-level units named
    _by_key: dict[str, list[Work]] | None = field(default=None, repr=False, compare=False)

    def named(self, key: str) -> list[Work]:
        """The works whose name has ``key`` (grouped once: the resolver asks per name)."""
        if self._by_key is None:
            self._by_key = {}
            for work in self.works:
                self._by_key.setdefault(work.key, []).append(work)
        return self._by_key.get(key, [])


@dataclass
class Work:
    cue: SpanCue
    candidates: list[Candidate]
    text: str = ""
    row: int | None = None
    score: float = 0.0
    within: Work | None = None  # the place this one is said to lie in ("X in Y", "X of Y")
    within_list: bool = False  # only commas or "and" separate it from ``within``
    gap_words: tuple[str, ...] = ()  # lower-case tokens between this name and the next
    partial: bool = False  # candidates are those of a part of the name ("Dubai" of "Dubai Mall")
    spelled: bool = False  # candidates are spelling variants ("Tabashiah" for "Tabashiyah")
    # rows of first-level units among the candidates that hold a candidate of a name the text
    # puts inside this one ("Tacoma, Washington": the state, not the capital)
    holding_units: set[int] = field(default_factory=set)

    def gap_is_containment(self, outer: Work) -> bool:
        """True when only "in", "of", commas, brackets, directions and unit words separate
        the names, with at least one of "in", "of", "," or "("."""
        words = self.gap_words[: outer.cue.start - self.cue.end]
        allowed = CONTAINMENT_MARKERS | CONTAINMENT_GLUE | unit_words()
        marked = bool(CONTAINMENT_MARKERS & set(words))
        return bool(words) and all(w in allowed for w in words) and marked

    def gap_is_possessive(self, inner: Work) -> bool:
        """True for "Y's X": only a possessive, directions and unit words lie between."""
        words = self.gap_words[: inner.cue.start - self.cue.end]
        allowed = CONTAINMENT_GLUE | unit_words()
        return bool(words) and all(w in allowed for w in words) and bool(POSSESSIVES & set(words))

    @cached_property  # the text never changes once the name is found
    def key(self) -> str:
        return name_key(self.text)
