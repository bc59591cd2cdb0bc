"""Throughput of Dask coding with 1 and 2 workers, beside local coding and the bare spaCy parse.

Usage: ``python bench/scale.py [--docs 480] [--workers 1,2] [--loader module:callable]``.
Input is the demo corpus repeated (with fresh ids) to ``--docs`` documents, written as JSONL
to a temp folder. Prints one line per setup: documents/s and sentences/s over the coding
time, excluding cluster start-up and coder loading (printed apart). Start-up is printed in
wall seconds and, for Dask, also per worker: the CPU seconds each worker process spent
loading its coder (and coding the two warm-up documents), read from the workers themselves,
so that a busy machine does not hide the cost. Figures depend on the machine and on what
else runs on it; quote them with its description and the load average printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import spacy
from distributed import Client, LocalCluster

from watchfloor.demo import corpus_path
from watchfloor.scale import code_with_dask
from watchfloor.scale.worker import DEFAULT_LOADER, resolve_loader
from watchfloor.settings import Settings


def make_input(folder: Path, n_docs: int) -> tuple[Path, list[str]]:
    rows = [json.loads(line) for line in corpus_path().open(encoding="utf-8")]
    texts = []
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, row in zip(range(n_docs), itertools.cycle(rows), strict=False):
            fh.write(json.dumps(dict(row, id=f"bench-{i:06d}")) + "\n")
            texts.append(row["text"])
    return path, texts


def line(label: str, docs: int, sentences: int, seconds: float, extra: str = "") -> None:
    print(
        f"{label:<28} {docs / seconds:8.1f} docs/s {sentences / seconds:8.1f} sentences/s"
        f"  ({seconds:.1f} s){extra}"
    )


def worker_cpu(client: Client) -> list[float]:
    """CPU seconds (user + system) each worker process has used so far, by worker address."""
    return [seconds for _, seconds in sorted(client.run(time.process_time).items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=480)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--loader", default=DEFAULT_LOADER)
    parser.add_argument("--partition", type=int, default=32, help="documents per partition")
    args = parser.parse_args()
    settings = Settings()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"load {os.getloadavg()[0]:.1f} (1 min)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path, texts = make_input(Path(tmp), args.docs)
        nlp = spacy.load(settings.spacy_model)
        started = time.perf_counter()
        n_sent = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
        line("bare spaCy parse", len(texts), n_sent, time.perf_counter() - started)

        started, cpu = time.perf_counter(), time.process_time()
        coder = resolve_loader(args.loader)(settings)
        loaded, loaded_cpu = time.perf_counter(), time.process_time()
        warm = getattr(coder, "warm", None)
        if callable(warm):
            warm()  # as local coding with workers does; else the first documents pay for it
        print(
            f"coder load (local)           {loaded - started:.1f} s ({loaded_cpu - cpu:.1f} CPU-s)"
            f", index warm-up {time.perf_counter() - loaded:.1f} s "
            f"({time.process_time() - loaded_cpu:.1f} CPU-s)"
        )
        from watchfloor.demo.corpus import iter_demo_documents

        docs = list(iter_demo_documents(path))
        started = time.perf_counter()
        coded = list(coder.code_documents(docs))
        line(
            "local coder (1 process)",
            len(docs),
            n_sent,
            time.perf_counter() - started,
            f", {sum(len(c.events) for c in coded)} events",
        )

        for n in (int(w) for w in args.workers.split(",")):
            started = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                cluster_s = time.perf_counter() - started
                cpu_before = worker_cpu(client)
                # Warm-up on one partition per worker: loads the coder on each worker.
                warm_input = Path(tmp) / "warm.jsonl"
                warm_input.write_text("".join(path.read_text().splitlines(True)[: n * 2]))
                code_with_dask(
                    settings=settings,
                    input=str(warm_input),
                    output=Path(tmp) / "warm",
                    scheduler=cluster.scheduler_address,
                    docs_per_partition=1,
                    coder_loader=args.loader,
                )
                startup = time.perf_counter() - started
                load_cpu = [b - a for a, b in zip(cpu_before, worker_cpu(client), strict=True)]
                print(
                    f"dask, {n} worker(s) start-up   {startup:.1f} s (cluster {cluster_s:.1f} s, "
                    f"coder load + 2 documents {startup - cluster_s:.1f} s); CPU-s per worker "
                    f"for coder load + 2 documents: {', '.join(f'{c:.1f}' for c in load_cpu)}"
                )
                cpu_before = worker_cpu(client)
                out = Path(tmp) / f"events-{n}"
                started = time.perf_counter()
                summary = code_with_dask(
                    settings=settings,
                    input=str(path),
                    output=out,
                    scheduler=cluster.scheduler_address,
                    docs_per_partition=args.partition,
                    coder_loader=args.loader,
                )
                line(
                    f"dask, {n} worker(s)",
                    summary.documents,
                    n_sent,
                    time.perf_counter() - started,
                    f", {summary.events} events, {summary.partitions} partitions, "
                    f"start-up {startup:.1f} s",
                )
                coding_cpu = [b - a for a, b in zip(cpu_before, worker_cpu(client), strict=True)]
                print(
                    f"{'':<28} worker CPU-s coding: {', '.join(f'{c:.1f}' for c in coding_cpu)}; "
                    f"load now {os.getloadavg()[0]:.1f}"
                )


if __name__ == "__main__":
    main()
