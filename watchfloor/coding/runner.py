"""Code the documents of a store incrementally: one transaction per batch, crash-safe."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.work import CodedDocument
from watchfloor.errors import InputError
from watchfloor.records import Document
from watchfloor.store.coded import write_coded_rows
from watchfloor.store.database import Store
from watchfloor.store.documents import load_documents, uncoded_document_ids
from watchfloor.store.events import event_to_row

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
    return load_documents(store, uncoded_document_ids(store, limit=size))


def load_document(store: Store, doc_id: str) -> Document:
    """One stored document by id; InputError when there is none."""
    found = load_documents(store, [doc_id])
    if not found:
        raise InputError(f"no document with id {doc_id!r} in the database")
    return found[0]


def write_coded(store: Store, coded: Sequence[CodedDocument], coder_version: str) -> int:
    """Replace sentences and events of these documents and mark them coded, in one transaction."""
    return write_coded_rows(
        store,
        [c.document_id for c in coded],
        [(s.document_id, s.index, s.start, s.end, s.text) for c in coded for s in c.sentences],
        [event_to_row(e, coder_version) for c in coded for e in c.events],
        coder_version,
    )


def code_pending(
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
) -> CodeSummary:
    """Code every canonical, uncoded document; ``on_progress(done, total)`` after each batch.
    The coder leans on what the store's events already say (``coding.prior``), as learnt
    before this run, so that a run's result does not depend on its batch order."""
    started = time.perf_counter()
    total = pending_count(store)
    if total:
        coder.use_prior(CollectionPrior.from_store(store))
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
