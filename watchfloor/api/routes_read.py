"""Read endpoints over the core tables: health, stats, events, timeline, map, documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from watchfloor import __version__
from watchfloor.api.deps import StoreDep
from watchfloor.api.formats import csv_response, geojson_response, json_response
from watchfloor.api.layers import fetch_rows
from watchfloor.api.params import BoundsDep, FilterDep, PageDep, bad_request, parse_date
from watchfloor.store.database import Store
from watchfloor.store.events import EVENT_COLUMNS, EventFilter, event_record, query_events

router = APIRouter(prefix="/api")

CONFLICT = "e.quad_class IN (3, 4)"
COOPERATION = "e.quad_class IN (1, 2)"
_FROM = "FROM events e LEFT JOIN documents d ON d.id = e.document_id"


def api_event(row: dict[str, Any]) -> dict[str, Any]:
    """event_record plus the title and outlet of its document."""
    rec = event_record(row)
    rec["document"] = {"title": row.get("document_title"), "source": row.get("document_source")}
    return rec


@router.get("/health", summary="Liveness and schema version")
def health(store: StoreDep) -> Response:
    return json_response({"status": "ok", "version": __version__, "schema": store.schema_version})


ORDER = "e.date DESC NULLS LAST, e.document_id, e.sentence_index, e.id"


def page_events(store: Store, flt: EventFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of events (same order as ``query_events``) with their document's title/outlet.

    Two steps keep large tables fast: sort only the ids of matching rows, then fetch the
    page's full rows by primary key (no sort or join over every matching row).
    """
    where, params = flt.where()
    source_join = _documents_join(flt)
    ids = [
        row[0]
        for row in store.con.execute(
            f"SELECT e.id FROM events e{source_join} WHERE {where} ORDER BY {ORDER} "
            f"LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    ]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = fetch_rows(
        store,
        f"SELECT e.*, d.source AS document_source, d.title AS document_title {_FROM} "
        f"WHERE e.id IN ({marks})",
        ids,
    )
    rank = {event_id: i for i, event_id in enumerate(ids)}
    return sorted(rows, key=lambda r: rank[r["id"]])


def _documents_join(flt: EventFilter) -> str:
    """The join to documents, needed only when filtering by outlet or language."""
    return " LEFT JOIN documents d ON d.id = e.document_id" if flt.source or flt.language else ""


def count_events(store: Store, flt: EventFilter) -> int:
    """How many events match (the documents join only when filtering by outlet or language)."""
    where, params = flt.where()
    source_join = _documents_join(flt)
    row = store.con.execute(
        f"SELECT count(*) FROM events e{source_join} WHERE {where}", params
    ).fetchone()
    return int(row[0]) if row else 0


@router.get("/events", summary="Coded events, newest first, filtered and paginated")
def events(flt: FilterDep, page: PageDep, store: StoreDep) -> Response:
    rows = page_events(store, flt, page.limit, page.offset)
    if page.format == "csv":
        columns = [*EVENT_COLUMNS, "document_source", "document_title"]
        return csv_response(rows, columns, "events.csv")
    items = [api_event(r) for r in rows]
    if page.format == "geojson":
        return geojson_response(items)
    return json_response(
        {
            "total": count_events(store, flt),
            "limit": page.limit,
            "offset": page.offset,
            "items": items,
        }
    )


@router.get("/timeline", summary="Event counts per day or week by QuadClass or PLOVER type")
def timeline(
    flt: FilterDep,
    store: StoreDep,
    group: str = Query("quad_class", description="quad_class or plover_event"),
    interval: str = Query("day", description="day or week"),
) -> Response:
    if group not in ("quad_class", "plover_event"):
        raise bad_request(f"query parameter 'group': {group!r} is not quad_class or plover_event")
    if interval not in ("day", "week"):
        raise bad_request(f"query parameter 'interval': {interval!r} is not day or week")
    where, params = flt.where()
    rows = fetch_rows(
        store,
        f"SELECT date_trunc('{interval}', e.date)::DATE AS date, e.{group}::VARCHAR AS key, "
        f"count(*) AS count {_FROM} WHERE {where} AND e.date IS NOT NULL "
        f"GROUP BY ALL ORDER BY date, key",
        params,
    )
    return json_response({"group": group, "interval": interval, "buckets": rows})


@router.get("/map", summary="Event counts per place, split into conflict and cooperation")
def map_points(
    flt: FilterDep,
    store: StoreDep,
    limit: int = Query(2000, ge=1, le=20000, description="most places returned"),
) -> Response:
    where, params = flt.where()
    rows = fetch_rows(
        store,
        f"SELECT any_value(e.place_name) AS place, any_value(e.place_country) AS country, "
        f"any_value(e.place_admin1) AS admin1, "
        f"round(e.lat, 2) AS lat, round(e.lon, 2) AS lon, count(*) AS count, "
        f"count(*) FILTER ({CONFLICT}) AS conflict, count(*) FILTER ({COOPERATION}) AS cooperation "
        f"{_FROM} WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
        f"GROUP BY round(e.lat, 2), round(e.lon, 2) ORDER BY count DESC LIMIT ?",
        [*params, limit],
    )
    return json_response({"places": rows})


def _country_strips(store: Store, last: dt.date | None, weeks: int = 12) -> list[dict[str, Any]]:
    if last is None:
        return []
    start = last - dt.timedelta(weeks=weeks)
    rows = fetch_rows(
        store,
        f"WITH w AS (SELECT e.place_country AS country, "
        f"((date_diff('day', ?::DATE, e.date) - 1) // 7)::INTEGER AS week, "
        f"count(*) FILTER ({CONFLICT}) AS conflict, count(*) FILTER ({COOPERATION}) AS coop "
        f"FROM events e WHERE e.date > ? AND e.date <= ? AND e.place_country IS NOT NULL "
        f"GROUP BY ALL) "
        f"SELECT country, sum(conflict + coop) AS total, list(week ORDER BY week) AS weeks, "
        f"list(conflict ORDER BY week) AS conflict, list(coop ORDER BY week) AS coop "
        f"FROM w GROUP BY country ORDER BY total DESC LIMIT 12",
        [start, start, last],
    )
    strips = []
    for row in rows:
        conflict, coop = [0] * weeks, [0] * weeks
        for week, c, k in zip(row["weeks"], row["conflict"], row["coop"], strict=True):
            if 0 <= week < weeks:
                conflict[week], coop[week] = c, k
        strips.append(
            {
                "country": row["country"],
                "total": row["total"],
                "conflict": conflict,
                "cooperation": coop,
            }
        )
    return strips


@router.get("/stats", summary="Counts for the overview page")
def stats(store: StoreDep) -> Response:
    one = store.con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
        "(SELECT count(DISTINCT source) FROM documents), (SELECT min(date) FROM events), "
        "(SELECT max(date) FROM events)"
    ).fetchone()
    assert one is not None
    by_quad = fetch_rows(
        store,
        "SELECT quad_class, count(*) AS count FROM events GROUP BY quad_class ORDER BY 1",
    )
    return json_response(
        {
            "documents": one[0],
            "events": one[1],
            "sources": one[2],
            "first_date": one[3],
            "last_date": one[4],
            "by_quad_class": by_quad,
            "countries": _country_strips(store, one[4]),
            "strip_weeks": 12,
        }
    )


@router.get("/documents", summary="Documents, newest first, filtered and paginated")
def documents(
    page: PageDep,
    store: StoreDep,
    since: str | None = Query(None, description="published on or after, YYYY-MM-DD"),
    until: str | None = Query(None, description="published on or before, YYYY-MM-DD"),
    source: str | None = Query(None, description="outlet"),
    language: str | None = Query(None, description="ISO 639-1 language code, e.g. ar"),
    q: str | None = Query(None, description="text in the title or body"),
    *,
    bounds: BoundsDep,
) -> Response:
    if page.format == "geojson":
        raise bad_request("documents have no single place: use format=json or csv")
    clauses, params = ["TRUE"], []
    first, last = parse_date("since", since, bounds), parse_date("until", until, bounds)
    for clause, value in (
        ("d.published >= ?", first),
        ("d.published < ?", last + dt.timedelta(days=1) if last else None),
        ("d.source = ?", source or None),
        ("d.language = ?", language.lower() if language else None),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if q:
        clauses.append("(d.title ILIKE ? OR d.text ILIKE ?)")
        params.extend([f"%{q}%"] * 2)
    where = " AND ".join(clauses)
    rows = fetch_rows(
        store,
        f"SELECT d.id, d.url, d.title, d.published, d.source, d.language, d.canonical_id, "
        f"(SELECT count(*) FROM events e WHERE e.document_id = d.id) AS n_events, "
        f"(SELECT count(*) FROM document_sources s WHERE s.document_id = d.id) AS n_sources "
        f"FROM documents d WHERE {where} ORDER BY d.published DESC NULLS LAST, d.id "
        f"LIMIT ? OFFSET ?",
        [*params, page.limit, page.offset],
    )
    if page.format == "csv":
        return csv_response(rows, list(rows[0]) if rows else ["id"], "documents.csv")
    total = store.con.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()
    return json_response(
        {
            "total": total[0] if total else 0,
            "limit": page.limit,
            "offset": page.offset,
            "items": rows,
        }
    )


def document_detail(store: Store, document_id: str) -> dict[str, Any] | None:
    """A document with its text, carriers and events (each with its evidence span)."""
    docs = fetch_rows(
        store,
        "SELECT id, url, title, text, published, fetched, source, language, canonical_id, "
        "similarity, metadata FROM documents WHERE id = ?",
        [document_id],
    )
    if not docs:
        return None
    doc = docs[0]
    doc["sources"] = fetch_rows(
        store,
        "SELECT carrier_id, source, url, published FROM document_sources "
        "WHERE document_id = ? ORDER BY published NULLS LAST, carrier_id",
        [document_id],
    )
    frame = query_events(store, EventFilter(document_id=document_id))
    doc["events"] = [api_event(r) for r in frame.to_dict("records")]
    return doc


@router.get("/documents/{document_id}", summary="One document with the evidence of its events")
def document(document_id: str, store: StoreDep) -> Response:
    doc = document_detail(store, document_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    return json_response(doc)
