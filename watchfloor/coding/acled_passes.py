"""Passes of the ACLED actor stage over a document's events once each is typed.

ACLED codes one event per demonstration, typed by the most that happened in it: a
demonstration whose sentence also tells an act of its participants typed a violent
demonstration ("farmers demonstrated and attacked the delegation's cars") is one.
"""

from __future__ import annotations

from collections.abc import Callable

from watchfloor.coding.acled_actors import PROTEST_TYPED, VIOLENT_DEMO
from watchfloor.coding.ontology import AcledType
from watchfloor.coding.work import Candidate, WorkDoc


def one_demonstration(work: WorkDoc, current: Callable[[Candidate], AcledType | None]) -> None:
    """Make a demonstration violent when its sentence holds a violent demonstration's act;
    ``current`` gives an event's type as it stands."""
    for cand in work.candidates:
        found = None if cand.nonpolitical else current(cand)
        if found is None or found.sub_event_type not in PROTEST_TYPED or found == VIOLENT_DEMO:
            continue
        violent = [
            o.trigger.text
            for o in work.candidates
            if o is not cand
            and o.sentence_index == cand.sentence_index
            and not o.nonpolitical
            and o.cameo_code
            and current(o) == VIOLENT_DEMO
        ]
        if violent:
            cand.acled_hint = VIOLENT_DEMO
            cand.notes.append(f"ACLED {VIOLENT_DEMO.sub_event_type}: '{violent[0]}' by them")
