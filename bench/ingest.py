"""Benchmark: ingest N synthetic documents (about 10% near-copies) with dedup into a temp DB.

Prints documents/second, the near-copies found against those planted, the time to rebuild
the near-duplicate index from the database, and peak memory (ru_maxrss).

    .venv/bin/python bench/ingest.py [--docs 20000] [--batch-size 500]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store import Store

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mu",
    "sa",
    "le",
    "no",
    "vi",
    "da",
    "pe",
    "lo",
    "zu",
    "ha",
    "mi",
    "te",
    "ro",
    "gu",
    "ne",
    "bi",
    "fa",
]
PLACES = ["Aleppo", "Mosul", "Aden", "Sanaa", "Homs", "Basra", "Idlib", "Kirkuk", "Taiz", "Raqqa"]
VERBS = ["attacked", "met", "protested", "shelled", "negotiated with", "arrested", "warned"]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Invented words, so the text is varied but has no meaning to copy."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def make_text(rng: random.Random, vocab: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(6, 18)):
        words = rng.choices(vocab, k=rng.randint(8, 22))
        words.insert(rng.randrange(len(words)), f"{rng.choice(VERBS)} {rng.choice(PLACES)}")
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def near_copy(rng: random.Random, text: str, vocab: list[str]) -> str:
    """The same story lightly edited: about 1% of words replaced, a sentence appended."""
    words = text.split(" ")
    for _ in range(max(1, len(words) // 100)):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words) + " Reporting by a partner agency."


def write_corpus(path: Path, n_docs: int, seed: int = 7) -> int:
    """Write the JSONL corpus; returns the number of planted near-copies."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    texts: list[str] = []
    planted = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_docs):
            if texts and rng.random() < 0.10:
                text = near_copy(rng, rng.choice(texts), vocab)
                planted += 1
            else:
                text = make_text(rng, vocab)
                texts.append(text)
            record = {
                "id": f"bench-{i}",
                "text": text,
                "source": f"outlet-{i % 37}",
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
            handle.write(json.dumps(record) + "\n")
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        planted = write_corpus(corpus, args.docs)
        size_mb = corpus.stat().st_size / 1e6
        settings = Settings()
        with Store(Path(tmp) / "bench.duckdb") as store:
            start, cpu_start = time.perf_counter(), time.process_time()
            summary = Ingestor(store, settings, batch_size=args.batch_size).ingest([corpus])
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            rebuild_start = time.perf_counter()
            rebuilt = Ingestor(store, settings)
            rebuild = time.perf_counter() - rebuild_start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    print(f"corpus: {args.docs} documents, {size_mb:.1f} MB JSONL, {planted} planted near-copies")
    print(
        f"ingested: new {summary.new}, near-duplicates {summary.near_duplicates}, "
        f"duplicates {summary.duplicates}, failed {summary.failed}"
    )
    print(f"wall time: {elapsed:.1f} s, {summary.read / elapsed:.0f} documents/second")
    print(f"CPU time: {cpu:.1f} s, {summary.read / cpu:.0f} documents per CPU-second")
    print(f"index rebuild from DB: {len(rebuilt.index)} signatures in {rebuild:.2f} s")
    print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
