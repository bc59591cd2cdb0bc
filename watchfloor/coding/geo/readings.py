"""Whether a name read by a spelling variant or an alternate name may stand where it lands.

Such a reading is a guess: "Hamam" (a village in Afrin the gazetteer lacks) is also an old
name of Haymana near Ankara, and "Turkish forces shelled Hamam" must not put the shelling in
Turkey. A wrong place raises false alerts; no place is better. So a weak reading of a small
town must lie where the story's other places or the input's declared country put it, and
may not beat the main-name reading of another town on the actors' country alone.
"""

from __future__ import annotations

from watchfloor.coding.geo.gazetteer import CONTINENT, COUNTRY, TOWN, Gazetteer
from watchfloor.coding.geo.hierarchy import km
from watchfloor.coding.geo.model import Context, Work

#: A town this large read by an alternate name or spelling stands on its own ("Bombay").
WEAK_READING_POPULATION = 100_000
BROAD_KINDS = (COUNTRY, CONTINENT)
#: A small town across a border from all the story's places must lie this close to one.
BORDER_KM = 150.0


def placed_rows(gaz: Gazetteer, key: str, context: Context) -> list[int]:
    """The rows of the story's named places below the country other than ``key``: not
    nationality words, parts of longer names nor countries, which mostly say whose the
    actors are ("Palestinians burn effigies of the United States President in Bethlehem",
    "a protest against Turkey in Menbij"), not where anything is."""
    return [
        w.row
        for w in context.works
        if w.row is not None
        and w.key != key
        and w.cue.role != "adjective"
        and not w.partial
        and gaz.kind[w.row] not in BROAD_KINDS
    ]


def reading_countries(gaz: Gazetteer, work: Work) -> set[str]:
    """The countries (ISO2) the name's readings lie in."""
    return {gaz.country[c.row] for c in work.candidates}


def namesake_abroad(gaz: Gazetteer, row: int, work: Work, context: Context) -> bool:
    """A small town of a name that has readings in several countries, in a country none of
    the story's other places lie in and far from all of them: a namesake ("Hamam" in Israel
    for a story about Afrin), not the place meant. A name read in one country only stays
    ("Ankara announced that its troops had entered Afrin")."""
    if gaz.kind[row] != TOWN or gaz.population[row] >= WEAK_READING_POPULATION:
        return False
    if len(reading_countries(gaz, work)) < 2:
        return False
    key = work.key
    rows = placed_rows(gaz, key, context)
    cc = gaz.country[row]
    if not rows or any(gaz.country[other] == cc for other in rows):
        return False
    return all(km(gaz, row, other) > BORDER_KM for other in rows)


def placed_countries(gaz: Gazetteer, key: str, context: Context, declared: bool) -> set[str]:
    """The countries (ISO2) the story's named places other than ``key`` lie in
    (``placed_rows``), and the input's ``declared`` country."""
    found = {gaz.country[r] for r in placed_rows(gaz, key, context) if gaz.country[r]}
    if declared and context.hint:
        found.add(context.hint)
    return found


def weak_reading_fits(
    gaz: Gazetteer,
    row: int,
    work: Work,
    context: Context,
    *,
    declared: bool,
    main_name_elsewhere: bool,
    spelled: bool = False,
) -> bool:
    """Whether ``row``, reached by a spelling variant (``spelled``) or an alternate name of
    ``work``, may be its place: a large town by an alternate name always; otherwise only
    inside the countries the story's other places (and the declared country) point to
    ("Chenchen refugees" beside Chechnya are not in Shenzhen), and, when none do, not
    against a town that has the name as its main name (``main_name_elsewhere``)."""
    if gaz.kind[row] != TOWN:
        return True
    if not spelled and gaz.population[row] >= WEAK_READING_POPULATION:
        return True
    cc = gaz.country[row]
    placed = placed_countries(gaz, work.key, context, declared)
    if placed:
        return cc in placed
    return not main_name_elsewhere
