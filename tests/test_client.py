"""The Python API: open, ingest, documents, events, export and import, as pandas or Arrow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import watchfloor
from watchfloor.store.events import EventFilter


def test_package_exports_open_lazily() -> None:
    assert watchfloor.__all__ == ["__version__", "open"]
    probe = (
        "import sys, watchfloor; "
        "print(sorted(m for m in ('duckdb', 'pandas', 'watchfloor.client') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    rows = [
        {
            "id": "a",
            "text": "Troops entered the village of Kafr Nabl on Monday.",
            "source": "wire",
            "published": "2024-03-04",
        },
        {
            "id": "b",
            "text": "Talks between the two delegations resumed in Geneva.",
            "source": "daily",
            "published": "2024-03-05",
            "section": "politics",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_ingest_then_read_documents_as_pandas_and_arrow(tmp_path: Path, corpus: Path) -> None:
    with watchfloor.open(tmp_path / "wf.duckdb") as wf:
        summary = wf.ingest(corpus)
        assert (summary.read, summary.new) == (2, 2)
        frame = wf.documents(source="daily")
        assert isinstance(frame, pd.DataFrame) and list(frame["id"]) == ["b"]
        table = wf.documents(as_arrow=True, limit=1)
        assert isinstance(table, pa.Table) and table.num_rows == 1
        assert wf.ingest(corpus).duplicates == 2


def test_events_use_the_shared_event_filter(tmp_path: Path) -> None:
    with watchfloor.open(tmp_path / "wf.duckdb") as wf:
        wf.store.con.execute(
            "INSERT INTO events (id, document_id, date, place_country, plover_event) VALUES "
            "('e1', 'a', DATE '2024-03-04', 'SYR', 'ASSAULT'), "
            "('e2', 'a', DATE '2024-03-05', 'IRQ', 'PROTEST')"
        )
        assert list(wf.events(country="IRQ")["id"]) == ["e2"]
        assert wf.events(as_arrow=True, since=EventFilter(since=None).since).num_rows == 2
        with pytest.raises(TypeError):
            wf.events(no_such_filter=1)


def test_export_and_import_parquet_round_trip(tmp_path: Path, corpus: Path) -> None:
    with watchfloor.open(tmp_path / "one.duckdb") as wf:
        wf.ingest(corpus)
        counts = wf.export(tmp_path / "dump")
    assert counts["documents"] == 2
    with watchfloor.open(tmp_path / "two.duckdb") as other:
        assert other.import_parquet(tmp_path / "dump")["documents"] == 2
        meta = other.store.con.execute("SELECT metadata FROM documents WHERE id = 'b'").fetchone()
        assert meta is not None and json.loads(meta[0]) == {"section": "politics"}


def test_code_analyze_and_alerts_from_python(tmp_path: Path) -> None:
    texts = [
        "Iranian troops attacked a border post near Mehran, killing three soldiers.",
        "Turkish jets bombed PKK positions in Duhok province on Tuesday.",
        "Protesters rallied outside parliament in Baghdad to demand new elections.",
    ]
    rows = [
        {"id": f"d{day:02d}", "text": text, "source": "wire", "published": f"2024-03-{day:02d}"}
        for day, text in enumerate(texts, start=1)
    ]
    path = tmp_path / "attacks.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with watchfloor.open(tmp_path / "wf.duckdb") as wf:
        wf.ingest(path)
        done = wf.code()
        assert done.documents_coded == 3
        assert done.events >= 3
        events = wf.events()
        assert set(events["document_id"]) == {"d01", "d02", "d03"}
        assert (events["plover_event"] == "ASSAULT").any()
        assert wf.code().documents_coded == 0  # incremental: nothing left to code
        assert isinstance(wf.alerts(), list)
        assert wf.analyze(full=True).from_day is not None


def test_client_ingest_reports_languages_and_filters_documents(tmp_path: Path) -> None:
    import watchfloor

    mixed = Path(__file__).parent / "ingest" / "data" / "mixed_languages.jsonl"
    with watchfloor.open(tmp_path / "c.duckdb") as wf:
        summary = wf.ingest(mixed, code=False)
        assert dict(summary.by_language) == {"en": 1, "ar": 1, "fa": 1, "fr": 2}
        assert summary.not_coded == (("fr", 2),)
        persian = wf.documents(language="fa")
        assert list(persian["id"]) == ["mix-fa-1"]
