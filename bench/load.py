"""Load on the REST API: concurrent readers while a writer ingests through POST /api/ingest.

Usage: ``python bench/load.py [--seconds 20] [--readers 8] [--batch 5] [--code] [--hostile]``.
Builds a temp database from the demo corpus (coded with ``--code``), serves the real app
with uvicorn on 127.0.0.1, and for a bounded time runs ``--readers`` clients looping over
the read endpoints and one client posting batches of new documents. Prints requests per
second, p50/p95/p99 latency per kind, status counts and errors; the target is zero 5xx.
``--hostile`` adds one client cycling through requests at the API's edges (dates at the
calendar's ends, huge offsets, a foreign Host header, a bad token with a broken body).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import socket
import statistics
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import uvicorn

from watchfloor.api import create_app
from watchfloor.api.tokens import create_token
from watchfloor.demo import corpus_path
from watchfloor.settings import Settings
from watchfloor.store import Store

READS = [
    "/api/health",
    "/api/stats",
    "/api/events?limit=50",
    "/api/events?country=ARM&limit=20",
    "/api/documents?limit=20",
    "/api/timeline?interval=day",
    "/api/map?limit=200",
    "/api/alerts?limit=20",
]

# (method, path, extra headers, body): each must get a 4xx naming its problem, never a 5xx.
HOSTILE: list[tuple[str, str, dict[str, str], bytes | None]] = [
    ("GET", "/api/documents?until=9999-12-31", {}, None),
    ("GET", "/api/media?actor=ARM&pivot=0001-01-01", {}, None),
    ("GET", "/api/events?offset=9223372036854775808", {}, None),
    ("GET", "/api/events?since=0001-01-01&until=9999-12-31T23:59:59-12:00", {}, None),
    ("GET", "/api/alerts?limit=99999999999999999999", {}, None),
    ("GET", "/api/health", {"Host": "rebind.evil.example"}, None),
    ("POST", "/api/ingest", {"Authorization": "Bearer wf_deadbeef_guess"}, b"{not json"),
    ("POST", "/api/alerts/x/state", {}, b'{"state": 5}'),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(db: Path, code: bool) -> str:
    import watchfloor

    with watchfloor.open(db) as wf:
        wf.ingest(corpus_path())
        if code:
            from watchfloor.coding.pipeline import Coder
            from watchfloor.coding.runner import code_pending

            code_pending(wf.store, Coder.load(wf.settings))
    with Store(db) as store:
        _, secret = create_token(store, "load-bench")
    return secret


class Tally:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def record(
        self, kind: str, started: float, response: httpx.Response | None, error: str | None = None
    ) -> None:
        self.latency[kind].append(time.perf_counter() - started)
        if response is not None:
            self.status[f"{kind} {response.status_code}"] += 1
        if error:
            self.errors[f"{kind}: {error}"] += 1


async def reader(base: str, until: float, tally: Tally, offset: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for path in itertools.islice(itertools.cycle(READS), offset, None):
            if time.perf_counter() >= until:
                return
            started = time.perf_counter()
            try:
                tally.record("read", started, await client.get(path))
            except httpx.HTTPError as exc:
                tally.record("read", started, None, type(exc).__name__)


async def writer(base: str, until: float, tally: Tally, secret: str, batch: int) -> int:
    rows = [json.loads(line) for line in corpus_path().open(encoding="utf-8")]
    headers = {"Authorization": f"Bearer {secret}"}
    sent = 0
    async with httpx.AsyncClient(base_url=base, timeout=60, headers=headers) as client:
        for n in itertools.count():
            if time.perf_counter() >= until:
                return sent
            docs = [
                dict(rows[(n * batch + i) % len(rows)], id=f"load-{n}-{i}") for i in range(batch)
            ]
            started = time.perf_counter()
            try:
                response = await client.post("/api/ingest", json={"documents": docs})
                tally.record("write", started, response)
                sent += batch if response.status_code == 200 else 0
            except httpx.HTTPError as exc:
                tally.record("write", started, None, type(exc).__name__)
            await asyncio.sleep(0.05)
    return sent


async def hostile(base: str, until: float, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for method, path, headers, body in itertools.cycle(HOSTILE):
            if time.perf_counter() >= until:
                return
            started = time.perf_counter()
            try:
                response = await client.request(method, path, headers=headers, content=body)
                tally.record("edge", started, response)
            except httpx.HTTPError as exc:
                tally.record("edge", started, None, type(exc).__name__)


async def drive(
    base: str, seconds: float, readers: int, secret: str, batch: int, edges: bool = False
) -> None:
    tally = Tally()
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    tasks = [reader(base, until, tally, i) for i in range(readers)]
    if edges:
        tasks.append(hostile(base, until, tally))
    results = await asyncio.gather(writer(base, until, tally, secret, batch), *tasks)
    wall = time.perf_counter() - started
    total = sum(len(v) for v in tally.latency.values())
    print(
        f"{total} requests in {wall:.1f} s: {total / wall:.1f} requests/s; "
        f"{results[0]} documents ingested through the API"
    )
    for kind, values in sorted(tally.latency.items()):
        cuts = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(
            f"  {kind:<5} n={len(values):<6} p50={cuts[49] * 1000:7.1f} ms "
            f"p95={cuts[94] * 1000:7.1f} ms p99={cuts[98] * 1000:7.1f} ms"
        )
    print("  status: " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.status.items())))
    fivexx = sum(v for k, v in tally.status.items() if k.split()[1].startswith("5"))
    print(f"  5xx: {fivexx}; errors: {dict(tally.errors) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--batch", type=int, default=5, help="documents per POST /api/ingest")
    parser.add_argument("--code", action="store_true", help="code the corpus before serving")
    parser.add_argument("--hostile", action="store_true", help="add a client of edge requests")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.readers} readers, 1 writer, {args.seconds:.0f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        secret = prepare(db, args.code)
        port = free_port()
        app = create_app(Settings(db=db))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            asyncio.run(
                drive(
                    f"http://127.0.0.1:{port}",
                    args.seconds,
                    args.readers,
                    secret,
                    args.batch,
                    args.hostile,
                )
            )
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
