"""kill -9 during a large ingest leaves whole batches; re-running completes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store import Store

N_DOCS = 3000
BATCH = 200
REPO = Path(__file__).resolve().parents[2]


def _corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(N_DOCS):
            words = " ".join(f"w{(i * 7919 + k * 104729) % 100003}" for k in range(40))
            record = {"id": f"doc-{i}", "text": f"Report {i}: {words}.", "source": f"s{i % 9}"}
            handle.write(json.dumps(record) + "\n")


def _wal_size(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.slow
def test_kill_during_ingest_leaves_whole_batches_and_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    db = tmp_path / "crash.duckdb"
    command = [
        sys.executable,
        "-m",
        "watchfloor.cli.main",
        "--db",
        str(db),
        "ingest",
        str(corpus),
        "--batch-size",
        str(BATCH),
        "--no-code",
    ]
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + 120
    # Migrations write a few KB of WAL; a committed batch of 200 documents adds far more.
    while _wal_size(db) < 150_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "ingest finished before it could be killed: enlarge the corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        stored = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        carriers = store.con.execute("SELECT count(*) FROM document_sources").fetchone()[0]
        assert 0 < stored < N_DOCS
        assert stored % BATCH == 0, f"{stored} documents is not a whole number of batches"
        assert carriers == stored

        summary = Ingestor(store, Settings(), batch_size=BATCH).ingest([corpus])
        assert summary.duplicates == stored
        assert summary.new + summary.near_duplicates == N_DOCS - stored
        total, distinct = store.con.execute(
            "SELECT count(*), count(DISTINCT id) FROM documents"
        ).fetchone()
        assert total == distinct == N_DOCS
