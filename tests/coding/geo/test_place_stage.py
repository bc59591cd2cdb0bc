"""PlaceStage in the real coder: an event with no place named gets a country's point."""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.place_stage import ACTOR_COUNTRY


def test_unnamed_place_takes_the_target_country_point_marked_as_inferred(coder: Coder) -> None:
    text = "Turkish military forces shelled YPG positions overnight."
    events = coder.code_text(text, None, "t1").events
    located = [e for e in events if e.place is not None]
    assert located, "an event with actors of known countries should get a place"
    place = located[0].place
    assert place is not None
    assert place.country == "SYR"  # the target's country, not the shelling army's
    assert place.feature == ACTOR_COUNTRY
    assert place.lat is not None and place.lon is not None


def test_named_place_is_kept_over_the_actor_country(coder: Coder) -> None:
    text = "Turkish military forces shelled YPG positions in Afrin."
    events = coder.code_text(text, None, "t2").events
    places = [e.place for e in events if e.place is not None]
    assert places and places[0].feature != ACTOR_COUNTRY
    assert places[0].country == "SYR"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the Armenian town once called Tovuz loses to the Azerbaijani town of that name now
        ("Armenian forces fired on positions at Aghbulag, Tovuz.", "AZE"),
        ("Azerbaijani troops shelled a village in Tavush province, officials said.", "ARM"),
        (
            "Boko Haram fighters killed four civilians in Kolofata town (Mayo-Sava, Extreme-Nord).",
            "CMR",
        ),
        ("Indian troops fired mortars at Nakyal sector of Kotli, Pakistani officials said.", "PAK"),
    ],
)
def test_a_place_the_text_names_beats_the_actors_country(
    coder: Coder, text: str, country: str
) -> None:
    events = coder.code_text(text, None, "t3").events
    places = [e.place for e in events if e.place is not None]
    assert places and all(p.country == country for p in places)
    assert all(p.feature != ACTOR_COUNTRY for p in places)
