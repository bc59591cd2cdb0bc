"""The word model of the collection prior: reports that name no known place get the country
their words point to, as learnt from the collection's own located reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.stages import WORDS_COUNTRY
from watchfloor.coding.word_countries import MIN_DOCUMENTS, WordCountries
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


def _collection(n: int = MIN_DOCUMENTS) -> tuple[list[str], list[str]]:
    texts = [_iran(i) for i in range(n)] + [_yemen(i) for i in range(n)]
    return texts, ["IRN"] * n + ["YEM"] * n


def test_words_of_a_collection_point_to_its_countries() -> None:
    model = WordCountries.learn(*_collection())
    assert model is not None
    assert model.country("Retired workers gathered to protest unpaid pensions.") == "IRN"
    assert model.country("Coalition airstrikes hit a market in a Houthi-held district.") == "YEM"
    assert model.country("Nothing here was ever seen before.") is None  # no known word
    assert model.country("Workers protest coalition airstrikes.") is None  # torn between both


def test_too_few_documents_or_a_single_country_teach_nothing() -> None:
    texts, countries = _collection(MIN_DOCUMENTS - 1)
    assert WordCountries.learn(texts, countries) is None
    assert WordCountries.learn([_iran(i) for i in range(40)], ["IRN"] * 40) is None


def test_models_compare_by_their_training_data() -> None:
    texts, countries = _collection()
    assert WordCountries.learn(texts, countries) == WordCountries.learn(texts, countries)
    assert WordCountries.learn(texts, countries) != WordCountries.learn(texts[1:], countries[1:])


def _located(doc: str, country: str, admin1: str | None = "Somewhere") -> Event:
    place = PlaceRef(name="x", country=country, admin1=admin1)
    return Event(
        id=f"e-{doc}", evidence=Evidence(doc, 0, 0, 1, "x"), plover_event="ASSAULT", place=place
    )


def test_prior_learns_words_from_documents_with_subnational_places() -> None:
    texts, countries = _collection(30)
    ids = [f"d{i}" for i in range(len(texts))]
    events = [_located(doc, cc) for doc, cc in zip(ids, countries, strict=True)]
    events += [_located(f"c{i}", "USA", admin1=None) for i in range(40)]  # country points
    prior = CollectionPrior.from_events(events, dict(zip(ids, texts, strict=True)))
    assert prior.words is not None
    assert prior.text_country("Workers gathered to protest unpaid wages.") == "IRN"
    assert CollectionPrior.from_events(events).words is None  # no texts, no word model


def test_prior_from_store_learns_words_of_located_documents(store: Store) -> None:
    texts, countries = _collection(30)
    store.con.executemany(
        "INSERT INTO documents (id, text, content_hash) VALUES (?, ?, ?)",
        [(f"d{i}", text, f"h{i}") for i, text in enumerate(texts)],
    )
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1)"
        " VALUES (?, 'watchfloor', ?, ?, 'Somewhere')",
        [(f"e{i}", f"d{i}", cc) for i, cc in enumerate(countries)],
    )
    prior = CollectionPrior.from_store(store)
    assert prior.countries == pytest.approx({"IRN": 0.5, "YEM": 0.5})
    assert prior.text_country("Coalition airstrikes hit a Houthi depot.") == "YEM"


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
    assert (leaning[0].place.country, leaning[0].place.feature) == ("IRN", WORDS_COUNTRY)
