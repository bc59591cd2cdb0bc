"""Code the documents of a store incrementally: one transaction per batch, crash-safe.

A document the coder cannot code (an error in a stage, a value the store refuses) is marked
failed with the reason and left out of later runs (``clear_code_failures`` lets it be tried
again); the rest of its batch is coded as usual.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import duckdb

from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.pipeline import Coder, reads_with_stages
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.work import CodedDocument
from watchfloor.daterange import DateRange
from watchfloor.errors import InputError, ModelError, StoreError
from watchfloor.records import Document, Event
from watchfloor.store.coded import write_coded_rows
from watchfloor.store.database import Store
from watchfloor.store.documents import (
    PENDING_WHERE,
    load_documents,
    mark_code_failed,
    uncoded_document_ids,
)
from watchfloor.store.events import event_to_row

# Failures of the run itself (no model, a database that cannot be written), not of one document.
_NOT_PER_DOCUMENT: tuple[type[BaseException], ...] = (
    ModelError,
    StoreError,
    MemoryError,
    duckdb.IOException,
    duckdb.FatalException,
    duckdb.InterruptException,
    duckdb.OutOfMemoryException,
)


@dataclass(frozen=True)
class CodeSummary:
    """What one coding run did; ``failures`` holds (document id, reason) of each failed one.

    ``not_read`` of the ``documents`` coded are in a language the coder cannot read (no
    events; marked coded so they are not taken again), by language in ``not_read_languages``.
    """

    documents: int
    sentences: int
    events: int
    seconds: float
    failed: int = 0
    failures: tuple[tuple[str, str], ...] = ()
    not_read: int = 0
    not_read_languages: tuple[tuple[str, int], ...] = ()


def language_is_read(language: str | None) -> bool:
    """Whether the coder reads this language: the spaCy model's (English, or none stated)
    through the stages, or one with cue tables in ``coding/lang/<code>/``."""
    return reads_with_stages(language) or CueCoder.reads(language)


def pending_count(store: Store) -> int:
    """Number of canonical documents not yet coded (failed ones left out)."""
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


def _dated(event: Event, accepted: DateRange | None) -> Event:
    """The event, without its date when that lies outside ``accepted`` (never stored wrong)."""
    if accepted is None or event.date is None or accepted.contains(event.date):
        return event
    return replace(event, date=None)


def write_coded(
    store: Store,
    coded: Sequence[CodedDocument],
    coder_version: str,
    accepted: DateRange | None = None,
) -> int:
    """Replace sentences and events of these documents and mark them coded, in one transaction.

    An event date outside ``accepted`` is not stored (the event stays undated)."""
    return write_coded_rows(
        store,
        [c.document_id for c in coded],
        [(s.document_id, s.index, s.start, s.end, s.text) for c in coded for s in c.sentences],
        [event_to_row(_dated(e, accepted), coder_version) for c in coded for e in c.events],
        coder_version,
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _code_one_by_one(
    store: Store, coder: Coder, batch: list[Document], accepted: DateRange | None
) -> tuple[list[CodedDocument], list[tuple[str, str]]]:
    """Code and write each document of a failed batch alone; the failing ones are marked."""
    done: list[CodedDocument] = []
    failures: list[tuple[str, str]] = []
    for document in batch:
        try:
            coded = list(coder.code_documents([document]))
            write_coded(store, coded, coder.version, accepted)
        except _NOT_PER_DOCUMENT:
            raise
        except Exception as exc:  # one document's failure, whatever the stage raised
            failures.append((document.id, _reason(exc)))
            continue
        done.extend(coded)
    mark_code_failed(store, failures)
    return done, failures


def _code_batch(
    store: Store, coder: Coder, batch: list[Document], accepted: DateRange | None
) -> tuple[list[CodedDocument], list[tuple[str, str]]]:
    """Code and write a batch whole; if anything in it fails, one document at a time."""
    try:
        coded = list(coder.code_documents(batch))
        write_coded(store, coded, coder.version, accepted)
    except _NOT_PER_DOCUMENT:
        raise
    except Exception:  # find the document(s) at fault, one by one
        return _code_one_by_one(store, coder, batch, accepted)
    return coded, []


def code_pending(
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
    accepted: DateRange | None = None,
) -> CodeSummary:
    """Code every canonical, uncoded document; ``on_progress(done, total)`` after each batch.

    The coder leans on what the store's events already say (``coding.prior``), as learnt
    before this run, so that a run's result does not depend on its batch order. Event dates
    outside ``accepted`` are not stored. A document that fails is marked and counted."""
    started = time.perf_counter()
    accepted = accepted or DateRange.default()
    total = pending_count(store)
    if total:
        coder.use_prior(CollectionPrior.from_store(store))
    done = sentences = events = 0
    failures: list[tuple[str, str]] = []
    not_read: Counter[str] = Counter()
    while True:
        batch = _pending_batch(store, batch_size)
        if not batch:
            break
        coded, failed = _code_batch(store, coder, batch, accepted)
        failures.extend(failed)
        not_read.update(_unread_languages(batch, coded))
        events += sum(len(c.events) for c in coded)
        sentences += sum(len(c.sentences) for c in coded)
        done += len(coded)
        if on_progress is not None:
            on_progress(done + len(failures), total)
    seconds = round(time.perf_counter() - started, 3)
    return CodeSummary(
        done,
        sentences,
        events,
        seconds,
        len(failures),
        tuple(failures),
        sum(not_read.values()),
        tuple(sorted(not_read.items())),
    )


def _unread_languages(batch: list[Document], coded: list[CodedDocument]) -> list[str]:
    """The language of each coded document of ``batch`` that the coder cannot read."""
    done = {c.document_id for c in coded}
    return [
        d.language
        for d in batch
        if d.id in done and d.language is not None and not language_is_read(d.language)
    ]


def recode_all(
    store: Store,
    coder: Coder,
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
    accepted: DateRange | None = None,
) -> CodeSummary:
    """Mark every canonical document uncoded (failed ones included), then code them all again
    (same ids, no duplicates)."""
    with store.transaction() as con:
        con.execute(
            "UPDATE documents SET coded_at = NULL, code_failed_at = NULL, code_failure = NULL "
            "WHERE canonical_id IS NULL"
        )
    return code_pending(
        store, coder, batch_size=batch_size, on_progress=on_progress, accepted=accepted
    )
