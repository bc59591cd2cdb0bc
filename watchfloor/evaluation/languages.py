"""Evaluate language detection on any gold file whose lines carry ``text`` and ``language``
(absent means English, as in the ``reports`` format): the ``languages`` task."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from watchfloor.evaluation.common import Tally, read_jsonl, share
from watchfloor.ingest.language import LanguageDetector
from watchfloor.settings import Settings


def evaluate(
    path: str | Path, *, limit: int | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Accuracy of the detected language against each line's ``language``, with the share of
    texts left undetected and the confusions as ``gold->detected`` counts."""
    detector = LanguageDetector()
    tally = Tally()
    gold_counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    confusions: Counter[str] = Counter()
    undetected = 0
    for number, item in read_jsonl(path, limit):
        tally.n += 1
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            tally.failed(str(item.get("id", number)), ValueError("no text"))
            continue
        gold = str(item.get("language") or "en")
        guess = detector.detect(text)
        gold_counts[gold] += 1
        if guess is None:
            undetected += 1
        elif guess.code == gold:
            hits[gold] += 1
        else:
            confusions[f"{gold}->{guess.code}"] += 1
    n = sum(gold_counts.values())
    result: dict[str, Any] = {
        "task": "languages",
        **tally.header(),
        "language_accuracy": share(sum(hits.values()), n),
        "undetected_share": share(undetected, n),
    }
    for code in sorted(gold_counts):
        result[f"accuracy_{code}"] = share(hits[code], gold_counts[code])
    result["confusions"] = ", ".join(f"{k} {v}" for k, v in confusions.most_common()) or "none"
    return result
