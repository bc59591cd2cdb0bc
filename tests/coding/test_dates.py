"""Event dates resolved relative to the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from watchfloor.coding.dates import resolve_event_date, resolve_event_date_text
from watchfloor.daterange import DateRange

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


YEAR_ONE = dt.date(1, 1, 1)
LAST_DAY = dt.date(9999, 12, 31)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Gunmen killed two police officers in Kirkuk yesterday.", YEAR_ONE),
        ("Shelling resumed last night.", YEAR_ONE),
        ("The mosque was hit on Sunday.", YEAR_ONE),
        ("Protesters gathered last Friday.", YEAR_ONE),
        ("The convoy was ambushed three days ago.", YEAR_ONE),
        ("Militants struck the day before yesterday.", dt.date(1, 1, 2)),
        ("Troops withdrew on 1 January.", LAST_DAY),
        ("The talks failed on December 30.", LAST_DAY),
        ("Rockets fell on Jan. 5.", LAST_DAY),
        ("A bomb exploded today.", LAST_DAY),
        ("Police said the attack happened yesterday.", LAST_DAY),
        ("Officials said 999999 days ago the road closed.", dt.date(2018, 2, 2)),
    ],
)
def test_dates_next_to_the_calendar_ends_give_no_date_instead_of_overflowing(
    text: str, published: dt.date
) -> None:
    assert resolve_event_date_text(text, published) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Clashes broke out last week.", dt.date(1900, 1, 3)),  # 1899-12-27
        ("Clashes broke out yesterday.", dt.date(1900, 1, 1)),
        ("The village was shelled on Monday.", dt.date(1900, 1, 1)),  # a Monday: same day
        ("The talks failed on December 30.", dt.date(1900, 1, 10)),  # 1899-12-30
        ("Nothing in this sentence dates it.", dt.date(1850, 6, 1)),
        ("Nothing in this sentence dates it.", dt.date.today() + dt.timedelta(days=400)),
    ],
)
def test_a_date_outside_the_accepted_range_is_refused(text: str, published: dt.date) -> None:
    found = resolve_event_date_text(text, published)
    assert found is None or found == published == dt.date(1900, 1, 1)


def test_an_out_of_range_phrase_refuses_rather_than_falling_back_to_publication() -> None:
    accepted = DateRange(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    published = dt.date(2018, 1, 2)
    assert resolve_event_date_text("They met on December 30.", published, accepted) is None
    yesterday = resolve_event_date_text("They met yesterday.", published, accepted)
    assert yesterday == dt.date(2018, 1, 1)
    assert resolve_event_date_text("They met.", dt.date(2019, 1, 2), accepted) is None


def test_a_huge_day_count_is_not_a_date_phrase() -> None:
    text = "It happened " + "9" * 5000 + " days ago."
    assert resolve_event_date_text(text, FRIDAY) == FRIDAY
