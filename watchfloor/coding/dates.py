"""Event dates resolved against the publication date ("on Friday", "last night", "Jan. 5").

Rules: weekday names point to the most recent such day on or before publication ("last
Friday" on a Friday is a week back); dates without a year take the year that puts them no
more than 30 days after publication; vague spans ("earlier this month", "recently", "this
week") keep the publication date, the latest day the event can have happened. With no
expression at all the publication date is the event date. Without a publication date only
fully stated dates resolve.

Every date found is checked against the accepted range (``watchfloor.daterange``): a phrase
whose date falls outside it (or past the calendar's ends, year 1 or 9999) dates nothing, so
the event keeps no date rather than a wrong one. No arithmetic here can overflow.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from spacy.tokens import Span

from watchfloor.daterange import DateRange

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_FLAGS = re.IGNORECASE
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day_month", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b{_YEAR}", _FLAGS)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:%|,\d))" + _YEAR, _FLAGS)),
    ("day_before", re.compile(r"\bthe day before yesterday\b", _FLAGS)),
    ("yesterday", re.compile(r"\byesterday\b|\blast night\b|\bovernight\b", _FLAGS)),
    ("today", re.compile(r"\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b", _FLAGS)),
    (
        "days_ago",
        re.compile(r"\b(?P<n>\d{1,6}|one|two|three|four|five|six|seven|ten) days? ago\b", _FLAGS),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<last>last\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday)\b",
            _FLAGS,
        ),
    ),
    ("last_week", re.compile(r"\blast week\b|\ba week ago\b", _FLAGS)),
    (
        "vague",
        re.compile(
            r"\b(?:earlier|later) this (?:month|week|year)\b|\brecently\b|"
            r"\bthis week\b|\bthis month\b",
            _FLAGS,
        ),
    ),
]
SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


def _calendar(match: re.Match[str], published: dt.date | None) -> dt.date | None:
    if not match.group("month")[0].isupper() and not match.group("month").isdigit():
        return None  # "may", "march" in lower case are verbs far more often than months
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
    else:
        return None
    try:
        found = dt.date(year, month, day)
        # compared as a difference: published + 30 days overflows next to 9999-12-31
        if not year_text and published is not None and (found - published).days > 30:
            found = found.replace(year=year - 1)
    except ValueError:
        return None  # no such day (30 February), or a year before 1
    return found


def _days_before(published: dt.date, days: int) -> dt.date | None:
    """``published`` minus ``days``; None past the calendar's start (or for absurd counts)."""
    try:
        return published - dt.timedelta(days=days)
    except OverflowError:
        return None


def _relative(kind: str, match: re.Match[str], published: dt.date) -> dt.date | None:
    """The date a relative phrase points to; None when it lies before year 1."""
    if kind in ("today", "vague"):
        return published
    if kind == "days_ago":
        text = match.group("n").lower()
        return _days_before(published, int(text) if text.isdigit() else SMALL[text])
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        if back == 0 and match.group("last"):
            back = 7
        return _days_before(published, back)
    return _days_before(published, {"day_before": 2, "yesterday": 1, "last_week": 7}[kind])


def resolve_event_date_text(
    text: str, published: dt.date | None, accepted: DateRange | None = None
) -> dt.date | None:
    """The date ``text`` places its event on; the publication date when it says nothing.

    None when the first phrase that dates the event gives a date outside ``accepted``
    (default: ``DateRange.default()``), or when nothing dates it and the publication date
    is itself outside the range or unknown.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    return _resolve(text, published, accepted or DateRange.default())


@functools.lru_cache(maxsize=4096)  # each event of a sentence asks again
def _resolve(text: str, published: dt.date | None, accepted: DateRange) -> dt.date | None:
    hits: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            hits.append((match.start(), kind, match))
    for _, kind, match in sorted(hits, key=lambda hit: hit[0]):
        if kind in ("iso", "day_month", "month_day"):
            found = _calendar(match, published)
            if found is None:
                continue  # not a date after all ("may 3 times"): read on
        elif published is not None:
            found = _relative(kind, match, published)
        else:
            continue
        return found if found is not None and accepted.contains(found) else None
    return published if published is not None and accepted.contains(published) else None


def resolve_event_date(
    sentence: Span, published: dt.date | None, accepted: DateRange | None = None
) -> dt.date | None:
    """The event date of a spaCy sentence, anchored on the publication date."""
    return resolve_event_date_text(sentence.text, published, accepted)
