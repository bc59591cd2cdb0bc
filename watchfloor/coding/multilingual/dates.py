"""Dates stated in Arabic and Persian text: day-month(-year) dates in the Gregorian, the Solar
Hijri or the lunar Hijri calendar («۱۵ آبان ۱۴۰۲», «3 كانون الثاني», «10 رمضان 1445 هـ»), numeric
dates («۱۴۰۲/۸/۱۵», «15/1/2024», «1445/9/10»), weekdays («الأحد الماضي») and days before
publication («أمس», «دیروز»).

Solar Hijri dates are converted with ``jdatetime``, lunar Hijri dates with ``hijridate`` (the
Umm al-Qura calendar, 1343-1500 AH; where a country sights the moon itself the day may differ
by one). A date that is stated but impossible (30 Esfand of a common year, 31 June, 30 of a
29-day lunar month) or outside those years is read as no date, never as another day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import jdatetime
from hijridate import Gregorian, Hijri

from watchfloor.coding.multilingual.matcher import Match, PhraseIndex, Token

SOLAR, GREGORIAN, LUNAR = "solar", "gregorian", "lunar"
#: Four-digit years read as Solar Hijri (Iran, Afghanistan), as lunar Hijri (the years the
#: Umm al-Qura tables cover) and as Gregorian.
SOLAR_YEARS = range(1300, 1500)
LUNAR_YEARS = range(1343, 1501)
GREGORIAN_YEARS = range(1900, 2200)
#: A numeric date, year first («1402/8/15») or last («15/1/2024»), in folded (ASCII) digits.
YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d)")
YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?!\d)")


@dataclass(frozen=True)
class DateReading:
    """What a text says of its date: ``stated`` when it names one, ``day`` None when the day
    it names does not exist or cannot be placed (a weekday without a publication date)."""

    stated: bool
    day: dt.date | None = None


NOT_STATED = DateReading(False)
KNOWN_YEARS = (SOLAR_YEARS, LUNAR_YEARS, GREGORIAN_YEARS)
NO_YEAR = -1


@dataclass(frozen=True)
class DateTables:
    """One language's date words, folded: month names, weekdays, 'past' words, days-before
    phrases and words allowed between a month and its year («دی ماه ۱۴۰۲»), with their
    phrase indexes (``build``)."""

    months: dict[str, tuple[str, int]]
    weekdays: dict[str, int]
    past: frozenset[str]
    days_before: dict[str, int]
    fillers: frozenset[str]
    month_index: PhraseIndex
    weekday_index: PhraseIndex
    before_index: PhraseIndex

    @classmethod
    def build(
        cls,
        months: dict[str, tuple[str, int]],
        weekdays: dict[str, int],
        past: frozenset[str],
        days_before: dict[str, int],
        fillers: frozenset[str],
    ) -> DateTables:
        """Tables with their indexes (whole words: «الجمعة» is not «الجمعية»)."""
        return cls(
            months,
            weekdays,
            past,
            days_before,
            fillers,
            PhraseIndex(months, whole_words=True),
            PhraseIndex(weekdays, whole_words=True),
            PhraseIndex(days_before, whole_words=True),
        )


def read_date(
    folded: str, tokens: list[Token], published: dt.date | None, tables: DateTables
) -> DateReading:
    """The date a sentence states, the most explicit first: a full or day-month date, a
    numeric date, a weekday, then days before publication."""
    for reader in (_month_date, _numeric_date):
        reading = reader(folded, tokens, published, tables)
        if reading.stated:
            return reading
    return _relative_date(tokens, published, tables)


def _month_date(
    folded: str, tokens: list[Token], published: dt.date | None, tables: DateTables
) -> DateReading:
    for match in _outermost(tables.month_index.find(tokens)):
        day = _number(tokens, match.first - 1)
        if day is None or not 1 <= day <= 31:
            continue
        calendar, month = tables.months[match.phrase]
        year = _year_after(tokens, match.last, tables.fillers)
        if year == NO_YEAR:  # a number where the year stands, but not one we can place
            return DateReading(True, None)
        return DateReading(True, _resolve(calendar, year, month, day, published))
    return NOT_STATED


def _numeric_date(
    folded: str, tokens: list[Token], published: dt.date | None, tables: DateTables
) -> DateReading:
    found = YEAR_FIRST.search(folded)
    if found:
        year, month, day = (int(g) for g in found.groups())
    elif found := YEAR_LAST.search(folded):
        day, month, year = (int(g) for g in found.groups())
    else:
        return NOT_STATED
    calendars = {c for c, _ in tables.months.values()}
    if year in SOLAR_YEARS and SOLAR in calendars:
        calendar: str | None = SOLAR  # Persian: 1402/8/15 is Solar Hijri
    elif year in LUNAR_YEARS and LUNAR in calendars and SOLAR not in calendars:
        calendar = LUNAR  # Arabic: 1445/9/10 is lunar Hijri
    else:
        calendar = GREGORIAN if year in GREGORIAN_YEARS else None
    if calendar is None:  # a year we do not place, or a code: no day
        return DateReading(True, None)
    return DateReading(True, _resolve(calendar, year, month, day, published))


def _relative_date(
    tokens: list[Token], published: dt.date | None, tables: DateTables
) -> DateReading:
    for match in _outermost(tables.weekday_index.find(tokens)):
        weekday = tables.weekdays[match.phrase]
        after = tokens[match.last + 1].forms if match.last + 1 < len(tokens) else ()
        past = any(f in tables.past for f in after)
        return DateReading(True, _last_weekday(published, weekday, past=past))
    days = max(
        (tables.days_before[m.phrase] for m in tables.before_index.find(tokens)),
        default=None,
    )
    if days is None:
        return NOT_STATED
    return DateReading(True, _days_before(published, days))


def _resolve(
    calendar: str, year: int | None, month: int, day: int, published: dt.date | None
) -> dt.date | None:
    """The Gregorian day; a date without a year is the last such day up to publication."""
    if year is not None:
        return _to_gregorian(calendar, year, month, day)
    if published is None:
        return None
    this_year = _year_of(calendar, published)
    if this_year is None:
        return None
    for candidate_year in (this_year, this_year - 1):
        found = _to_gregorian(calendar, candidate_year, month, day)
        if found is not None and found <= published:
            return found
    return None


def _year_of(calendar: str, day: dt.date) -> int | None:
    """The year of ``calendar`` that ``day`` falls in (None outside the lunar tables)."""
    if calendar == SOLAR:
        return int(jdatetime.date.fromgregorian(date=day).year)
    if calendar == LUNAR:
        try:
            return int(Gregorian(day.year, day.month, day.day).to_hijri().year)
        except (ValueError, OverflowError):
            return None
    return day.year


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    try:
        if calendar == SOLAR:
            converted = jdatetime.date(year, month, day).togregorian()
            return dt.date(converted.year, converted.month, converted.day)
        if calendar == LUNAR:
            return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())
        return dt.date(year, month, day)
    except (ValueError, OverflowError):  # 30 Esfand of a common year, 31 June, month 13,
        return None  # a lunar year outside the Umm al-Qura tables


def _last_weekday(published: dt.date | None, weekday: int, *, past: bool) -> dt.date | None:
    """The latest ``weekday`` on or before publication (strictly before when ``past``)."""
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    if past and back == 0:
        back = 7
    return _days_before(published, back)


def _days_before(published: dt.date | None, days: int) -> dt.date | None:
    if published is None or published.toordinal() - days < 1:
        return None
    return published - dt.timedelta(days=days)


def _number(tokens: list[Token], index: int) -> int | None:
    if not 0 <= index < len(tokens):
        return None
    text = tokens[index].text
    return int(text) if text.isdigit() and len(text) <= 4 else None


def _year_after(tokens: list[Token], last: int, fillers: frozenset[str]) -> int | None:
    """A four-digit year right after a month, or after filler words («ماه», «من عام»);
    ``NO_YEAR`` for a number there that is no year we read (1850, 2500)."""
    for index in (last + 1, last + 2, last + 3):
        value = _number(tokens, index)
        if value is not None:
            if value > 31 and not any(value in years for years in KNOWN_YEARS):
                return NO_YEAR
            return value if value > 31 else None
        if index >= len(tokens) or tokens[index].text not in fillers:
            return None
    return None


def _outermost(matches: Iterable[Match]) -> list[Match]:
    """The longest phrase at each word and none inside it («سه شنبه», not its «شنبه»)."""
    kept: list[Match] = []
    for match in matches:
        if not kept or match.first > kept[-1].last:
            kept.append(match)
    return kept
