"""Shared fixtures: temp databases and the location of ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchfloor.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated DuckDB database in a temp file."""
    with Store(tmp_path / "test.duckdb") as db:
        yield db


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repo; skips the test when it is absent (a user's machine)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: shared evaluation data not available")
    return SHARED
