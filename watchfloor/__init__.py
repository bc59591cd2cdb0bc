"""watchfloor: crisis early warning from open sources.

Importing the package does no work: models and databases load when first used.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
