"""Write endpoints (bearer token required): alert state changes and ingest."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from watchfloor.api import layers
from watchfloor.api.deps import StateDep, TokenDep, TokenFirstRoute
from watchfloor.api.formats import json_response, jsonable
from watchfloor.api.routes_analysis import ALERT_STATES
from watchfloor.api.state import ApiState
from watchfloor.api.tokens import TokenInfo, touch_token

router = APIRouter(prefix="/api", route_class=TokenFirstRoute)


class AlertState(BaseModel):
    state: str = Field(description="new, acknowledged or dismissed")


class IngestRequest(BaseModel):
    """Either documents (JSON objects as in a JSONL input) or one feed/page URL."""

    documents: list[Any] | None = Field(
        None, description="documents: {id?, url?, title?, text|html, published?, source?}"
    )
    url: str | None = Field(None, description="an RSS/Atom feed or web page URL")
    code: bool = Field(
        False, description="code the new documents into events and update alerts right away"
    )


def _change_state(state: ApiState, token: TokenInfo, alert_id: str, new: str) -> Response:
    if new not in ALERT_STATES:
        raise HTTPException(422, f"alert state {new!r} is not one of {', '.join(ALERT_STATES)}")
    with state.writer() as store:
        if not layers.alert_exists(store, alert_id):
            raise HTTPException(404, f"no alert with id {alert_id!r}")
        result = layers.set_alert_state(store, alert_id, new)
        touch_token(store, token.id)
    body: dict[str, Any] = {"id": alert_id, "state": new}
    data = jsonable(result)
    if isinstance(data, dict):
        body.update(data)
    return json_response(body)


@router.post("/alerts/{alert_id}/acknowledge", summary="Mark an alert acknowledged (token)")
def acknowledge(alert_id: str, state: StateDep, token: TokenDep) -> Response:
    return _change_state(state, token, alert_id, "acknowledged")


@router.post("/alerts/{alert_id}/dismiss", summary="Dismiss an alert (token)")
def dismiss(alert_id: str, state: StateDep, token: TokenDep) -> Response:
    return _change_state(state, token, alert_id, "dismissed")


@router.post("/alerts/{alert_id}/state", summary="Set an alert's state (token)")
def set_state(
    alert_id: str,
    body: AlertState,
    state: StateDep,
    token: TokenDep,
) -> Response:
    return _change_state(state, token, alert_id, body.state)


@router.post("/ingest", summary="Ingest documents or a feed/page URL (token)")
def ingest(
    body: IngestRequest,
    state: StateDep,
    token: TokenDep,
) -> Response:
    if bool(body.documents) == bool(body.url):
        raise HTTPException(422, "send either a non-empty 'documents' list or one 'url'")
    with state.writer() as store:
        summary = layers.ingest(
            store, state.settings, documents=body.documents, url=body.url, code=body.code
        )
        touch_token(store, token.id)
    return json_response(summary)
