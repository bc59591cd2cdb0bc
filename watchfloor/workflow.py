"""The main job after new documents land: code them, then update signals, alerts and stories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from watchfloor.settings import Settings
from watchfloor.store import Store


@dataclass(frozen=True)
class ProcessSummary:
    """What one ``process_new`` run did."""

    documents_coded: int
    sentences: int
    events: int
    signals: int
    alerts_new: int
    alerts_updated: int
    stories: int


def process_new(
    store: Store,
    settings: Settings,
    *,
    analyze: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> ProcessSummary:
    """Code every uncoded canonical document, then run the incremental analysis.

    Loads the coder (spaCy model, lexicons, gazetteer) only when there is work to do.
    """
    from watchfloor.coding.runner import code_pending, pending_count

    coded = sentences = events = 0
    if pending_count(store):
        from watchfloor.coding.pipeline import Coder

        result = code_pending(
            store, Coder.load(settings), batch_size=settings.batch_size, on_progress=on_progress
        )
        coded, sentences, events = result.documents, result.sentences, result.events
    if not analyze:
        return ProcessSummary(coded, sentences, events, 0, 0, 0, 0)
    from watchfloor.analysis.pipeline import analyze_incremental

    summary = analyze_incremental(store, settings)
    return ProcessSummary(
        coded,
        sentences,
        events,
        summary.signals,
        len(summary.alerts_new),
        len(summary.alerts_updated),
        summary.stories,
    )
