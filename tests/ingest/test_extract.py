"""Page metadata: outlet, canonical URL, author, language and date from the page itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest

from tests.ingest.conftest import META_PAGE, STORY_ONE, STORY_TWO, LocalServer
from watchfloor.ingest.extract import extract_html, page_timestamp
from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate
from watchfloor.records import Document
from watchfloor.settings import Settings

ARABIC_STORY = (
    "قصفت القوات الحكومية بلدة معرة النعمان صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين "
    "وإصابة أحد عشر آخرين، بحسب مسؤولين محليين."
)
FRENCH_STORY = (
    "Des hommes armés ont attaqué un poste de l'armée près de Ménaka dans la nuit de samedi, "
    "tuant quatre soldats, selon une source sécuritaire jointe par téléphone."
)


def _page(head: str, body: str, html_attrs: str = "") -> str:
    article = f"<article><p>{body}</p></article>"
    return f"<html {html_attrs}><head>{head}</head><body>{article}</body></html>"


PAGES = [
    pytest.param(
        META_PAGE,
        ("Levant Herald", "https://levantherald.example/idlib/shelling-1", "Rania Haddad", "en"),
        id="og-site-name",
    ),
    pytest.param(
        _page(
            '<meta property="og:site_name" content="شبكة الشام"><meta property="og:url" '
            'content="https://sham.example/news/77"><meta name="author" content="مراسل الشبكة">'
            "<title>قصف</title>",
            ARABIC_STORY,
            'lang="ar-SY" dir="rtl"',
        ),
        ("شبكة الشام", "https://sham.example/news/77", "مراسل الشبكة", "ar"),
        id="arabic-og-url",
    ),
    pytest.param(
        _page(
            '<meta http-equiv="Content-Language" content="fr"><meta name="application-name" '
            'content="Sahel Matin"><title>Attaque à Ménaka</title>',
            FRENCH_STORY,
        ),
        ("Sahel Matin", None, None, "fr"),
        id="application-name-content-language",
    ),
    pytest.param(
        _page('<meta property="og:locale" content="uk_UA"><title>Обстріл</title>', STORY_TWO),
        (None, None, None, "uk"),
        id="og-locale-only",
    ),
    pytest.param(_page("<title>Plain</title>", STORY_TWO), (None, None, None, None), id="none"),
]


@pytest.mark.parametrize(("html", "expected"), PAGES)
def test_page_states_its_outlet_address_author_and_language(
    html: str, expected: tuple[str | None, ...]
) -> None:
    page = extract_html(html.encode("utf-8"))
    assert (page.outlet, page.canonical_url, page.author, page.language) == expected


def _one(spec: str, *, allow_private: bool = False, source: str | None = None) -> Document:
    ctx = ReadContext(Settings(), allow_private=allow_private, default_source=source)
    try:
        items = list(read_input(spec, ctx))
    finally:
        ctx.close()
    (item,) = items
    assert isinstance(item, Candidate)
    return item.document


def test_saved_page_takes_outlet_as_source_and_canonical_as_url(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(META_PAGE, encoding="utf-8")
    doc = _one(str(path))
    assert doc.source == "Levant Herald"
    assert doc.url == "https://levantherald.example/idlib/shelling-1"
    assert doc.language == "en"
    assert doc.published == dt.datetime(2024, 3, 2, 10, 0)  # 12:00 at +02:00
    assert doc.metadata["author"] == "Rania Haddad"
    assert STORY_ONE[:60] in doc.text


def test_saved_page_without_a_name_is_named_by_its_canonical_host(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(
        _page('<link rel="canonical" href="https://www.daily.example/a/1">', STORY_TWO), "utf-8"
    )
    doc = _one(str(path))
    assert (doc.source, doc.url) == ("daily.example", "https://www.daily.example/a/1")


def test_source_option_still_wins_over_the_pages_own_name(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_text(META_PAGE, encoding="utf-8")
    assert _one(str(path), source="my-desk").source == "my-desk"


def test_fetched_page_names_its_outlet_and_keeps_the_address_it_was_read_from(
    http_server: LocalServer,
) -> None:
    doc = _one(http_server.url("/meta-page"), allow_private=True)
    assert doc.source == "Levant Herald"
    assert doc.url == http_server.url("/meta-page")
    assert doc.metadata == {
        "canonical_url": "https://levantherald.example/idlib/shelling-1",
        "author": "Rania Haddad",
    }
    assert doc.language == "en"


def test_fetched_page_without_a_name_keeps_the_host(http_server: LocalServer) -> None:
    doc = _one(http_server.url("/story-2"), allow_private=True)
    assert doc.source == "127.0.0.1"  # trafilatura's host:port fallback is not an outlet
    assert doc.language is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2024-03-02T01:00:00+02:00">',
            dt.datetime(2024, 3, 1, 23, 0),
        ),
        (
            '<meta itemprop="datePublished" content="2023-11-05T08:30:00Z">',
            dt.datetime(2023, 11, 5, 8, 30),
        ),
        (
            '<meta name="pubdate" content="2022-07-14T18:45:00-0400">',
            dt.datetime(2022, 7, 14, 22, 45),
        ),
        ('<meta property="article:published_time" content="2024-03-02">', None),
        ('<meta property="article:published_time" content="2024-03-02T10:00:00">', None),
        ('<meta property="article:published_time" content="yesterdayT10:00Z">', None),
    ],
    ids=[
        "offset-crosses-midnight",
        "itemprop-z",
        "pubdate-compact-offset",
        "bare-date",
        "no-zone",
        "garbage",
    ],
)
def test_a_page_timestamp_counts_only_with_its_offset(
    head: str, expected: dt.datetime | None
) -> None:
    root = lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert page_timestamp(root) == expected


def test_a_time_element_in_the_article_gives_the_timestamp() -> None:
    html = _page(
        "<title>Raid</title>",
        f'<time itemprop="datePublished" datetime="2024-05-01T06:10:00+03:00">1 May</time> '
        f"{STORY_TWO}",
    )
    assert extract_html(html.encode()).published == dt.datetime(2024, 5, 1, 3, 10)
