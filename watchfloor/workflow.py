"""The one job behind ``watchfloor ingest``, ``POST /api/ingest`` and ``wf.ingest``: store the
inputs, then code and analyse whatever is pending.

"Pending" is every canonical document not yet coded (nor marked failed) and every event the
analysis has not seen, not only what this run stored: running the same command again after a
crash (kill -9 between storing and coding) finishes the work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from watchfloor.ingest.items import IngestSummary, Item
from watchfloor.ingest.pipeline import DEFAULT_BATCH, Ingestor, ProgressCallback
from watchfloor.settings import Settings
from watchfloor.store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class ProcessSummary:
    """What one ``process_pending`` run did.

    ``documents_coded + documents_failed`` documents were taken from the to-do list;
    ``failures`` holds (document id, reason) of each failed one. ``events_out_of_range``
    counts stored events dated outside the accepted range, which the analysis left out.
    """

    documents_coded: int
    sentences: int
    events: int
    signals: int
    alerts_new: int
    alerts_updated: int
    stories: int
    documents_failed: int = 0
    failures: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    events_out_of_range: int = 0


@dataclass(frozen=True)
class RunSummary:
    """What one ``ingest_and_process`` run did: the ingest, then (unless ``code`` was off)
    the coding and analysis of everything pending."""

    ingest: IngestSummary
    processed: ProcessSummary | None = None


_loaded: list[tuple[Settings, object]] = []
"""The last coder loaded, with its settings: a process that codes again and again (a replay
day by day, a watch loop, the API) loads spaCy and the gazetteers once, not per batch."""
_coding = threading.Lock()
"""Held while the shared coder codes: two threads of one process never use it at once (it
carries each store's collection prior while it codes)."""


def _coder(settings: Settings, load: Callable[[Settings], T]) -> T:
    """The coder for ``settings``, loaded on first use and kept while they stay the same."""
    if _loaded and _loaded[0][0] == settings:
        return _loaded[0][1]  # type: ignore[return-value]
    coder = load(settings)
    _loaded[:] = [(settings, coder)]
    return coder


def process_pending(
    store: Store,
    settings: Settings,
    *,
    analyze: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> ProcessSummary:
    """Code every pending canonical document, then run the incremental analysis.

    Loads the coder (spaCy model, lexicons, gazetteer) only when there is work to do. A
    document that cannot be coded is marked failed with the reason and counted; the rest go on.
    """
    from watchfloor.coding.runner import CodeSummary, code_pending, pending_count

    coded = CodeSummary(0, 0, 0, 0.0)
    if pending_count(store):
        from watchfloor.coding.pipeline import Coder

        with _coding:
            coded = code_pending(
                store,
                _coder(settings, Coder.load),
                batch_size=settings.batch_size,
                on_progress=on_progress,
                accepted=settings.date_range(),
            )
    base = ProcessSummary(
        coded.documents, coded.sentences, coded.events, 0, 0, 0, 0, coded.failed, coded.failures
    )
    if not analyze:
        return base
    from dataclasses import replace

    from watchfloor.analysis.pipeline import analyze_incremental

    summary = analyze_incremental(store, settings)
    return replace(
        base,
        signals=summary.signals,
        alerts_new=len(summary.alerts_new),
        alerts_updated=len(summary.alerts_updated),
        stories=summary.stories,
        events_out_of_range=summary.events_out_of_range,
    )


# The name this job had when it only followed new documents; same behaviour now.
process_new = process_pending


def ingest_and_process(
    store: Store,
    settings: Settings,
    inputs: Sequence[str | Path] = (),
    *,
    items: Iterable[Item] | None = None,
    code: bool = True,
    analyze: bool = True,
    allow_private: bool | None = None,
    default_source: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: ProgressCallback | None = None,
    on_coding: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Ingest ``inputs`` (paths, folders, URLs) or ready ``items``, then, with ``code``, code
    and analyse everything pending (``process_pending``).

    Bad items are failures in the ingest summary and bad documents failures in the processed
    summary; neither stops the run.
    """
    ingestor = Ingestor(store, settings, batch_size=batch_size)
    if items is not None:
        summary = ingestor.ingest_items(items, progress=progress)
    else:
        summary = ingestor.ingest(
            list(inputs),
            allow_private=allow_private,
            default_source=default_source,
            progress=progress,
        )
    if not code:
        return RunSummary(summary)
    return RunSummary(
        summary, process_pending(store, settings, analyze=analyze, on_progress=on_coding)
    )
