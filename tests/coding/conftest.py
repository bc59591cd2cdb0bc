"""Session-wide coder: spaCy and the lexicons are loaded once for all coding tests."""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.settings import Settings


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The full coder (actors, places, dates, casualties) as the product ships it."""
    return Coder.load(Settings())
