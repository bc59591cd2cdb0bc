"""Documents store: writes with carriers, filters, the coder's to-do list."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.errors import InputError
from watchfloor.records import Document
from watchfloor.store import Store
from watchfloor.store.documents import (
    DocumentFilter,
    StoredDocument,
    existing_hashes,
    existing_ids,
    insert_documents,
    load_documents,
    mark_coded,
    query_documents,
    uncoded_document_ids,
)


def _doc(doc_id: str, day: int | None, source: str = "wire", **extra: object) -> Document:
    published = dt.datetime(2024, 3, day, 12, 30) if day else None
    return Document(
        id=doc_id,
        text=f"text of {doc_id}",
        published=published,
        source=source,
        metadata=dict(extra),
    )


@pytest.fixture
def filled(store: Store) -> Store:
    rows = [
        StoredDocument(_doc("a", 1, desk="syria"), "h-a", b"\x00" * 8),
        StoredDocument(_doc("b", 2, "daily"), "h-b", None, canonical_id="a", similarity=0.91),
        StoredDocument(_doc("c", 3), "h-c"),
        StoredDocument(_doc("d", None, "blog"), "h-d"),
    ]
    with store.transaction() as con:
        insert_documents(con, rows)
    return store


def test_insert_records_carriers_and_sources(filled: Store) -> None:
    carriers = filled.con.execute(
        "SELECT document_id, carrier_id, source FROM document_sources ORDER BY carrier_id"
    ).fetchall()
    assert carriers == [
        ("a", "a", "wire"),
        ("a", "b", "daily"),
        ("c", "c", "wire"),
        ("d", "d", "blog"),
    ]
    sources = filled.con.execute("SELECT name FROM sources ORDER BY name").fetchall()
    assert sources == [("blog",), ("daily",), ("wire",)]


def test_existing_ids_and_hashes(filled: Store) -> None:
    assert existing_ids(filled.con, ["a", "zz", "c"]) == {"a", "c"}
    assert existing_hashes(filled.con, ["h-b", "h-x"]) == {("h-b", "daily")}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (DocumentFilter(), ["c", "b", "a", "d"]),
        (DocumentFilter(source="wire"), ["c", "a"]),
        (DocumentFilter(since=dt.date(2024, 3, 2)), ["c", "b"]),
        (DocumentFilter(until=dt.date(2024, 3, 2)), ["b", "a"]),
        (DocumentFilter(until=dt.datetime(2024, 3, 2, 12, 0)), ["a"]),
        (DocumentFilter(canonical_only=True), ["c", "a", "d"]),
        (DocumentFilter(ids=("d", "a")), ["a", "d"]),
        (DocumentFilter(since="2024-03-02", until="2024-03-02"), ["b"]),
        (DocumentFilter(until="2024-03-02T12:00:00"), ["a"]),
    ],
)
def test_query_filters(filled: Store, flt: DocumentFilter, expected: list[str]) -> None:
    assert list(query_documents(filled, flt)["id"]) == expected


def test_bad_date_string_is_an_input_error(filled: Store) -> None:
    with pytest.raises(InputError, match="since 'soon'"):
        query_documents(filled, DocumentFilter(since="soon"))


def test_n_sources_counts_carriers_of_the_story(filled: Store) -> None:
    frame = query_documents(filled).set_index("id")
    assert frame.loc["a", "n_sources"] == 2 and frame.loc["b", "n_sources"] == 2
    assert frame.loc["c", "n_sources"] == 1


def test_n_sources_counts_an_outlet_carrying_two_versions_once(filled: Store) -> None:
    with filled.transaction() as con:
        insert_documents(
            con, [StoredDocument(_doc("a2", 1), "h-a2", canonical_id="a", similarity=0.95)]
        )
    frame = query_documents(filled).set_index("id")
    assert frame.loc["a", "n_sources"] == 2 and frame.loc["a2", "n_sources"] == 2


def test_load_documents_round_trips_metadata_in_order(filled: Store) -> None:
    docs = load_documents(filled, ["c", "missing", "a"])
    assert [d.id for d in docs] == ["c", "a"]
    assert docs[1].metadata == {"desk": "syria"}
    assert docs[1].published == dt.datetime(2024, 3, 1, 12, 30)


def test_uncoded_list_skips_near_copies_and_coded_documents(filled: Store) -> None:
    assert sorted(uncoded_document_ids(filled)) == ["a", "c", "d"]
    mark_coded(filled, ["a"], "rules-1")
    assert sorted(uncoded_document_ids(filled)) == ["c", "d"]
    assert filled.con.execute("SELECT coder_version FROM documents WHERE id = 'a'").fetchone() == (
        "rules-1",
    )
