"""Reading the dates of event files as they are found, spreadsheet damage included.

Every date either has one reading or is refused with the reason; nothing is guessed:

* ISO (``2015-01-01``, ``2015/01/01``, with or without a time), ``20150101``;
* a day and an English month name (``01 January 2015``, ``01-January-2015``, ``9-May-20``,
  ``May 9, 2020``);
* numbers (``09/05/2020``, ``9.5.20``): day-first or month-first is settled by the date
  itself (a part above 12), else by the file's other dates (``FileDateOrder``), else by the
  caller (``--date-order``), else the date is refused;
* a spreadsheet serial number (``43960``) only where the row's ``year`` column confirms it.

Two-digit years take their century from the row's ``year`` column and must agree with it;
without one, ``97``-``99`` are 1997-1999 (ACLED begins in 1997) and ``00``-``96`` are
2000-2096. A four-digit year that disagrees with the ``year`` column is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

# ACLED and GDELT write English month names whatever the reader's locale.
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_TIME}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_NAME = re.compile(r"^(\d{1,2})[ \-/.]+([A-Za-z]+)\.?[ \-/.,]+(\d{4}|\d{2})$")
_NAME_DAY = re.compile(r"^([A-Za-z]+)\.?[ \-]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-]+(\d{4}|\d{2})$")
_NUMERIC = re.compile(rf"^(\d{{1,2}})([/.\-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)


class DateRefused(ValueError):
    """A date string with no single reading; the message says why."""


@dataclass(frozen=True)
class FileDateOrder:
    """What a file's numeric dates say about day-first versus month-first."""

    day_first_seen: bool
    month_first_seen: bool

    @classmethod
    def scan(cls, texts: Iterable[str]) -> FileDateOrder:
        """Look at every numeric date of a file for a part above 12."""
        day_first = month_first = False
        for text in texts:
            m = _NUMERIC.match(text.strip())
            if m:
                first, second = int(m.group(1)), int(m.group(3))
                day_first = day_first or (first > 12 >= second)
                month_first = month_first or (second > 12 >= first)
        return cls(day_first, month_first)

    def settled(self) -> str | None:
        """The order the file shows consistently, or None (no evidence, or both orders)."""
        if self.day_first_seen != self.month_first_seen:
            return DAY_FIRST if self.day_first_seen else MONTH_FIRST
        return None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or its abbreviation (``Sept`` too), else None."""
    word = name.lower()
    if len(word) < 3:
        return None
    for number, full in enumerate(_MONTHS, start=1):
        if full.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def _full_year(text: str, year_column: int | None) -> int:
    if len(text) == 4:
        year = int(text)
        if year_column is not None and year != year_column:
            raise DateRefused(f"year {year} disagrees with the year column ({year_column})")
        return year
    short = int(text)
    if year_column is not None:
        if year_column % 100 != short:
            raise DateRefused(
                f"two-digit year {text} disagrees with the year column ({year_column})"
            )
        return year_column
    return 1900 + short if short >= 97 else 2000 + short


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateRefused(f"no such day ({exc})") from exc


def _numeric(m: re.Match[str], order: str | None, year_column: int | None) -> dt.date:
    first, second = int(m.group(1)), int(m.group(3))
    year = _full_year(m.group(4), year_column)
    if first > 12 >= second:
        return _make(year, second, first)
    if second > 12 >= first:
        return _make(year, first, second)
    if first == second:
        return _make(year, first, second)
    if order is None:
        raise DateRefused(
            f"could be day {first} of month {second} or day {second} of month {first}, and "
            "no other date in the file settles the order (choose one with --date-order)"
        )
    return _make(year, second, first) if order == DAY_FIRST else _make(year, first, second)


def _serial(m: re.Match[str], year_column: int | None) -> dt.date:
    day = _EXCEL_EPOCH + dt.timedelta(days=int(m.group(1)))
    if year_column is None or day.year != year_column:
        raise DateRefused(
            "a spreadsheet serial number is read only where the year column confirms it"
        )
    return day


def read_date(text: str, *, order: str | None = None, year_column: int | None = None) -> dt.date:
    """The one reading of ``text``; raises DateRefused with the reason where there is none.

    ``order`` settles numeric dates that read both ways (``dmy``/``mdy``); ``year_column``
    is the row's own year, which two-digit years and every other form must agree with.
    """
    value = text.strip()
    if not value:
        raise DateRefused("empty")
    if m := _ISO.match(value) or _COMPACT.match(value):
        return _make(_full_year(m.group(1), year_column), int(m.group(2)), int(m.group(3)))
    for pattern, day_group, name_group in ((_DAY_NAME, 1, 2), (_NAME_DAY, 2, 1)):
        if m := pattern.match(value):
            month = month_number(m.group(name_group))
            if month is None:
                raise DateRefused(f"{m.group(name_group)!r} is not a month name")
            return _make(_full_year(m.group(3), year_column), month, int(m.group(day_group)))
    if m := _NUMERIC.match(value):
        return _numeric(m, order, year_column)
    if m := _SERIAL.match(value):
        return _serial(m, year_column)
    raise DateRefused("not a date form this reader knows (e.g. 2020-05-09, 9 May 2020)")


def year_value(text: str | None) -> int | None:
    """A ``year`` column value as an int (None when empty or not a four-digit year)."""
    if text is None:
        return None
    value = text.strip().removesuffix(".0")
    return int(value) if len(value) == 4 and value.isdigit() else None
