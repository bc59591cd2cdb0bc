"""Import GDELT files: 2.0 event exports, 1.0 daily and back-file events, 2.0 mentions.

The layout is recognised from the rows (``gdelt_layouts``). Every row is checked in Python
before anything is written, and a bad one is refused with its line and reason (wrong field
count, a bare carriage return, an unreadable id, a date outside the accepted range such as
``99991231``, an EventCode that is not CAMEO); the rest is mapped in SQL (``gdelt_sql``):
CAMEO -> PLOVER and Goldstein, FIPS and CAMEO country codes -> ISO3, and the article URL
(SOURCEURL) kept as the event's ``evidence_url``. Mentions go to ``event_mentions``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from watchfloor.daterange import DateRange
from watchfloor.errors import InputError
from watchfloor.importers.common import (
    ImportReport,
    RejectedRow,
    cameo_codes,
    check_number,
    fold_duplicates,
    plain_file,
    write_staged,
)
from watchfloor.importers.gdelt_layouts import (
    GDELT_COLUMNS,
    Layout,
    detect_layout,
    header_layout,
)
from watchfloor.importers.gdelt_sql import GDELT_SELECT, MENTIONS_UPSERT
from watchfloor.importers.rows import Record, csv_records, tab_records, text_encoding
from watchfloor.store.database import Store

__all__ = ["GDELT_COLUMNS", "import_gdelt"]

# The event columns handed to the SQL mapping (SOURCEURL is empty in 1.0 back-files).
EVENT_FIELDS = (
    "GLOBALEVENTID", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "SOURCEURL",
)
MENTION_FIELDS = {
    "GLOBALEVENTID": "event_id", "MentionIdentifier": "url", "MentionSourceName": "source_name",
    "MentionType": "mention_type", "Confidence": "confidence", "MentionDocTone": "doc_tone",
}
_SAMPLE = 50


@dataclass
class _Checked:
    """Rows that passed the checks (one dict of fields each) and the rows refused."""

    lines: list[int] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    read: int = 0


class _Days:
    """YYYYMMDD (or YYYYMMDDHHMMSS) values read and range-checked once each."""

    def __init__(self, limits: DateRange) -> None:
        self.limits = limits
        self._seen: dict[tuple[str, str], tuple[dt.date | None, str | None]] = {}

    def read(self, text: str, what: str) -> tuple[dt.date | None, str | None]:
        """The day ``text`` starts with, or None and why (``what`` names the column)."""
        key = (text, what)
        if key not in self._seen:
            self._seen[key] = self._read(text, what)
        return self._seen[key]

    def _read(self, text: str, what: str) -> tuple[dt.date | None, str | None]:
        try:
            if len(text) not in (8, 14) or not text.isdigit():
                raise ValueError(text)
            day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            return None, f"{what} {text!r} is not a YYYYMMDD date"
        if not self.limits.contains(day):
            return None, (
                f"{what} {text} is outside the accepted range "
                f"{self.limits.earliest.isoformat()} to {self.limits.latest.isoformat()}"
            )
        return day, None


def _event_row(
    values: dict[str, str], codes: frozenset[str], days: _Days
) -> tuple[dict[str, object] | None, str | None]:
    if not values["GLOBALEVENTID"].isdigit():
        return None, f"GLOBALEVENTID {values['GLOBALEVENTID']!r} is not a number"
    day, why = days.read(values["SQLDATE"], "SQLDATE")
    if why:
        return None, why
    code = values["EventCode"].strip()
    if code not in codes and code[:3] not in codes:
        return None, f"EventCode {code!r} is not a CAMEO code"
    for name, low, high in (("ActionGeo_Lat", -90, 90), ("ActionGeo_Long", -180, 180)):
        if why := check_number(values[name], name, low=low, high=high):
            return None, why
    row: dict[str, object] = dict(values)
    row["date"] = day
    row.setdefault("SOURCEURL", "")  # 1.0 back-files have none
    return row, None


def _mention_row(
    values: dict[str, str], days: _Days
) -> tuple[dict[str, object] | None, str | None]:
    if not values["GLOBALEVENTID"].isdigit():
        return None, f"GLOBALEVENTID {values['GLOBALEVENTID']!r} is not a number"
    if not values["MentionIdentifier"].strip():
        return None, "MentionIdentifier (the article) is empty"
    row: dict[str, object] = {new: values[old].strip() for old, new in MENTION_FIELDS.items()}
    row["event_id"] = f"gdelt:{values['GLOBALEVENTID']}"
    for column, stamp in (("event_time", "EventTimeDate"), ("mention_time", "MentionTimeDate")):
        _, why = days.read(values[stamp], stamp)
        if why:
            return None, why
        row[column] = dt.datetime.strptime(values[stamp], "%Y%m%d%H%M%S")
    return row, None


def _positions(layout: Layout) -> list[tuple[str, int]]:
    """The columns the checks and the mapping read, with their positions in the layout."""
    names = (*EVENT_FIELDS, "SQLDATE", *MENTION_FIELDS, "EventTimeDate", "MentionTimeDate")
    return [(name, layout.columns.index(name)) for name in names if name in layout.columns]


def _named(problem: str | None, layout: Layout) -> str | None:
    """``field 7 holds ...`` as ``field 7 (Actor1Name) holds ...``."""
    match = re.match(r"field (\d+) ", problem or "")
    if problem is None or match is None or int(match.group(1)) > len(layout.columns):
        return problem
    number = int(match.group(1))
    return problem.replace(match.group(0), f"field {number} ({layout.columns[number - 1]}) ", 1)


def _check(records: Iterator[Record], layout: Layout, limits: DateRange) -> _Checked:
    checked = _Checked()
    codes = cameo_codes()
    days = _Days(limits)
    width = len(layout.columns)
    wanted = _positions(layout)
    # a file with a header may lack columns the mapping reads: they read as empty
    names = {name for name, _ in wanted}
    needed = (*EVENT_FIELDS, "SQLDATE") if layout.events else ()
    absent = {name: "" for name in needed if name not in names}
    for record in records:
        checked.read += 1
        why = _named(record.problem, layout)
        if why is None and len(record.fields) != width:
            why = f"has {len(record.fields)} fields, the {layout.name} layout has {width}"
        row = None
        if why is None:
            values = {name: record.fields[i] for name, i in wanted}
            if absent:
                values.update(absent)
            if layout.events:
                row, why = _event_row(values, codes, days)
            else:
                row, why = _mention_row(values, days)
        if row is None:
            checked.rejected.append(RejectedRow(record.line, why or "unreadable"))
            continue
        checked.lines.append(record.line)
        checked.rows.append(row)
    return checked


def _write_mentions(store: Store, frame: pd.DataFrame) -> int:
    if frame.empty:
        return 0
    with store.transaction() as con:
        con.register("wf_mentions", frame)
        try:
            con.execute(MENTIONS_UPSERT)
        finally:
            con.unregister("wf_mentions")
    return len(frame)


def _layout_and_records(file: Path, what: str) -> tuple[Layout, Iterator[Record]]:
    """The file's layout and its data records (after the header, where there is one)."""
    first = next(tab_records(file), None)
    if first is not None and len(first.fields) == 1:  # a comma-separated export
        encoding = text_encoding(file, what)
        head = next(csv_records(file, encoding=encoding, what=what), None)
        layout = header_layout(head.fields, what) if head else None
        if layout is None:
            raise InputError(
                f"{what}: not a GDELT events file (57, 58 or 61 tab-separated columns), a "
                "mentions file (16), or an export with a GLOBALEVENTID header"
            )
        return layout, itertools.islice(csv_records(file, encoding=encoding, what=what), 1, None)
    layout = header_layout(first.fields, what) if first is not None else None
    if layout is not None:
        return layout, itertools.islice(tab_records(file), 1, None)
    sample = [r.fields for r in itertools.islice(tab_records(file), _SAMPLE) if not r.problem]
    return detect_layout(sample, what), tab_records(file)


def _import(store: Store, source: Path, limits: DateRange) -> ImportReport:
    with plain_file(source) as file:
        layout, records = _layout_and_records(file, str(source))
        checked = _check(records, layout, limits)
    ids = [
        str(r["GLOBALEVENTID"]) if layout.events else f"{r['event_id']} {r['url']}"
        for r in checked.rows
    ]
    keep, folded = fold_duplicates(ids, checked.lines, [0] * len(ids))
    frame = pd.DataFrame([checked.rows[i] for i in keep])
    if layout.events:
        frame = frame.assign(layout_label=layout.name.split(",")[0]) if keep else frame
        imported = write_staged(store, frame, GDELT_SELECT)
    else:
        imported = _write_mentions(store, frame)
    return ImportReport(
        path=str(source),
        dataset="gdelt",
        layout=layout.name,
        rows_read=checked.read,
        imported=imported,
        duplicates=tuple(folded),
        rejected=tuple(checked.rejected),
    )


def import_gdelt(
    store: Store, path: str | Path, *, date_range: DateRange | None = None
) -> ImportReport:
    """Upsert the events (or mentions) of one GDELT file, plain or .zip, in one transaction.

    ``date_range`` bounds accepted dates (default: the settings' default range). Bad rows
    are refused by line and listed in the report; a file that is not GDELT raises
    InputError and leaves the database unchanged.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    return _import(store, source, date_range or DateRange.default())
