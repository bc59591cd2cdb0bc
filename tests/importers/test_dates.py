"""Reading dates as event files carry them: one reading, or a refusal with the reason."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.importers.dates import (
    DAY_FIRST,
    MONTH_FIRST,
    DateRefused,
    FileDateOrder,
    month_number,
    read_date,
    year_value,
)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2015-01-01", None, dt.date(2015, 1, 1)),
        ("2015/01/31", None, dt.date(2015, 1, 31)),
        ("2020-05-09 00:00:00", None, dt.date(2020, 5, 9)),
        ("2020-05-09T00:00:00Z", None, dt.date(2020, 5, 9)),
        ("20200509", None, dt.date(2020, 5, 9)),
        ("01 January 2015", None, dt.date(2015, 1, 1)),
        ("01-January-2015", None, dt.date(2015, 1, 1)),
        ("9-May-20", 2020, dt.date(2020, 5, 9)),
        ("9-May-20", None, dt.date(2020, 5, 9)),
        ("31-Dec-98", None, dt.date(1998, 12, 31)),
        ("31-Dec-97", 1997, dt.date(1997, 12, 31)),
        ("3 Sept 2019", None, dt.date(2019, 9, 3)),
        ("May 9, 2020", None, dt.date(2020, 5, 9)),
        ("25/02/2017", None, dt.date(2017, 2, 25)),
        ("02/25/2017", None, dt.date(2017, 2, 25)),
        ("25.02.17", 2017, dt.date(2017, 2, 25)),
        ("07/07/2016", None, dt.date(2016, 7, 7)),
        ("43960", 2020, dt.date(2020, 5, 9)),
    ],
)
def test_each_form_has_one_reading(text: str, year: int | None, expected: dt.date) -> None:
    assert read_date(text, year_column=year) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("09/05/2020", DAY_FIRST, dt.date(2020, 5, 9)),
        ("09/05/2020", MONTH_FIRST, dt.date(2020, 9, 5)),
        ("1/2/21", DAY_FIRST, dt.date(2021, 2, 1)),
        # a date that reads one way only ignores the order it is given
        ("25/02/2017", MONTH_FIRST, dt.date(2017, 2, 25)),
    ],
)
def test_order_settles_only_dates_that_read_both_ways(
    text: str, order: str, expected: dt.date
) -> None:
    assert read_date(text, order=order) == expected


@pytest.mark.parametrize(
    ("text", "year", "reason"),
    [
        ("09/05/2020", None, "no other date in the file settles the order"),
        ("9-May-20", 2019, "disagrees with the year column"),
        ("2020-05-09", 2019, "disagrees with the year column"),
        ("31-Feb-2020", None, "no such day"),
        ("13/13/2020", None, "no such day"),
        ("9-Mai-20", None, "not a month name"),
        ("soon", None, "not a date form"),
        ("", None, "empty"),
        ("43960", None, "year column confirms"),
        ("43960", 2019, "year column confirms"),
        ("05/2020", None, "not a date form"),
    ],
)
def test_dates_without_one_reading_are_refused(text: str, year: int | None, reason: str) -> None:
    with pytest.raises(DateRefused, match=reason):
        read_date(text, year_column=year)


@pytest.mark.parametrize(
    ("dates", "settled"),
    [
        (["25/02/2017", "05/02/2017"], DAY_FIRST),
        (["02/25/2017", "05/02/2017"], MONTH_FIRST),
        (["05/02/2017", "06/03/2017"], None),
        (["25/02/2017", "02/25/2017", "05/02/2017"], None),
        (["2017-02-25", "9-May-20"], None),
    ],
)
def test_file_order_comes_from_dates_that_read_one_way(
    dates: list[str], settled: str | None
) -> None:
    assert FileDateOrder.scan(dates).settled() == settled


@pytest.mark.parametrize(
    ("name", "number"), [("Jan", 1), ("january", 1), ("SEPT", 9), ("Sep", 9), ("ma", None)]
)
def test_month_names(name: str, number: int | None) -> None:
    assert month_number(name) == number


@pytest.mark.parametrize(
    ("text", "year"), [("2020", 2020), ("2020.0", 2020), ("", None), ("20", None), (None, None)]
)
def test_year_column_values(text: str | None, year: int | None) -> None:
    assert year_value(text) == year
