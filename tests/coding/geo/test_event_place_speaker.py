"""The event's place, not the speaker's (coding/geo/event_place.py, lang/en/place_speakers.tsv)."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.coding.geo.event_place import speaker_cues
from watchfloor.coding.pipeline import Coder
from watchfloor.records import Event


def events_of(coder: Coder, text: str) -> list[Event]:
    return coder.code_text(text, published=dt.date(2024, 3, 4)).events


# (sentence, the event's country, a word the place name must hold or None)
SPEAKER_ELSEWHERE = [
    (
        "The Pentagon said a drone strike near Baghdad International Airport killed a commander.",
        "IRQ",
        "Baghdad",
    ),
    (
        "A drone strike near Baghdad International Airport killed ten people, the Pentagon said.",
        "IRQ",
        "Baghdad",
    ),
    (
        "Officials in Tehran told reporters that the strike killed three guards in Syria.",
        "SYR",
        None,
    ),
    ("Officials in Moscow said Ukrainian drones hit an oil depot in Belgorod.", "RUS", "Belgorod"),
    ("Kuwait told its citizens to leave Iraq immediately.", "IRQ", None),
    ("Bahrain urged its nationals to leave Lebanon at once.", "LBN", None),
    ("Washington imposed sanctions on militia leaders in Iraq.", "IRQ", None),
    ("Paris condemned the attack on a UN convoy near Gao.", "MLI", None),
    ("According to officials in Baghdad, a rocket hit a base in Anbar.", "IRQ", "Anbar"),
    ("Ankara announced that its troops had entered Afrin.", "SYR", "Afr"),
    ("Sources in Sanaa said clashes erupted in Marib on Tuesday.", "YEM", "rib"),
    ("London said a British ship was seized near the Strait of Hormuz.", None, None),
]


@pytest.mark.parametrize(("text", "country", "word"), SPEAKER_ELSEWHERE)
def test_speaker_does_not_place_the_event(
    coder: Coder, text: str, country: str | None, word: str | None
) -> None:
    events = events_of(coder, text)
    assert events, text
    speaker_places = {
        "Pentagon",
        "Tehran",
        "Moscow",
        "Kuwait",
        "Bahrain",
        "Washington",
        "Paris",
        "Baghdad",
        "Ankara",
        "Sanaa",
        "London",
    }
    for event in events:
        place = event.place
        name = place.name if place else ""
        assert name not in speaker_places, (text, place)
        if country is not None:
            assert place is not None and place.country == country, (text, place)
        if word is not None:
            assert word in name, (text, place)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Washington imposed sanctions on the militia leader.", "USA"),
        ("The Pentagon said it had struck the militia.", "USA"),
    ],
)
def test_speaker_alone_leaves_only_the_actor_country(coder: Coder, text: str, country: str) -> None:
    """Nothing else named: no place from the speaker; the actor's country, marked as such."""
    for event in events_of(coder, text):
        assert event.place is None or event.place.feature == "country-from-actor", event.place


@pytest.mark.parametrize(
    ("text", "country", "word"),
    [
        ("Syrian troops in Aleppo attacked rebel positions.", "SYR", "Aleppo"),
        ("Protesters in Baghdad said they would march again on Friday.", "IRQ", None),
        ("Kabul fell to the Taliban on Sunday.", "AFG", "Kabul"),
        ("Police in Cotonou said they used tear gas to disperse protesters.", "BEN", "Cotonou"),
        ("Protesters in Dogbo demanded fair elections.", "BEN", "Dogbo"),
        ("Villagers outside Goris said tanks crossed from Azerbaijan.", "ARM", "Goris"),
        ("Officials in Tehran said a gas leak killed two workers.", "IRN", "Tehran"),
        ("Gunmen in Kano attacked a police station, residents said.", "NGA", "Kano"),
    ],
)
def test_place_of_the_doer_still_counts(
    coder: Coder, text: str, country: str, word: str | None
) -> None:
    """Only speakers are set aside: a place where the doers are stays the event's place, and a
    local speaker's place counts when nothing else places the event."""
    events = [e for e in events_of(coder, text) if e.place is not None]
    assert events and all(e.place.country == country for e in events if e.place), text
    if word is not None:
        assert any(word in (e.place.name if e.place else "") for e in events)


def test_speaker_cues_are_data() -> None:
    cues = speaker_cues("en")
    assert cues["say"] == "speech" and cues["impose"] == "policy"
    assert cues["accord"] == "attribution"
    assert speaker_cues("xx") == {}
