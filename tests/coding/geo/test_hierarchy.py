"""The text's own place hierarchy: a name lies inside the place the text puts it in.

Sentences written for these tests in several styles (wire lead, local press, official
statement, social post) and regions; none is taken from an evaluation file.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from watchfloor.coding.geo import PlaceResolver
from watchfloor.coding.geo.gazetteer import ADMIN1, TOWN, Candidate, Gazetteer
from watchfloor.coding.geo.hierarchy import container_order, contains, link_containers
from watchfloor.coding.geo.mentions import SpanCue
from watchfloor.coding.geo.model import Work
from watchfloor.coding.geo.resolver import ACTOR_HINT_WEIGHT


def _event_place(nlp: Language, resolver: PlaceResolver, text: str):
    doc = nlp(text)
    mentions = resolver.resolve_document(doc)
    return resolver.event_place(doc[:], mentions)


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        # Latin America: the province after the comma or in brackets, not the US city
        ("Unidentified gunmen shot dead a farmer in Los Angeles, Biobio.", "CHL", "Biobio"),
        ("Farmers blocked Route 5 near Los Angeles (Biobio) to demand water rights.", "CHL", None),
        ("Clashes in Santa Rosa, La Pampa left one officer injured.", "ARG", "La Pampa"),
        # Philippines: municipality and province, with and without the level word
        ("Soldiers raided Barangay Santo Rosario Old, Zaragoza, Nueva Ecija.", "PHL", None),
        ("NPA rebels ambushed an army patrol in Magdawat, Pinabacdao, Samar.", "PHL", None),
        (
            "The 8th Infantry Division reported an encounter at Barangay Magdawat, "
            "Pinabacdao, Samar province.",
            "PHL",
            None,
        ),
        ("Troops repelled an attack in San Jose, Occidental Mindoro.", "PHL", None),
        # Southern Africa: a place the gazetteer lacks falls to the province it is said in
        (
            "Insurgents attacked a village near Rio Messalo (Muidumbe, Cabo Delgado) on Tuesday.",
            "MOZ",
            "Cabo Delgado",
        ),
        (
            "BREAKING: insurgents torch homes near Rio Messalo (Muidumbe, Cabo Delgado) #Moz",
            "MOZ",
            None,
        ),
        # West Africa: French unit names, a town in brackets after its district and region
        (
            "Boko Haram fighters killed four civilians in Kolofata town (Mayo-Sava, Extreme-Nord).",
            "CMR",
            None,
        ),
        ("Gunmen killed two herders in Tanguieta, Atacora department.", "BEN", None),
        # South Asia: upazila, district and division words; the possessive form
        (
            "Two Awami League activists were hurt in a clash in Hossainpur upazila of Kishoreganj.",
            "BGD",
            None,
        ),
        ("Militants attacked a checkpoint in Kishoreganj's Hossainpur upazila.", "BGD", None),
        ("Police fired tear gas at protesters in Mirsarai, Chittagong.", "BGD", None),
        ("A landmine killed two soldiers in Dera Bugti district of Balochistan.", "PAK", None),
        ("Police dispersed a rally in Hyderabad, Sindh.", "PAK", "Sindh"),
        ("Two people died in a blast in Hyderabad, Telangana.", "IND", "Telangana"),
        # Middle East
        ("Police arrested three suspects in Tuz Khurmatu district of Salahuddin.", "IRQ", None),
    ],
)
def test_a_place_lies_in_the_unit_the_text_puts_it_in(nlp, resolver, text, country, admin1):
    place = _event_place(nlp, resolver, text)
    assert place is not None and place.country == country
    if admin1:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Armenian forces fired on positions at Aghbulag, Tovuz.", "AZE"),
        ("Azerbaijani troops shelled a village in Tavush province, officials said.", "ARM"),
        ("Pakistani troops fired mortars at Uri, Baramulla, Indian officials said.", "IND"),
    ],
)
def test_a_named_place_beats_the_actors_country(nlp, resolver, text, country):
    place = _event_place(nlp, resolver, text)
    assert place is not None and place.country == country


def test_cities_of_a_list_are_not_held_inside_each_other(nlp, resolver):
    doc = nlp("Protesters gathered in Damascus, Beirut and Amman on Friday.")
    countries = {m.text: m.place.country for m in resolver.resolve_document(doc) if m.place}
    assert countries == {"Damascus": "SYR", "Beirut": "LBN", "Amman": "JOR"}


def test_a_name_the_gazetteer_lacks_takes_the_place_it_is_said_to_lie_in(nlp, resolver):
    doc = nlp("Insurgents attacked a village near Rio Messalo (Muidumbe, Cabo Delgado).")
    rio = next(m for m in resolver.resolve_document(doc) if m.text.startswith("Rio"))
    assert rio.place is not None and rio.role == "contained"
    assert (rio.place.name, rio.place.country) == ("Cabo Delgado", "MOZ")  # not Rio de Janeiro


@pytest.mark.parametrize(
    ("text", "name", "town"),
    [
        (
            "Doctors at the Bambino Gesu Paediatric Hospital in Rome spoke. London was calm.",
            "Bambino Gesu Paediatric Hospital",
            "Rome",
        ),
        (
            "Shots were fired outside the Khyber Teaching Hospital in Peshawar, Pakistan.",
            "Khyber Teaching Hospital",
            "Peshawar",
        ),
    ],
)
def test_a_building_lies_in_the_town_the_text_puts_it_in(nlp, resolver, text, name, town):
    mentions = resolver.resolve_spans(nlp(text), [(text.index(name), text.index(name) + len(name))])
    assert mentions[0].place is not None and mentions[0].place.name == town


def _row(gaz: Gazetteer, name: str, kind: str, country: str) -> int:
    """The most populous row of that name, kind and country."""
    rows = [
        c.row
        for c in gaz.candidates(name)
        if gaz.kind[c.row] == kind and gaz.country[c.row] == country
    ]
    return max(rows, key=lambda row: int(gaz.population[row]))


@pytest.mark.parametrize(
    ("inner", "inner_kind", "outer", "outer_kind", "country", "inside"),
    [
        ("Los Angeles", TOWN, "Biobio", ADMIN1, "CL", True),
        ("Santiago", TOWN, "Biobio", ADMIN1, "CL", False),
        ("Zaragoza", TOWN, "Nueva Ecija", "B", "PH", True),
        ("Dera Bugti", TOWN, "Balochistan", ADMIN1, "PK", True),
        ("Karachi", TOWN, "Balochistan", ADMIN1, "PK", False),
        ("Tovuz", TOWN, "Tovuz", ADMIN1, "AZ", True),
        ("Dhaka", TOWN, "Chittagong", ADMIN1, "BD", False),
    ],
)
def test_contains_reads_codes_and_distances(
    gazetteer, inner, inner_kind, outer, outer_kind, country, inside
):
    assert (
        contains(
            gazetteer,
            _row(gazetteer, outer, outer_kind, country),
            _row(gazetteer, inner, inner_kind, country),
        )
        is inside
    )


def _work(start: int, end: int, gap: tuple[str, ...]) -> Work:
    return Work(SpanCue(start, end, "ner", "locative", None), [Candidate(0, True)], gap_words=gap)


def test_brackets_commas_and_possessives_link_names_into_a_chain():
    # "Kolofata town ( Mayo-Sava , Extreme-Nord )" and "Kishoreganj 's Hossainpur"
    town, district, region = _work(0, 1, ("town", "(")), _work(3, 4, (",",)), _work(5, 6, (")",))
    link_containers([town, district, region])
    assert town.within is district and district.within is region and region.within is None
    assert district.within_list and not town.within_list
    assert container_order([town, district, region]) == [region, district, town]
    outer, inner = _work(0, 1, ("'s",)), _work(2, 3, ("upazila",))
    link_containers([outer, inner])
    assert inner.within is outer and outer.within is None


def test_admin2_units_carry_their_province(gazetteer):
    samar = _row(gazetteer, "Samar", "B", "PH")
    assert gazetteer.place_ref(samar).admin1 == "Eastern Visayas"
    assert gazetteer.place_ref(samar).feature == "ADM2"


@pytest.mark.parametrize(
    ("text", "actors", "collection", "country"),
    [
        (
            "Suspected JNIM militants attacked a patrol in Gouande (Materi, Atacora).",
            "MLI",
            {"BEN": 0.9, "MLI": 0.1},
            "BEN",
        ),
        (
            "Al-Shabaab fighters raided a police post in Mandera town, officials said.",
            "SOM",
            {"KEN": 0.8, "SOM": 0.2},
            "KEN",
        ),
    ],
)
def test_a_country_guessed_from_the_actors_leaves_the_collections_places_in_play(
    nlp, resolver, text, actors, collection, country
):
    resolver.use_prior(collection)
    try:
        doc = nlp(text)
        mentions = resolver.resolve_document(
            doc, country_hint=actors, hint_weight=ACTOR_HINT_WEIGHT
        )
    finally:
        resolver.use_prior({})
    placed = [m.place.country for m in mentions if m.place and m.role != "adjective"]
    assert placed and set(placed) == {country}
