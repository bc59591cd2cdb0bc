"""Benchmark: coding speed and peak memory for about 5,000 news sentences, beside bare spaCy.

Usage: ``python bench/code.py [--sentences 5000] [--batch-size 64] [--processes 1]``

Reads news text from ../shared/eval (ACLED reports, then GeoWebNews articles) and prints,
for the bare spaCy parse and for the full coder: sentences, seconds (without and with model
loading), sentences per second and peak resident memory. Each phase runs in a fresh process
so memory figures do not mix. Nothing is measured inside the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def corpus(limit: int) -> list[tuple[str, str]]:
    """(id, text) documents from the shared news sets, about ``limit`` sentences in all."""
    docs: list[tuple[str, str]] = []
    approx = 0
    for name, field in (("reports_dev.jsonl", "text"), ("toponyms_dev.jsonl", "text")):
        path = SHARED / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                text = str(item[field])
                docs.append((str(item["id"]), text))
                approx += max(1, text.count(". ") + 1)
                if approx >= limit:
                    return docs
    return docs


def _timed(stage: Any, timings: dict[str, float]) -> Any:
    """The stage, wrapped to add its wall time to ``timings[stage.name]``."""

    def run(work: Any) -> None:
        t0 = time.perf_counter()
        stage(work)
        timings[stage.name] += time.perf_counter() - t0

    run.name = stage.name  # type: ignore[attr-defined]
    return run


def phase(kind: str, limit: int, batch_size: int, processes: int) -> dict[str, float]:
    started = time.perf_counter()
    from watchfloor.records import Document
    from watchfloor.settings import Settings

    docs = corpus(limit)
    if kind == "spacy":
        import spacy

        nlp = spacy.load(Settings().spacy_model)
        loaded = time.perf_counter()
        texts = (t for _, t in docs)
        parsed = nlp.pipe(texts, batch_size=batch_size, n_process=processes)
        sentences = sum(len(list(d.sents)) for d in parsed)
        events = 0
    else:
        from watchfloor.coding.pipeline import Coder

        coder = Coder.load(Settings(batch_size=batch_size), n_process=processes)
        timings = {stage.name: 0.0 for stage in coder.stages}
        coder.stages = [_timed(stage, timings) for stage in coder.stages]
        loaded = time.perf_counter()
        sentences = events = 0
        for coded in coder.code_documents(Document(id=i, text=t) for i, t in docs):
            sentences += len(coded.sentences)
            events += len(coded.events)
    done = time.perf_counter()
    if kind != "spacy":
        stage_s = {k: round(v, 2) for k, v in timings.items()}
        print(json.dumps({"stage_seconds": stage_s}), file=sys.stderr)
    return {
        "documents": len(docs),
        "sentences": sentences,
        "events": events,
        "load_s": round(loaded - started, 2),
        "run_s": round(done - loaded, 2),
        "per_second": round(sentences / (done - loaded), 1),
        "per_second_with_load": round(sentences / (done - started), 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", type=int, default=1, help="spaCy parsing processes")
    parser.add_argument("--phase", choices=["spacy", "coder"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the benchmark reads its news text)")
        return
    if args.phase:
        print(json.dumps(phase(args.phase, args.sentences, args.batch_size, args.processes)))
        return
    print(
        f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; python "
        f"{sys.version.split()[0]}; {args.processes} parsing process(es)"
    )
    for kind in ("spacy", "coder"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--phase",
                kind,
                "--sentences",
                str(args.sentences),
                "--batch-size",
                str(args.batch_size),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if kind == "coder" and out.stderr.strip():
            print("       per stage: " + out.stderr.strip().splitlines()[-1])
        print(
            f"{kind:6s} {r['sentences']} sentences in {r['documents']} documents: "
            f"{r['per_second']} sentences/s ({r['per_second_with_load']} with "
            f"{r['load_s']}s loading), {r['events']} events, peak {r['peak_mb']} MB"
        )


if __name__ == "__main__":
    main()
