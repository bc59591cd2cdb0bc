"""Import ACLED CSV exports in every layout they are found in.

Columns are found by name, case-insensitively, in any order, so the current export, the
2019-2022 one, the pre-2019 upper-case one (``GWNO, EVENT_ID_CNTY, EVENT_DATE, ...``) and
API dumps written by pandas (an index column, extra or reordered columns) all read.
Dates are read by ``importers.dates`` (one reading or a refusal, never a guess) and checked
against the accepted date range. Rows repeating an event id are folded into one (the newest
``timestamp``, else the later row) and listed. Old event types ("Battle-No change of
territory", "Remote violence", "Riots/Protests", ...) map to the current type and sub-type
(``Riots/Protests`` is Riots when actor 1 is rioters, inter code 5); types map to PLOVER and
an approximate CAMEO code (``importers/data/acled_types.csv``); ``iso3``, the numeric ``iso``
code or the country name gives the ISO3 country (GWNO, a Gleditsch-Ward number, is not used).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from watchfloor.daterange import DateRange
from watchfloor.errors import InputError
from watchfloor.importers.acled_sql import ACLED_SELECT
from watchfloor.importers.common import (
    ImportReport,
    RejectedRow,
    check_number,
    fold_duplicates,
    plain_file,
    write_staged,
)
from watchfloor.importers.dates import (
    DATE_ORDERS,
    DateRefused,
    FileDateOrder,
    read_date,
    year_value,
)
from watchfloor.importers.rows import csv_records, text_encoding
from watchfloor.store.database import Store

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities")
OPTIONAL = (
    "year", "sub_event_type", "inter1", "actor2", "iso", "iso3", "admin1", "location",
    "latitude", "longitude", "notes", "source", "timestamp",
)
# The columns handed to the SQL mapping, besides ``line`` and the parsed ``date``.
STAGED = tuple(c for c in REQUIRED + OPTIONAL if c not in ("event_date", "year", "timestamp"))


@dataclass
class _Rows:
    """The readable rows of a file, column by column, and the rows refused so far."""

    lines: list[int] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)
    rejected: list[RejectedRow] = field(default_factory=list)
    read: int = 0


def _columns(header: list[str], source: Path) -> dict[str, int]:
    """Position of each column we read, by lower-cased name (the first of a repeated name)."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip().lstrip("\ufeff").lower(), index)
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise InputError(f"{source}: not an ACLED export, missing columns {', '.join(missing)}")
    return {c: positions[c] for c in REQUIRED + OPTIONAL if c in positions}


def layout_name(header: list[str]) -> str:
    """A short name for the export's layout, for the report."""
    names = [h.strip().lower() for h in header]
    if names and names[0] in ("", "unnamed: 0"):
        kind = "API dump with an index column"
    elif "gwno" in names or all(h == h.upper() for h in header if h.strip()):
        kind = "pre-2019 upper-case"
    elif "sub_event_type" not in names:
        kind = "pre-2019"
    elif "disorder_type" not in names:
        kind = "2019-2022"
    else:
        kind = "current"
    return f"ACLED {kind}, {len(header)} columns"


def _row_problem(fields: list[str], cols: dict[str, int], width: int) -> str | None:
    if len(fields) != width:
        return f"has {len(fields)} fields, the header has {width}"
    for name in ("event_id_cnty", "event_type"):
        if not fields[cols[name]].strip():
            return f"{name} is empty"
    checks = (("fatalities", 0, 1e6), ("latitude", -90, 90), ("longitude", -180, 180))
    for name, low, high in checks:
        if name in cols and (why := check_number(fields[cols[name]], name, low=low, high=high)):
            return why
    return None


def _read(file: Path, source: Path) -> tuple[str, dict[str, int], _Rows]:
    records = csv_records(file, encoding=text_encoding(file, str(source)), what=str(source))
    head = next(records, None)
    if head is None:
        raise InputError(f"{source}: empty file, no ACLED header")
    cols = _columns(head.fields, source)
    rows = _Rows(values={c: [] for c in cols})
    for record in records:
        rows.read += 1
        why = record.problem or _row_problem(record.fields, cols, len(head.fields))
        if why:
            rows.rejected.append(RejectedRow(record.line, why))
            continue
        rows.lines.append(record.line)
        for name, index in cols.items():
            rows.values[name].append(record.fields[index].strip())
    return layout_name(head.fields), cols, rows


def _dates(
    rows: _Rows, order: str | None, limits: DateRange
) -> tuple[list[dt.date | None], list[str | None]]:
    """Each row's date, or None with the reason it was refused."""
    raw = rows.values["event_date"]
    years = rows.values.get("year") or [""] * len(raw)
    settled = order or FileDateOrder.scan(set(raw)).settled()
    cache: dict[tuple[str, str], tuple[dt.date | None, str | None]] = {}
    dates: list[dt.date | None] = []
    reasons: list[str | None] = []
    for text, year in zip(raw, years, strict=True):
        key = (text, year)
        if key not in cache:
            cache[key] = _one_date(text, year, settled, limits)
        day, why = cache[key]
        dates.append(day)
        reasons.append(why)
    return dates, reasons


def _one_date(
    text: str, year: str, order: str | None, limits: DateRange
) -> tuple[dt.date | None, str | None]:
    try:
        day = read_date(text, order=order, year_column=year_value(year))
    except DateRefused as exc:
        return None, f"event_date {text!r}: {exc}"
    if not limits.contains(day):
        return None, (
            f"event_date {text!r} reads as {day.isoformat()}, outside the accepted range "
            f"{limits.earliest.isoformat()} to {limits.latest.isoformat()}"
        )
    return day, None


def _frame(rows: _Rows, dates: list[dt.date | None], keep: list[int]) -> pd.DataFrame:
    data: dict[str, object] = {"line": [rows.lines[i] for i in keep]}
    data["date"] = [dates[i] for i in keep]
    for name in STAGED:
        column = rows.values.get(name)
        data[name] = [column[i] for i in keep] if column else [""] * len(keep)
    return pd.DataFrame(data)


def _rank(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _import(store: Store, source: Path, order: str | None, limits: DateRange) -> ImportReport:
    with plain_file(source) as file:
        layout, cols, rows = _read(file, source)
    dates, reasons = _dates(rows, order, limits)
    usable = [i for i, why in enumerate(reasons) if why is None]
    rows.rejected += [RejectedRow(rows.lines[i], why) for i, why in enumerate(reasons) if why]
    stamps = rows.values.get("timestamp")
    keep_local, folded = fold_duplicates(
        [rows.values["event_id_cnty"][i] for i in usable],
        [rows.lines[i] for i in usable],
        [_rank(stamps[i]) if stamps else 0 for i in usable],
    )
    keep = [usable[i] for i in keep_local]
    imported = write_staged(store, _frame(rows, dates, keep), ACLED_SELECT)
    return ImportReport(
        path=str(source),
        dataset="acled",
        layout=layout,
        rows_read=rows.read,
        imported=imported,
        duplicates=tuple(folded),
        rejected=tuple(sorted(rows.rejected, key=lambda r: r.line)),
    )


def import_acled(
    store: Store,
    path: str | Path,
    *,
    date_order: str | None = None,
    date_range: DateRange | None = None,
) -> ImportReport:
    """Upsert the events of one ACLED CSV export (any layout, plain or .zip) in one transaction.

    ``date_order`` (``dmy`` or ``mdy``) settles numeric dates that read both ways and that
    the file's other dates do not settle; ``date_range`` bounds accepted dates (default: the
    settings' default range). Bad rows are refused by line and listed in the report; a file
    that cannot be read at all raises InputError and leaves the database unchanged.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise InputError(f"date order {date_order!r}: use one of {', '.join(DATE_ORDERS)}")
    return _import(store, Path(path), date_order, date_range or DateRange.default())
