"""Feeds: RSS items followed to their pages, Atom content used as is, HTML refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ingest.conftest import LocalServer, rss
from watchfloor.errors import InputError
from watchfloor.ingest.feeds import parse_feed
from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate, ItemFailure, ItemWarning
from watchfloor.settings import Settings


def _read(spec: str, settings: Settings, allow_private: bool = True) -> list[object]:
    ctx = ReadContext(settings, allow_private=allow_private)
    try:
        return list(read_input(spec, ctx))
    finally:
        ctx.close()


def test_rss_summary_items_are_followed_to_their_pages(
    http_server: LocalServer, settings: Settings
) -> None:
    items = _read(http_server.url("/feed.rss"), settings)
    docs = [i.document for i in items if isinstance(i, Candidate)]
    by_title = {d.title: d for d in docs}
    shelling = by_title["Shelling in Idlib"]
    assert "killing three civilians" in shelling.text
    assert "Copyright" not in shelling.text
    assert shelling.url == http_server.url("/story-1")
    assert shelling.published == dt.datetime(2024, 3, 2, 10, 0)
    assert shelling.metadata["text_from"] == "page"
    assert shelling.source == "127.0.0.1"


def test_rss_item_whose_page_is_gone_keeps_summary_with_a_warning(
    http_server: LocalServer, settings: Settings
) -> None:
    items = _read(http_server.url("/feed.rss"), settings)
    gone = [i.document for i in items if isinstance(i, Candidate) and i.document.title == "Gone"]
    warnings = [i for i in items if isinstance(i, ItemWarning)]
    assert gone[0].text == "Summary kept when the page is gone."
    assert gone[0].metadata["text_from"] == "feed summary"
    assert any("404" in w.message for w in warnings)


def test_atom_full_content_is_used_without_fetching_the_page(
    http_server: LocalServer, settings: Settings
) -> None:
    items = _read(http_server.url("/feed.atom"), settings)
    (doc,) = [i.document for i in items if isinstance(i, Candidate)]
    assert doc.text.startswith("Aid agencies said on Tuesday")
    assert doc.metadata["text_from"] == "feed content"
    assert "/never-fetched" not in http_server.requests


def test_html_served_as_a_feed_is_reported(http_server: LocalServer, settings: Settings) -> None:
    items = _read(http_server.url("/not-a-feed.xml"), settings)
    assert len(items) == 1 and isinstance(items[0], ItemFailure)
    assert "not an RSS or Atom feed" in items[0].message and "HTML" in items[0].message


def test_feed_file_is_read_from_disk(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(rss("http://192.0.2.1"))  # TEST-NET address: pages are never reachable
    items = _read(str(path), settings, allow_private=False)
    docs = [i.document for i in items if isinstance(i, Candidate)]
    assert [d.metadata["feed_item_id"] for d in docs] == ["wire-1", "wire-2", "wire-3"]
    assert all(d.metadata["text_from"] == "feed summary" for d in docs)


def test_html_bytes_are_not_a_feed() -> None:
    with pytest.raises(InputError, match="looks like an HTML page"):
        parse_feed(b"<!doctype html><html><body>hi</body></html>", "x.xml")


def test_web_page_url_becomes_one_document(http_server: LocalServer, settings: Settings) -> None:
    (item,) = _read(http_server.url("/redirect"), settings)
    assert isinstance(item, Candidate)
    assert item.document.url == http_server.url("/story-1")
    assert item.document.metadata == {"requested_url": http_server.url("/redirect")}


def test_page_charset_from_the_http_header_is_honoured(
    http_server: LocalServer, settings: Settings
) -> None:
    (item,) = _read(http_server.url("/arabic"), settings)
    assert isinstance(item, Candidate)
    assert (
        "\u0645\u0639\u0631\u0629 \u0627\u0644\u0646\u0639\u0645\u0627\u0646" in item.document.text
    )
    assert "\ufffd" not in item.document.text


def test_truncated_feed_says_so_and_keeps_the_items_before_the_break(
    http_server: LocalServer, settings: Settings
) -> None:
    items = _read(http_server.url("/truncated.rss"), settings)
    docs = [i.document for i in items if isinstance(i, Candidate)]
    assert [d.title for d in docs] == ["Shelling in Idlib"]
    (warning,) = [i for i in items if isinstance(i, ItemWarning)]
    assert warning.origin.input == http_server.url("/truncated.rss")
    assert "the feed is cut short" in warning.message
    assert "read 2 item(s), later ones are lost" in warning.message
    # The item the break cut in two has a title and nothing else: it fails, named.
    (failure,) = [i for i in items if isinstance(i, ItemFailure)]
    assert failure.message == "the item has no text and no link to follow"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the feed is empty (0 bytes)"),
        (b"  \n", "the feed is empty (3 bytes)"),
        (b'<?xml version="1.0"?><rss version="2.0"><chan', "cut short"),
    ],
    ids=["empty", "blank", "cut-in-channel"],
)
def test_feed_with_nothing_readable_is_a_failure(
    tmp_path: Path, settings: Settings, body: bytes, message: str
) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(body)
    (item,) = _read(str(path), settings)
    assert isinstance(item, ItemFailure) and item.origin.input == str(path)
    assert message in item.message


def test_well_formed_feed_without_items_warns(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "quiet.atom"
    path.write_bytes(
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Q</title>'
        b"<id>urn:q</id><updated>2024-03-01T00:00:00Z</updated></feed>"
    )
    (item,) = _read(str(path), settings)
    assert isinstance(item, ItemWarning) and item.message == "the feed holds no items"


def test_empty_feed_url_is_a_failure(http_server: LocalServer, settings: Settings) -> None:
    (item,) = _read(http_server.url("/empty.rss"), settings)
    assert isinstance(item, ItemFailure) and "empty" in item.message


def test_feed_cut_inside_its_first_item_warns_and_fails_that_item(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><ti')
    warning, failure = _read(str(path), settings)
    assert isinstance(warning, ItemWarning) and "the feed is cut short" in warning.message
    assert isinstance(failure, ItemFailure) and failure.origin.input.startswith(f"{path} item 1")


def test_a_stray_entity_mid_feed_is_named_and_every_item_still_read(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "entity.rss"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>W</title>\n'
        b"<item><title>Raid&nbsp;in Basra</title><description>Police raided a market in Basra."
        b"</description></item>\n<item><title>Curfew</title><description>A curfew was declared."
        b"</description></item>\n</channel></rss>\n"
    )
    items = _read(str(path), settings)
    warning = items[0]
    assert isinstance(warning, ItemWarning)
    assert warning.message == (
        "the feed is not well-formed XML (undefined entity at line 3, column 17); "
        "read 2 item(s), read leniently"
    )
    assert len([i for i in items if isinstance(i, Candidate)]) == 2
