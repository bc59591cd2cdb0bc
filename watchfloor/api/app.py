"""The FastAPI application: routers, error handlers, middleware and the dashboard's files."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from watchfloor import __version__
from watchfloor.api import routes_analysis, routes_read, routes_write
from watchfloor.api.formats import json_response
from watchfloor.api.layers import LayerUnavailable
from watchfloor.api.middleware import (
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
    TrustedHostMiddleware,
)
from watchfloor.api.state import ApiState
from watchfloor.errors import InputError, WatchfloorError
from watchfloor.settings import Settings
from watchfloor.store.database import Store

DEFAULT_MAX_BODY_BYTES = 5_000_000
# Files served from the npm packages installed by `npm ci` in watchfloor/web.
VENDOR_FILES: dict[str, str] = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}


# Inline, so the dashboard needs no file outside the package data (html, js, css, json).
FAVICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'"
    " viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='6' fill='%23b33'/%3E%3C/svg%3E"
)


def web_dir() -> Path:
    """The folder of the dashboard package (static files and node_modules)."""
    return Path(str(resources.files("watchfloor.web")))


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        resp = json_response({"error": exc.detail}, exc.status_code)
        for name, value in (exc.headers or {}).items():
            resp.headers[name] = value
        return resp

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            got = err.get("input")
            shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
            kind = "query parameter" if err.get("loc", ("",))[0] == "query" else "field"
            problems.append(f"{kind} {where!r}: {err.get('msg', 'invalid')}{shown}")
        return json_response({"error": "; ".join(problems) or "invalid request"}, 422)

    @app.exception_handler(LayerUnavailable)
    async def layer_missing(request: Request, exc: LayerUnavailable) -> Response:
        return json_response({"error": str(exc)}, 503)

    @app.exception_handler(WatchfloorError)
    async def watchfloor_error(request: Request, exc: WatchfloorError) -> Response:
        return json_response({"error": str(exc)}, 400 if isinstance(exc, InputError) else 500)


def _dashboard_routes(app: FastAPI) -> None:
    static = web_dir() / "static"
    modules = web_dir() / "node_modules"
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        rel = VENDOR_FILES.get(name)
        if rel is None:
            raise HTTPException(404, f"no vendor file {name!r}")
        path = modules / rel
        if not path.is_file():
            raise HTTPException(
                404, f"{rel} is missing: run 'npm ci' in watchfloor/web (make install does it)"
            )
        return FileResponse(path, headers={"Cache-Control": "max-age=3600"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="watchfloor API",
            swagger_js_url="/vendor/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui.css",
            swagger_favicon_url=FAVICON,
        )


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    cors_origins: Sequence[str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    trusted_hosts: Sequence[str] = (),
) -> FastAPI:
    """The watchfloor web app over ``store`` (opened from ``settings.db`` when not given).

    The app owns a store it opens and closes it on shutdown; a store passed in stays open.
    Requests whose Host header is not in ``settings.api_hosts()`` or ``trusted_hosts``
    answer 400 before anything else runs.
    """
    owns = store is None
    state = ApiState(settings, store or Store(settings.db), owns_store=owns)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="watchfloor API",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Coded events, documents, alerts, storylines, network, media lens and "
        "forecasts. Read endpoints are open; write endpoints need a bearer token "
        "('watchfloor token create NAME').",
        lifespan=lifespan,
    )
    app.state.watchfloor = state
    _error_handlers(app)
    app.include_router(routes_read.router)
    app.include_router(routes_analysis.router)
    app.include_router(routes_write.router)
    _dashboard_routes(app)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    # Added last, so it runs first: a foreign Host gets nothing else from the app.
    hosts = settings.api_hosts() | frozenset(trusted_hosts)
    app.add_middleware(TrustedHostMiddleware, hosts=hosts)
    return app
