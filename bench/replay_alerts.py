"""Benchmark the alert replay (``watchfloor eval alerts``): seconds per replayed day.

Usage: .venv/bin/python bench/replay_alerts.py [--corpus PATH] [--truth PATH] [--keep-db PATH]

Replays the corpus day by day through ingest, code and analyse (``workflow.ingest_and_process``)
into a fresh store, printing each day's documents and seconds, then the replay's figures.
Defaults to ``../shared/eval/reports_dev.jsonl`` with ``alerts_dev_truth.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from watchfloor.evaluation.alerts import evaluate
from watchfloor.settings import Settings

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=EVAL / "reports_dev.jsonl")
    parser.add_argument("--truth", type=Path, default=EVAL / "alerts_dev_truth.jsonl")
    parser.add_argument("--keep-db", type=Path, default=None, help="replay into this new file")
    args = parser.parse_args()
    if not args.corpus.is_file() or not args.truth.is_file():
        print(f"{args.corpus} or {args.truth} not found (../shared absent?)", file=sys.stderr)
        return 1
    print(f"replaying {args.corpus} on {os.cpu_count()} CPUs")
    print(f"{'day':<12}{'documents':>10}{'seconds':>10}")

    def on_day(day: dt.date, n: int, seconds: float) -> None:
        print(f"{day.isoformat():<12}{n:>10}{seconds:>10.1f}", flush=True)

    result = evaluate(
        args.corpus, truth=args.truth, settings=Settings(), on_day=on_day, keep_db=args.keep_db
    )
    print(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
