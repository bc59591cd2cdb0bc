"""watchfloor: crisis early warning from open sources.

Importing the package does no work: models and databases load when first used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watchfloor.client import Watchfloor
    from watchfloor.settings import Settings

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(path: str | Path = "watchfloor.duckdb", settings: Settings | None = None) -> Watchfloor:  # noqa: A001
    """Open (creating and migrating if needed) a watchfloor database for Python use."""
    from watchfloor.client import Watchfloor

    return Watchfloor(path, settings)
