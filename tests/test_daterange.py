import datetime as dt

import pytest

from watchfloor.daterange import DateRange
from watchfloor.errors import InputError
from watchfloor.settings import Settings

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        (dt.date(1900, 1, 1), True),
        (dt.date(1899, 12, 31), False),
        (dt.date(1, 1, 1), False),
        (dt.date(20, 5, 9), False),
        (dt.date(9999, 12, 31), False),
        (dt.date(2027, 12, 7), True),
        (dt.date(2027, 12, 8), False),
        (dt.datetime(2018, 1, 15, 23, 59), True),
    ],
)
def test_range_accepts_only_dates_between_1900_and_a_year_ahead(value, inside):
    assert DateRange.default(today=TODAY).contains(value) is inside


def test_check_names_the_input_and_the_range():
    with pytest.raises(InputError, match=r"line 3: date 0020-05-09 is outside .*1900-01-01"):
        DateRange.default(today=TODAY).check(dt.date(20, 5, 9), "line 3")


def test_settings_set_the_range():
    rng = Settings(min_date_year=1990, max_days_ahead=0).date_range()
    assert rng.earliest == dt.date(1990, 1, 1)
    assert rng.latest == dt.date.today()
