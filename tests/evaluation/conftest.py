"""A coder loaded once for the evaluation tests."""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.settings import Settings


@pytest.fixture(scope="session")
def eval_coder() -> Coder:
    """The full coder as shipped."""
    return Coder.load(Settings())
