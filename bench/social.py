"""Benchmark: read and ingest a synthetic Telegram channel export and an X (twarc2) dump.

The channel has N messages, one in five a reply of the channel to its previous post (so
threads form), one in twenty without text; the dump has N tweets from 50 accounts. Prints
messages read per second (reading only) and documents stored per second (with dedup, into a
temp DuckDB file), and peak memory.

    .venv/bin/python bench/social.py [--messages 20000]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate
from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store import Store

PLACES = ["Aleppo", "Mosul", "Aden", "Sanaa", "Homs", "Basra", "Idlib", "Kirkuk", "Taiz", "Raqqa"]
VERBS = ["shelled", "raided", "blockaded", "struck", "surrounded", "evacuated"]
START = 1_710_000_000


def _text(rng: random.Random, n: int) -> str:
    place, verb = rng.choice(PLACES), rng.choice(VERBS)
    return f"Report {n}: forces {verb} {place} at {rng.randint(0, 23):02d}:00, {n % 17} hurt."


def telegram_channel(rng: random.Random, count: int) -> dict[str, object]:
    messages: list[dict[str, object]] = []
    for n in range(1, count + 1):
        message: dict[str, object] = {
            "id": n,
            "type": "message",
            "date": "2024-03-09T12:00:00",
            "date_unixtime": str(START + 60 * n),
            "from": "Bench Channel",
            "from_id": "channel1",
            "text": "" if n % 20 == 0 else _text(rng, n),
        }
        if n % 5 == 0 and n > 1:
            message["reply_to_message_id"] = n - 1
        messages.append(message)
    return {"name": "Bench Channel", "type": "public_channel", "id": 1, "messages": messages}


def twarc_lines(rng: random.Random, count: int) -> str:
    lines = []
    for n in range(count):
        user = f"acct{n % 50}"
        tweet = {
            "id": str(10**18 + n),
            "text": _text(rng, n),
            "author_id": str(n % 50),
            "created_at": f"2024-03-{1 + n % 28:02d}T10:00:00.000Z",
            "author": {"id": str(n % 50), "username": user},
            "__twarc": {"version": "2.14.0"},
        }
        lines.append(json.dumps(tweet))
    return "\n".join(lines) + "\n"


def _read_only(path: Path) -> tuple[int, float]:
    ctx = ReadContext(Settings())
    began = time.perf_counter()
    docs = sum(1 for item in read_input(str(path), ctx) if isinstance(item, Candidate))
    return docs, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        channel = root / "result.json"
        channel.write_text(json.dumps(telegram_channel(rng, args.messages)), encoding="utf-8")
        dump = root / "dump.jsonl"
        dump.write_text(twarc_lines(rng, args.messages), encoding="utf-8")
        print(f"machine: {platform.machine()}, {platform.python_version()}")
        for label, path in (("telegram result.json", channel), ("twarc2 dump", dump)):
            docs, seconds = _read_only(path)
            size = path.stat().st_size / 1e6
            print(
                f"{label}: {args.messages:,} posts, {size:.1f} MB -> {docs:,} documents; "
                f"read in {seconds:.2f} s ({args.messages / seconds:,.0f} posts/s)"
            )
        with Store(root / "bench.duckdb") as store:
            began = time.perf_counter()
            summary = Ingestor(store, Settings()).ingest([str(channel), str(dump)])
            seconds = time.perf_counter() - began
        print(
            f"ingest both: read {summary.read:,}, new {summary.new:,}, near-duplicates "
            f"{summary.near_duplicates:,}, duplicates {summary.duplicates:,} in {seconds:.1f} s "
            f"({summary.read / seconds:,.0f} documents/s)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak:.0f} MB")


if __name__ == "__main__":
    main()
