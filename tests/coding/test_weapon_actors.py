"""Who fires, who is fired at, and who a name is (coding/classify.py, coding/roles.py,
coding/acled_stage.py, coding/actors.py, lang/en/roles.tsv, actor_data/sector_words.yaml).

Every sentence here was written for these tests, in several registers (wire, local press,
official statement, NGO situation report, social post) and regions (Great Lakes, Caucasus,
South Asia, Middle East, Horn of Africa, Latin America, Sahel).
"""

from __future__ import annotations

import pytest

from tests.coding.acled_types import ATTACK, CLASH
from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.common import main_event

EXCESSIVE = ("Protests", "Excessive force against protesters")


def _main(coder: Coder, text: str):  # type: ignore[no-untyped-def]
    event = main_event(coder.code_text(text).events, prefer_acled=True)
    assert event is not None, f"no event in {text!r}"
    return event


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Rwandan artillery shelled villages in North Kivu on Tuesday.", "RWA"),
        ("Azerbaijani artillery units shelled Armenian positions near Tavush.", "AZE"),
        ("Pakistani gunships attacked militant hideouts in North Waziristan.", "PAK"),
        ("Indian artillery pounded posts along the Line of Control, officials said.", "IND"),
        ("Israeli warplanes struck Hamas positions in Gaza overnight.", "ISR"),
        ("Ethiopian drones killed 19 civilians in a strike on a market in Tigray.", "ETH"),
        ("Colombian army helicopters strafed an ELN camp in Arauca.", "COL"),
        ("Armenian artillery fired on Azerbaijani positions in Tovuz.", "ARM"),
    ],
)
def test_a_nations_weapon_is_its_military(coder: Coder, text: str, country: str) -> None:
    event = _main(coder, text)
    assert event.source is not None, f"no source in {text!r}"
    assert (event.source.country, event.source.sector) == (country, "MIL")


def test_a_weapon_of_no_nation_has_no_actor(coder: Coder) -> None:
    event = _main(coder, "A roadside bomb killed three soldiers near Kandahar.")
    assert event.source is None


def test_a_named_doer_of_attacks_is_the_source(coder: Coder) -> None:
    event = _main(coder, "US Predator attacks have killed eight al-Qaeda leaders since July.")
    assert event.source is not None and event.source.country == "USA"


@pytest.mark.parametrize(
    "text",
    [
        # Middle East, wire: an armed opposition's bases and positions are no protesters
        "Iranian Revolutionary Guards fired missiles at Kurdish opposition bases in Iraq.",
        "Government troops shelled opposition-held areas of Aleppo on Monday.",
        "The Syrian army attacked opposition positions in Idlib province.",
        # West Africa, local press: the opposition's people attacked, no demonstration
        "A supporter of the opposition was attacked at his home in Abomey-Calavi.",
    ],
)
def test_force_against_the_opposition_with_no_demonstration_is_no_protest(
    coder: Coder, text: str
) -> None:
    event = _main(coder, text)
    assert (event.acled_event_type, event.acled_sub_event_type) != EXCESSIVE


def test_the_oppositions_people_attacked_are_civilians(coder: Coder) -> None:
    event = _main(coder, "A supporter of the opposition was attacked at his home in Adjagbo.")
    assert (event.acled_event_type, event.acled_sub_event_type) == ATTACK


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers shot dead three protesters during a march against the junta in Mandalay.",
        "Security forces fired live rounds at demonstrators in Bante, killing one.",
    ],
)
def test_force_against_demonstrators_stays_excessive_force(coder: Coder, text: str) -> None:
    event = _main(coder, text)
    assert (event.acled_event_type, event.acled_sub_event_type) == EXCESSIVE


@pytest.mark.parametrize(
    ("text", "munition"),
    [
        ("Security forces fired live rounds at demonstrators in Bante, killing one.", "rounds"),
        ("Soldiers fired live bullets at villagers in Kasai, killing two.", "bullets"),
        ("Police fired rubber bullets on striking miners in Rustenburg.", "bullets"),
        ("tear gas was fired at opposition supporters outside the court in Lusaka", "gas"),
    ],
)
def test_a_fired_munition_is_no_target(coder: Coder, text: str, munition: str) -> None:
    event = _main(coder, text)
    assert event.target is not None and munition not in event.target.text


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("President Omar Hassan al-Bashir met rebel leaders in Khartoum on Monday.", "SDN"),
        ("Crown Prince Hassan of Jordan visited Baghdad.", "JOR"),
    ],
)
def test_a_given_name_is_not_a_one_word_person(coder: Coder, text: str, country: str) -> None:
    events = coder.code_text(text).events
    assert events and events[0].source is not None
    assert events[0].source.country == country


@pytest.mark.parametrize(
    "text",
    [
        # Sahel, report style: the date before the doers is no target
        "On 12 October 2022, Beninese soldiers shot and killed 8 members of an armed group.",
        # Middle East, wire
        "Unknown gunmen shot dead an Iraqi army officer in the area of Sansal.",
        # Latin America, local press
        "On Monday, gunmen shot and wounded two policemen in Tumaco, Narino.",
        # South Asia, official statement
        "On 3 May, Maoist cadres shot dead two CRPF jawans in Sukma district, police said.",
    ],
)
def test_forces_on_both_sides_clash(coder: Coder, text: str) -> None:
    event = _main(coder, text)
    assert (event.acled_event_type, event.acled_sub_event_type) == CLASH


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic State executed three prisoners from the Syrian army near Sanjar.",
        "On 5 May, soldiers shot dead two detainees from a rebel group in Beni.",
    ],
)
def test_captive_fighters_killed_are_attacked(coder: Coder, text: str) -> None:
    event = _main(coder, text)
    assert (event.acled_event_type, event.acled_sub_event_type) != CLASH


def test_a_date_is_no_target(coder: Coder) -> None:
    event = _main(coder, "On 5 July 2022, soldiers fired on a crowd in Goma.")
    assert event.target is not None and "crowd" in event.target.text
