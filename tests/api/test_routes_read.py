"""Read endpoints: filters, pagination, validation messages, CSV and GeoJSON output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.sample_data import HOSTILE_TITLE, Sample
from watchfloor.api import create_app
from watchfloor.settings import Settings
from watchfloor.store import Store


def test_health_reports_schema_version(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["schema"] >= "0005_api"


def test_events_are_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 3}).json()
    assert body["total"] == 8
    dates = [item["date"] for item in body["items"]]
    assert len(dates) == 3 and dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "expected_countries"),
    [
        ({"country": "GEO"}, {"GEO"}),
        ({"country": "arm", "admin1": "Syunik"}, {"ARM"}),
        ({"since": "2026-03-04", "until": "2026-03-07"}, {"GEO", "AZE"}),
        ({"type": "PROTEST"}, {"AZE"}),
        ({"source": "Outlet B"}, {"ARM"}),
    ],
)
def test_event_filters_narrow_the_list(
    client: TestClient, params: dict[str, str], expected_countries: set[str]
) -> None:
    items = client.get("/api/events", params=params).json()["items"]
    assert items
    assert {i["place"]["country"] for i in items} == expected_countries


def test_min_confidence_drops_weak_events(client: TestClient) -> None:
    items = client.get("/api/events", params={"min_confidence": 0.8}).json()["items"]
    assert items and all(i["confidence"] >= 0.8 for i in items)
    assert all(i["quad_class"] == 4 for i in items)


def test_pagination_walks_all_events_once(client: TestClient) -> None:
    seen: list[str] = []
    for offset in range(0, 8, 3):
        page = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        seen += [i["id"] for i in page["items"]]
    assert len(seen) == len(set(seen)) == 8


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"since": "yesterday"}, "'since': 'yesterday' is not a date"),
        ({"until": "2026-13-01"}, "'until'"),
        ({"country": "Armenia"}, "not an ISO3 country code"),
        ({"limit": 100_001}, "'limit': 100001 is out of range"),
        ({"limit": "many"}, "'limit'"),
        ({"offset": -1}, "'offset'"),
        ({"format": "xml"}, "'format': 'xml' is not one of"),
        ({"min_confidence": 2}, "not in 0..1"),
        ({"since": "2026-03-05", "until": "2026-03-01"}, "is after 'until'"),
    ],
)
def test_bad_query_parameters_get_clear_422(
    client: TestClient, params: dict[str, object], fragment: str
) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 422
    assert fragment in resp.json()["error"]


def test_events_csv_has_header_and_one_row_per_event(client: TestClient) -> None:
    resp = client.get("/api/events", params={"format": "csv", "country": "ARM"})
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == 5
    assert {r["place_country"] for r in rows} == {"ARM"}
    assert all(r["evidence_text"] for r in rows)


def test_events_geojson_is_a_point_feature_collection(client: TestClient) -> None:
    body = client.get("/api/events", params={"format": "geojson", "country": "GEO"}).json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 2
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.83, 41.69]}
    assert feature["properties"]["plover_event"] in {"AGREE", "COOPERATE"}


def test_document_carries_text_and_evidence_spans(client: TestClient) -> None:
    doc = client.get("/api/documents/doc-arm-2").json()
    assert doc["title"] == "Border crossing closed in Syunik"
    for event in doc["events"]:
        span = event["evidence"]
        assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_unknown_document_is_404_with_message(client: TestClient) -> None:
    resp = client.get("/api/documents/nope")
    assert resp.status_code == 404
    assert "nope" in resp.json()["error"]


def test_documents_list_filters_by_source_and_counts_events(client: TestClient) -> None:
    body = client.get("/api/documents", params={"source": "Outlet A"}).json()
    assert {d["id"] for d in body["items"]} == {"doc-arm-1", "doc-geo-1"}
    assert all(d["n_events"] == 2 for d in body["items"])


def test_hostile_text_comes_back_verbatim_in_json(client: TestClient) -> None:
    resp = client.get("/api/documents/doc-hostile")
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["title"] == HOSTILE_TITLE


def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_stats_count_documents_events_and_country_strips(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert (body["documents"], body["events"]) == (5, 8)
    strips = {s["country"]: s for s in body["countries"]}
    assert sum(strips["ARM"]["conflict"]) == 5
    assert sum(strips["GEO"]["cooperation"]) == 2


def test_timeline_groups_by_quad_class(client: TestClient) -> None:
    buckets = client.get("/api/timeline", params={"country": "GEO"}).json()["buckets"]
    assert {(b["key"], b["count"]) for b in buckets} == {("1", 1), ("2", 1)}


def test_map_splits_conflict_and_cooperation(client: TestClient) -> None:
    places = {p["place"]: p for p in client.get("/api/map").json()["places"]}
    assert places["Tbilisi"]["cooperation"] == 2
    assert places["Goris"]["conflict"] == 2


def test_alerts_list_and_detail_carry_signals_with_documents(client: TestClient) -> None:
    alerts = client.get("/api/alerts").json()["items"]
    assert [a["id"] for a in alerts] == ["alert-syunik-1"]
    detail = client.get("/api/alerts/alert-syunik-1").json()
    assert len(detail["signals"]) == 4
    for signal in detail["signals"]:
        doc = detail["documents"][signal["document_id"]]
        span = signal["event"]["evidence"]
        assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_alerts_geojson_places_alert_at_its_events(client: TestClient) -> None:
    body = client.get("/api/alerts", params={"format": "geojson"}).json()
    lon, lat = body["features"][0]["geometry"]["coordinates"]
    assert 38.8 < lat < 39.6 and 46.1 < lon < 46.5


def test_analysis_endpoints_answer_on_a_small_database(client: TestClient) -> None:
    assert client.get("/api/stories").status_code == 200
    network = client.get("/api/network").json()
    assert {"nodes", "links"} <= set(network)
    media = client.get("/api/media", params={"actor": "ARM", "pivot": "2026-03-04"})
    assert media.status_code == 200


def test_forecasts_come_riskiest_first_and_filter_by_unit(client: TestClient) -> None:
    body = client.get("/api/forecasts").json()
    if not body["items"]:
        pytest.skip("the forecast layer's table is not installed")
    risks = [row["escalation_prob"] for row in body["items"]]
    assert risks == sorted(risks, reverse=True)
    one = client.get("/api/forecasts", params={"unit": "AZE"}).json()["items"]
    assert [row["unit"] for row in one] == ["AZE"]
    assert one[0]["top_features"][0]["feature"] == "conflict_events_lag1"


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/documents/{document_id}", "/api/alerts", "/api/ingest"):
        assert path in paths


@pytest.mark.parametrize(("quad", "expected"), [("3,4", {3, 4}), ("1,2", {1, 2}), ("4", {4})])
def test_quad_class_filter_keeps_only_those_classes(
    client: TestClient, quad: str, expected: set[int]
) -> None:
    items = client.get("/api/events", params={"quad_class": quad}).json()["items"]
    assert items and {i["quad_class"] for i in items} == expected


def test_bad_quad_class_is_422(client: TestClient) -> None:
    resp = client.get("/api/events", params={"quad_class": "5"})
    assert resp.status_code == 422
    assert "'quad_class'" in resp.json()["error"]


@pytest.mark.parametrize(
    "params", [{"actor": "ARM", "pivot": ""}, {"actor": " ", "pivot": "2026-03-04"}]
)
def test_media_lens_without_actor_or_pivot_is_422(
    client: TestClient, params: dict[str, str]
) -> None:
    resp = client.get("/api/media", params=params)
    assert resp.status_code == 422
    assert "needs 'actor' and 'pivot'" in resp.json()["error"]


def test_cors_is_off_by_default_and_on_for_named_origins(
    client: TestClient, filled: tuple[Store, Sample]
) -> None:
    origin = {"Origin": "https://desk.example"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=origin).headers
    db, _ = filled
    app = create_app(Settings(db=Path(db.path)), db, cors_origins=["https://desk.example"])
    with TestClient(app, base_url="http://localhost") as cors_client:
        resp = cors_client.get("/api/health", headers=origin)
    assert resp.headers["access-control-allow-origin"] == "https://desk.example"
