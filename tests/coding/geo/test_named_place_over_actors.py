"""A place the text names beats the actors' country, and a guessed reading of a name (an
alternate name, a spelling variant) may not carry the events across a border.

Sentences written for these tests, in several registers (wire, local press, official
statement, social post) and regions; none is taken from an evaluation file.
"""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.place_stage import ACTOR_COUNTRY
from watchfloor.records import PlaceRef


def _places(coder: Coder, text: str) -> list[PlaceRef]:
    events = coder.code_text(text, None, "named-place").events
    return [e.place for e in events if e.place is not None]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # social posts: an attack verb in the progressive tense before a bare name
        ("Turkish drones pounding Qamishli right now", "SYR"),
        ("Israeli jets bombing Khan Younis right now", "PSE"),
        ("Saudi jets hitting Saada again tonight, locals say", "YEM"),
        ("Ethiopian drones striking Dessie right now", "ETH"),
        ("Indian drones targeting Bhimber tonight!!", "PAK"),
        ("Azerbaijani forces are shelling Martuni right now", "ARM"),
        # wire and local press: foreign forces named by their nationality, a town abroad
        ("French jets struck Menaka on Friday, the army said.", "MLI"),
        ("Malian soldiers raided Djibo at dawn, residents told reporters.", "BFA"),
        ("Rwandan troops shelled Goma, the Congolese army said.", "COD"),
        ("Burundian soldiers entered Uvira, local press reported.", "COD"),
        ("Colombian guerrillas attacked Guasdualito, the Venezuelan government said.", "VEN"),
        ("Eritrean troops shelled Adigrat on Saturday, Tigrayan officials said.", "ETH"),
        ("Russian jets pounded Tskhinvali in 2008.", "GEO"),
        # official statements
        ("Indian troops shelled Kotli, the Pakistani army said in a statement.", "PAK"),
        ("Burkinabe troops attacked Tillaberi, the Niger government said in a statement.", "NER"),
        (
            "Armenian artillery shelled Tartar overnight, the Azerbaijani defence ministry said.",
            "AZE",
        ),
    ],
)
def test_a_named_town_beats_the_actors_country(coder: Coder, text: str, country: str) -> None:
    places = _places(coder, text)
    assert places, text
    assert all(p.country == country for p in places), (text, places)
    assert all(p.feature != ACTOR_COUNTRY for p in places), (text, places)


@pytest.mark.parametrize(
    "text",
    [
        # "Hamam" (a village of Afrin the gazetteer lacks) is an old name of Haymana, Turkey
        "Turkish artillery shelled Hamam village on Monday, killing two civilians.",
        "Turkish artillery pounding Hamam right now",
        "Turkish forces shelled the village of Hamam near Jinderes on Monday.",
    ],
)
def test_an_alternate_name_in_the_actors_country_is_not_the_place(
    coder: Coder, text: str
) -> None:
    """No town is read by its old name on the strength of the actors' nationality alone."""
    places = _places(coder, text)
    assert all(p.name != "Haymana" for p in places), (text, places)
    assert all(p.feature == ACTOR_COUNTRY or p.feature == "PCLI" for p in places), places


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Turkish forces shelled Hamam village on Monday. The village lies west of Afrin.", "SYR"),
        ("Turkish forces shelled the village of Hamam in Afrin district.", "SYR"),
    ],
)
def test_a_small_namesake_far_from_the_storys_places_is_refused(
    coder: Coder, text: str, country: str
) -> None:
    """Neither Haymana (Turkey, an old name) nor H̱amam (Israel, a namesake) when the story
    puts the village in Afrin."""
    places = _places(coder, text)
    assert places and all(p.country == country for p in places), (text, places)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a tie between named places goes to the actors' country; it never beats a town
        ("Hezbollah guerrillas killed the deputy chief of Israel's militia ally in southern "
         "Lebanon on Sunday, sources said.", "LBN"),
        ("Russian jets struck Idlib on Tuesday, killing five civilians, a monitor said.", "SYR"),
        ("Pakistani rangers fired at villages near Kathua, Indian officials said.", "IND"),
        ("Afghan forces attacked Chaman, Pakistani officials said.", "PAK"),
    ],
)
def test_the_actors_country_only_breaks_ties_between_named_places(
    coder: Coder, text: str, country: str
) -> None:
    places = _places(coder, text)
    assert places and all(p.country == country for p in places), (text, places)
