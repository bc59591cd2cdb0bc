"""The range of dates watchfloor accepts, checked before any date is stored or computed on.

A date outside it (``0001-01-01``, ``9999-12-31``, a spreadsheet year ``20``) is refused per
item with a message naming it, never stored and never left to overflow later arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from watchfloor.errors import InputError


@dataclass(frozen=True)
class DateRange:
    """Inclusive bounds for event and publication dates."""

    earliest: dt.date
    latest: dt.date

    @classmethod
    def default(cls, *, min_year: int = 1900, days_ahead: int = 366,
                today: dt.date | None = None) -> DateRange:
        """From ``min_year``-01-01 to ``days_ahead`` days past ``today`` (default: now)."""
        today = today or dt.date.today()
        return cls(dt.date(min_year, 1, 1), today + dt.timedelta(days=days_ahead))

    def contains(self, value: dt.date | dt.datetime) -> bool:
        """Whether ``value`` (a date, or a datetime's date) lies within the range."""
        day = value.date() if isinstance(value, dt.datetime) else value
        return self.earliest <= day <= self.latest

    def check(self, value: dt.date | dt.datetime, what: str) -> None:
        """Raise ``InputError`` naming ``what`` when ``value`` lies outside the range."""
        if not self.contains(value):
            raise InputError(
                f"{what}: date {value.isoformat()} is outside the accepted range "
                f"{self.earliest.isoformat()} to {self.latest.isoformat()}"
            )
