"""The runner codes pending documents of a real (temp) DuckDB store, incrementally."""

from __future__ import annotations

import datetime as dt

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.runner import code_pending, pending_count, recode_all
from watchfloor.store import Store

TEXTS = {
    "d1": "Rebels attacked an army base near the border. Police arrested 12 protesters.",
    "d2": "The foreign minister met his Turkish counterpart in Ankara on Tuesday.",
    "d3": "Weather was mild.",
}


def add_documents(store: Store, texts: dict[str, str], canonical: str | None = None) -> None:
    for doc_id, text in texts.items():
        store.con.execute(
            "INSERT INTO documents (id, text, content_hash, published, canonical_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [doc_id, text, doc_id, dt.datetime(2024, 3, 4), canonical],
        )


def counts(store: Store) -> tuple[int, int]:
    events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    sentences = store.con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    return events, sentences


def test_code_pending_writes_events_and_marks_documents(store: Store, coder: Coder) -> None:
    add_documents(store, TEXTS)
    progress: list[tuple[int, int]] = []
    summary = code_pending(
        store, coder, batch_size=2, on_progress=lambda d, t: progress.append((d, t))
    )
    assert summary.documents == 3 and summary.events >= 3
    assert progress[-1] == (3, 3) and len(progress) == 2
    assert pending_count(store) == 0
    versions = store.con.execute("SELECT DISTINCT coder_version FROM documents").fetchall()
    assert versions == [(coder.version,)]


def test_duplicates_are_not_coded(store: Store, coder: Coder) -> None:
    add_documents(store, {"copy": TEXTS["d1"]}, canonical="d1")
    assert code_pending(store, coder).documents == 0


def test_recoding_is_idempotent(store: Store, coder: Coder) -> None:
    add_documents(store, TEXTS)
    code_pending(store, coder)
    first = counts(store)
    ids = store.con.execute("SELECT id FROM events ORDER BY id").fetchall()
    assert code_pending(store, coder).documents == 0
    summary = recode_all(store, coder)
    assert summary.documents == 3
    assert counts(store) == first
    assert store.con.execute("SELECT id FROM events ORDER BY id").fetchall() == ids


def test_coding_leans_on_what_the_stores_events_say(store: Store, coder: Coder) -> None:
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1, source_text,"
        " source_sector) VALUES (?, 'watchfloor', ?, 'SYR', 'Idlib', 'regime forces', 'MIL')",
        [(f"old{i}", f"old{i}") for i in range(60)],
    )
    add_documents(store, {"new": "Regime forces shelled the village of Qurmuzat al-Wusta."})
    try:
        code_pending(store, coder)
    finally:
        coder.use_prior(CollectionPrior())  # the session's coder is shared
    row = store.con.execute(
        "SELECT source_country, place_country FROM events WHERE document_id = 'new'"
    ).fetchone()
    assert row == ("SYR", "SYR")


def test_an_idle_run_does_not_relearn_the_prior(store: Store, coder: Coder) -> None:
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1, source_text,"
        " source_sector) VALUES (?, 'watchfloor', ?, 'SYR', 'Idlib', 'regime forces', 'MIL')",
        [(f"old{i}", f"old{i}") for i in range(60)],
    )
    try:
        assert code_pending(store, coder).documents == 0
        assert not coder.prior  # nothing pending: the store was not read
        add_documents(store, {"new": "Regime forces shelled a village."})
        code_pending(store, coder)
        assert coder.prior.countries == {"SYR": 1.0}
    finally:
        coder.use_prior(CollectionPrior())  # the session's coder is shared
