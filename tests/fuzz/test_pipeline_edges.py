"""Property-based: dates at the calendar's ends, huge ids and broken URLs never stop the work.

Every example either gives a date inside the accepted range (or none), or is refused as one
item naming its input and line while the good lines around it are stored. Examples are
derandomised when ``CI=true`` so that a CI run is repeatable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.coding.dates import resolve_event_date_text
from watchfloor.daterange import DateRange
from watchfloor.ingest.pipeline import Ingestor, record_items
from watchfloor.settings import Settings
from watchfloor.store import Store

CI = os.environ.get("CI") == "true"
DATES = settings(max_examples=400, deadline=None, database=None, derandomize=CI)
LINES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=CI,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
PHRASES = [
    "yesterday",
    "last night",
    "the day before yesterday",
    "today",
    "on Sunday",
    "last Friday",
    "last week",
    "a week ago",
    "three days ago",
    "999999 days ago",
    "on 1 January",
    "on December 31",
    "on Jan. 5",
    "on 29 February",
    "on 31 December 1999",
    "2026-02-29",
    "earlier this month",
    "recently",
]
END_DAYS = st.sampled_from(
    [dt.date(1, 1, 1), dt.date(1, 1, 6), dt.date(1, 12, 31), dt.date(9999, 12, 31),
     dt.date(9999, 1, 1), dt.date(9999, 12, 25), dt.date(1899, 12, 31), dt.date(1900, 1, 1)]
)
published = st.none() | END_DAYS | st.dates() | st.datetimes()
texts = st.lists(st.sampled_from(PHRASES) | st.text(max_size=12), max_size=5).map(" ".join)
ranges = st.builds(
    lambda a, b: DateRange(min(a, b), max(a, b)), st.dates(), st.dates()
) | st.just(DateRange.default())


@DATES
@given(text=texts, when=published, accepted=ranges)
def test_event_dates_at_the_calendar_ends_are_in_range_or_none(
    text: str, when: dt.date | None, accepted: DateRange
) -> None:
    found = resolve_event_date_text(f"Gunmen attacked a checkpoint {text}.", when, accepted)
    assert found is None or (isinstance(found, dt.date) and accepted.contains(found))


def _hostile_values() -> st.SearchStrategy[dict[str, object]]:
    big_number = st.integers(4301, 6000).map(lambda n: "9" * n)
    huge_id = st.one_of(
        big_number.map(lambda digits: ("raw", digits)),
        st.integers(1001, 6000).map(lambda n: ("str", "7" * n)),
    )
    stamps = st.sampled_from(
        ["9999-12-31T23:59:59-12:00", "0001-01-01", "0001-01-01T00:00:00+14:00", "1899-12-31",
         "9999-12-31", "2999-06-01T00:00:00Z", "10000-01-01", "2026-02-30"]
    )
    urls = st.sampled_from(
        ["http://[::1/", "http://[", "https://[::1]:99999999999/", "http://[fe80::1%en0/",
         "http://[v1.x]/", "https://]/", "http://[::1]]/"]
    )
    return st.one_of(
        huge_id.map(lambda pair: {"id": pair}),
        stamps.map(lambda s: {"published": s}),
        urls.map(lambda u: {"url": u}),
    )


def _line(fields: dict[str, object], number: int) -> str:
    record: dict[str, object] = {"text": f"Hostile story number {number} happened."}
    raw_id = None
    for key, value in fields.items():
        if key == "id" and isinstance(value, tuple) and value[0] == "raw":
            raw_id = value[1]
        elif key == "id" and isinstance(value, tuple):
            record["id"] = value[1]
        else:
            record[key] = value
    text = json.dumps(record)
    return text[:-1] + f', "id": {raw_id}}}' if raw_id else text


@pytest.fixture(scope="module")
def db() -> Iterator[Store]:
    with Store(":memory:") as store:
        yield store


@LINES
@given(hostile=st.lists(_hostile_values(), min_size=1, max_size=4))
def test_hostile_lines_are_refused_by_line_and_good_lines_stored(
    db: Store, tmp_path_factory: pytest.TempPathFactory, hostile: list[dict[str, object]]
) -> None:
    db.con.execute("DELETE FROM documents; DELETE FROM document_sources")
    folder = tmp_path_factory.mktemp("lines")
    path = folder / "mixed.jsonl"
    good = [json.dumps({"id": f"good-{i}", "text": f"Good story {i} today."}) for i in range(2)]
    lines = [good[0], *(_line(h, n) for n, h in enumerate(hostile)), good[1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = Ingestor(db, Settings()).ingest([str(path)])
    stored = {row[0] for row in db.con.execute("SELECT id FROM documents").fetchall()}
    assert {"good-0", "good-1"} <= stored
    assert summary.read + summary.failed == len(lines)
    for failure in summary.failures:
        assert failure.origin.input == str(path) and failure.origin.line is not None
        assert 2 <= failure.origin.line <= len(lines) - 1 and failure.message
    accepted = Settings().date_range()
    for (published,) in db.con.execute("SELECT published FROM documents").fetchall():
        assert published is None or accepted.contains(published)


def _record(fields: dict[str, object], number: int) -> dict[str, object]:
    """The hostile fields as an already parsed object (an API request's document)."""
    record: dict[str, object] = {"text": f"Hostile story number {number} happened."}
    for key, value in fields.items():
        if key == "id" and isinstance(value, tuple):
            kind, digits = value
            record["id"] = 10 ** len(str(digits)) if kind == "raw" else digits
        else:
            record[key] = value
    return record


@LINES
@given(hostile=st.lists(_hostile_values(), min_size=1, max_size=4))
def test_hostile_api_documents_are_refused_by_number(
    db: Store, hostile: list[dict[str, object]]
) -> None:
    db.con.execute("DELETE FROM documents; DELETE FROM document_sources")
    records = [_record(h, n) for n, h in enumerate(hostile)]
    good = {"id": "good-api", "text": "A good story from the API."}
    summary = Ingestor(db, Settings()).ingest_items(record_items([*records, good], "request"))
    assert summary.read + summary.failed == len(records) + 1
    assert all(f.origin.input == "request" and f.message for f in summary.failures)
    assert db.con.execute("SELECT count(*) FROM documents WHERE id = 'good-api'").fetchone() == (1,)
