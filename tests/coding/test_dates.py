"""Event dates resolved relative to the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from watchfloor.coding.dates import resolve_event_date, resolve_event_date_text

FRIDAY = dt.date(2018, 2, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen opened fire on Friday.", dt.date(2018, 2, 2)),
        ("The convoy was hit late on Tuesday.", dt.date(2018, 1, 30)),
        ("Shelling resumed last night.", dt.date(2018, 2, 1)),
        ("Police said the attack happened yesterday.", dt.date(2018, 2, 1)),
        ("A bomb exploded on 3 January.", dt.date(2018, 1, 3)),
        ("Clashes erupted in Taizz on January 31, leaving deaths.", dt.date(2018, 1, 31)),
        ("Troops withdrew on Jan. 5.", dt.date(2018, 1, 5)),
        ("The raid came earlier this month.", FRIDAY),
        ("Protesters gathered last Friday.", dt.date(2018, 1, 26)),
        ("The talks failed on December 30.", dt.date(2017, 12, 30)),
        ("Officials said three days ago that the road was closed.", dt.date(2018, 1, 30)),
        ("Nothing in this sentence dates it.", FRIDAY),
        ("Five people may 3 times have been hurt.", FRIDAY),
    ],
)
def test_expression_resolves_relative_to_publication(text: str, expected: dt.date) -> None:
    assert resolve_event_date_text(text, FRIDAY) == expected


def test_weekday_resolves_to_the_past_not_the_future() -> None:
    published = dt.date(2018, 1, 31)  # a Wednesday
    assert resolve_event_date_text("Rockets fell on Thursday.", published) == dt.date(2018, 1, 25)


def test_without_publication_date_only_full_dates_resolve() -> None:
    assert resolve_event_date_text("It happened on Friday.", None) is None
    assert resolve_event_date_text("It happened on January 31, 2018.", None) == dt.date(2018, 1, 31)


def test_datetime_publication_is_accepted() -> None:
    stamp = dt.datetime(2018, 2, 2, 15, 30)
    assert resolve_event_date_text("It happened yesterday.", stamp) == dt.date(2018, 2, 1)


def test_span_entry_point_reads_the_sentence() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Fighting resumed on Tuesday near the border.")
    assert resolve_event_date(doc[:], FRIDAY) == dt.date(2018, 1, 30)
