"""The API at its edges: values out of range, foreign Host headers, token before body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.sample_data import Sample
from watchfloor.api import create_app
from watchfloor.api.middleware import host_name
from watchfloor.settings import Settings
from watchfloor.store import Store

LATEST = dt.date.today() + dt.timedelta(days=366)


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/documents?until=9999-12-31", "until"),
        ("/api/documents?since=0001-01-01", "since"),
        ("/api/documents?until=9999-12-31T23:59:59-12:00", "until"),
        ("/api/media?actor=ARM&pivot=0001-01-01", "pivot"),
        ("/api/media?actor=ARM&pivot=9999-12-31", "pivot"),
        ("/api/events?until=9999-12-31", "until"),
        ("/api/events?since=1899-12-31", "since"),
        ("/api/timeline?since=0001-01-01", "since"),
        ("/api/map?until=9999-12-31", "until"),
        ("/api/alerts?since=0001-01-01", "since"),
        ("/api/alerts?until=9999-12-31", "until"),
        ("/api/stories?until=9999-12-31", "until"),
        ("/api/network?since=0001-01-01", "since"),
        (f"/api/events?until={LATEST + dt.timedelta(days=1)}", "until"),
        ("/api/events?offset=9223372036854775808", "offset"),
        ("/api/documents?offset=9223372036854775807", "offset"),
        ("/api/alerts?offset=99999999999999999999999", "offset"),
        ("/api/forecasts?offset=-1", "offset"),
        ("/api/stories?limit=9223372036854775808", "limit"),
        ("/api/map?limit=9223372036854775808", "limit"),
        ("/api/media?actor=ARM&pivot=2026-03-01&window_days=9223372036854775808", "window_days"),
        ("/api/forecasts?horizon=9223372036854775808", "horizon"),
        ("/api/events?min_confidence=1e309", "min_confidence"),
        ("/api/events?min_confidence=nan", "min_confidence"),
    ],
)
def test_out_of_range_values_answer_422_naming_the_parameter(
    client: TestClient, path: str, param: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert f"'{param}'" in response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents?since=1900-01-01",
        f"/api/events?until={LATEST}",
        "/api/media?actor=ARM&pivot=1900-01-01&window_days=3650",
        f"/api/media?actor=ARM&pivot={LATEST}&window_days=3650",
        "/api/events?offset=1000000000000",
    ],
)
def test_values_at_the_edges_of_the_range_are_answered(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:80", "localhost.", "[::1]:8080"],
)
def test_loopback_host_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8080",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
        "testserver",
        "[::2]",
        "0.0.0.0",
        "",
    ],
)
@pytest.mark.parametrize("path", ["/api/health", "/", "/api/events", "/api/alerts/x/dismiss"])
def test_a_foreign_host_header_gets_400_and_nothing_else(
    client: TestClient, host: str, path: str
) -> None:
    method = client.post if path.endswith("dismiss") else client.get
    response = method(path, headers={"Host": host})
    assert response.status_code == 400
    assert "is not a trusted host name" in response.json()["error"]
    assert "items" not in response.text


@pytest.mark.parametrize(
    ("settings", "extra", "host"),
    [
        ({"host": "10.0.0.5"}, (), "10.0.0.5:8080"),
        ({"trusted_hosts": "desk.example, wf.internal"}, (), "wf.internal"),
        ({}, ("desk.example",), "DESK.example:443"),
    ],
)
def test_hosts_given_by_setting_or_serve_host_are_answered(
    filled: tuple[Store, Sample], settings: dict[str, str], extra: tuple[str, ...], host: str
) -> None:
    db, _ = filled
    app = create_app(Settings(db=Path(db.path), **settings), db, trusted_hosts=extra)
    with TestClient(app, base_url="http://localhost") as client:
        assert client.get("/api/health", headers={"Host": host}).status_code == 200
        assert client.get("/api/health", headers={"Host": "other.example"}).status_code == 400


@pytest.mark.parametrize(
    ("header", "name"),
    [("a.b:1", "a.b"), ("[fe80::1]:80", "fe80::1"), ("::1", "::1"), ("X.", "x"), ("", "")],
)
def test_host_name_drops_port_brackets_and_trailing_dot(header: str, name: str) -> None:
    assert host_name(header) == name


BAD_BODIES = [
    (b"{not json", "application/json"),
    (b'{"documents": "not a list"}', "application/json"),
    (b'{"state": 5}', "application/json"),
    (b"", "application/json"),
    (b"\xff\xfe", "text/plain"),
]


@pytest.mark.parametrize(("body", "content_type"), BAD_BODIES)
@pytest.mark.parametrize("path", ["/api/ingest", "/api/alerts/x/state"])
@pytest.mark.parametrize("auth", [None, "Bearer wf_deadbeef_wrong", "Basic abc"])
def test_a_bad_token_gets_401_before_the_body_is_parsed(
    client: TestClient, body: bytes, content_type: str, path: str, auth: str | None
) -> None:
    headers = {"Content-Type": content_type}
    if auth:
        headers["Authorization"] = auth
    response = client.post(path, content=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("body", "content_type"), BAD_BODIES[:3])
def test_with_a_good_token_a_bad_body_is_still_422(
    client: TestClient, token: str, body: bytes, content_type: str
) -> None:
    response = client.post(
        "/api/alerts/x/state",
        content=body,
        headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
