"""Hostile GDELT/ACLED files and date phrases: reports and InputErrors, never crashes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.errors import InputError
from watchfloor.store import Store

dates = pytest.importorskip("watchfloor.coding.dates")
acled = pytest.importorskip("watchfloor.importers.acled")
gdelt = pytest.importorskip("watchfloor.importers.gdelt")

FAST = settings(max_examples=200, deadline=None, database=None)
FILES = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def db() -> Iterator[Store]:
    """One migrated in-memory database for all examples (migrating per example is slow)."""
    with Store(":memory:") as store:
        yield store


def count(store: Store, dataset: str) -> int:
    row = store.con.execute("SELECT count(*) FROM events WHERE dataset = ?", [dataset]).fetchone()
    return int(row[0]) if row else 0


DATE_WORDS = [
    "on Monday",
    "late on Sunday",
    "last week",
    "yesterday",
    "today",
    "3 days ago",
    "two weeks ago",
    "on 31 February",
    "30 February 2026",
    "2026-02-30",
    "2026-13-01",
    "March 45",
    "12 March",
    "9999-12-31",
    "0001-01-01",
    "last month",
    "next Friday",
    "in 1999",
    "on the night of 14 September",
    "September 14, 2026",
    "the day before",
]
phrases = st.lists(st.sampled_from(DATE_WORDS) | st.text(max_size=15), max_size=6).map(" ".join)
published = st.none() | st.dates(min_value=dt.date(1, 1, 10), max_value=dt.date(9999, 12, 20))


@FAST
@given(text=phrases, when=published)
def test_event_date_phrases_give_a_date_or_none(text: str, when: dt.date | None) -> None:
    found = dates.resolve_event_date_text(text, when)
    assert found is None or isinstance(found, dt.date)


cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    [
        "",
        "0",
        "-3",
        "1e9",
        "NaN",
        "2026-09-14",
        "14 September 2026",
        "31/02/2026",
        '"',
        ",",
        "\n",
        "Riots/Protests",
        "Battles",
        "Armenia",
        "051",
    ]
)


def acled_csv(rows: list[list[str]], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@FILES
@given(
    rows=st.lists(st.lists(cell, min_size=6, max_size=6), max_size=6),
    header=st.permutations(list(acled.REQUIRED)) | st.lists(cell, min_size=1, max_size=6),
)
def test_acled_files_import_with_a_report_or_an_input_error(
    db: Store, rows: list[list[str]], header: list[str]
) -> None:
    db.con.execute("DELETE FROM events")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acled.csv"
        path.write_text(acled_csv(rows, list(header)), encoding="utf-8")
        try:
            report = acled.import_acled(db, path)
        except InputError as exc:
            assert str(exc).strip() and "acled.csv" in str(exc)
            assert count(db, "acled") == 0  # a refused file changes nothing
            return
        assert count(db, "acled") == report.imported


@FILES
@given(data=st.binary(max_size=300))
def test_binary_garbage_is_no_acled_or_gdelt_file(db: Store, data: bytes) -> None:
    store = db
    with tempfile.TemporaryDirectory() as tmp:
        for name, importer in (("a.csv", acled.import_acled), ("g.CSV", gdelt.import_gdelt)):
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                importer(store, path)
            except InputError as exc:
                assert name in str(exc)


gdelt_cell = st.sampled_from(
    ["", "0", "1", "20260914", "2026", "190", "ARM", "AZE", "1.5", "-99", "x", '"', "9" * 25]
) | st.text(
    alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)), max_size=8
)


@FILES
@given(rows=st.lists(st.lists(gdelt_cell, min_size=58, max_size=63), min_size=1, max_size=5))
def test_gdelt_rows_of_any_shape_import_or_are_rejected_by_line(
    db: Store, rows: list[list[str]]
) -> None:
    store = db
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.export.CSV"
        path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
        try:
            report = gdelt.import_gdelt(store, path)
        except InputError as exc:
            assert "events.export.CSV" in str(exc)
            return
        assert report.imported + len(report.rejected) >= 1 or report.rows_read == 0
        assert all(1 <= r.line <= len(rows) for r in report.rejected)
