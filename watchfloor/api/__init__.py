"""The REST API (FastAPI) over the store, and the dashboard it serves.

``create_app(settings, store)`` builds the app; nothing is loaded at import of this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from watchfloor.settings import Settings
    from watchfloor.store.database import Store

__all__ = ["create_app"]


def create_app(settings: Settings, store: Store | None = None, **options: Any) -> FastAPI:
    """Build the watchfloor FastAPI app (see ``watchfloor.api.app.create_app``)."""
    from watchfloor.api.app import create_app as build

    return build(settings, store, **options)
