"""The word model of the collection prior: reports that name no known place get the country
(and province) their words point to, as learnt from the collection's own located reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.place_stage import ACTOR_COUNTRY, WORDS_AREA
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.word_places import FEWEST_DOCUMENTS, Area, WordPlaces, WordsReading
from watchfloor.records import Event, Evidence, PlaceRef
from watchfloor.store import Store

FACTORIES = ["sugar", "steel", "tyre", "textile", "cement", "railway", "oil", "glass"]


def _iran(i: int) -> str:
    return (
        f"Workers of the {FACTORIES[i % 8]} company in Ahvaz gathered in front of the governorate"
        f" to protest their unpaid wages for the {i + 2}th month."
    )


def _yemen(i: int) -> str:
    return (
        f"Coalition airstrikes hit a {FACTORIES[i % 8]} depot held by Houthi fighters in Sahar"
        f" district of Saada, witnesses said on day {i + 2}."
    )


def _collection(n: int = 20) -> tuple[list[str], list[Area]]:
    """Iranian reports in Khuzestan, Yemeni ones with no province in common."""
    texts = [_iran(i) for i in range(n)] + [_yemen(i) for i in range(n)]
    areas = [("IRN", "Khuzestan")] * n + [("YEM", f"Province {i}") for i in range(n)]
    return texts, areas


def _area(reading: WordsReading | None) -> Area | None:
    """The area a reading names when the model is sure enough; None without a known word."""
    return reading.area() if reading is not None else None


def test_words_of_a_collection_point_to_its_countries() -> None:
    model = WordPlaces.learn(*_collection())
    assert model is not None
    # Khuzestan has enough documents to be learnt; no Yemeni province has
    assert _area(model.read("Retired workers gathered to protest unpaid pensions.")) == (
        "IRN",
        "Khuzestan",
    )
    assert _area(model.read("Coalition airstrikes hit a market in a Houthi-held district.")) == (
        "YEM",
        None,
    )
    assert _area(model.read("Nothing here was ever seen before.")) is None  # no known word
    assert _area(model.read("Workers protest coalition airstrikes.")) is None  # torn between both


def test_too_few_documents_or_a_single_country_teach_nothing() -> None:
    texts, countries = _collection(FEWEST_DOCUMENTS - 1)
    assert WordPlaces.learn(texts, countries) is None
    assert WordPlaces.learn([_iran(i) for i in range(40)], [("IRN", None)] * 40) is None


def test_a_collection_about_one_country_still_learns_its_provinces() -> None:
    # the better the first pass places a one-country collection, the fewer namesakes abroad
    # are left to make a second country: the words must still point to the country
    texts = [_iran(i) for i in range(20)] + [_yemen(i) for i in range(20)]
    areas = [("BEN", "Alibori")] * 20 + [("BEN", "Atakora")] * 20
    model = WordPlaces.learn(texts, areas)
    assert model is not None
    assert _area(model.read(_iran(3))) == ("BEN", "Alibori")
    assert _area(model.read(_yemen(5))) == ("BEN", "Atakora")


def test_models_compare_by_their_training_data() -> None:
    texts, countries = _collection()
    assert WordPlaces.learn(texts, countries) == WordPlaces.learn(texts, countries)
    assert WordPlaces.learn(texts, countries) != WordPlaces.learn(texts[1:], countries[1:])


def _located(doc: str, area: Area, admin1: bool = True) -> Event:
    place = PlaceRef(name="x", country=area[0], admin1=area[1] if admin1 else None)
    return Event(
        id=f"e-{doc}", evidence=Evidence(doc, 0, 0, 1, "x"), plover_event="ASSAULT", place=place
    )


def test_prior_learns_words_from_documents_with_subnational_places() -> None:
    texts, countries = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, cc) for doc, cc in zip(ids, countries, strict=True)]
    events += [_located(f"c{i}", ("USA", "Texas"), admin1=False) for i in range(40)]  # points
    prior = CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True)))
    assert prior.words is not None
    assert _area(prior.read_words("Workers gathered to protest unpaid wages.")) == (
        "IRN",
        "Khuzestan",
    )
    assert CollectionPrior.from_events(events).words is None  # no texts, no word model


def test_prior_from_store_learns_words_of_located_documents(store: Store) -> None:
    texts, areas = _collection(30)
    store.con.executemany(
        "INSERT INTO documents (id, text, content_hash) VALUES (?, ?, ?)",
        [(f"d{i}", text, f"h{i}") for i, text in enumerate(texts)],
    )
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1)"
        " VALUES (?, 'watchfloor', ?, ?, ?)",
        [(f"e{i}", f"d{i}", cc, admin1) for i, (cc, admin1) in enumerate(areas)],
    )
    prior = CollectionPrior.from_store(store)
    assert prior.countries == pytest.approx({"IRN": 0.5, "YEM": 0.5})
    assert _area(prior.read_words("Coalition airstrikes hit a Houthi depot.")) == ("YEM", None)


@pytest.fixture
def leaning_coder(coder: Coder) -> Iterator[Coder]:
    yield coder
    coder.use_prior(CollectionPrior())


def test_an_unplaced_protest_takes_the_country_its_words_point_to(leaning_coder: Coder) -> None:
    text = "Workers of the Zelqavor tyre company gathered to protest their unpaid wages."
    alone = leaning_coder.code_text(text).events
    assert [e.plover_event for e in alone] == ["PROTEST"] and alone[0].place is None
    texts, countries = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, cc) for doc, cc in zip(ids, countries, strict=True)]
    leaning_coder.use_prior(CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True))))
    leaning = leaning_coder.code_text(text).events
    assert leaning and leaning[0].place is not None
    place = leaning[0].place
    assert (place.country, place.admin1, place.feature) == ("IRN", "Khuzestan", WORDS_AREA)
    assert place.lat is not None and 30 < place.lat < 33  # the province's point


def test_armed_actors_act_where_the_words_point_unarmed_ones_at_home(
    leaning_coder: Coder,
) -> None:
    texts, areas = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, area) for doc, area in zip(ids, areas, strict=True)]
    leaning_coder.use_prior(CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True))))
    shelling = "Saudi soldiers shelled the Zelqavor depot of Houthi fighters on Monday."
    protest = "Saudi students gathered to protest coalition airstrikes on Houthi districts."
    countries = {
        text: [(e.place.country, e.place.feature) for e in leaning_coder.code_text(text).events]
        for text in (shelling, protest)
    }
    assert countries[shelling][:1] == [("YEM", WORDS_AREA)]
    assert countries[protest][:1] == [("SAU", ACTOR_COUNTRY)]


def test_the_words_province_refines_an_actors_country(leaning_coder: Coder) -> None:
    texts, areas = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, area) for doc, area in zip(ids, areas, strict=True)]
    leaning_coder.use_prior(CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True))))
    text = "Iranian police dispersed workers of the Zelqavor company protesting their unpaid wages."
    places = [e.place for e in leaning_coder.code_text(text).events if e.place]
    assert [(p.country, p.admin1, p.feature) for p in places][:1] == [
        ("IRN", "Khuzestan", WORDS_AREA)
    ]


def test_words_sure_of_a_country_outweigh_a_lone_town_abroad(leaning_coder: Coder) -> None:
    text = "Coalition airstrikes hit a Houthi depot in Norman village in the district."
    alone = [e.place.country for e in leaning_coder.code_text(text).events if e.place]
    texts, areas = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, area) for doc, area in zip(ids, areas, strict=True)]
    leaning_coder.use_prior(CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True))))
    leaning = leaning_coder.code_text(text).events
    assert alone[:1] == ["USA"]  # Norman, Oklahoma
    assert [(e.place.country, e.place.feature) for e in leaning if e.place][:1] == [
        ("YEM", WORDS_AREA)
    ]
    named = "Coalition airstrikes hit a Houthi depot in Norman, Oklahoma."
    assert [e.place.country for e in leaning_coder.code_text(named).events if e.place][:1] == [
        "USA"
    ]  # another place of the town's country backs it
