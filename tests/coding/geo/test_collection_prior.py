"""The collection prior: what a store's events teach the coder about new reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from watchfloor.coding.geo import PlaceResolver
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import MIN_EVENTS, CollectionPrior, EventFacts
from watchfloor.store import Store


def _facts(country: str | None, source: str, sector: str | None, n: int) -> list[EventFacts]:
    return [(country, source, None, sector, None, None, None)] * n


def test_too_few_located_events_teach_nothing() -> None:
    prior = CollectionPrior.from_facts(_facts("SYR", "regime forces", "MIL", MIN_EVENTS - 1))
    assert not prior
    assert prior.actor_country("regime forces") is None


def test_shares_and_actor_countries_are_learnt_from_located_events() -> None:
    facts = (
        _facts("SYR", "Regime forces", "MIL", 60)
        + _facts("YEM", "the Houthi fighters", "REB", 20)
        + _facts("SYR", "workers", "CVL", 10)  # not an armed or state actor
        + _facts(None, "Regime forces", "MIL", 40)  # no sub-national place: not counted
        + _facts("SYR", "3 fighters", "REB", 10)  # numbers are no names
    )
    prior = CollectionPrior.from_facts(facts)
    assert prior.countries == pytest.approx({"SYR": 80 / 100, "YEM": 20 / 100})
    assert prior.actor_country("regime  Forces") == "SYR"
    assert prior.actor_country("Houthi fighters") == "YEM"
    assert prior.actor_country("workers") is None
    assert prior.actor_country("3 fighters") is None


def test_a_foreign_actor_keeps_its_country_but_learns_its_arena() -> None:
    facts = [("SYR", "Turkish forces", "TUR", "MIL", None, None, None)] * MIN_EVENTS
    prior = CollectionPrior.from_facts(facts)
    assert prior.actor_country("Turkish forces") is None
    assert prior.arena("Turkish forces") == "SYR"


def test_an_actor_seen_in_several_countries_gets_none() -> None:
    facts = _facts("SYR", "security forces", "COP", 50) + _facts(
        "IRQ", "security forces", "COP", 30
    )
    prior = CollectionPrior.from_facts(facts)
    assert prior.actor_country("security forces") is None
    assert prior.arena("security forces") is None


def test_prior_from_store_reads_the_coders_subnational_events(store: Store) -> None:
    rows = [
        (f"e{i}", "watchfloor", f"d{i}", "SYR", "Idlib" if i < 60 else None, "regime forces", "MIL")
        for i in range(70)
    ] + [(f"g{i}", "gdelt", f"x{i}", "USA", "Texas", "police", "COP") for i in range(50)]
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1, source_text,"
        " source_sector) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    prior = CollectionPrior.from_store(store)
    assert prior.countries == {"SYR": 1.0}
    assert prior.actor_country("Regime forces") == "SYR"


@pytest.fixture
def leaning_resolver(resolver: PlaceResolver) -> Iterator[PlaceResolver]:
    yield resolver
    resolver.use_prior({})


def test_prior_picks_the_namesake_in_the_collections_country(
    nlp: Language, leaning_resolver: PlaceResolver
) -> None:
    doc = nlp("Rebel fighters shelled Ash Shajarah on Monday.")
    alone = leaning_resolver.resolve_document(doc)
    leaning_resolver.use_prior({"SYR": 0.6, "YEM": 0.2})
    leaning = leaning_resolver.resolve_document(doc)
    assert [m.place.country for m in alone if m.place] == ["JOR"]
    assert [m.place.country for m in leaning if m.place] == ["SYR"]


@pytest.fixture
def leaning_coder(coder: Coder) -> Iterator[Coder]:
    yield coder
    coder.use_prior(CollectionPrior())


def test_an_unplaced_report_takes_the_country_its_actor_is_seen_in(leaning_coder: Coder) -> None:
    text = "Regime forces shelled the village of Qurmuzat al-Wusta, causing material damage."
    alone = leaning_coder.code_text(text).events
    facts = _facts("SYR", "regime forces", "MIL", MIN_EVENTS)
    leaning_coder.use_prior(CollectionPrior.from_facts(facts))
    leaning = leaning_coder.code_text(text).events
    assert alone and all(e.place is None for e in alone)
    assert leaning and leaning[0].source is not None
    assert leaning[0].source.country == "SYR"
    assert leaning[0].place is not None and leaning[0].place.country == "SYR"


def test_an_unplaced_attack_is_put_where_its_foreign_actor_is_seen(leaning_coder: Coder) -> None:
    text = "Turkish forces shelled the village of Qurmuzat al-Wusta with artillery."
    assert [e.place.country for e in leaning_coder.code_text(text).events if e.place] == ["TUR"]
    facts = [("SYR", "Turkish forces", "TUR", "MIL", None, None, None)] * MIN_EVENTS
    leaning_coder.use_prior(CollectionPrior.from_facts(facts))
    events = leaning_coder.code_text(text).events
    assert events and events[0].source is not None and events[0].source.country == "TUR"
    assert events[0].place is not None and events[0].place.country == "SYR"


def test_a_protest_needs_no_known_actor(coder: Coder) -> None:
    events = coder.code_text("Street vendors gathered outside the town hall to protest.").events
    assert [e.plover_event for e in events] == ["PROTEST"]
