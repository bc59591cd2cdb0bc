"""Hostile input to the ingest parsers: nothing crashes, every rejection is a WatchfloorError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.errors import FetchError, InputError, WatchfloorError
from watchfloor.records import Document

files = pytest.importorskip("watchfloor.ingest.files")
extract = pytest.importorskip("watchfloor.ingest.extract")
feeds = pytest.importorskip("watchfloor.ingest.feeds")
fetch = pytest.importorskip("watchfloor.ingest.fetch")
items = pytest.importorskip("watchfloor.ingest.items")

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
record_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "text": st.text() | json_values,
        "html": st.text() | json_values,
        "published": st.text() | json_values,
        "title": json_values,
        "url": json_values,
        "source": json_values,
        "language": json_values,
    },
)


def assert_clear(exc: WatchfloorError) -> None:
    message = str(exc)
    assert message.strip(), "an error without a message"
    assert "Traceback" not in message


@FAST
@given(record=record_like | json_values)
def test_jsonl_record_becomes_a_document_or_an_input_error(record: object) -> None:
    try:
        doc = files.jsonl_document(record, None)
    except InputError as exc:
        assert_clear(exc)
        return
    assert isinstance(doc, Document)
    assert doc.id and doc.text.strip()


@FAST
@given(
    lines=st.lists(
        st.binary(max_size=200) | json_values.map(json.dumps).map(str.encode), max_size=8
    )
)
def test_jsonl_file_of_garbage_reports_each_line_and_never_raises(
    tmp_path: Path, lines: list[bytes]
) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    produced = list(files.read_jsonl(path, "fuzz.jsonl", None))
    for item in produced:
        if isinstance(item, items.ItemFailure):
            assert "fuzz.jsonl" in str(item)


@SLOW
@given(html=st.binary(max_size=600) | st.text(max_size=600).map(lambda t: f"<html>{t}</html>"))
def test_html_extraction_returns_text_or_an_input_error(html: bytes | str) -> None:
    try:
        result = extract.extract_html(html, "https://fuzz.example/page")
    except InputError as exc:
        assert_clear(exc)
        return
    assert result.text.strip()


@FAST
@given(value=json_values | st.datetimes().map(lambda d: d.isoformat()) | st.text(max_size=40))
def test_published_timestamp_is_naive_utc_none_or_an_input_error(value: object) -> None:
    try:
        stamp = extract.parse_timestamp(value)
    except InputError as exc:
        assert_clear(exc)
        assert "published" in str(exc)
        return
    assert stamp is None or stamp.tzinfo is None


@FAST
@given(data=st.binary(max_size=400))
def test_undecodable_bytes_are_replaced_with_a_warning(data: bytes) -> None:
    text, warning = extract.decode(data, "fuzz")
    assert isinstance(text, str)
    if warning is not None:
        assert "fuzz" in warning


feed_xml = st.builds(
    lambda title, body, kind: (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<item><title>{title}</title><description>{body}</description>"
        f"<pubDate>{kind}</pubDate></item></channel></rss>"
    ).encode("utf-8", "surrogatepass"),
    st.text(max_size=40),
    st.text(max_size=120),
    st.text(max_size=30),
)


@SLOW
@given(data=st.binary(max_size=500) | feed_xml)
def test_feed_bytes_parse_or_raise_an_input_error(data: bytes) -> None:
    try:
        feed = feeds.parse_feed(data, "fuzz-feed")
    except InputError as exc:
        assert_clear(exc)
        assert "fuzz-feed" in str(exc)
        return
    assert isinstance(feed.items, tuple)


@FAST
@given(url=st.text(max_size=60))
def test_odd_urls_are_refused_with_a_fetch_error_naming_the_url(url: str) -> None:
    if url.startswith(("http://", "https://")):
        return  # could resolve through DNS; IP literals are covered below
    with pytest.raises(FetchError) as info:
        fetch.check_url(url, allow_private=False)
    assert_clear(info.value)
