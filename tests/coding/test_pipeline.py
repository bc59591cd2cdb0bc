"""Behaviour of the event coder on single sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.coding.pipeline import Coder


def events_of(coder: Coder, text: str) -> list:
    return coder.code_text(text, published=dt.date(2024, 3, 4)).events


def test_passive_voice_swaps_roles(coder: Coder) -> None:
    active = events_of(coder, "Rebels attacked an army base near the border.")
    passive = events_of(coder, "An army base was attacked by rebels near the border.")
    for events in (active, passive):
        assault = next(e for e in events if e.plover_event == "ASSAULT")
        assert assault.source is not None and "rebels" in assault.source.text.lower()
        assert assault.target is not None and "base" in assault.target.text.lower()


def test_negated_attack_is_not_an_assault(coder: Coder) -> None:
    events = events_of(coder, "The army did not attack the village on Monday.")
    assert not [e for e in events if e.plover_event == "ASSAULT"]


def test_threat_to_strike_is_threaten(coder: Coder) -> None:
    events = events_of(coder, "Russia threatened to strike the port of Odesa.")
    assert [e.plover_event for e in events] == ["THREATEN"]
    assert events[0].cameo_code == "138"
    assert events[0].modality == "threatened"


def test_future_attack_is_a_threat_not_an_assault(coder: Coder) -> None:
    events = events_of(coder, "The militia said it would attack the airport.")
    assert {e.plover_event for e in events} == {"THREATEN"}
    assert events[0].quote_speaker == "The militia"


def test_hedged_report_lowers_confidence(coder: Coder) -> None:
    plain = events_of(coder, "Soldiers shelled the town.")[0]
    hedged = events_of(coder, "Soldiers reportedly shelled the town, according to residents.")[0]
    assert hedged.hedged and not plain.hedged
    assert 0 <= hedged.confidence < plain.confidence <= 1


def test_refusal_to_meet_is_a_rejection(coder: Coder) -> None:
    events = events_of(coder, "The opposition refused to meet the president.")
    assert events[0].plover_event == "REJECT"
    assert events[0].cameo_code == "125"


def test_call_to_release_is_a_request(coder: Coder) -> None:
    events = events_of(coder, "Protesters called on the government to release the detainees.")
    assert [e.plover_event for e in events] == ["REQUEST"]


def test_airstrike_maps_to_acled_air_strike(coder: Coder) -> None:
    events = events_of(coder, "Warplanes carried out airstrikes on the village of Zarzur.")
    assert events[0].acled_event_type == "Explosions/Remote violence"
    assert events[0].acled_sub_event_type == "Air/drone strike"


def test_earthquake_is_not_a_political_event(coder: Coder) -> None:
    events = events_of(coder, "An earthquake killed 20 people in the mountains.")
    assert [(e.plover_event, e.plover_mode) for e in events] == [
        ("NONPOLITICAL", "natural-disaster")
    ]


def test_event_ids_are_deterministic(coder: Coder) -> None:
    text = "Rebels attacked an army base. Police arrested 12 protesters."
    first = [e.id for e in events_of(coder, text)]
    second = [e.id for e in events_of(coder, text)]
    assert first == second and len(set(first)) == len(first) == 2


def test_evidence_span_points_into_the_document(coder: Coder) -> None:
    text = "Nothing happened. Police arrested 12 protesters in the capital."
    event = coder.code_text(text).events[0]
    ev = event.evidence
    assert text[ev.start : ev.end] == ev.text and ev.sentence_index == 1


def test_explanations_show_sentences_actors_and_reasons(coder: Coder) -> None:
    text = "Rebels shelled the town of Idlib on Monday. Police arrested 12 protesters."
    lines = coder.code_text(text, published=dt.date(2018, 1, 29)).explanations
    joined = "\n".join(lines)
    assert lines[0].startswith("[0] Rebels shelled")
    assert "trigger 'shelled' by core verb 'shell'" in joined
    assert "[1] Police arrested" in joined and "COERCE/arrest" in joined


def test_protesters_gathering_is_a_protest(coder: Coder) -> None:
    events = events_of(coder, "Thousands of protesters gathered outside parliament on Friday.")
    assert [e.plover_event for e in events] == ["PROTEST"]
    assert events[0].acled_event_type == "Protests"


def test_outcome_of_an_attack_is_not_a_second_event(coder: Coder) -> None:
    events = events_of(coder, "Militants shelled the village, killing three civilians.")
    assert [e.cameo_code for e in events] == ["194"]
    assert events[0].fatalities == 3


def test_refused_agreement_is_negated_cooperation(coder: Coder) -> None:
    events = events_of(coder, "The government did not accept the peace plan.")
    assert events[0].plover_event == "REJECT" and events[0].negated


def test_recipient_is_the_target_not_the_thing_given(coder: Coder) -> None:
    events = events_of(coder, "Japan will send emergency food aid to Kenya next month.")
    assert events[0].target is not None and events[0].target.country == "KEN"
    demand = events_of(coder, "France demanded that Iran release the two journalists.")[0]
    assert demand.plover_event == "REQUEST" and demand.target.country == "IRN"


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        (
            "Unidentified gunmen shot and killed a man in the market.",
            ("Violence against civilians", "Attack"),
        ),
        (
            "Hundreds protested in the capital and police arrested 20 of them.",
            ("Protests", "Protest with intervention"),
        ),
        ("A mob beat a suspected thief to death in the town square.", ("Riots", "Mob violence")),
        ("A man threw a grenade at a police patrol.", ("Explosions/Remote violence", "Grenade")),
        (
            "Army engineers defused an IED planted on the road.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        (
            "A suicide bomber blew himself up at a checkpoint.",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
    ],
)
def test_acled_sub_event_types(coder: Coder, text: str, acled: tuple[str, str]) -> None:
    event = events_of(coder, text)[0]
    assert (event.acled_event_type, event.acled_sub_event_type) == acled


def test_claim_of_responsibility_keeps_the_claimant(coder: Coder) -> None:
    event = events_of(coder, "The Islamic State claimed responsibility for the bombing.")[0]
    assert event.plover_event == "ASSAULT" and event.modality == "claimed"
    assert event.quote_speaker == "The Islamic State"


def test_things_doing_things_are_not_political_events(coder: Coder) -> None:
    text = "Three bedrooms occupy the top floor. All plans offer a covered porch."
    coded = coder.code_text(text)
    assert coded.events == []
    assert any("no political actor" in line for line in coded.explanations)


def test_resignation_is_a_retreat(coder: Coder) -> None:
    event = events_of(coder, "The prime minister resigned on Sunday after mass protests.")[0]
    assert (event.plover_event, event.plover_mode, event.cameo_code) == (
        "RETREAT",
        "resign",
        "0831",
    )


def test_willingness_to_withdraw_is_an_intent(coder: Coder) -> None:
    event = events_of(coder, "Syria said it is willing to withdraw its troops from Lebanon.")[0]
    assert event.plover_event == "AGREE" and event.modality == "planned"


@pytest.mark.parametrize(
    ("text", "target_country"),
    [
        ("Berlin rejected new calls by Belarusian officials for economic aid.", "BLR"),
        ("The army lifted a week-old curfew in Aleppo on Sunday.", "SYR"),
    ],
)
def test_the_target_is_the_party_an_object_concerns(
    coder: Coder, text: str, target_country: str
) -> None:
    events = coder.code_text(text).events
    assert events and events[0].target is not None
    assert events[0].target.country == target_country


def test_a_reported_obligation_is_the_speakers_demand(coder: Coder) -> None:
    events = coder.code_text(
        "Norway said on Monday that Sudan must release the detained crew."
    ).events
    demand = next(e for e in events if e.plover_event == "REQUEST")
    assert demand.source is not None and demand.source.country == "NOR"
    assert demand.target is not None and demand.target.country == "SDN"


def test_violence_named_in_an_accusation_is_kept_hedged_and_done_by_the_accused(
    coder: Coder,
) -> None:
    events = coder.code_text("Syria accused Israel of striking an airbase near Homs.").events
    assert [e.plover_event for e in events] == ["ACCUSE", "ASSAULT"]
    accusation, strike = events
    assert strike.source is not None and strike.source.country == "ISR"
    assert strike.hedged and strike.confidence < accusation.confidence


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters gained control of the village on Sunday.",
        "Army units took several insurgent positions east of the river.",
        "Rebels controlled the village of Kafr Hamra after heavy clashes.",
    ],
)
def test_taking_control_or_positions_is_seizing_territory(coder: Coder, text: str) -> None:
    assert [e.cameo_code for e in coder.code_text(text).events][:1] == ["192"]


def test_the_acronym_is_is_a_group_not_a_passive(coder: Coder) -> None:
    # read as "is controlled", the sentence had no event and no doer
    events = coder.code_text("IS controlled Kafr Hamra village in the countryside of Hama.").events
    assert [e.cameo_code for e in events] == ["192"]
    assert events[0].source is not None and events[0].source.text == "IS"


def test_a_word_of_an_organisations_name_is_no_event(coder: Coder) -> None:
    text = "The Popular Mobilization repelled an attack by Islamic State militants near Baiji."
    events = coder.code_text(text).events
    assert [e.plover_event for e in events] == ["ASSAULT"]  # no MOBILIZE for "Mobilization"
    assert events[0].source is not None and events[0].source.country == "IRQ"


def test_an_apposition_says_who_an_unknown_name_is(coder: Coder) -> None:
    text = "Salim Qatan, a senior Houthi official, was shot dead by gunmen in Sanaa."
    events = coder.code_text(text).events
    assert [e.cameo_code for e in events][:1] == ["193"]
    assert events[0].target is not None and events[0].target.country == "YEM"


def test_a_capitalised_plural_opening_a_sentence_is_a_trigger(coder: Coder) -> None:
    events = coder.code_text("Airstrikes were reported in both villages of the district.").events
    assert [e.plover_event for e in events] == ["ASSAULT"]


def test_a_town_falling_to_a_force_was_taken_by_it(coder: Coder) -> None:
    events = coder.code_text("The garrison town of Mesra fell to the insurgents on Sunday.").events
    assert [e.cameo_code for e in events] == ["192"]
    assert events[0].source is not None and events[0].source.text == "the insurgents"


def test_what_was_done_without_is_no_event(coder: Coder) -> None:
    text = "Army troops entered the town without firing a shot."
    codes = [e.cameo_code or "" for e in coder.code_text(text).events]
    assert not [c for c in codes if c.startswith(("18", "19"))]  # no shooting, no clash


def test_setting_fire_to_a_building_destroys_property(coder: Coder) -> None:
    text = "Unknown men set fire to the offices of the electoral commission overnight."
    assert [e.cameo_code for e in coder.code_text(text).events] == ["1712"]


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        ("A roadside bombing killed three soldiers near the market.", "1833", None),
        (
            "Artillery fire hit a market in the town, killing five civilians.",
            "194",
            "Artillery fire",
        ),
        ("Rival factions clashed in the camp overnight.", "190", "Rival factions"),
        ("Gunmen attacked the convoy, killing two.", "193", "Gunmen"),
    ],
)
def test_weapons_and_fighters_name_what_happened_and_who(
    coder: Coder, text: str, code: str, source: str | None
) -> None:
    events = coder.code_text(text).events
    assert [e.cameo_code for e in events][:1] == [code]
    assert (events[0].source.text if events[0].source else None) == source


def test_a_passive_claim_names_the_claimant(coder: Coder) -> None:
    text = "Responsibility for the bombing was claimed by the Eastern Shield group."
    events = coder.code_text(text).events
    assert [(e.modality, e.source.text if e.source else None) for e in events][:1] == [
        ("claimed", "the Eastern Shield group")
    ]


def test_a_planned_protest_has_not_happened(coder: Coder) -> None:
    text = "Police arrested 20 activists ahead of a planned demonstration."
    events = coder.code_text(text).events
    assert [e.cameo_code for e in events] == ["173", "133"]  # arrests; a protest announced


@pytest.mark.parametrize(
    ("text", "accident"),
    [
        ("An explosion at a chemical plant killed 12 workers.", True),
        ("An IED explosion at the gas plant killed two guards.", False),
        ("An explosion at a police station killed two officers.", False),
    ],
)
def test_an_explosion_at_an_industrial_site_is_an_accident(
    coder: Coder, text: str, accident: bool
) -> None:
    events = coder.code_text(text).events
    assert events and (events[0].plover_event == "NONPOLITICAL") == accident
