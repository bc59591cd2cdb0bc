"""Fixtures for the API tests: a filled temp database and a TestClient over the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.sample_data import Sample, fill
from watchfloor.api import create_app
from watchfloor.api.tokens import create_token
from watchfloor.settings import Settings
from watchfloor.store import Store


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[tuple[Store, Sample]]:
    with Store(tmp_path / "api.duckdb") as db:
        yield db, fill(db)


@pytest.fixture
def client(filled: tuple[Store, Sample]) -> Iterator[TestClient]:
    db, _ = filled
    app = create_app(Settings(db=Path(db.path)), db, max_body_bytes=200_000)
    with TestClient(app, base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture
def token(filled: tuple[Store, Sample]) -> str:
    _, secret = create_token(filled[0], "tester")
    return secret
