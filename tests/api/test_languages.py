"""Language through the REST API: counted in the ingest response, a filter of documents, events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

MIXED = Path(__file__).parents[1] / "ingest" / "data" / "mixed_languages.jsonl"


def _records() -> list[dict[str, object]]:
    return [json.loads(line) for line in MIXED.read_text("utf-8").splitlines() if line.strip()]


def _ingest(client: TestClient, token: str, code: bool = False) -> dict[str, object]:
    resp = client.post(
        "/api/ingest",
        json={"documents": _records(), "code": code},
        headers={"Authorization": f"Bearer {token}"},
    )
    if resp.status_code == 503:
        pytest.skip(resp.json()["error"])
    assert resp.status_code == 200, resp.text
    body: dict[str, object] = resp.json()
    return body


def test_ingest_response_counts_languages_and_names_the_unread(
    client: TestClient, token: str
) -> None:
    body = _ingest(client, token)
    assert body["new"] == 5
    assert body["by_language"] == {"fr": 2, "ar": 1, "en": 1, "fa": 1}
    assert body["not_coded_languages"] == {"fr": 2}


@pytest.mark.parametrize(
    ("language", "ids"),
    [("ar", {"mix-ar-1"}), ("FA", {"mix-fa-1"}), ("fr", {"mix-fr-1", "mix-fr-2"}), ("de", set())],
)
def test_documents_filter_by_language(
    client: TestClient, token: str, language: str, ids: set[str]
) -> None:
    _ingest(client, token)
    body = client.get("/api/documents", params={"language": language}).json()
    assert {item["id"] for item in body["items"]} == ids
    assert body["total"] == len(ids)


def test_documents_without_a_language_filter_list_every_one(client: TestClient, token: str) -> None:
    before = client.get("/api/documents").json()["total"]
    _ingest(client, token)
    assert client.get("/api/documents").json()["total"] == before + 5


@pytest.mark.slow
def test_events_filter_by_the_language_of_their_document(client: TestClient, token: str) -> None:
    body = _ingest(client, token, code=True)
    assert isinstance(body["processed"], dict)
    arabic = client.get("/api/events", params={"language": "ar"}).json()
    assert arabic["total"] >= 1
    assert {e["document_id"] for e in arabic["items"]} == {"mix-ar-1"}
    french = client.get("/api/events", params={"language": "fr"}).json()
    assert (french["total"], french["items"]) == (0, [])
    every = client.get("/api/events").json()["total"]
    english = client.get("/api/events", params={"language": "en"}).json()["total"]
    assert 1 <= english < every
