"""Parquet export is atomic; import upserts tables and Hive-laid-out event files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from watchfloor.errors import InputError
from watchfloor.records import Document, Event, Evidence, PlaceRef
from watchfloor.store import Store
from watchfloor.store.documents import StoredDocument, insert_documents
from watchfloor.store.events import EVENT_COLUMNS, event_to_row, replace_document_events
from watchfloor.store.parquet import export_tables, import_parquet


def _fill(store: Store) -> None:
    with store.transaction() as con:
        insert_documents(
            con,
            [
                StoredDocument(
                    Document(id="d1", text="t", source="wire", metadata={"k": [1]}),
                    "h1",
                    b"\x01\x02",
                )
            ],
        )
    events = [
        Event(
            id=f"e{i}",
            evidence=Evidence("d1", i, 0, 1, "t"),
            plover_event="ASSAULT",
            date=dt.date(2024, 3, 1 + i),
            place=PlaceRef(name="Homs", country="SYR"),
        )
        for i in range(3)
    ]
    replace_document_events(store, ["d1"], events, "v1")


def _table(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.con.execute(sql).fetchall()


def test_export_round_trips_into_a_new_database(store: Store, tmp_path: Path) -> None:
    _fill(store)
    counts = export_tables(store, tmp_path / "out")
    assert counts["documents"] == 1 and counts["events"] == 3
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["tables"] == counts and manifest["schema_version"] == store.schema_version
    with Store(tmp_path / "copy.duckdb") as copy:
        loaded = import_parquet(copy, [tmp_path / "out"])
        assert loaded["events"] == 3
        sql = "SELECT id, text, source, metadata, minhash FROM documents"
        assert _table(copy, sql) == _table(store, sql)
        assert _table(copy, "SELECT * EXCLUDE (created_at) FROM events ORDER BY id") == _table(
            store, "SELECT * EXCLUDE (created_at) FROM events ORDER BY id"
        )


def test_reimport_adds_no_duplicates(store: Store, tmp_path: Path) -> None:
    _fill(store)
    export_tables(store, tmp_path / "out")
    import_parquet(store, [tmp_path / "out"])
    import_parquet(store, [tmp_path / "out"])
    assert _table(store, "SELECT count(*) FROM events") == [(3,)]
    assert _table(store, "SELECT count(*) FROM document_sources") == [(1,)]


def test_export_replaces_an_old_export_whole_and_leaves_no_temp(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    out = tmp_path / "out"
    export_tables(store, out, ["events"])
    export_tables(store, out, ["documents"])
    assert sorted(p.name for p in out.iterdir()) == ["documents.parquet", "manifest.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_failed_export_keeps_the_previous_export(store: Store, tmp_path: Path) -> None:
    _fill(store)
    out = tmp_path / "out"
    export_tables(store, out, ["events"])
    with pytest.raises(InputError, match="no such table: nonsense"):
        export_tables(store, out, ["documents", "nonsense"])
    assert sorted(p.name for p in out.iterdir()) == ["events.parquet", "manifest.json"]


def test_hive_layout_events_are_loaded_with_partition_columns(store: Store, tmp_path: Path) -> None:
    events = [
        Event(
            id=f"h{i}",
            evidence=Evidence("dx", i, 0, 1, "t"),
            plover_event="PROTEST",
            date=dt.date(2024, 5, 1 + i % 2),
            place=PlaceRef(name="P", country=None),
            confidence=0.5 + i / 10,
        )
        for i in range(4)
    ]
    frame = pa.Table.from_pylist(
        [dict(zip(EVENT_COLUMNS, event_to_row(e, "dask-1"), strict=True)) for e in events]
    )
    frame = frame.drop(["place_country"]).append_column(
        "country", pa.array(["IRQ", "IRQ", "SYR", "SYR"])
    )
    pq.write_to_dataset(frame, tmp_path / "events", partition_cols=["date", "country"])
    loaded = import_parquet(store, [tmp_path / "events"])
    assert loaded == {"events": 4}
    rows = _table(
        store, "SELECT id, date, place_country, confidence, dataset FROM events ORDER BY id"
    )
    assert rows[0] == ("h0", dt.date(2024, 5, 1), "IRQ", 0.5, "watchfloor")
    assert [r[2] for r in rows] == ["IRQ", "IRQ", "SYR", "SYR"]
    import_parquet(store, [tmp_path / "events"])
    assert _table(store, "SELECT count(*) FROM events") == [(4,)]


def test_unplaceable_file_and_missing_path_are_input_errors(store: Store, tmp_path: Path) -> None:
    pq.write_table(pa.table({"x": [1]}), tmp_path / "mystery.parquet")
    with pytest.raises(InputError, match="cannot tell which table"):
        import_parquet(store, [tmp_path / "mystery.parquet"])
    with pytest.raises(InputError, match="no such file"):
        import_parquet(store, [tmp_path / "absent"])


def test_export_refuses_a_non_empty_folder_that_is_not_an_export(
    store: Store, tmp_path: Path
) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("precious")
    with pytest.raises(InputError, match="not a watchfloor export"):
        export_tables(store, keep)
    assert (keep / "notes.txt").read_text() == "precious"


def _killed_staging(parent: Path, name: str, suffix: str) -> Path:
    """A hidden folder as a killed export leaves it: half a Parquet file, no manifest."""
    folder = parent / f".{name}.{suffix}"
    folder.mkdir()
    (folder / "events.parquet").write_bytes(b"PAR1 half written")
    return folder


@pytest.mark.parametrize("leftovers", [["tmp-0badf00d"], ["tmp-1", "tmp-2", "old-3"]])
def test_next_export_removes_folders_a_killed_export_left(
    store: Store, tmp_path: Path, leftovers: list[str]
) -> None:
    _fill(store)
    for suffix in leftovers:
        _killed_staging(tmp_path, "out", suffix)
    unrelated = _killed_staging(tmp_path, "other", "tmp-12345678")
    export_tables(store, tmp_path / "out", ["events"])
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []
    assert unrelated.is_dir()  # another export's folder is not ours to touch


def test_export_killed_between_renames_gets_the_old_export_back_first(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    out = tmp_path / "out"
    export_tables(store, out, ["events"])
    out.rename(tmp_path / ".out.old-0000aaaa")  # killed after the first rename
    _killed_staging(tmp_path, "out", "tmp-0000bbbb")
    with pytest.raises(InputError, match="no such table"):
        export_tables(store, out, ["nonsense"])
    assert sorted(p.name for p in out.iterdir()) == ["events.parquet", "manifest.json"]
    export_tables(store, out, ["documents"])
    assert sorted(p.name for p in out.iterdir()) == ["documents.parquet", "manifest.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
