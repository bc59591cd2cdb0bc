"""Ingest runs: read inputs, drop exact repeats, link near-copies, write each batch whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pyarrow as pa

from watchfloor.errors import StoreError
from watchfloor.ingest.dedup import NearDuplicateIndex, Signer
from watchfloor.ingest.files import record_item
from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import (
    UNKNOWN_LANGUAGE,
    Candidate,
    IngestSummary,
    Item,
    ItemFailure,
    ItemWarning,
    Origin,
    content_hash,
    refusal,
)
from watchfloor.ingest.language import LanguageDetector
from watchfloor.records import Document
from watchfloor.settings import Settings
from watchfloor.store.database import Store
from watchfloor.store.documents import (
    StoredDocument,
    existing_hashes,
    existing_ids,
    insert_documents,
)

DEFAULT_BATCH = 500
ProgressCallback = Callable[[str, int], None]
"""Called as ``progress(input_name, items_done_in_run)`` after each item."""


@dataclass
class _Tally:
    new: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    duplicates: int = 0
    undated: int = 0
    failures: list[ItemFailure] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)
    seen_keys: list[str] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)

    def summary(self) -> IngestSummary:
        by_language = tuple(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0])))
        return IngestSummary(
            read=len(self.new) + len(self.near) + self.duplicates,
            new=len(self.new),
            duplicates=self.duplicates,
            near_duplicates=len(self.near),
            failed=len(self.failures),
            undated=self.undated,
            failures=tuple(self.failures),
            warnings=tuple(self.warnings),
            new_ids=tuple(self.new),
            near_duplicate_ids=tuple(self.near),
            seen_item_keys=tuple(self.seen_keys),
            by_language=by_language,
            not_coded=tuple((code, n) for code, n in by_language if not coder_reads(code)),
        )


def coder_reads(language: str) -> bool:
    """Whether the coder reads documents in ``language`` (``UNKNOWN_LANGUAGE`` is read as
    English, as the coder does with a document that states none)."""
    if language in (UNKNOWN_LANGUAGE, "en"):
        return True
    # The coder's own test, imported only when another language turns up (it loads spaCy).
    from watchfloor.coding.runner import language_is_read

    return language_is_read(language)


class Ingestor:
    """Writes candidate documents to a store, batch by batch, with deduplication.

    The near-duplicate index is rebuilt from the database when the Ingestor is made, so
    build one per run (or per ``watch`` cycle set) rather than per document. A document
    that does not state its language is given the one its text is detected in (left empty
    when detection is unsure); the detector is built on the first such document.
    """

    def __init__(
        self, store: Store, settings: Settings, *, batch_size: int = DEFAULT_BATCH
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.store = store
        self.settings = settings
        self.batch_size = batch_size
        self.signer = Signer()
        self.index = NearDuplicateIndex.from_store(store, settings.dedup_threshold)
        self._detector: LanguageDetector | None = None

    def with_language(self, doc: Document) -> Document:
        """``doc`` with its detected language when it states none (unchanged when unsure)."""
        if doc.language:
            return doc
        if self._detector is None:
            self._detector = LanguageDetector()
        text = f"{doc.title}\n{doc.text}" if doc.title else doc.text
        guess = self._detector.detect(text)
        return doc if guess is None else replace(doc, language=guess.code)

    def ingest(
        self,
        inputs: Sequence[str | Path],
        *,
        allow_private: bool | None = None,
        default_source: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Read every input (paths, folders, URLs) and store what is new."""
        ctx = ReadContext(
            self.settings,
            allow_private=self.settings.allow_private if allow_private is None else allow_private,
            default_source=default_source,
        )
        try:
            items = (item for spec in inputs for item in _isolated(str(spec), ctx))
            return self.ingest_items(items, progress=progress)
        finally:
            ctx.close()

    def ingest_items(
        self, items: Iterable[Item], *, progress: ProgressCallback | None = None
    ) -> IngestSummary:
        """Store candidates from any reader; failures and warnings are collected."""
        tally = _Tally()
        batch: list[Candidate] = []
        accepted = self.settings.date_range()
        for done, item in enumerate(items, start=1):
            if isinstance(item, ItemFailure):
                tally.failures.append(item)
            elif isinstance(item, ItemWarning):
                tally.warnings.append(item)
            elif (problem := refusal(item.document, accepted)) is not None:
                tally.failures.append(ItemFailure(item.origin, problem))
            else:
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._write_batch(batch, tally)
                    batch = []
            if progress is not None:
                progress(item.origin.input, done)
        if batch:
            self._write_batch(batch, tally)
        return tally.summary()

    def _write_batch(self, batch: list[Candidate], tally: _Tally) -> None:
        """Classify and write one batch in one transaction; a failed write fails the batch."""
        hashes: dict[int, str] = {}
        for cand in list(batch):
            try:
                hashes[id(cand)] = content_hash(cand.document.text)
            except (UnicodeError, ValueError) as exc:
                tally.failures.append(ItemFailure(cand.origin, f"text cannot be stored: {exc}"))
                batch.remove(cand)
        known_ids = existing_ids(self.store.con, (c.document.id for c in batch))
        known_pairs = existing_hashes(self.store.con, hashes.values())
        rows: list[StoredDocument] = []
        added: list[str] = []
        near: list[str] = []
        for cand in batch:
            doc = cand.document
            pair = (hashes[id(cand)], doc.source)
            if doc.id in known_ids or pair in known_pairs:
                tally.duplicates += 1
                continue
            known_ids.add(doc.id)
            known_pairs.add(pair)
            doc = self.with_language(doc)
            signature = self.signer.sign(doc.text)
            match = self.index.best_match(signature)
            if match is None:
                self.index.add(doc.id, signature)
                added.append(doc.id)
                rows.append(StoredDocument(doc, pair[0], signature.to_bytes()))
            else:
                near.append(doc.id)
                rows.append(
                    StoredDocument(doc, pair[0], signature.to_bytes(), match[0], round(match[1], 4))
                )
        try:
            with self.store.transaction() as con:
                insert_documents(con, rows)
        except (duckdb.Error, pa.ArrowException, UnicodeError, ValueError, TypeError) as exc:
            for doc_id in added:
                self.index.remove(doc_id)
            message = f"not written, the batch failed: {StoreError(str(exc))}"
            tally.failures.extend(ItemFailure(c.origin, message) for c in batch)
            return
        tally.new.extend(added)
        tally.near.extend(near)
        tally.undated += sum(1 for row in rows if row.document.published is None)
        tally.languages.update(row.document.language or UNKNOWN_LANGUAGE for row in rows)
        tally.seen_keys.extend(c.item_key for c in batch if c.item_key)


def _isolated(spec: str, ctx: ReadContext) -> Iterable[Item]:
    """The items of one input; a value Python cannot hold ends this input as one failure
    (the readers report the expected problems themselves), and the next input goes on."""
    try:
        yield from read_input(spec, ctx)
    except (ValueError, OverflowError) as exc:
        yield ItemFailure(Origin(spec), f"cannot be read: {exc}")


def record_items(
    records: Iterable[object], name: str, default_source: str | None = None
) -> Iterator[Item]:
    """JSON objects already parsed (an API request's documents) as items, numbered from 1;
    a bad one is a failure naming ``name`` and its number, never the end of the rest."""
    for number, record in enumerate(records, start=1):
        yield record_item(record, Origin(name, number), default_source)
