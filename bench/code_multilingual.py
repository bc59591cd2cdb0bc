"""Benchmark: Arabic and Persian coding speed in one process.

Usage: ``python bench/code_multilingual.py [--rounds 5] [--classifier on off]``

Codes our Arabic and Persian report sets (tests/evaluation/data/reports_{ar,fa}_*.jsonl)
``rounds`` times each and prints sentences and documents per second per language, loading
(gazetteer, Arabic-script place index, encoder) apart, and the load time in wall and CPU
seconds. ``--classifier on`` reads sentences with the multilingual sub-event classifier beside
the cue rules (setting ``multilingual_classifier``, the default) and also prints the share of
sentences it embedded; the encoder's cache is emptied before each round, so repeated rounds
cost what new text would. The engine runs one thread (``coding.embed.THREADS``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from watchfloor.coding.embed import load_encoder
from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.classifier import EventReader, load_event_reader
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document

DATA = Path(__file__).resolve().parents[1] / "tests" / "evaluation" / "data"


def documents(language: str) -> list[Document]:
    """The reports of one language (dev, held-out and fresh sets) as documents."""
    rows = [
        json.loads(line)
        for path in sorted(DATA.glob(f"reports_{language}_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return [
        Document(r["id"], r["text"], published=dt.datetime.fromisoformat(r["date"]),
                 language=language)
        for r in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--classifier", nargs="+", choices=("on", "off"), default=["on", "off"])
    args = parser.parse_args()
    for setting in args.classifier:
        print(f"classifier {setting}:")
        run(args.rounds, setting == "on")


def run(rounds: int, classifier: bool) -> None:
    """Load a coder (with or without the classifier) and time both languages."""
    wall, cpu = time.perf_counter(), time.process_time()
    reader = load_event_reader(load_encoder()) if classifier else None
    coder = CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default(), reader=reader)
    for language in ("ar", "fa"):
        coder.code(documents(language)[0])  # loads the language's tables
    print(f"  load: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    for language in ("ar", "fa"):
        docs = documents(language)
        sentences = 0
        read_before = reader.sentences_read if reader else 0
        started = time.perf_counter()
        for _ in range(rounds):
            _forget(reader)
            for doc in docs:
                sentences += len(coder.code(doc).sentences)
        seconds = time.perf_counter() - started
        read = (reader.sentences_read - read_before) if reader else 0
        print(
            f"  {language}: {sentences / seconds:,.0f} sentences/s, "
            f"{len(docs) * rounds / seconds:,.0f} documents/s "
            f"({sentences} sentences in {seconds:.2f} s, one process; "
            f"{read / sentences:.1%} of sentences embedded)"
        )


def _forget(reader: EventReader | None) -> None:
    if reader is not None:
        reader.model.encoder.clear()


if __name__ == "__main__":
    main()
