"""The dashboard in headless Chromium on the real app: pages, alerts, filters, map, escaping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.api.sample_data import HOSTILE_TITLE
from tests.web.conftest import LiveApp

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "#/",
    "#/events",
    "#/timeline",
    "#/map",
    "#/stories",
    "#/network",
    "#/media?actor=ARM&pivot=2026-03-04",
    "#/forecasts",
    "#/documents",
    "#/document?id=doc-arm-1",
    "#/alert?id=alert-syunik-1",
]


class Tab:
    """A browser page that records console errors and uncaught exceptions."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, route: str) -> Any:
        view = route.split("?")[0].strip("#/") or "overview"
        self.page.goto(f"{self.base}/{route}")
        self.page.wait_for_selector(f"body[data-ready='{view}']", timeout=15_000)
        return self.page


@pytest.fixture
def tab(browser: Any, live_app: LiveApp) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Tab(page, live_app.url)
    context.close()


@pytest.mark.parametrize("route", PAGES)
def test_page_loads_without_console_errors(tab: Tab, route: str) -> None:
    page = tab.open(route)
    assert page.locator("main .error").count() == 0, page.locator("main .error").all_inner_texts()
    assert tab.errors == []


def test_alert_opens_from_feed_with_highlighted_evidence(tab: Tab, live_app: LiveApp) -> None:
    page = tab.open("#/")
    page.locator("#alert-feed a.alert-link").first.click()
    page.wait_for_selector("body[data-ready='alert']")
    marks = page.locator(".signal mark").all_inner_texts()
    expected = [
        live_app.store.con.execute("SELECT evidence_text FROM events WHERE id = ?", [e]).fetchone()
        for e in live_app.sample.alert_event_ids
    ]
    assert sorted(marks) == sorted(row[0] for row in expected if row)
    assert page.locator(".signal").count() == len(live_app.sample.alert_event_ids)


def test_alert_reads_as_a_briefing_one_line_per_signal(tab: Tab, live_app: LiveApp) -> None:
    page = tab.open("#/alert?id=alert-syunik-1")
    lines = page.locator("#alert-briefing li").all_inner_texts()
    assert len(lines) == len(live_app.sample.alert_event_ids)
    outlets = {
        row[0]
        for row in live_app.store.con.execute(
            "SELECT d.source FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE list_contains(?::VARCHAR[], e.id)",
            [list(live_app.sample.alert_event_ids)],
        ).fetchall()
    }
    for line in lines:
        assert " -- why: " in line and "ARM" in line
        assert any(f"({outlet})" in line for outlet in outlets)


def test_overview_says_what_is_still_warming_up(tab: Tab) -> None:
    page = tab.open("#/")
    expect(page.locator("#warmup")).to_contain_text("places warming up")


def test_acknowledge_with_token_changes_state(tab: Tab, live_app: LiveApp) -> None:
    page = tab.open("#/alert?id=alert-syunik-1")
    page.fill("input[name=token]", "wf_bad_token")
    page.click("button.act-acknowledge")
    expect(page.locator("#state-message")).not_to_have_text("")
    assert "unknown token" in page.inner_text("#state-message")
    page.fill("input[name=token]", live_app.token)
    page.click("button.act-acknowledge")
    expect(page.locator("#alert-state")).to_have_text("acknowledged")
    state = live_app.store.con.execute(
        "SELECT state FROM alerts WHERE id = 'alert-syunik-1'"
    ).fetchone()
    assert state == ("acknowledged",)
    assert page.evaluate("sessionStorage.getItem('watchfloor-token')") == live_app.token
    tab.errors.clear()  # the refused first try logs a 401 on purpose


def test_country_filter_changes_the_event_list(tab: Tab) -> None:
    page = tab.open("#/events")
    before = page.locator("#events-table tbody tr").count()
    page.fill("form.filters input[name=country]", "GEO")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(lambda url: "country=GEO" in url)
    page.wait_for_selector("body[data-ready='events']")
    rows = page.locator("#events-table tbody tr")
    assert before == 8
    assert rows.count() == 2
    assert all("GEO" in text for text in rows.all_inner_texts())
    assert page.inner_text("#event-total") == "2"
    assert tab.errors == []


def test_map_draws_countries_places_and_alerts(tab: Tab, live_app: LiveApp) -> None:
    places = live_app.store.con.execute(
        "SELECT count(DISTINCT (round(lat, 2), round(lon, 2))) FROM events"
    ).fetchone()
    page = tab.open("#/map")
    assert page.locator("#map-svg path.country").count() > 100
    assert places is not None
    assert page.locator("#map-svg circle.place").count() == places[0]
    assert page.locator("#map-svg path.alert-marker").count() == 1
    assert tab.errors == []


def test_timeline_brush_filters_by_dates(tab: Tab) -> None:
    page = tab.open("#/timeline")
    box = page.locator("#timeline-chart svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.06, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.wait_for_url(lambda url: "since=" in url)
    page.wait_for_selector("body[data-ready='timeline']")
    assert page.locator("table.grid tbody tr").count() < 8
    assert tab.errors == []


def test_hostile_document_text_shows_literally_and_never_runs(tab: Tab) -> None:
    page = tab.open("#/document?id=doc-hostile")
    assert page.inner_text("h1.doc-title") == HOSTILE_TITLE
    assert "<script>alert(1)</script>" in page.inner_text("#doc-text")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img").count() == 0
    tab.open("#/events")
    assert page.evaluate("window.__pwned") is None
    assert tab.errors == []


def test_forecasts_show_risk_table_and_chart(tab: Tab, live_app: LiveApp) -> None:
    if "forecasts" not in live_app.store.tables():
        pytest.skip("the forecast layer's table is not installed")
    page = tab.open("#/forecasts")
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == 3
    assert rows.first.inner_text().startswith("ARM")
    assert "62%" in rows.first.inner_text()
    assert page.locator("svg.risk-chart rect.risk-bar").count() == 3
    assert tab.errors == []


def test_conflict_count_links_to_exactly_those_events(tab: Tab, live_app: LiveApp) -> None:
    page = tab.open("#/")
    row = page.locator("#country-strips tbody tr", has_text="ARM").first
    link = row.locator("td").nth(3).locator("a")
    shown = int(link.inner_text())
    link.click()
    page.wait_for_url(lambda url: "quad_class=3%2C4" in url or "quad_class=3,4" in url)
    page.wait_for_selector("body[data-ready='events']")
    assert int(page.inner_text("#event-total")) == shown
    quads = page.locator("#events-table tbody td:nth-child(3)").all_inner_texts()
    assert quads and all("conflict" in q for q in quads)
    assert tab.errors == []


def test_api_docs_render_offline_from_npm_assets(tab: Tab) -> None:
    tab.page.goto(f"{tab.base}/docs")
    tab.page.wait_for_selector(".opblock", timeout=15_000)
    paths = tab.page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/events" in p for p in paths)
