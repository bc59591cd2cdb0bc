"""The evaluations' first pass: code the whole file once and learn its collection prior.

A store codes new reports with what its earlier events say (``watchfloor.coding.prior``); an
evaluation file plays the part of that store, so the coder reads it once without a prior, learns
the prior from its own output (never from gold labels) and then codes it again for scoring.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import CollectionPrior
from watchfloor.evaluation.common import read_jsonl
from watchfloor.records import Event


def learn_prior(coder: Coder, path: str | Path, limit: int | None) -> CollectionPrior:
    """Code every readable item of ``path`` and make the coder use what the events say."""
    events: list[Event] = []
    texts: dict[str, str] = {}
    for number, item in read_jsonl(path, limit):
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            continue  # the scoring pass counts the bad item
        try:
            published = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        except (TypeError, ValueError):
            published = None
        document_id = str(item.get("id", number))
        texts[document_id] = text
        events.extend(
            coder.code_text(text, published, document_id, language=item.get("language")).events
        )
    prior = CollectionPrior.from_events(events, texts)
    coder.use_prior(prior)
    return prior
