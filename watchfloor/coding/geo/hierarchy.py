"""The text's own place hierarchy: which name the text puts inside which, and what that
leaves of each name's candidates.

"Los Angeles, Biobio", "Rio Messalo (Muidumbe, Cabo Delgado)", "Hossainpur upazila of
Kishoreganj", "Zaragoza in Nueva Ecija province", "Kishoreganj's Hossainpur": the writer says
which province or district is meant, and a candidate outside it is a namesake.
"""

from __future__ import annotations

import math

from watchfloor.coding.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CONTINENT,
    COUNTRY,
    EXTRA,
    TOWN,
    Candidate,
    Gazetteer,
)
from watchfloor.coding.geo.model import Work

LIST_WORDS = frozenset({",", "and", "the", "&"})
LIST_ENDS = frozenset({"and", "or", "&"})
# How far a place may lie from the point of what contains it. GeoNames gives districts and
# towns a point, not an outline: a district's towns lie within about 80 km of its centre,
# a village within about 40 km of the town or municipality it is said to be in.
ADMIN2_REACH_KM = 80.0
TOWN_REACH_KM = 40.0
# A name the text puts inside a place of another country: a city of a list ("Damascus,
# Beirut") is accepted from this size, one said to lie in it ("X of Y") only from the next.
LISTED_ABROAD_POPULATION = 100_000
CONTAINED_ABROAD_POPULATION = 1_000_000
MAX_DEPTH = 6  # chains longer than this are not written ("village, ward, district, ...")


def link_containers(works: list[Work]) -> None:
    """Each name lies in the next one ("Tabashiah in Sabir of Taizz", "X (Y, Z)"), or, after
    a possessive, the name before it ("Kishoreganj's Hossainpur")."""
    ordered = sorted(works, key=lambda w: w.cue.start)
    for work in ordered:
        work.within, work.within_list = None, False
    for inner, outer in zip(ordered, ordered[1:], strict=False):
        if inner.cue.role in ("adjective", "topic") or outer.cue.role == "adjective":
            continue  # "the decision on Jerusalem in Jericho": the protest is in Jericho
        doc_gap = outer.cue.start - inner.cue.end
        if not 0 < doc_gap <= 4:
            continue
        if inner.gap_is_containment(outer):
            inner.within = outer
            inner.within_list = set(inner.gap_words[:doc_gap]) <= LIST_WORDS
        elif inner.gap_is_possessive(outer) and outer.within is None and inner.within is not outer:
            outer.within = inner  # "Syria's Idlib": the second name lies in the first


def mark_holding_units(gaz: Gazetteer, works: list[Work]) -> None:
    """For each container, its first-level readings that hold a reading of a name put in it:
    "Tacoma, Washington", "London, Ontario", "Kolofata (Extreme-Nord)" name the unit, and the
    town of the unit's name (the capital, the seat) is not meant."""
    for work in works:
        work.holding_units = set()
    for inner in works:
        outer = inner.within
        if outer is None or LIST_ENDS & set(outer.gap_words[:2]):
            continue  # "Washington, New York and Boston" is a list of cities
        units = [c.row for c in outer.candidates if gaz.kind[c.row] == ADMIN1]
        inner_rows = [c.row for c in inner.candidates if gaz.kind[c.row] in (TOWN, ADMIN2)]
        outer.holding_units |= {
            unit for unit in units if any(contains(gaz, unit, row) for row in inner_rows)
        }


def container_order(works: list[Work]) -> list[Work]:
    """``works`` with every container before the names inside it, text order otherwise, so
    that a chain is read from its outermost place in."""

    def depth(work: Work) -> int:
        steps, current = 0, work.within
        while current is not None and steps < MAX_DEPTH:
            steps, current = steps + 1, current.within
        return steps

    return sorted(works, key=lambda w: (depth(w), w.cue.start))


def km(gaz: Gazetteer, a: int, b: int) -> float:
    """Great-circle distance between two rows' points."""
    lat1, lon1 = math.radians(float(gaz.lat[a])), math.radians(float(gaz.lon[a]))
    lat2, lon2 = math.radians(float(gaz.lat[b])), math.radians(float(gaz.lon[b]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def contains(gaz: Gazetteer, area: int, row: int) -> bool:
    """True when gazetteer row ``row`` lies in row ``area`` (by code, else by distance)."""
    kind, inner = gaz.kind[area], gaz.kind[row]
    if kind == CONTINENT:
        return True
    if gaz.country[area] != gaz.country[row] or area == row or inner in (COUNTRY, CONTINENT):
        return False
    if kind == COUNTRY:
        return True
    if kind == ADMIN1:
        if inner in (TOWN, ADMIN2) and gaz.admin1[row]:
            return gaz.admin1[row] == gaz.admin1[area]
        return inner == EXTRA
    if inner == ADMIN1:
        return False
    reach = ADMIN2_REACH_KM if kind == ADMIN2 else TOWN_REACH_KM
    return km(gaz, area, row) <= reach


def container_areas(gaz: Gazetteer, outer: Work) -> list[int]:
    """The rows the container may stand for: its reading, and the units of its name in the
    same country ("Chittagong" the city is also the division and district of that name)."""
    assert outer.row is not None
    cc = gaz.country[outer.row]
    units = [
        c.row
        for c in outer.candidates
        if gaz.kind[c.row] in (ADMIN1, ADMIN2) and gaz.country[c.row] == cc and c.row != outer.row
    ]
    return [outer.row, *units]


def inside_container(gaz: Gazetteer, work: Work) -> list[Candidate]:
    """The candidates of ``work`` that lie in the place the text puts it in.

    Inside the container's reading (or a unit of its name) first; failing that, in its
    country; failing that nothing, except a metropolis called by its main name (the container
    is then the likelier misreading) and the cities of a list ("Damascus, Beirut"). A part of
    a longer name ("Rio" of "Rio Messalo") stands only inside its container, and not at all
    when the container is unknown: the writer named a small place.
    """
    outer = work.within
    if outer is None:
        return work.candidates
    if outer.row is None or not gaz.country[outer.row]:
        return [] if work.partial else work.candidates
    broad = [c for c in work.candidates if gaz.kind[c.row] in (COUNTRY, CONTINENT)]
    areas = container_areas(gaz, outer)
    inside = [c for c in work.candidates if any(contains(gaz, a, c.row) for a in areas)]
    if inside or work.partial:
        return broad + inside
    cc = gaz.country[outer.row]
    in_country = [c for c in work.candidates if gaz.country[c.row] == cc]
    if in_country and not (work.within_list and gaz.kind[outer.row] == TOWN):
        return broad + in_country
    least = LISTED_ABROAD_POPULATION if work.within_list else CONTAINED_ABROAD_POPULATION
    return [
        c
        for c in work.candidates
        if gaz.country[c.row] == cc
        or gaz.kind[c.row] in (COUNTRY, CONTINENT)
        or (
            gaz.population[c.row] >= least
            and (work.within_list or (c.primary and gaz.kind[c.row] == TOWN))
        )
    ]
