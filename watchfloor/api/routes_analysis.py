"""Read endpoints of the analysis and forecast layers (alerts, stories, network, media...)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from watchfloor.api import layers
from watchfloor.api.deps import StateDep, StoreDep
from watchfloor.api.formats import csv_response, geojson_response, json_response
from watchfloor.api.params import BoundsDep, PageDep, bad_request, parse_country, parse_date
from watchfloor.api.routes_read import api_event
from watchfloor.api.state import ApiState, table_exists
from watchfloor.daterange import DateRange
from watchfloor.store.database import Store
from watchfloor.store.events import EVENT_COLUMNS

router = APIRouter(prefix="/api")

ALERT_STATES = ("new", "acknowledged", "dismissed")
ALERT_COLUMNS = (
    "id",
    "kind",
    "country",
    "admin1",
    "place",
    "start",
    "end",
    "score",
    "n_signals",
    "state",
    "summary",
)


def _signal_event_ids(alert: dict[str, Any]) -> list[str]:
    return [str(s["event_id"]) for s in alert.get("signals") or [] if s.get("event_id")]


def _locate(store: Store, alerts: list[dict[str, Any]]) -> None:
    """Give each alert a place (mean lat/lon of its signals' events) for the map."""
    wanted = sorted({eid for a in alerts for eid in _signal_event_ids(a)})
    if not wanted:
        return
    rows = store.con.execute(
        "SELECT id, lat, lon FROM events WHERE id IN (SELECT unnest(?::VARCHAR[])) "
        "AND lat IS NOT NULL AND lon IS NOT NULL",
        [wanted],
    ).fetchall()
    where = {r[0]: (r[1], r[2]) for r in rows}
    for alert in alerts:
        points = [where[e] for e in _signal_event_ids(alert) if e in where]
        if points and not alert.get("lat"):
            alert["lat"] = sum(p[0] for p in points) / len(points)
            alert["lon"] = sum(p[1] for p in points) / len(points)


def _alerts(
    store: Store,
    since: str | None,
    until: str | None,
    state: str | None,
    country: str | None,
    kind: str | None,
    bounds: DateRange,
) -> list[dict[str, Any]]:
    if state is not None and state not in ALERT_STATES:
        raise bad_request(
            f"query parameter 'state': {state!r} is not one of {', '.join(ALERT_STATES)}"
        )
    iso3 = parse_country(country)
    rows = layers.list_alerts(
        store,
        since=parse_date("since", since, bounds),
        until=parse_date("until", until, bounds),
        state=state,
    )
    rows = [
        r
        for r in rows
        if (iso3 is None or r.get("country") == iso3)
        and (kind is None or r.get("kind") == kind)
        and (state is None or r.get("state") == state)
    ]
    rows.sort(
        key=lambda r: (str(r.get("end") or r.get("start") or ""), str(r.get("id"))), reverse=True
    )
    return rows


@router.get("/alerts", summary="Alerts, newest first, with their signals")
def alerts(
    page: PageDep,
    store: StoreDep,
    api: StateDep,
    since: str | None = Query(None, description="alerts ending on or after, YYYY-MM-DD"),
    until: str | None = Query(None, description="alerts starting on or before, YYYY-MM-DD"),
    state: str | None = Query(None, description="new, acknowledged or dismissed"),
    country: str | None = Query(None, description="ISO3 country code"),
    kind: str | None = Query(None, description="cluster, burst, severity, novelty or rule"),
    *,
    bounds: BoundsDep,
) -> Response:
    rows = _alerts(store, since, until, state, country, kind, bounds)
    total = len(rows)
    rows = rows[page.offset : page.offset + page.limit]
    if page.format == "csv":
        return csv_response(rows, ALERT_COLUMNS, "alerts.csv")
    _locate(store, rows)
    if page.format == "geojson":
        return geojson_response(
            {**r, "place": {"lat": r.get("lat"), "lon": r.get("lon"), "name": r.get("place")}}
            for r in rows
        )
    return json_response(
        {
            "total": total,
            "limit": page.limit,
            "offset": page.offset,
            "items": rows,
            "warmup": _warmup(store, api),
        }
    )


def _warmup(store: Store, state: ApiState) -> dict[str, Any] | None:
    """What the analysis judges yet ("judging IRQ from ...; 12 places warming up")."""
    if not table_exists(store, "analysis_daily_counts"):
        return None
    from watchfloor.analysis.config import AnalysisConfig
    from watchfloor.analysis.warmup import warmup_status

    return warmup_status(store, AnalysisConfig.from_settings(state.settings)).to_dict()


@router.get("/alerts/{alert_id}", summary="One alert: its signals, their events and documents")
def alert(alert_id: str, store: StoreDep) -> Response:
    found = [a for a in layers.list_alerts(store, ids=[alert_id]) if str(a.get("id")) == alert_id]
    if not found:
        raise HTTPException(404, f"no alert with id {alert_id!r}")
    item = found[0]
    ids = _signal_event_ids(item)
    frame = store.con.execute(
        "SELECT e.*, d.source AS document_source, d.title AS document_title FROM events e "
        "LEFT JOIN documents d ON d.id = e.document_id "
        "WHERE e.id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetch_df()
    events = {r["id"]: api_event(r) for r in frame.to_dict("records")}
    doc_ids = sorted(
        {
            str(
                s.get("document_id")
                or events.get(str(s.get("event_id")), {}).get("document_id")
                or ""
            )
            for s in item.get("signals") or []
        }
        - {""}
    )
    docs = store.con.execute(
        "SELECT id, title, url, source, published, text FROM documents "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [doc_ids],
    ).fetchall()
    item["signals"] = [
        {**s, "event": events.get(str(s.get("event_id")))} for s in item.get("signals") or []
    ]
    item["documents"] = {
        d[0]: {
            "id": d[0],
            "title": d[1],
            "url": d[2],
            "source": d[3],
            "published": d[4],
            "text": d[5],
        }
        for d in docs
    }
    return json_response(item)


@router.get("/stories", summary="Storylines: threads of related events and documents")
def stories(
    page: PageDep,
    store: StoreDep,
    since: str | None = Query(None, description="YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY-MM-DD"),
    *,
    bounds: BoundsDep,
) -> Response:
    rows = layers.list_stories(
        store, since=parse_date("since", since, bounds), until=parse_date("until", until, bounds)
    )
    total = len(rows)
    rows = rows[page.offset : page.offset + page.limit]
    if page.format == "csv":
        return csv_response(rows, list(rows[0]) if rows else ["id"], "stories.csv")
    return json_response({"total": total, "items": rows})


@router.get("/network", summary="Actor network (node-link JSON) over a time window")
def network(
    store: StoreDep,
    since: str | None = Query(None, description="YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY-MM-DD"),
    *,
    bounds: BoundsDep,
) -> Response:
    return json_response(
        layers.network(
            store,
            since=parse_date("since", since, bounds),
            until=parse_date("until", until, bounds),
        )
    )


@router.get("/media", summary="Media lens: coverage and tone per outlet before/after a pivot")
def media(
    store: StoreDep,
    actor: str = Query(..., description="actor key, e.g. USA or IRN_MIL"),
    pivot: str = Query(..., description="pivot date, YYYY-MM-DD"),
    window_days: int = Query(30, ge=1, le=3650, description="days each side of the pivot"),
    *,
    bounds: BoundsDep,
) -> Response:
    day = parse_date("pivot", pivot, bounds)
    if day is None or not actor.strip():
        raise bad_request("the media lens needs 'actor' and 'pivot' (YYYY-MM-DD)")
    return json_response(layers.media(store, actor, day, window_days))


@router.get("/forecasts", summary="Current risk per unit with top contributing features")
def forecasts(
    page: PageDep,
    store: StoreDep,
    unit_kind: str | None = Query(None, description="country, admin1 or dyad"),
    unit: str | None = Query(None, description="one unit, e.g. SYR or 'SYR/Idlib'"),
    period: str | None = Query(None, description="month, week or day"),
    horizon: int | None = Query(None, ge=1, le=120, description="periods ahead"),
) -> Response:
    rows = layers.list_forecasts(
        store, unit_kind=unit_kind, unit=unit, period=period, horizon=horizon
    )
    total = len(rows)
    rows = rows[page.offset : page.offset + page.limit]
    if page.format == "csv":
        return csv_response(rows, list(rows[0]) if rows else ["unit"], "forecasts.csv")
    return json_response({"total": total, "items": rows})


__all__ = ["router", "ALERT_STATES", "EVENT_COLUMNS"]
