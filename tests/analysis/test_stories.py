"""Storylines: related documents thread together, unrelated ones stay apart."""

from __future__ import annotations

import datetime as dt

from tests.analysis.factory import START, Ev, insert
from watchfloor.analysis.stories import list_stories, update_stories
from watchfloor.store.database import Store

PORT = "Clashes near the port of Hodeidah as coalition forces advance on the harbour city."
SUMMIT = "Foreign ministers met in Geneva to discuss a ceasefire framework and prisoner swaps."


def _day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_related_documents_form_one_story(store: Store) -> None:
    port = [
        Ev(
            _day(i),
            "FIGHT",
            country="YEM",
            admin1="Al Hudaydah",
            place="Hodeidah",
            src_country="SAU",
            tgt_country="YEM",
            text=f"{PORT} Day {i} of fighting.",
        )
        for i in range(4)
    ]
    summit = [
        Ev(
            _day(i),
            "CONSULT",
            country="CHE",
            admin1="Geneva",
            place="Geneva",
            src_country="USA",
            src_sector="GOV",
            tgt_country="RUS",
            tgt_sector="GOV",
            text=f"{SUMMIT} Round {i}.",
        )
        for i in range(3)
    ]
    late = [
        Ev(
            _day(60),
            "FIGHT",
            country="YEM",
            admin1="Al Hudaydah",
            place="Hodeidah",
            src_country="SAU",
            tgt_country="YEM",
            text=PORT,
        )
    ]
    port_ids = insert(store, port)
    insert(store, summit + late)
    assert update_stories(store) == 0  # by default only the last 30 days: one late report
    assert update_stories(store, since=START) == 2
    stories = list_stories(store)
    by_size = sorted(stories, key=lambda s: s.n_documents)
    assert [s.n_documents for s in by_size] == [3, 4]
    yemen = by_size[1]
    assert set(yemen.document_ids) == {i.replace("ev", "doc") for i in port_ids}
    assert yemen.start == _day(0) and yemen.end == _day(3)
    assert "FIGHT" in yemen.title and "YEM/Al Hudaydah" in yemen.title
    assert yemen.countries == ("YEM",)


def test_story_listing_filters_by_time(store: Store) -> None:
    insert(store, [Ev(_day(i), "FIGHT", text=f"{PORT} {i}") for i in range(3)])
    update_stories(store)
    assert len(list_stories(store, since=_day(1))) == 1
    assert list_stories(store, since=_day(10)) == []
    assert update_stories(store) == 1  # recomputing replaces, it does not duplicate
