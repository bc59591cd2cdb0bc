"""Time token lookups: an unknown id against a known id with a wrong secret.

The two must cost the same, or the time of a 401 tells a caller which token ids exist.
Measured twice, interleaved so load on the machine hits both alike: ``lookup_token`` on a
temp database, and ``POST /api/alerts/x/dismiss`` through the app in-process.

    .venv/bin/python bench/tokens.py [--rounds 2000]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from watchfloor.api import create_app
from watchfloor.api.tokens import create_token, lookup_token
from watchfloor.settings import Settings
from watchfloor.store import Store


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def compare(name: str, cases: dict[str, Callable[[], object]], rounds: int) -> None:
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(rounds):
        for label, fn in cases.items():
            times[label].append(timed(fn))
    for label, values in times.items():
        values.sort()
        print(
            f"{name:<8} {label:<26} {rounds:>6} {statistics.median(values):9.3f} "
            f"{statistics.fmean(values):9.3f} {values[int(len(values) * 0.95)]:9.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "t.duckdb") as store:
        tokens = [create_token(store, f"user-{i}") for i in range(50)]
        ids = sorted(info.id for info, _ in tokens)
        known_wrong = f"wf_{ids[25]}_{'A' * 43}"
        # An unknown id below every stored id, and one between stored ids (a filtered query
        # can skip the table for the first but not the second).
        unknown = f"wf_{'0' * 8}_{'A' * 43}"
        nearby = (f"{int(ids[25], 16) + n:08x}" for n in range(1, 99))
        between = next(candidate for candidate in nearby if candidate not in ids)
        unknown_inside = f"wf_{between}_{'A' * 43}"
        print(f"{'where':<8} {'token':<26} {'n':>6} {'p50 ms':>9} {'mean ms':>9} {'p95 ms':>9}")
        compare(
            "lookup",
            {
                "known id, wrong secret": lambda: lookup_token(store, known_wrong),
                "unknown id (below all)": lambda: lookup_token(store, unknown),
                "unknown id (between)": lambda: lookup_token(store, unknown_inside),
            },
            args.rounds,
        )
        app = create_app(Settings(db=Path(tmp) / "t.duckdb"), store)
        with TestClient(app, base_url="http://127.0.0.1") as client:

            def post(token: str) -> Callable[[], object]:
                headers = {"Authorization": f"Bearer {token}"}
                return lambda: client.post("/api/alerts/x/dismiss", headers=headers)

            compare(
                "api 401",
                {
                    "known id, wrong secret": post(known_wrong),
                    "unknown id (below all)": post(unknown),
                    "unknown id (between)": post(unknown_inside),
                },
                max(args.rounds // 4, 50),
            )


if __name__ == "__main__":
    main()
