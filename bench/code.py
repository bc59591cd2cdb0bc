"""Benchmark: coding speed and peak memory for about 5,000 news sentences, beside bare spaCy.

Usage: ``python bench/code.py [--sentences 5000] [--batch-size 64] [--processes 1 2]
[--embeddings on off]``

Reads news text from ../shared/eval (ACLED reports, then GeoWebNews articles) and prints, for
the bare spaCy parse and for the full coder, with each number of worker processes: sentences
and documents per second, seconds (loading apart), the coder's time as a multiple of the bare
parse with as many processes, and peak memory of the whole process tree (the phase and its
workers: sum of resident sizes, and sum of proportional sizes, which split shared pages). The
single-process coder run also prints each stage's share of the coding time; what is left is
the parse. Each phase runs in a fresh process so memory figures do not mix. Loading includes
building the gazetteer's loose-name index (``Coder.warm``), which a fresh coder would
otherwise build during its first documents; it is printed in wall and CPU seconds (the CPU
figure holds on a machine shared with other jobs). ``--embeddings on off`` runs the coder with
the sentence-embedding sub-event reader (the default) and without it (setting
``event_embeddings``). Nothing is measured inside the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
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


class Timed:
    """A stage wrapped to add its wall time to ``timings[stage.name]`` (batch calls too)."""

    def __init__(self, stage: Any, timings: dict[str, float]) -> None:
        self.stage = stage
        self.name = stage.name
        self.timings = timings
        if callable(getattr(stage, "run_batch", None)):
            self.run_batch = self._run_batch

    def __call__(self, work: Any) -> None:
        t0 = time.perf_counter()
        self.stage(work)
        self.timings[self.name] += time.perf_counter() - t0

    def _run_batch(self, works: list[Any]) -> None:
        t0 = time.perf_counter()
        self.stage.run_batch(works)
        self.timings[self.name] += time.perf_counter() - t0

    def warm(self) -> None:
        warm = getattr(self.stage, "warm", None)
        if callable(warm):
            warm()


def phase(
    kind: str, limit: int, batch_size: int, processes: int, embeddings: bool = True
) -> dict[str, Any]:
    """One measured run in this process (and its workers); figures as a dict."""
    started = time.perf_counter()
    import resource

    from watchfloor.records import Document
    from watchfloor.settings import Settings

    docs = corpus(limit)
    out: dict[str, Any] = {}
    if kind == "spacy":
        import spacy

        nlp = spacy.load(Settings().spacy_model)
        loaded = time.perf_counter()
        cpu0 = cpu_seconds(resource)
        texts = (t for _, t in docs)
        parsed = nlp.pipe(texts, batch_size=batch_size, n_process=processes)
        sentences = sum(len(list(d.sents)) for d in parsed)
        events = 0
    else:
        from watchfloor.coding.pipeline import Coder

        settings = Settings(batch_size=batch_size, event_embeddings=embeddings)
        coder = Coder.load(settings, n_process=processes)
        timings = {stage.name: 0.0 for stage in coder.stages}
        coder.stages = [Timed(stage, timings) for stage in coder.stages]  # type: ignore[misc]
        t0 = time.perf_counter()
        coder.warm()
        out["warm_s"] = round(time.perf_counter() - t0, 2)
        if processes > 1:
            coder.pool()  # fork the workers before the clock starts, as loading
        loaded = time.perf_counter()
        cpu0 = cpu_seconds(resource)
        sentences = events = 0
        for coded in coder.code_documents(Document(id=i, text=t) for i, t in docs):
            sentences += len(coded.sentences)
            events += len(coded.events)
        coder.close()
        if processes == 1:
            out["stage_s"] = {k: round(v, 2) for k, v in timings.items()}
    done = time.perf_counter()
    cpu_s = cpu_seconds(resource) - cpu0
    out["load_cpu_s"] = round(cpu0, 2)  # since the phase's process started: imports too
    out["cpu_s"] = round(cpu_s, 2)
    out["per_cpu_second"] = round(sentences / cpu_s, 1)
    run_s = done - loaded
    out.update(
        documents=len(docs),
        sentences=sentences,
        events=events,
        load_s=round(loaded - started, 2),
        run_s=round(run_s, 2),
        per_second=round(sentences / run_s, 1),
        docs_per_second=round(len(docs) / run_s, 1),
        per_second_with_load=round(sentences / (done - started), 1),
    )
    return out


def cpu_seconds(resource: Any) -> float:
    """User and system CPU time of this process and of its finished (joined) workers."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def peak_memory(pid: int, stop: threading.Event, peaks: dict[str, float]) -> None:
    """Sample the process tree of ``pid`` until ``stop``: peak sums of RSS and PSS in MB."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        rss = pss = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in tree:
            try:
                info = proc.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peaks["rss"] = max(peaks["rss"], rss / 2**20)
        peaks["pss"] = max(peaks["pss"], pss / 2**20)
        stop.wait(0.25)


def run_phase(
    kind: str, args: argparse.Namespace, processes: int, embeddings: str = "on"
) -> dict[str, Any]:
    """Run one phase in a fresh process while sampling its memory."""
    command = [
        sys.executable,
        __file__,
        "--phase",
        kind,
        "--sentences",
        str(args.sentences),
        "--batch-size",
        str(args.batch_size),
        "--processes",
        str(processes),
        "--embeddings",
        embeddings,
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = {"rss": 0.0, "pss": 0.0}
    stop = threading.Event()
    sampler = threading.Thread(target=peak_memory, args=(proc.pid, stop, peaks), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{kind} phase failed:\n{stderr}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peaks["rss"], 1)
    result["peak_pss_mb"] = round(peaks["pss"], 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--processes", type=int, nargs="+", default=[1, 2], help="worker process counts"
    )
    parser.add_argument(
        "--embeddings",
        nargs="+",
        choices=["on", "off"],
        default=["on", "off"],
        help="code with the embedding sub-event reader, without it, or both",
    )
    parser.add_argument("--phase", choices=["spacy", "coder"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the benchmark reads its news text)")
        return
    if args.phase:
        on = args.embeddings[0] == "on"
        figures = phase(args.phase, args.sentences, args.batch_size, args.processes[0], on)
        print(json.dumps(figures))
        return
    print(
        f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} (1 min) at start; "
        f"python {sys.version.split()[0]}; batch size {args.batch_size}"
    )
    for n in args.processes:
        parse = run_phase("spacy", args, n)
        for embeddings in args.embeddings:
            coder = run_phase("coder", args, n, embeddings)
            print(f"       embeddings {embeddings}:")
            report(parse, coder, n)
        print(f"       load now {os.getloadavg()[0]:.1f}", flush=True)


def report(parse: dict[str, Any], coder: dict[str, Any], n: int) -> None:
    """Print one parse-and-coder pair of phases."""
    for kind, r in (("spacy", parse), ("coder", coder)):
        extra = f" incl. {r['warm_s']}s index warm-up" if "warm_s" in r else ""
        print(
            f"{kind:5s} x{n}: {r['sentences']} sentences, {r['documents']} documents in "
            f"{r['run_s']}s: {r['per_second']} sentences/s, {r['docs_per_second']} "
            f"documents/s ({r['per_second_with_load']}/s with {r['load_s']}s loading, "
            f"{r['load_cpu_s']} CPU-s{extra}); "
            f"{r['events']} events; CPU {r['cpu_s']}s ({r['per_cpu_second']} sentences "
            f"per CPU-second); peak memory {r['peak_rss_mb']} MB RSS, "
            f"{r['peak_pss_mb']} MB PSS"
        )
    print(f"       x{n}: coder time = {coder['run_s'] / parse['run_s']:.2f} x bare parse")
    if "stage_s" in coder:
        stages = coder["stage_s"]
        rest = max(0.0, coder["run_s"] - sum(stages.values()))
        shares = {**stages, "parse+rest": round(rest, 2)}
        print(
            "       x1 share of coding time: "
            + ", ".join(
                f"{k} {100 * v / coder['run_s']:.0f}% ({v}s)"
                for k, v in sorted(shares.items(), key=lambda kv: -kv[1])
            )
        )


if __name__ == "__main__":
    main()
