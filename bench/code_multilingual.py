"""Benchmark: Arabic and Persian coding speed in one process (the cue coder alone).

Usage: ``python bench/code_multilingual.py [--rounds 5]``

Codes our Arabic and Persian dev reports (tests/evaluation/data/reports_{ar,fa}_dev.jsonl)
``rounds`` times each and prints sentences and documents per second per language, loading
(gazetteer and Arabic-script place index) apart, and the load time in wall and CPU seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.coder import CueCoder
from watchfloor.coding.ontology import Ontology
from watchfloor.daterange import DateRange
from watchfloor.records import Document

DATA = Path(__file__).resolve().parents[1] / "tests" / "evaluation" / "data"


def documents(language: str) -> list[Document]:
    """The dev reports of one language as documents."""
    path = DATA / f"reports_{language}_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        Document(r["id"], r["text"], published=dt.datetime.fromisoformat(r["date"]),
                 language=language)
        for r in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    coder = CueCoder(Gazetteer.load(), Ontology.load(), DateRange.default())
    for language in ("ar", "fa"):
        coder.code(documents(language)[0])  # loads the language's tables
    print(f"load: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    for language in ("ar", "fa"):
        docs = documents(language)
        sentences = 0
        started = time.perf_counter()
        for _ in range(args.rounds):
            for doc in docs:
                sentences += len(coder.code(doc).sentences)
        seconds = time.perf_counter() - started
        print(
            f"{language}: {sentences / seconds:,.0f} sentences/s, "
            f"{len(docs) * args.rounds / seconds:,.0f} documents/s "
            f"({sentences} sentences in {seconds:.2f} s, one process)"
        )


if __name__ == "__main__":
    main()
