"""Code the documents of a store incrementally: one transaction per batch, crash-safe."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.work import CodedDocument
from watchfloor.errors import InputError
from watchfloor.records import Document
from watchfloor.store.database import Store
from watchfloor.store.events import replace_document_events

PENDING_WHERE = "coded_at IS NULL AND canonical_id IS NULL"


@dataclass(frozen=True)
class CodeSummary:
    """What one coding run did."""

    documents: int
    sentences: int
    events: int
    seconds: float


def pending_count(store: Store) -> int:
    """Number of canonical documents not yet coded."""
    row = store.con.execute(f"SELECT count(*) FROM documents WHERE {PENDING_WHERE}").fetchone()
    return int(row[0]) if row else 0


def _pending_batch(store: Store, size: int) -> list[Document]:
    rows = store.con.execute(
        f"SELECT id, text, url, title, published, fetched, source, language, metadata "
        f"FROM documents WHERE {PENDING_WHERE} ORDER BY id LIMIT ?",
        [size],
    ).fetchall()
    return [_document(r) for r in rows]


def load_document(store: Store, doc_id: str) -> Document:
    """One stored document by id; InputError when there is none."""
    row = store.con.execute(
        "SELECT id, text, url, title, published, fetched, source, language, metadata "
        "FROM documents WHERE id = ?",
        [doc_id],
    ).fetchone()
    if row is None:
        raise InputError(f"no document with id {doc_id!r} in the database")
    return _document(row)


def _document(row: Sequence[Any]) -> Document:
    meta = row[8]
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except json.JSONDecodeError:
            meta = {}
    return Document(
        id=row[0],
        text=row[1] or "",
        url=row[2],
        title=row[3],
        published=row[4],
        fetched=row[5],
        source=row[6],
        language=row[7],
        metadata=meta if isinstance(meta, dict) else {},
    )


def write_coded(store: Store, coded: Sequence[CodedDocument], coder_version: str) -> int:
    """Replace sentences and events of these documents and mark them coded, in one transaction."""
    ids = [c.document_id for c in coded]
    sentence_rows = [
        (s.document_id, s.index, s.start, s.end, s.text) for c in coded for s in c.sentences
    ]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        con.execute(
            "DELETE FROM sentences WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        if sentence_rows:
            con.executemany(
                "INSERT INTO sentences (document_id, sentence_index, char_start, char_end, text)"
                " VALUES (?, ?, ?, ?, ?)",
                sentence_rows,
            )
        written = replace_document_events(
            store, ids, [e for c in coded for e in c.events], coder_version
        )
        con.execute(
            "UPDATE documents SET coded_at = ?, coder_version = ? "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [now, coder_version, ids],
        )
    return written


def code_pending(
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
) -> CodeSummary:
    """Code every canonical, uncoded document; ``on_progress(done, total)`` after each batch."""
    started = time.perf_counter()
    total = pending_count(store)
    done = sentences = events = 0
    while True:
        batch = _pending_batch(store, batch_size)
        if not batch:
            break
        coded = list(coder.code_documents(batch))
        events += write_coded(store, coded, coder.version)
        sentences += sum(len(c.sentences) for c in coded)
        done += len(batch)
        if on_progress is not None:
            on_progress(done, total)
    return CodeSummary(done, sentences, events, round(time.perf_counter() - started, 3))


def recode_all(
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
) -> CodeSummary:
    """Mark every canonical document uncoded, then code them all again (same ids, no duplicates)."""
    with store.transaction() as con:
        con.execute("UPDATE documents SET coded_at = NULL WHERE canonical_id IS NULL")
    return code_pending(store, coder, batch_size=batch_size, on_progress=on_progress)
