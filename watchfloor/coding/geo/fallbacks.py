"""Where a name the gazetteer cannot place lies: its container, or the story's own town.

"Magdawat, Pinabacdao, Samar" lies in the first placed name up its chain of containers; an
institution named after a place ("Colorado State University") in that place; a street or
building ("Washington Square") in the town the story names most.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from watchfloor.coding.geo.facilities import facility_words
from watchfloor.coding.geo.gazetteer import ADMIN2, EXTRA, TOWN, Gazetteer
from watchfloor.coding.geo.hierarchy import MAX_DEPTH, km
from watchfloor.coding.geo.model import PlaceMention, Work
from watchfloor.records import PlaceRef

# An institution named after a place lies there when the story's other names give that
# place's country at least this share of their weight (else the name is a person's).
INSTITUTION_SHARE = 0.1
NEIGHBOUR_KM = 100  # towns this close count as the same area when ranking the story's towns


def local_facility(
    gaz: Gazetteer,
    mention: PlaceMention,
    work: Work,
    local: PlaceRef | None,
    others: Callable[[Work], Mapping[str, float]],
) -> PlaceMention:
    """A name not in the gazetteer lies in the place the text puts it in ("the Bambino Gesu
    hospital in Rome", "Magdawat, Pinabacdao, Samar"); an institution with no such container
    in the place its name holds ("Colorado State University"); a street or building with
    neither in the story's own town ``local``. ``others(work)``: the country weights of the
    story's other names."""
    if mention.place is not None and not work.partial:
        return mention
    container = container_place(gaz, work)
    if container is not None:
        return PlaceMention(mention.text, mention.start, mention.end, container, 0.0, "contained")
    kind = facility_words().kind_of(mention.text)
    if local is None or kind is None:
        return mention
    if kind == "institution" and work.row is not None:
        # not "Douglas" of "Marjory Stoneman Douglas High School" abroad
        cc = gaz.country[work.row]
        weights = others(work)
        weight = weights.get(cc, 0.0) if cc else 0.0
        if not cc or weight >= INSTITUTION_SHARE * sum(weights.values()):
            return mention
    return PlaceMention(mention.text, mention.start, mention.end, local, 0.0, "facility")


def container_place(gaz: Gazetteer, work: Work) -> PlaceRef | None:
    """The first placed name up the chain of containers, unless the names are a list of towns
    ("Xyz, Beirut and Amman" says nothing of where Xyz lies)."""
    outer, listed = work.within, work.within_list
    for _ in range(MAX_DEPTH):
        if outer is None:
            return None
        if outer.row is not None:
            if listed and gaz.kind[outer.row] in (TOWN, EXTRA):
                return None
            return gaz.place_ref(outer.row)
        listed = listed and outer.within_list
        outer = outer.within
    return None


def dominant_town(gaz: Gazetteer, works: list[Work]) -> PlaceRef | None:
    """The town (or county) a document names most often; on ties the one with most of the
    story's other towns near it ("Gainesville" among Haymarket and Centreville, not a
    namesake "Metro" abroad), then the biggest. A name that reads as a site ("Washington
    Square") is not a town of the story."""
    counts: dict[int, int] = {}
    for work in works:
        if (
            work.row is not None
            and not work.partial
            and gaz.kind[work.row] in (TOWN, ADMIN2)
            and facility_words().kind_of(work.text) != "site"
        ):
            counts[work.row] = counts.get(work.row, 0) + 1
    if not counts:
        return None
    rows = list(counts)

    def neighbours(row: int) -> int:
        return sum(1 for other in rows if other != row and km(gaz, row, other) <= NEIGHBOUR_KM)

    return gaz.place_ref(
        max(rows, key=lambda r: (counts[r], neighbours(r), int(gaz.population[r])))
    )
