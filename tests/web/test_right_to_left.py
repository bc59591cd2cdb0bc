"""Arabic and Persian documents read right to left in the dashboard (real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import LiveApp
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.runner import code_pending
from watchfloor.ingest.pipeline import Ingestor, record_items
from watchfloor.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Our own sentences; no language is stated, so ingest detects it.
REPORTS = [
    {
        "id": "doc-ar-rtl",
        "source": "iraq-local",
        "published": "2026-03-05T08:00:00Z",
        "title": "هجوم على نقطة تفتيش قرب كركوك",
        "text": "قتل ثلاثة من عناصر الشرطة في هجوم شنه مسلحون على نقطة تفتيش في قضاء "
        "الحويجة جنوب غربي كركوك مساء الاثنين بحسب مصدر أمني.",
    },
    {
        "id": "doc-fa-rtl",
        "source": "iran-press",
        "published": "2026-03-05T09:00:00Z",
        "title": "درگیری مسلحانه در سراوان",
        "text": "به گزارش خبرگزاری‌ها، دو مأمور نیروی انتظامی در درگیری مسلحانه با افراد "
        "مسلح در شهرستان سراوان کشته شدند.",
    },
]


@pytest.fixture(scope="module")
def rtl_documents(live_app: LiveApp) -> list[str]:
    """The reports ingested and coded into the live app's database."""
    settings = Settings(db=Path(live_app.store.path))
    summary = Ingestor(live_app.store, settings).ingest_items(record_items(REPORTS, "test"))
    assert dict(summary.by_language) == {"ar": 1, "fa": 1}
    code_pending(live_app.store, Coder.load(settings), accepted=settings.date_range())
    return [str(r["id"]) for r in REPORTS]


@pytest.fixture
def page(browser: Any, live_app: LiveApp, rtl_documents: list[str]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _open(page: Any, live_app: LiveApp, route: str, view: str) -> None:
    page.goto(f"{live_app.url}/{route}")
    page.wait_for_selector(f"body[data-ready='{view}']", timeout=15_000)


def _direction(page: Any, selector: str) -> str:
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el).direction"))


@pytest.mark.parametrize(
    ("doc_id", "direction"), [("doc-ar-rtl", "rtl"), ("doc-fa-rtl", "rtl"), ("doc-arm-1", "ltr")]
)
def test_document_text_and_title_take_their_own_direction(
    page: Any, live_app: LiveApp, doc_id: str, direction: str
) -> None:
    _open(page, live_app, f"#/document?id={doc_id}", "document")
    assert _direction(page, "#doc-text") == direction
    assert _direction(page, "h1.doc-title") == direction


def test_arabic_evidence_is_marked_inside_right_to_left_text(page: Any, live_app: LiveApp) -> None:
    _open(page, live_app, "#/document?id=doc-ar-rtl", "document")
    assert page.get_attribute("#doc-text", "lang") == "ar"
    marks = page.locator("#doc-text mark")
    assert marks.count() >= 1
    assert marks.first.inner_text() in REPORTS[0]["text"]
    assert marks.first.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_arabic_evidence_in_the_event_list_reads_right_to_left(
    page: Any, live_app: LiveApp
) -> None:
    _open(page, live_app, "#/events", "events")
    link = page.locator("td.evidence a", has_text="كركوك")
    assert link.count() >= 1
    assert link.first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    english = page.locator("td.evidence a").filter(has_not_text="كركوك").first
    assert english.evaluate("el => getComputedStyle(el).direction") == "ltr"


def test_document_list_titles_take_their_own_direction(page: Any, live_app: LiveApp) -> None:
    _open(page, live_app, "#/documents", "documents")
    title = page.locator("a", has_text="درگیری مسلحانه در سراوان")
    assert title.first.evaluate("el => getComputedStyle(el).direction") == "rtl"
