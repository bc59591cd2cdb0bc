"""What the REST routes ask of the library: alerts, stories, network, media lens, forecasts,
and the one ingest-code-analyse job (``workflow.ingest_and_process``).

Each function calls the layer's own function directly and shapes its result as JSON; no
layer is looked up by name and no layer's table is read here. The layers are imported on
first use (they bring scikit-learn and networkx), so the server starts fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from watchfloor.api.formats import jsonable
from watchfloor.settings import Settings
from watchfloor.store.database import Store


def fetch_rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows of a query as dicts keyed by column name."""
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def records(value: Any) -> list[dict[str, Any]]:
    """A layer's result (dataclasses or dicts) as a list of JSON-ready dicts."""
    out = jsonable(list(value or []))
    return [row if isinstance(row, dict) else {"value": row} for row in out]


def list_alerts(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    state: str | None = None,
    ids: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Alerts overlapping [since, until], newest first, with their signals."""
    from watchfloor.analysis.alerts import list_alerts as _list_alerts

    return records(_list_alerts(store, since=since, until=until, state=state, ids=ids))


def alert_exists(store: Store, alert_id: str) -> bool:
    """Whether an alert with this id exists."""
    from watchfloor.analysis.alerts import list_alerts as _list_alerts

    return bool(_list_alerts(store, ids=[alert_id]))


def set_alert_state(store: Store, alert_id: str, state: str) -> dict[str, Any]:
    """Change an alert's state; the alert as JSON afterwards."""
    from watchfloor.analysis.alerts import set_alert_state as _set_alert_state

    return dict(jsonable(_set_alert_state(store, alert_id, state)))


def list_stories(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[dict[str, Any]]:
    """Storylines overlapping [since, until], most recent first."""
    from watchfloor.analysis.stories import list_stories as _list_stories

    return records(_list_stories(store, since=since, until=until))


def network(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, Any]:
    """The actor network as node-link JSON ({nodes, links})."""
    from watchfloor.analysis.network import build_network, network_json

    data = dict(jsonable(network_json(build_network(store, since, until))))
    if "links" not in data and "edges" in data:
        data["links"] = data.pop("edges")
    return data


def media(store: Store, actor: str, pivot: dt.date, window_days: int) -> dict[str, Any]:
    """Coverage and tone toward ``actor`` per outlet before and after ``pivot``."""
    from watchfloor.analysis.media import media_lens

    return dict(jsonable(media_lens(store, actor, pivot, window_days)))


def list_forecasts(
    store: Store,
    *,
    unit_kind: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    horizon: int | None = None,
) -> list[dict[str, Any]]:
    """Saved forecasts, highest escalation probability first."""
    from watchfloor.forecast.live import list_forecasts as _list_forecasts

    rows = _list_forecasts(store, unit_kind=unit_kind, unit=unit, period=period, horizon=horizon)
    return records(rows)


class LayerUnavailable(RuntimeError):
    """A layer the endpoint needs is not installed in this build."""


def ingest(
    store: Store,
    settings: Settings,
    *,
    documents: list[Any] | None,
    url: str | None,
    code: bool = False,
) -> dict[str, Any]:
    """Ingest documents (JSONL-style objects) or one URL; with ``code``, then code and analyse
    everything pending, as ``watchfloor ingest`` does (``workflow.ingest_and_process``).

    A bad document is a per-item failure in the summary (``request:N``); a document that
    cannot be coded is a failure under ``processed``.
    """
    from watchfloor.ingest.pipeline import record_items
    from watchfloor.workflow import ingest_and_process

    items = None if url else record_items(documents or [], "request")
    run = ingest_and_process(store, settings, [url] if url else (), items=items, code=code)
    result: dict[str, Any] = jsonable(run.ingest.as_dict())
    result["new_ids"] = list(run.ingest.new_ids)
    result["near_duplicate_ids"] = list(run.ingest.near_duplicate_ids)
    if run.processed is not None:
        result["processed"] = jsonable(run.processed)
    return result
