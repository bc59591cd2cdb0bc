"""Kinds of toponym mistake found on real news, each shown on sentences written for these
tests (wire, local press, official statement, social post; several regions). None is taken
from an evaluation file.

- an institution the gazetteer lacks lies in the place its name holds, not in the story's
  town ("the University of California" in a story from Parkland);
- a street or square lies in the story's town, and a name that reads as a site ("Washington
  Square") is no town of the story;
- a span with its level word ("Oaxaca State", "Idlib Governorate") names the unit;
- a container holding a town the text puts in it is the first-level unit, not the town of
  that name ("Tacoma, Washington", "Zaria, Kaduna", "Kontagora, Niger");
- a spelling variant is looked for only in the countries the story is about ("Schiphol" in an
  Amsterdam story is not Italy's Scapoli), while transliterations there are still found;
- a place the caller gives that the gazetteer lacks lies in the story's town;
- the story's town is among the towns it names together, not a big city named once or a
  namesake abroad of a part of a longer name ("Vienna" of "the Vienna Metro station");
- a small town in the first-level unit the story names beats a foreign capital of that name
  ("Moscow ... in Idaho").
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from watchfloor.coding.geo import PlaceResolver
from watchfloor.coding.geo.facilities import FacilityWords, facility_words
from watchfloor.errors import ModelError
from watchfloor.records import PlaceRef


def _given(nlp: Language, resolver: PlaceResolver, text: str, span: str) -> tuple[PlaceRef, str]:
    """The place and role the resolver gives the character span of ``span`` in ``text``."""
    start = text.index(span)
    mention = resolver.resolve_spans(nlp(text), [(start, start + len(span))])[0]
    assert mention.place is not None, f"{span!r} got no place"
    return mention.place, mention.role


@pytest.mark.parametrize(
    ("text", "span", "name", "country"),
    [
        (
            "The Parkland student said he had been turned down by the University of California.",
            "University of California",
            "California",
            "USA",
        ),
        (
            "A Busan businessman appeared before the Seoul Central District Court on Monday.",
            "Seoul Central District Court",
            "Seoul",
            "KOR",
        ),
        (
            "Farmers in Nakuru cited researchers at the University of Nairobi who warned the "
            "drought would deepen.",
            "University of Nairobi",
            "Nairobi",
            "KEN",
        ),
        (
            "A Multan trader petitioned the Lahore High Court over the seizure of his shop.",
            "Lahore High Court",
            "Lahore",
            "PAK",
        ),
        (
            "Victims of the Maiduguri blast were flown to Kano General Hospital, police said.",
            "Kano General Hospital",
            "Kano",
            "NGA",
        ),
        (
            "A Davis couple stranded in Osaka were helped by the British Embassy Tokyo, "
            "relatives said.",
            "British Embassy Tokyo",
            "Tokyo",
            "JPN",
        ),
        (
            "The Toledo teenager has been offered a place at Ohio State University.",
            "Ohio State University",
            "Ohio",
            "USA",
        ),
        (
            "Burn victims from the Narayanganj factory fire were taken to Dhaka Medical College "
            "Hospital.",
            "Dhaka Medical College Hospital",
            "Dhaka",
            "BGD",
        ),
        (
            "The Cebu councillor was moved to Manila City Jail overnight, officials said.",
            "Manila City Jail",
            "Manila",
            "PHL",
        ),
        (
            "Families from Hyderabad waited outside Karachi Central Prison for news.",
            "Karachi Central Prison",
            "Karachi",
            "PAK",
        ),
        (
            "Students from Lviv sheltered at the Kyiv Polytechnic Institute as the sirens sounded.",
            "Kyiv Polytechnic Institute",
            "Kyiv",
            "UKR",
        ),
        (
            "The Stellenbosch activist was granted bail by the Cape Town Magistrates Court.",
            "Cape Town Magistrates Court",
            "Cape Town",
            "ZAF",
        ),
        # named after a person, not a place of the story: the story's town
        (
            "Parents in Parkland, Florida gathered outside Marjory Stoneman Douglas High School "
            "on Friday, and Parkland schools stayed shut.",
            "Marjory Stoneman Douglas High School",
            "Parkland",
            "USA",
        ),
    ],
)
def test_institution_lies_in_the_place_its_name_holds(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, name: str, country: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert (place.name, place.country) == (name, country)


@pytest.mark.parametrize(
    ("text", "span", "town"),
    [
        (
            "Washington Square was packed and Frenchmen Street too, New Orleans police said, "
            "while Washington Square shops closed early.",
            "Frenchmen Street",
            "New Orleans",
        ),
        (
            "Washington Square filled up, Desire Street was shut and New Orleans buses were "
            "rerouted around Washington Square.",
            "Desire Street",
            "New Orleans",
        ),
        (
            "Union Square hosted the vigil; Mission Street stayed open, San Francisco police "
            "said, and Union Square emptied by midnight.",
            "Mission Street",
            "San Francisco",
        ),
        (
            "lol Union Square is chaos, Geary Street too, San Francisco pls fix Union Square",
            "Geary Street",
            "San Francisco",
        ),
        (
            "Washington Square traders met on Frenchmen Street on Monday, the New Orleans city "
            "council said, after Washington Square flooded.",
            "Frenchmen Street",
            "New Orleans",
        ),
        (
            "Union Square and Washington Square were quiet, but Polk Street in San Francisco "
            "saw arrests; Union Square reopened.",
            "Polk Street",
            "San Francisco",
        ),
        (
            "Jackson Heights residents marched down Main Street in Flushing, Flushing leaders "
            "said, before returning to Jackson Heights.",
            "Main Street",
            "Flushing",
        ),
        (
            "Clifton Park shoppers crowded Lark Street in Albany, Albany officials said, while "
            "Clifton Park stayed calm.",
            "Lark Street",
            "Albany",
        ),
        (
            "Church Street stalls moved to Queen Street in Auckland, the Auckland council said, "
            "and Church Street reopened.",
            "Queen Street",
            "Auckland",
        ),
        (
            "The march left Union Square for Canal Street in New Orleans, where New Orleans "
            "police met it; Union Square was cleared.",
            "Canal Street",
            "New Orleans",
        ),
    ],
)
def test_street_lies_in_the_story_town_not_in_a_site_named_like_a_town(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, town: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert place.name == town


@pytest.mark.parametrize(
    ("text", "span", "unit", "country"),
    [
        (
            "Migrants camped in Matias Romero, Oaxaca State, Mexico, on Wednesday.",
            "Oaxaca State",
            "Oaxaca",
            "MEX",
        ),
        (
            "Gunmen abducted 20 pupils in Kaduna State, police said.",
            "Kaduna State",
            "Kaduna",
            "NGA",
        ),
        (
            "Shelling hit villages across Idlib Governorate overnight.",
            "Idlib Governorate",
            "Idlib",
            "SYR",
        ),
        (
            "Insurgents burned houses in Cabo Delgado Province on Tuesday.",
            "Cabo Delgado Province",
            "Cabo Delgado",
            "MOZ",
        ),
        (
            "Flash floods swept through Nakuru County after the rains.",
            "Nakuru County",
            "Nakuru",
            "KEN",
        ),
        (
            "Hundreds of garment workers protested across Khulna Division.",
            "Khulna Division",
            "Khulna",
            "BGD",
        ),
        (
            "Residents of Balochistan province blocked the highway for a third day.",
            "Balochistan province",
            "Balochistan",
            "PAK",
        ),
        (
            "BREAKING: curfew extended in Kasai-Oriental Province #DRC",
            "Kasai-Oriental Province",
            "Kasai-Oriental",
            "COD",
        ),
        (
            "The ministry said cholera cases rose in Sofala Province last week.",
            "Sofala Province",
            "Sofala",
            "MOZ",
        ),
        (
            "Troops were deployed to Tigray Region after the clashes.",
            "Tigray Region",
            "Tigray",
            "ETH",
        ),
        (
            "Two officers were wounded in Zamfara State, the army said in a statement.",
            "Zamfara State",
            "Zamfara",
            "NGA",
        ),
    ],
)
def test_span_with_its_level_word_names_the_unit(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, unit: str, country: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert (place.name, place.country, place.feature) == (unit, country, "ADM1")


@pytest.mark.parametrize(
    ("text", "span", "unit", "country"),
    [
        (
            "Mary Ann from a bakery in Tacoma, Washington shares her tips for holiday cookies.",
            "Washington",
            "Washington",
            "USA",
        ),
        (
            "Gunmen attacked a market in Kontagora, Niger on Sunday, residents said.",
            "Niger",
            "Niger",
            "NGA",
        ),
        ("Students in Zaria, Kaduna staged a protest over fees.", "Kaduna", "Kaduna", "NGA"),
        (
            "Farmworkers in Irapuato, Guanajuato were found dead on Tuesday.",
            "Guanajuato",
            "Guanajuato",
            "MEX",
        ),
        ("Police in Tuxpan, Veracruz arrested three suspects.", "Veracruz", "Veracruz", "MEX"),
        (
            "Police in London, Ontario said the driver was arrested at the scene.",
            "Ontario",
            "Ontario",
            "CAN",
        ),
        (
            "Officials in Springfield, Illinois said the water was safe to drink.",
            "Illinois",
            "Illinois",
            "USA",
        ),
        (
            "Two people died when a tornado hit Birmingham, Alabama overnight.",
            "Alabama",
            "Alabama",
            "USA",
        ),
        (
            "Unions marched through Valencia, Carabobo to demand higher wages.",
            "Carabobo",
            "Carabobo",
            "VEN",
        ),
        (
            "Heavy rain flooded streets in Hyderabad, Sindh for a second day.",
            "Sindh",
            "Sindh",
            "PAK",
        ),
        ("A bus crashed near Kandi, Alibori, killing four.", "Alibori", "Alibori", "BEN"),
    ],
)
def test_container_holding_a_town_is_the_unit(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, unit: str, country: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert (place.name, place.country, place.feature) == (unit, country, "ADM1")


def test_list_of_cities_is_not_read_as_a_town_in_a_unit(
    nlp: Language, resolver: PlaceResolver
) -> None:
    text = "Residents of Washington, New York and Boston marched on Saturday."
    place, _ = _given(nlp, resolver, text, "New York")
    assert (place.name, place.feature) == ("New York City", "PPL")


@pytest.mark.parametrize(
    ("text", "span", "abroad"),
    [
        (
            "More flights reached Schiphol from London, Paris and Brussels, Dutch officials in "
            "Amsterdam said.",
            "Schiphol",
            "ITA",
        ),
        (
            "Residents of Madinaty in Cairo complained about water cuts, Egyptian media in Cairo "
            "reported.",
            "Madinaty",
            "SAU",
        ),
        (
            "Fans walked from Liverpool city centre to Anfield before the derby, police in "
            "Liverpool said.",
            "Anfield",
            "USA",
        ),
        (
            "The colt from Helmet won in Dubai, beating the favourite, Dubai racing officials "
            "said.",
            "Helmet",
            "USA",
        ),
        (
            "The Faubourg of Almonaster grew fast, New Orleans historians in New Orleans say.",
            "Almonaster",
            "GBR",
        ),
    ],
)
def test_spelling_variant_is_not_taken_from_a_country_the_story_is_not_about(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, abroad: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert place.country != abroad


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        (
            "Regime aircraft struck Maarat al-Nouman and Saraqib in Idlib, Syrian activists said.",
            "Maarat al-Nouman",
            "SYR",
        ),
        (
            "Gunmen killed three men in Hodeida and Zabid, Yemen, local sources said.",
            "Hodeida",
            "YEM",
        ),
        (
            "Airstrikes hit Khan Sheikhoun in southern Idlib, Syria, on Tuesday.",
            "Khan Sheikhoun",
            "SYR",
        ),
        (
            "Militants attacked a checkpoint near Al-Arish in North Sinai, Egyptian officials "
            "said.",
            "Al-Arish",
            "EGY",
        ),
        ("Houthi fighters shelled Tabashiah in Taizz, Yemeni officials said.", "Tabashiah", "YEM"),
    ],
)
def test_transliterated_name_is_still_found_in_the_story_country(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, country: str
) -> None:
    place, role = _given(nlp, resolver, text, span)
    assert place.country == country and role != "nearby"


@pytest.mark.parametrize(
    ("text", "span", "town"),
    [
        (
            "The blaze started at Mwenge Flats before dawn, Nairobi fire officials said, and "
            "Nairobi police sealed the area.",
            "Mwenge Flats",
            "Nairobi",
        ),
        (
            "lol the queue at Zamzam Corner is insane again, Karachi heat is no joke, stay safe "
            "Karachi",
            "Zamzam Corner",
            "Karachi",
        ),
        (
            "Fishermen at Woodman Point near Rockingham reported the shark sighting to "
            "Rockingham rangers.",
            "Woodman Point",
            "Rockingham",
        ),
        (
            "Shoppers fled the Ouedraogo arcade as gunfire echoed through Ouagadougou; "
            "Ouagadougou police said two died.",
            "Ouedraogo arcade",
            "Ouagadougou",
        ),
        (
            "There are 26 applicants in Ardcroney and 24 in Nenagh, the council in Nenagh said.",
            "Ardcroney",
            "Nenagh",
        ),
        (
            "Fans walked from Liverpool city centre to Anfield before the derby, police in "
            "Liverpool said.",
            "Anfield",
            "Liverpool",
        ),
        (
            "Residents of Kolombangara Heights in Lagos said the Lagos flood waters rose "
            "overnight.",
            "Kolombangara Heights",
            "Lagos",
        ),
        (
            "Riot police entered Barrio Nuevo Amanecer in Managua at dawn, Managua residents "
            "reported.",
            "Barrio Nuevo Amanecer",
            "Managua",
        ),
        (
            "The colt from Helmet won in Dubai, beating the favourite, Dubai racing officials "
            "said.",
            "Helmet",
            "Dubai",
        ),
        (
            "Police dispersed a crowd at Tinkers Yard in Belfast; Belfast officers made two "
            "arrests.",
            "Tinkers Yard",
            "Belfast",
        ),
    ],
)
def test_given_place_the_gazetteer_lacks_lies_in_the_story_town(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, town: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert place.name == town


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Colorado State University", "institution"),
        ("Seoul Central District Court", "institution"),
        ("Madison Square Garden", "site"),
        ("Frenchmen Street", "site"),
        ("Marjory Stoneman Douglas High School", "institution"),
        ("Kano", None),
    ],
)
def test_facility_words_come_from_the_language_file(name: str, kind: str | None) -> None:
    assert facility_words().kind_of(name) == kind


def test_a_facility_word_added_as_data_needs_no_code() -> None:
    words = FacilityWords.parse("# a comment\nsouk\tsite\nmadrasa\tinstitution\n", "test")
    assert words.kind_of("Souk al-Hamidiyah") == "site"
    assert words.kind_of("Kabul Madrasa") == "institution"


def test_malformed_facility_row_is_refused_with_its_line() -> None:
    with pytest.raises(ModelError, match="test line 2"):
        FacilityWords.parse("souk\tsite\nmadrasa\tschool-ish\n", "test")


@pytest.mark.parametrize(
    ("text", "span", "country", "admin1"),
    [
        (
            "Homes in Haymarket and Gainesville sold fast; buyers commute to Fairfax and "
            "Centreville, and the Metro runs from Vienna. Residents shop at Wegmans.",
            "Wegmans",
            "USA",
            "Virginia",
        ),
        (
            "JJ studied in London before returning to Navan, where he plays in Dunshaughlin and "
            "Trim with the Kells band at St Brigid's Hall.",
            "St Brigid's Hall",
            "IRL",
            "Leinster",
        ),
        (
            "The trader from Dubai opened shops in Thika, Ruiru and Juja, near the Kenol Plaza.",
            "Kenol Plaza",
            "KEN",
            "Kiambu",
        ),
        (
            "After years in London, she set up a clinic in Ikeja serving Agege, Oshodi and Mushin "
            "from the Adeniran Complex.",
            "Adeniran Complex",
            "NGA",
            "Lagos",
        ),
        (
            "The winemaker trained in Paris and now sells in Fremantle, Rockingham and Mandurah "
            "from Peron Cellars.",
            "Peron Cellars",
            "AUS",
            "Western Australia",
        ),
        (
            "Having worked in Tokyo, the chef runs kitchens in Makati, Pasig and Taguig near the "
            "Ortigas Arcade.",
            "Ortigas Arcade",
            "PHL",
            "Metro Manila",
        ),
        (
            "The striker left Madrid for Wakefield, training in Ossett and Dewsbury at the Thornes "
            "Ground.",
            "Thornes Ground",
            "GBR",
            "England",
        ),
        (
            "The coach left Miami for Medellin, with clubs in Envigado, Itagui and Bello training "
            "at Atanasio Field.",
            "Atanasio Field",
            "COL",
            "Antioquia",
        ),
        (
            "The engineer moved from Singapore to Mysore, with projects in Mandya, Hassan and "
            "Chamrajnagar, run from the Vishnu Towers.",
            "Vishnu Towers",
            "IND",
            "Karnataka",
        ),
        (
            "The pastor preached in New York before settling in Kumasi, with churches in Obuasi, "
            "Ejisu and Konongo and a base at Adum Hall.",
            "Adum Hall",
            "GHA",
            "Ashanti",
        ),
    ],
)
def test_story_town_is_among_the_towns_named_together_not_a_big_city_named_once(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, country: str, admin1: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "span", "admin1"),
    [
        (
            "Commuters from Vienna and Fairfax crowded the Vienna Metro Station after a Virginia "
            "rail fault.",
            "Vienna",
            "Virginia",
        ),
        (
            "Fans from Athens and Watkinsville filled the Athens Arena for the Georgia derby.",
            "Athens",
            "Georgia",
        ),
        (
            "Students in Moscow and Pullman rallied outside the Moscow Middle School in Idaho.",
            "Moscow",
            "Idaho",
        ),
        (
            "Storms hit Paris and Clarksville, flooding the Paris Junior College campus in Texas.",
            "Paris",
            "Texas",
        ),
        (
            "Residents of Dublin and Columbus packed the Dublin Coffman High School gym in Ohio.",
            "Dublin",
            "Ohio",
        ),
        (
            "Police in Lima and Findlay searched the Lima Memorial Hospital grounds in Ohio.",
            "Lima",
            "Ohio",
        ),
        (
            "Voters in Manchester and Nashua met at the Manchester Central High School, New "
            "Hampshire.",
            "Manchester",
            "New Hampshire",
        ),
        (
            "Farmers from Florence and Darlington protested at the Florence Civic Center in South "
            "Carolina.",
            "Florence",
            "South Carolina",
        ),
        (
            "Workers in Toledo and Perrysburg marched past the Toledo Zoo in Ohio.",
            "Toledo",
            "Ohio",
        ),
        (
            "Families in Berlin and Gorham gathered at the Berlin Middle School in New Hampshire.",
            "Berlin",
            "New Hampshire",
        ),
    ],
)
def test_small_town_in_the_state_the_story_names_beats_a_foreign_capital(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, admin1: str
) -> None:
    place, _ = _given(nlp, resolver, text, span)
    assert (place.country, place.admin1) == ("USA", admin1)


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        (
            "Martin Wansleben, head of the Association of German Chambers of Commerce, urged "
            "talks.",
            "German",
            "DEU",
        ),
        (
            "The colt ended Emirati handler Saeed bin Suroor's losing run in Dubai.",
            "Emirati",
            "ARE",
        ),
        ("The Jordanian foreign minister met his counterpart on Sunday.", "Jordanian", "JOR"),
        ("Sudanese troops crossed the border overnight, residents said.", "Sudanese", "SDN"),
        ("A Kenyan court freed the activist on bail.", "Kenyan", "KEN"),
        ("Colombian police seized two tonnes of cocaine in the port.", "Colombian", "COL"),
        ("lol Nigerian twitter is on fire again today", "Nigerian", "NGA"),
        ("The Turkish Defence Ministry said two soldiers were killed.", "Turkish", "TUR"),
        ("Mexican officials said the caravan had reached the border.", "Mexican", "MEX"),
        ("Philippine army units were deployed to the island.", "Philippine", "PHL"),
        ("Members of the Union of German Journalists marched in Berlin.", "German", "DEU"),
    ],
)
def test_nationality_word_names_its_country_not_a_town_carrying_the_word(
    nlp: Language, resolver: PlaceResolver, text: str, span: str, country: str
) -> None:
    place, role = _given(nlp, resolver, text, span)
    assert (place.country, place.feature, role) == (country, "PCLI", "adjective")
