"""kill -9 in the middle of real CLI runs: the database opens and a re-run finishes the work.

Each test starts ``python -m watchfloor.cli.main ...`` in its own process group, waits until
the work is visibly under way, sends SIGKILL to the group (the process and any workers it
started), then checks the database and re-runs the command to completion.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from watchfloor.demo import corpus_path
from watchfloor.store import Store

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "watchfloor.cli.main"]


def run_cli(db: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--db", str(db), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def kill_when(db: Path, args: list[str], ready: Callable[[], bool], limit: float = 120) -> bool:
    """Start the command, SIGKILL its process group once ``ready()``; False if it ended first."""
    proc = subprocess.Popen(
        [*CLI, "--db", str(db), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if ready():
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                return True
            time.sleep(0.02)
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def cli_has(command: str) -> bool:
    result = subprocess.run(
        [*CLI, command, "--help"], capture_output=True, text=True, check=False, timeout=120
    )
    return result.returncode == 0


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    with corpus_path().open(encoding="utf-8") as fh:
        path.write_text("".join(itertools.islice(fh, 60)), encoding="utf-8")
    return path


@pytest.fixture
def ingested(tmp_path: Path, corpus_slice: Path) -> Path:
    db = tmp_path / "crash.duckdb"
    result = run_cli(db, "ingest", "--no-code", str(corpus_slice))
    assert result.returncode == 0, result.stderr
    return db


def table_rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with Store(db) as store:
        return store.con.execute(sql).fetchall()


def test_export_killed_midway_leaves_old_or_complete_export_and_rerun_completes(
    ingested: Path, tmp_path: Path
) -> None:
    target = tmp_path / "export"
    staging = lambda: any(tmp_path.glob(".export.tmp-*"))  # noqa: E731
    killed = kill_when(ingested, ["export", str(target)], staging)
    print(f"export killed mid-run: {killed}")
    with Store(ingested) as store:  # opens and migrates after the kill
        documents = store.con.execute("SELECT count(*) FROM documents").fetchone()
    assert documents == (60,)
    if target.exists():  # the rename happened before the kill: it must be whole
        manifest = json.loads((target / "manifest.json").read_text())
        assert manifest["tables"]["documents"] == 60
    result = run_cli(ingested, "export", str(target))
    assert result.returncode == 0, result.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".export.")]
    count = duckdb.sql(f"SELECT count(*), count(DISTINCT id) FROM '{target}/documents.parquet'")
    assert count.fetchall() == [(60, 60)]


def coded_state(db: Path) -> tuple[list[Any], list[Any], list[Any]]:
    events = table_rows(
        db, "SELECT id, document_id, sentence_index, plover_event FROM events ORDER BY id"
    )
    sentences = table_rows(db, "SELECT document_id, sentence_index FROM sentences ORDER BY 1, 2")
    uncoded = table_rows(
        db, "SELECT id FROM documents WHERE coded_at IS NULL AND canonical_id IS NULL"
    )
    return events, sentences, uncoded


def test_coding_killed_midway_resumes_without_loss_or_duplicates(
    ingested: Path, tmp_path: Path, corpus_slice: Path
) -> None:
    if not cli_has("code"):
        pytest.skip("the `watchfloor code` command is not in this build yet")
    clean = tmp_path / "clean.duckdb"
    assert run_cli(clean, "ingest", "--no-code", str(corpus_slice)).returncode == 0
    result = run_cli(clean, "code")
    assert result.returncode == 0, result.stderr
    expected = coded_state(clean)
    assert expected[0] and not expected[2]

    wal = ingested.with_name(ingested.name + ".wal")
    started = lambda: wal.exists() and wal.stat().st_size > 0  # noqa: E731
    killed = kill_when(ingested, ["code", "--batch-size", "8"], started)
    print(f"code killed mid-run: {killed}")
    result = run_cli(ingested, "code")
    assert result.returncode == 0, result.stderr
    assert coded_state(ingested) == expected


def coding_under_way(db: Path, commits: int = 3, pause: float = 1.0) -> Callable[[], bool]:
    """True once the write-ahead log has grown ``commits`` times after a pause of ``pause``
    seconds: the ingest's writes come first, then the coder loads its models (seconds without
    a write), then each coding batch commits."""
    wal = db.with_name(db.name + ".wal")
    changes: list[tuple[float, int]] = []

    def ready() -> bool:
        size = wal.stat().st_size if wal.exists() else 0
        if size and (not changes or changes[-1][1] != size):
            changes.append((time.monotonic(), size))
        gaps = [i for i in range(1, len(changes)) if changes[i][0] - changes[i - 1][0] > pause]
        return bool(gaps) and len(changes) - gaps[0] >= commits

    return ready


def test_ingest_killed_while_coding_finishes_the_job_when_run_again(
    tmp_path: Path, corpus_slice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kill.duckdb"
    monkeypatch.setenv("WATCHFLOOR_BATCH_SIZE", "1")  # one commit per coded document
    killed = kill_when(db, ["ingest", str(corpus_slice)], coding_under_way(db))
    canonical = "canonical_id IS NULL"
    stored, coded = table_rows(
        db, f"SELECT count(*), count(coded_at) FILTER ({canonical}) FROM documents"
    )[0]
    print(f"ingest killed mid-run: {killed}; {stored} stored, {coded} coded at the kill")
    if killed:
        assert stored == 60 and 0 < coded < 57, "the kill landed while coding"

    result = run_cli(db, "ingest", str(corpus_slice))
    assert result.returncode == 0, result.stderr
    assert "new 0, duplicates 60" in result.stdout
    assert "coded " in result.stderr
    _, sentences, uncoded = coded_state(db)
    assert uncoded == [] and sentences
    no_sentences = table_rows(
        db,
        f"SELECT id FROM documents WHERE {canonical} AND id NOT IN "
        "(SELECT document_id FROM sentences)",
    )
    assert no_sentences == []
    duplicated = table_rows(
        db,
        "SELECT document_id, sentence_index FROM sentences GROUP BY ALL HAVING count(*) > 1",
    )
    assert duplicated == []
    analysed = table_rows(
        db,
        "SELECT (SELECT value FROM analysis_state WHERE name = 'events_created_at') = "
        "strftime((SELECT max(created_at) FROM events), '%Y-%m-%dT%H:%M:%S.%f'), "
        "(SELECT count(DISTINCT date) FROM events WHERE date IS NOT NULL AND NOT negated) = "
        "(SELECT count(DISTINCT day) FROM analysis_daily_counts WHERE level = 'global')",
    )
    assert analysed == [(True, True)]
    again = run_cli(db, "ingest", str(corpus_slice))  # nothing left: nothing coded
    assert again.returncode == 0 and "coded " not in again.stderr
