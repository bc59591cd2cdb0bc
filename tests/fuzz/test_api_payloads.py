"""Hostile requests to the REST API: no 5xx, whatever the query, path or body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("watchfloor.api.app")
from fastapi.testclient import TestClient  # noqa: E402

from watchfloor.api import create_app  # noqa: E402
from watchfloor.api.tokens import create_token  # noqa: E402
from watchfloor.demo import corpus_path  # noqa: E402
from watchfloor.settings import Settings  # noqa: E402
from watchfloor.store import Store  # noqa: E402

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

odd_text = st.text(max_size=30) | st.sampled_from(
    [
        "",
        "-1",
        "0",
        "1e309",
        "NaN",
        "2026-13-45",
        "9999999999999999999",
        "'; DROP TABLE events;--",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "%00",
        "\u202e",
        "2026-09-14",
    ]
)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    path = tmp_path_factory.mktemp("api") / "fuzz.duckdb"
    with Store(path) as store:
        _, secret = create_token(store, "fuzzer")
        app = create_app(Settings(db=path), store, max_body_bytes=100_000)
        with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
            yield client, secret


@pytest.fixture(scope="module")
def ingest_api(api: tuple[TestClient, str]) -> tuple[TestClient, str]:
    """The API when its ingest endpoint is wired to the ingest layer; skips until it is."""
    client, secret = api
    probe = client.post(
        "/api/ingest",
        json={"documents": [{"id": "probe", "text": "A test."}]},
        headers={"Authorization": f"Bearer {secret}"},
    )
    if probe.status_code == 503:
        pytest.skip(f"POST /api/ingest is not wired yet: {probe.text[:120]}")
    return client, secret


def get_routes(client: TestClient) -> list[tuple[str, list[str]]]:
    spec: dict[str, Any] = client.app.openapi()  # type: ignore[attr-defined]
    return [
        (path, [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"])
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if method == "get"
    ]


@FUZZ
@given(data=st.data())
def test_read_endpoints_never_answer_5xx(api: tuple[TestClient, str], data: st.DataObject) -> None:
    client, _ = api
    path, names = data.draw(st.sampled_from(get_routes(client)))
    for placeholder in ("{document_id}", "{alert_id}"):
        path = path.replace(placeholder, quote(data.draw(odd_text) or "x", safe=""))
    params = data.draw(st.dictionaries(st.sampled_from(names or ["x"]), odd_text, max_size=4))
    response = client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | odd_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=10,
)
documents = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "id": json_values,
            "text": odd_text | json_values,
            "html": odd_text,
            "published": odd_text | json_values,
            "title": json_values,
            "source": json_values,
        },
    ),
    max_size=3,
)


@FUZZ
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "documents": documents | json_values,
            "url": odd_text.filter(lambda u: not u.startswith("http")),
        },
    )
    | json_values
)
def test_ingest_payloads_never_answer_5xx(ingest_api: tuple[TestClient, str], body: Any) -> None:
    client, secret = ingest_api
    response = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code < 500, (body, response.text[:300])
    if response.status_code >= 400:
        assert response.text.strip()


@FUZZ
@given(token=odd_text, texts=st.lists(odd_text, min_size=1, max_size=3))
def test_writes_without_a_valid_token_are_refused(
    api: tuple[TestClient, str], token: str, texts: list[str]
) -> None:
    client, _ = api
    headers = {"Authorization": f"Bearer {token}"} if token.isascii() else {}
    body = {"documents": [{"text": t or "x", "id": f"unauth-{i}"} for i, t in enumerate(texts)]}
    response = client.post("/api/ingest", json=body, headers=headers)
    assert response.status_code in (401, 403)
    stored = client.get("/api/documents", params={"q": "unauth"}).json()
    assert "unauth-0" not in str(stored)


def test_demo_reports_ingest_through_the_api(ingest_api: tuple[TestClient, str]) -> None:
    import json

    client, secret = ingest_api
    with corpus_path().open(encoding="utf-8") as fh:
        docs = [json.loads(next(fh)) for _ in range(5)]
    response = client.post(
        "/api/ingest", json={"documents": docs}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200, response.text
