"""The stage that types a report by its heading ("Movement of forces: On 3 May ...").

ACLED-style reports open with the kind of strategic development they tell of; the headings
and the types they name live in ``lang/<language>/acled_headings.tsv``. The stage runs after
the political-actor filter: a heading says the report is an event whoever its actors are, so
where no event of the first sentence is left, it adds one. The ACLED actor stage adds it
before the place stage as well, so that a report with no other event gets its place.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from watchfloor.coding.acled_actors import AcledCues, Heading
from watchfloor.coding.geo.event_place import choose_event_place
from watchfloor.coding.model import sentence_candidate
from watchfloor.coding.work import WorkDoc

#: how many words may stand before a report heading's colon
HEADING_WORDS = 6
HEADING_STRENGTH = 0.6


def heading_of(cues: AcledCues, span: Span) -> tuple[str, Heading] | None:
    """The heading a sentence opens with ("Displacement: ...") and what it names, if any."""
    colon = next((t.i for t in span[: HEADING_WORDS + 1] if t.text == ":"), None)
    if colon is None:
        return None
    key = span.doc[span.start : colon].text.strip().lower()
    found = cues.headings.get(key)
    return (key, found) if found is not None else None


def type_by_heading(work: WorkDoc, cues: AcledCues, actors: Any) -> None:
    """Give the first sentence's events the type the report's heading names; add an event
    where none of that sentence is (placed from the document's place mentions, if found)."""
    heading = heading_of(cues, work.spans[0]) if work.spans else None
    if heading is None:
        return
    key, found = heading
    note = f"ACLED {found.acled.sub_event_type}: report heading '{key}'"
    first = [c for c in work.candidates if c.sentence_index == 0 and not c.nonpolitical]
    if not first:
        span = work.spans[0]
        rule = f"report heading '{key}'"
        added = sentence_candidate(work, 0, span, found.cameo_code, rule, HEADING_STRENGTH, actors)
        added.place = choose_event_place(span, work.place_mentions, None)
        work.candidates.insert(0, added)
        first = [added]
    for cand in first:
        if cand.acled_hint != found.acled:
            cand.acled_hint = found.acled
            cand.notes.append(note)


class AcledHeadingStage:
    """Type a report by its heading after the political-actor filter, adding the event again
    where the filter dropped it: the heading says it is one."""

    name: str = "acled-headings"
    reads: tuple[str, ...] = ("spans", "candidates", "place_mentions")
    writes: tuple[str, ...] = ("candidates", "candidates.acled_hint")

    def __init__(self, cues: AcledCues, actors: Any) -> None:
        self.cues = cues
        self.actors = actors

    def __call__(self, work: WorkDoc) -> None:
        type_by_heading(work, self.cues, self.actors)
