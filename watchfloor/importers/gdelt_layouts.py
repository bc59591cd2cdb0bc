"""The GDELT file layouts watchfloor reads, and how a file's layout is recognised.

GDELT event files carry no header; the layout is told by the number of tab-separated fields
and checked against the content (a numeric id, a date in the date column):

* 2.0 event export: 61 fields (geo blocks with ADM2Code, DATEADDED as YYYYMMDDHHMMSS);
* 1.0 daily file: 58 fields (no ADM2Code, DATEADDED as YYYYMMDD, SOURCEURL last);
* 1.0 back-file (1979 to March 2013): 57 fields (no SOURCEURL);
* 2.0 Mentions: 16 fields (one article that mentioned an event).

Files exported with a header row (BigQuery, a spreadsheet; comma- or tab-separated) are read
by column name instead (``header_layout``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from watchfloor.errors import InputError

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)
_GEO_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_GEO_1 = tuple(c for c in _GEO_2 if c != "ADM2Code")
_EVENT = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
)


def _event_columns(geo: tuple[str, ...], with_url: bool) -> tuple[str, ...]:
    return (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        *(f"Actor1{c}" for c in _ACTOR),
        *(f"Actor2{c}" for c in _ACTOR),
        *_EVENT,
        *itertools.chain.from_iterable(
            (f"{g}_{c}" for c in geo) for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        ),
        "DATEADDED",
        *(("SOURCEURL",) if with_url else ()),
    )


GDELT_COLUMNS: tuple[str, ...] = _event_columns(_GEO_2, True)
GDELT1_DAILY_COLUMNS: tuple[str, ...] = _event_columns(_GEO_1, True)
GDELT1_BACKFILE_COLUMNS: tuple[str, ...] = _event_columns(_GEO_1, False)
MENTIONS_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)

_ID = re.compile(r"^\d{1,19}$")
_DAY = re.compile(r"^\d{8}$")
_STAMP = re.compile(r"^\d{14}$")


@dataclass(frozen=True)
class Layout:
    """One GDELT layout: its name, its columns, and whether its rows are events."""

    name: str
    columns: tuple[str, ...]
    events: bool
    header: bool = False

    def looks_like(self, fields: list[str]) -> bool:
        """Whether a row of the right width has this layout's id and date forms."""
        if len(fields) != len(self.columns) or not _ID.match(fields[0]):
            return False
        return bool((_DAY if self.events else _STAMP).match(fields[1]))


LAYOUTS: tuple[Layout, ...] = (
    Layout("GDELT 2.0 event export, 61 columns", GDELT_COLUMNS, True),
    Layout("GDELT 1.0 daily events, 58 columns", GDELT1_DAILY_COLUMNS, True),
    Layout("GDELT 1.0 back-file events, 57 columns", GDELT1_BACKFILE_COLUMNS, True),
    Layout("GDELT 2.0 mentions, 16 columns", MENTIONS_COLUMNS, False),
)


def detect_layout(rows: Iterable[list[str]], what: str) -> Layout:
    """The layout most of the first rows have; InputError naming ``what`` when none fits."""
    votes: dict[str, int] = {}
    widths: set[int] = set()
    for fields in rows:
        widths.add(len(fields))
        for layout in LAYOUTS:
            if layout.looks_like(fields):
                votes[layout.name] = votes.get(layout.name, 0) + 1
    if not votes:
        seen = ", ".join(str(w) for w in sorted(widths)) or "no rows"
        raise InputError(
            f"{what}: not a GDELT events file (57, 58 or 61 tab-separated columns) or a "
            f"GDELT 2.0 mentions file (16); its first rows have {seen} fields"
        )
    best = max(votes, key=lambda name: votes[name])
    return next(layout for layout in LAYOUTS if layout.name == best)


_KNOWN = {c.lower(): c for c in (*GDELT_COLUMNS, *GDELT1_DAILY_COLUMNS, *MENTIONS_COLUMNS)}
_NEEDS = {
    True: ("GLOBALEVENTID", "SQLDATE", "EventCode"),
    False: ("GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionIdentifier"),
}


def header_layout(fields: list[str], what: str) -> Layout | None:
    """The layout a header row names (columns by name, any case or order), or None when
    the row is not a header; InputError when a header lacks a column the import needs."""
    names = tuple(_KNOWN.get(f.strip().lstrip("\ufeff").lower(), f.strip()) for f in fields)
    if "GLOBALEVENTID" not in names:
        return None
    events = "MentionIdentifier" not in names
    missing = [c for c in _NEEDS[events] if c not in names]
    if missing:
        kind = "events" if events else "mentions"
        raise InputError(f"{what}: a GDELT {kind} header without {', '.join(missing)}")
    kind = "events" if events else "mentions"
    return Layout(f"GDELT {kind} with a header, {len(names)} columns", names, events, True)
