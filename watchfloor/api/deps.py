"""FastAPI dependencies: the shared state, a per-request read view, and bearer-token auth."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from watchfloor.api.state import ApiState
from watchfloor.api.tokens import TokenInfo, lookup_token
from watchfloor.store.database import Store


def get_state(request: Request) -> ApiState:
    """The ApiState that create_app attached to the app."""
    state: ApiState = request.app.state.watchfloor
    return state


StateDep = Annotated[ApiState, Depends(get_state)]


def read_store(state: StateDep) -> Iterator[Store]:
    """A cursor-backed store view for this request, closed afterwards."""
    with state.reader() as store:
        yield store


def require_token(request: Request, state: StateDep) -> TokenInfo:
    """The caller's bearer token: 401 if missing or unknown, 403 if revoked."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if not header:
        raise HTTPException(
            401,
            "this endpoint needs a token: send 'Authorization: Bearer TOKEN' "
            "(create one with 'watchfloor token create NAME')",
            headers=challenge,
        )
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "malformed Authorization header: use 'Bearer TOKEN'", challenge)
    with state.reader() as store:
        info = lookup_token(store, token.strip())
    if info is None:
        raise HTTPException(401, "unknown token", headers=challenge)
    if not info.active:
        raise HTTPException(403, f"token {info.id} ({info.name}) was revoked")
    return info


StoreDep = Annotated[Store, Depends(read_store)]
TokenDep = Annotated[TokenInfo, Depends(require_token)]
