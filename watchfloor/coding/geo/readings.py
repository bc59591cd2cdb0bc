"""Whether a name read by a spelling variant or an alternate name may stand where it lands.

Such a reading is a guess: "Hamam" (a village in Afrin the gazetteer lacks) is also an old
name of Haymana near Ankara, and "Turkish forces shelled Hamam" must not put the shelling in
Turkey. A wrong place raises false alerts; no place is better. So a weak reading of a small
town must lie where the story's other places or the input's declared country put it, and
may not beat the main-name reading of another town on the actors' country alone.
"""

from __future__ import annotations

from watchfloor.coding.geo.gazetteer import TOWN, Gazetteer
from watchfloor.coding.geo.model import Context, Work

#: A town this large read by an alternate name or spelling stands on its own ("Bombay").
WEAK_READING_POPULATION = 100_000


def placed_countries(gaz: Gazetteer, work: Work, context: Context, declared: bool) -> set[str]:
    """The countries (ISO2) the story's other named places lie in, and the input's
    ``declared`` country: not nationality words nor parts of longer names, which say whose
    the actors are, not where anything is."""
    found = {
        gaz.country[w.row]
        for w in context.works
        if w.row is not None
        and w.key != work.key
        and w.cue.role != "adjective"
        and not w.partial
        and gaz.country[w.row]
    }
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
) -> bool:
    """Whether ``row``, reached by a spelling variant or an alternate name of ``work``, may be
    its place: a large town always; a small one only inside the countries the story's other
    places (and the declared country) point to, and, when none do, not against a town that
    has the name as its main name (``main_name_elsewhere``)."""
    if gaz.kind[row] != TOWN or gaz.population[row] >= WEAK_READING_POPULATION:
        return True
    cc = gaz.country[row]
    placed = placed_countries(gaz, work, context, declared)
    if placed:
        return cc in placed
    return not main_name_elsewhere
