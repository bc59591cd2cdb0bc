"""FastAPI dependencies: the shared state, a per-request read view, and bearer-token auth."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute

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


def check_token(request: Request) -> TokenInfo:
    """The caller's bearer token: 401 if missing or unknown, 403 if revoked."""
    state = get_state(request)
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


def require_token(request: Request) -> TokenInfo:
    """Dependency: the token TokenFirstRoute checked, or a check now on other routes."""
    info = getattr(request.state, "token", None)
    return info if isinstance(info, TokenInfo) else check_token(request)


class TokenFirstRoute(APIRoute):
    """A route that checks the bearer token before FastAPI reads or parses the body.

    FastAPI reads and validates the body before it runs any dependency, so a request with a
    bad token and a bad body would learn about its body (422/400) instead of getting 401.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def token_then_body(request: Request) -> Response:
            request.state.token = await run_in_threadpool(check_token, request)
            return await handler(request)

        return token_then_body


StoreDep = Annotated[Store, Depends(read_store)]
TokenDep = Annotated[TokenInfo, Depends(require_token)]
