"""Latency of the REST API on a large database: p50/p95 of filtered /api/events and friends.

Fills a temp DuckDB file with N generated events (default 1,000,000) and N/20 documents in
DuckDB SQL, serves the real app with uvicorn on a loopback port in a background thread, and
times HTTP requests from this process with httpx (sequential, after a warm-up).

    .venv/bin/python bench/api.py [--events 1000000] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from watchfloor.api.app import create_app
from watchfloor.settings import Settings
from watchfloor.store import Store

COUNTRIES = [
    "AFG",
    "ARM",
    "AZE",
    "BFA",
    "CAF",
    "COD",
    "COL",
    "EGY",
    "ETH",
    "GEO",
    "IND",
    "IRN",
    "IRQ",
    "ISR",
    "KEN",
    "LBN",
    "LBY",
    "MLI",
    "MMR",
    "MOZ",
    "NER",
    "NGA",
    "PAK",
    "PSE",
    "RUS",
    "SDN",
    "SOM",
    "SSD",
    "SYR",
    "TCD",
    "TUR",
    "UKR",
    "USA",
    "VEN",
    "YEM",
    "ZWE",
    "MEX",
    "BRA",
    "PHL",
    "CMR",
]
TYPES = [
    "ASSAULT",
    "PROTEST",
    "AGREE",
    "COOPERATE",
    "DEMAND",
    "MOBILIZE",
    "SEIZE",
    "RETREAT",
    "CONSULT",
    "THREATEN",
    "AID",
    "SANCTION",
]


def fill(store: Store, n_events: int) -> float:
    """Generate documents and events with SQL; returns seconds taken."""
    started = time.perf_counter()
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    with store.transaction() as con:
        con.execute(
            f"INSERT INTO documents (id, title, text, published, source, content_hash) "
            f"SELECT 'd' || i, 'Generated report ' || i, 'Generated report text ' || i, "
            f"TIMESTAMP '2024-01-01' + to_days((hash(i) % 730)::INTEGER), "
            f"'outlet' || (i % 25), md5(i::VARCHAR) FROM range({n_events // 20}) t(i)"
        )
        con.execute(
            f"INSERT INTO events (id, document_id, sentence_index, char_start, char_end, "
            f"evidence_text, date, plover_event, quad_class, goldstein, source_text, "
            f"source_country, target_text, target_country, place_name, place_admin1, "
            f"place_country, lat, lon, confidence, hedged, negated, modality) "
            f"SELECT 'e' || i, 'd' || (i // 20), (i % 20)::INTEGER, 0, 40, "
            f"'Generated evidence sentence ' || i, "
            f"DATE '2024-01-01' + (hash(i) % 730)::INTEGER, "
            f"{types}[1 + (hash(i * 7) % {len(TYPES)})::INTEGER], "
            f"1 + (hash(i * 11) % 4)::INTEGER, ((hash(i * 13) % 200)::INTEGER - 100) / 10.0, "
            f"'actor', {countries}[1 + (hash(i * 17) % {len(COUNTRIES)})::INTEGER], "
            f"'actor', {countries}[1 + (hash(i * 19) % {len(COUNTRIES)})::INTEGER], "
            f"'place ' || (hash(i * 23) % 500), 'region ' || (hash(i * 29) % 12), "
            f"{countries}[1 + (hash(i * 31) % {len(COUNTRIES)})::INTEGER], "
            f"((hash(i * 37) % 12000)::INTEGER - 6000) / 100.0, "
            f"((hash(i * 41) % 36000)::INTEGER - 18000) / 100.0, "
            f"0.3 + (hash(i * 43) % 70) / 100.0, FALSE, FALSE, 'asserted' "
            f"FROM range({n_events}) t(i)"
        )
    store.con.execute("CHECKPOINT")
    return time.perf_counter() - started


def serve(store: Store, path: Path) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(Settings(db=path), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def scenario_params(name: str, rng: random.Random) -> dict[str, object]:
    country = rng.choice(COUNTRIES)
    start = f"2024-{rng.randint(1, 12):02d}-01"
    if name == "events: country + 3-month window":
        month = int(start[5:7])
        end = f"{2024 + (month + 2) // 12}-{(month + 2) % 12 + 1:02d}-01"
        return {"country": country, "since": start, "until": end, "limit": 100}
    if name == "events: country + type + min_confidence":
        return {"country": country, "type": rng.choice(TYPES), "min_confidence": 0.6, "limit": 100}
    if name == "events: actor + since, page 3":
        return {"actor": rng.choice(COUNTRIES), "since": start, "limit": 50, "offset": 100}
    return {"country": country}


def measure(client: httpx.Client, path: str, name: str, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    for _ in range(3):
        client.get(path, params=scenario_params(name, rng)).raise_for_status()
    times = []
    for _ in range(n):
        params = scenario_params(name, rng)
        started = time.perf_counter()
        resp = client.get(path, params=params)
        times.append((time.perf_counter() - started) * 1000)
        resp.raise_for_status()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description="REST API latency on generated events")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wf-bench-api-") as tmp:
        path = Path(tmp) / "bench.duckdb"
        store = Store(path)
        seconds = fill(store, args.events)
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}"
        )
        print(
            f"filled {args.events:,} events and {args.events // 20:,} documents in {seconds:.1f} s"
        )
        server, url = serve(store, path)
        scenarios = [
            ("/api/events", "events: country + 3-month window", args.requests),
            ("/api/events", "events: country + type + min_confidence", args.requests),
            ("/api/events", "events: actor + since, page 3", args.requests),
            ("/api/map", "map: one country", max(20, args.requests // 5)),
            ("/api/timeline", "timeline: one country", max(20, args.requests // 5)),
        ]
        print(f"{'request':45} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        with httpx.Client(base_url=url, timeout=60) as client:
            for i, (path_, name, n) in enumerate(scenarios):
                times = sorted(measure(client, path_, name, n, seed=i))
                p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
                print(
                    f"{name:45} {n:5d} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}"
                )
            started = time.perf_counter()
            client.get("/api/stats").raise_for_status()
            print(
                f"{'stats (overview counts), one call':45} {1:5d} "
                f"{(time.perf_counter() - started) * 1000:8.1f}"
            )
        server.should_exit = True
        time.sleep(0.5)
        store.close()


if __name__ == "__main__":
    main()
