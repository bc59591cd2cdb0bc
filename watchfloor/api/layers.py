"""Calls into the analysis, forecast and ingest layers, tolerant of layers not installed yet.

Each function uses the layer's library function when the layer provides it; otherwise it
reads the layer's table directly when it exists, and returns an empty result when it does not.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

from watchfloor.api.formats import jsonable
from watchfloor.api.state import table_exists
from watchfloor.store.database import Store

ANALYSIS = ("watchfloor.analysis",)
FORECAST = ("watchfloor.forecast",)
# Where each layer function lives when the layer package does not re-export it.
_HOMES: dict[str, tuple[str, ...]] = {
    "list_alerts": ("watchfloor.analysis.alerts",),
    "set_alert_state": ("watchfloor.analysis.alerts",),
    "list_stories": ("watchfloor.analysis.stories",),
    "build_network": ("watchfloor.analysis.network",),
    "network_json": ("watchfloor.analysis.network",),
    "media_lens": ("watchfloor.analysis.media",),
    "list_forecasts": ("watchfloor.forecast.live",),
}


def layer_function(package: tuple[str, ...] | str, name: str) -> Callable[..., Any] | None:
    """The layer's function ``name`` (package first, then its known module), else None."""
    packages = (package,) if isinstance(package, str) else package
    for module in (*packages, *_HOMES.get(name, ())):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def call_with(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` passing only the keyword arguments its signature accepts (None ones dropped)."""
    params = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    chosen = {k: v for k, v in kwargs.items() if v is not None and (takes_any or k in params)}
    return fn(*args, **chosen)


def fetch_rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def records(value: Any) -> list[dict[str, Any]]:
    """A layer's result (dataclasses, dicts or a DataFrame) as a list of JSON-ready dicts."""
    if value is None:
        return []
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        value = value.to_dict("records")
    out = jsonable(list(value))
    return [row if isinstance(row, dict) else {"value": row} for row in out]


def list_alerts(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Alerts, newest first (analysis layer's ``list_alerts``)."""
    fn = layer_function(ANALYSIS, "list_alerts")
    if fn is not None:
        return records(call_with(fn, store, **filters))
    if not table_exists(store, "alerts"):
        return []
    alerts = fetch_rows(
        store,
        "SELECT id, kind, country, admin1, place, start_day AS start, end_day AS end, score, "
        "n_signals, summary, state FROM alerts ORDER BY end_day DESC, id",
    )
    signals = (
        fetch_rows(
            store,
            "SELECT alert_id, signal_id, event_id, document_id, day AS date, type, summary, score "
            "FROM alert_signals ORDER BY day, signal_id",
        )
        if table_exists(store, "alert_signals")
        else []
    )
    for alert in alerts:
        alert["signals"] = [s for s in signals if s["alert_id"] == alert["id"]]
    return records(alerts)


def alert_exists(store: Store, alert_id: str) -> bool:
    """Whether the alerts table exists and holds this id."""
    if not table_exists(store, "alerts"):
        return False
    row = store.con.execute("SELECT count(*) FROM alerts WHERE id = ?", [alert_id]).fetchone()
    return bool(row and row[0])


def set_alert_state(store: Store, alert_id: str, state: str) -> Any:
    """Change an alert's state through the analysis layer (or its table)."""
    fn = layer_function(ANALYSIS, "set_alert_state")
    if fn is not None:
        return fn(store, alert_id, state)
    store.con.execute("UPDATE alerts SET state = ? WHERE id = ?", [state, alert_id])
    return None


def list_stories(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Storylines (analysis layer's ``list_stories``)."""
    fn = layer_function(ANALYSIS, "list_stories")
    if fn is not None:
        return records(call_with(fn, store, **filters))
    if not table_exists(store, "stories"):
        return []
    return records(fetch_rows(store, "SELECT * FROM stories"))


def network(store: Store, **filters: Any) -> dict[str, Any]:
    """The actor network as node-link JSON ({nodes, links})."""
    build = layer_function(ANALYSIS, "build_network")
    to_json = layer_function(ANALYSIS, "network_json")
    if build is None or to_json is None:
        return {"nodes": [], "links": [], "available": False}
    graph = call_with(build, store, **filters)
    data = jsonable(to_json(graph))
    if isinstance(data, str):
        import json

        data = json.loads(data)
    if "links" not in data and "edges" in data:
        data["links"] = data.pop("edges")
    return dict(data)


def media(store: Store, actor: str, pivot: Any, window_days: int) -> dict[str, Any]:
    """Media lens around a pivot date (analysis layer's ``media_lens``)."""
    fn = layer_function(ANALYSIS, "media_lens")
    if fn is None:
        return {"actor": actor, "pivot": jsonable(pivot), "outlets": [], "available": False}
    result = jsonable(fn(store, actor, pivot, window_days))
    return result if isinstance(result, dict) else {"result": result}


def list_forecasts(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Current risk per unit (forecast layer's ``list_forecasts``)."""
    fn = layer_function(FORECAST, "list_forecasts")
    if fn is not None:
        return records(call_with(fn, store, **filters))
    if not table_exists(store, "forecasts"):
        return []
    return records(fetch_rows(store, "SELECT * FROM forecasts"))


class LayerUnavailable(RuntimeError):
    """A layer the endpoint needs is not installed in this build."""


def ingest(
    store: Store,
    settings: Any,
    *,
    documents: list[Any] | None,
    url: str | None,
    code: bool = False,
) -> dict[str, Any]:
    """Ingest documents (JSONL-style objects) or one URL through the ingest layer.

    Returns the layer's summary as JSON; a bad document is a per-item failure in it. With
    ``code``, new documents are then coded and analysed (``workflow.process_new``, as
    ``watchfloor ingest`` does) and its summary is added under ``processed``.
    """
    try:
        from watchfloor.errors import InputError
        from watchfloor.ingest.files import jsonl_document
        from watchfloor.ingest.items import Candidate, Item, ItemFailure, Origin
        from watchfloor.ingest.pipeline import Ingestor
    except ImportError as exc:
        raise LayerUnavailable(f"the ingest layer is not installed in this build: {exc}") from exc

    ingestor = Ingestor(store, settings)
    if url:
        summary = ingestor.ingest([url])
    else:

        def items() -> Iterator[Item]:
            for number, record in enumerate(documents or [], start=1):
                origin = Origin("request", number)
                try:
                    yield Candidate(jsonl_document(record, None), origin)
                except InputError as exc:
                    yield ItemFailure(origin, str(exc))

        summary = ingestor.ingest_items(items())
    result: dict[str, Any] = jsonable(summary.as_dict())
    result["new_ids"] = list(summary.new_ids)
    result["near_duplicate_ids"] = list(summary.near_duplicate_ids)
    if code and summary.new_ids:
        process_new = layer_function("watchfloor.workflow", "process_new")
        if process_new is None:
            raise LayerUnavailable("coding after ingest needs watchfloor.workflow.process_new")
        result["processed"] = jsonable(process_new(store, settings))
    return result
