"""Query parameters shared by the read endpoints, checked with messages that name the problem."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query

from watchfloor.api.deps import StateDep
from watchfloor.daterange import DateRange
from watchfloor.store.events import EventFilter

MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000_000  # far past any table, far below DuckDB's BIGINT limit
DEFAULT_LIMIT = 100
FORMATS = ("json", "csv", "geojson")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


def bad_request(message: str, status: int = 422) -> HTTPException:
    """An HTTP error whose body is ``{"error": message}``."""
    return HTTPException(status_code=status, detail=message)


def date_bounds(state: StateDep) -> DateRange:
    """Dependency: the dates accepted today (Settings.min_date_year, max_days_ahead)."""
    return state.settings.date_range()


BoundsDep = Annotated[DateRange, Depends(date_bounds)]


def parse_date(name: str, value: str | None, bounds: DateRange) -> dt.date | None:
    """An ISO date (YYYY-MM-DD, or a datetime whose date part is taken) within ``bounds``.

    A date outside them is a 422 naming the parameter, so no later arithmetic (a day
    added to 9999-12-31) can overflow.
    """
    if value is None or value == "":
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        try:
            day = dt.datetime.fromisoformat(value).date()
        except ValueError:
            raise bad_request(
                f"query parameter {name!r}: {value!r} is not a date; use YYYY-MM-DD"
            ) from None
    if not bounds.contains(day):
        raise bad_request(
            f"query parameter {name!r}: {day.isoformat()} is outside the accepted range "
            f"{bounds.earliest.isoformat()} to {bounds.latest.isoformat()}"
        )
    return day


def parse_country(value: str | None, name: str = "country") -> str | None:
    """An ISO 3166-1 alpha-3 code, upper-cased."""
    if value is None or value == "":
        return None
    if not _ISO3.match(value):
        raise bad_request(
            f"query parameter {name!r}: {value!r} is not an ISO3 country code (e.g. IRQ, SYR)"
        )
    return value.upper()


@dataclass(frozen=True)
class Page:
    """Pagination and output format of a tabular endpoint."""

    limit: int
    offset: int
    format: str


def page_params(
    limit: int = Query(DEFAULT_LIMIT, description=f"rows per page, 1..{MAX_LIMIT}"),
    offset: int = Query(0, description=f"rows to skip, 0..{MAX_OFFSET}"),
    format: str = Query("json", description="json, csv or geojson (where the rows have places)"),
) -> Page:
    """Dependency: validated limit / offset / format."""
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_request(f"query parameter 'limit': {limit} is out of range 1..{MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad_request(f"query parameter 'offset': {offset} is out of range 0..{MAX_OFFSET}")
    if format not in FORMATS:
        raise bad_request(
            f"query parameter 'format': {format!r} is not one of {', '.join(FORMATS)}"
        )
    return Page(limit, offset, format)


@dataclass(frozen=True)
class ApiEventFilter(EventFilter):
    """The shared EventFilter plus what only the API offers: QuadClass."""

    quad_classes: tuple[int, ...] = ()

    def where(self) -> tuple[str, list[Any]]:
        clause, params = super().where()
        if self.quad_classes:
            marks = ", ".join("?" for _ in self.quad_classes)
            clause += f" AND e.quad_class IN ({marks})"
            params = [*params, *self.quad_classes]
        return clause, params


def parse_quad_classes(value: str | None) -> tuple[int, ...]:
    """'3,4' -> (3, 4); each must be 1..4."""
    if not value:
        return ()
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not all(p in {"1", "2", "3", "4"} for p in parts):
        raise bad_request(
            f"query parameter 'quad_class': {value!r} is not a comma list of 1, 2, 3, 4"
        )
    return tuple(sorted({int(p) for p in parts}))


def event_filter(
    since: str | None = Query(None, description="first day, YYYY-MM-DD"),
    until: str | None = Query(None, description="last day, YYYY-MM-DD"),
    country: str | None = Query(None, description="ISO3 country code of the event place"),
    admin1: str | None = Query(None, description="first-level admin unit name"),
    actor: str | None = Query(None, description="actor country, actor id or name fragment"),
    type: str | None = Query(None, description="PLOVER event, CAMEO code or ACLED type"),
    source: str | None = Query(None, description="outlet (documents.source)"),
    min_confidence: float | None = Query(None, description="lowest confidence, 0..1"),
    document_id: str | None = Query(None, description="only events of this document"),
    dataset: str | None = Query(None, description="watchfloor, gdelt, acled or parquet"),
    language: str | None = Query(None, description="language of the event's document, e.g. ar"),
    quad_class: str | None = Query(None, description="QuadClass list, e.g. 3,4 (conflict)"),
    *,
    bounds: BoundsDep,
) -> EventFilter:
    """Dependency: the shared EventFilter, validated."""
    first, last = parse_date("since", since, bounds), parse_date("until", until, bounds)
    if first and last and first > last:
        raise bad_request(f"'since' ({first}) is after 'until' ({last})")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise bad_request(f"query parameter 'min_confidence': {min_confidence} is not in 0..1")
    return ApiEventFilter(
        quad_classes=parse_quad_classes(quad_class),
        since=first,
        until=last,
        country=parse_country(country),
        admin1=admin1 or None,
        actor=actor or None,
        type=type or None,
        source=source or None,
        min_confidence=min_confidence,
        document_id=document_id or None,
        dataset=dataset or None,
        language=language or None,
    )


PageDep = Annotated[Page, Depends(page_params)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
