"""The ingest CLI: ingest, watch, documents, export and import parquet, end to end."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ingest.conftest import STORY_ONE, STORY_TWO, LocalServer
from watchfloor.cli.main import cli

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    rows = [
        {
            "id": "w-1",
            "text": STORY_ONE,
            "source": "wire",
            "published": "2024-03-02T10:00:00Z",
            "url": "http://wire.example/1",
            "title": "Shelling",
        },
        {"id": "d-9", "text": STORY_ONE, "source": "daily", "published": "2024-03-02"},
        {"id": "w-2", "text": STORY_TWO, "source": "wire", "published": "2024-03-01"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    return path


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_prints_summary_and_failures_and_exits_1_on_failure(
    tmp_path: Path, corpus: Path
) -> None:
    code, out, err = _run(tmp_path / "db.duckdb", "ingest", str(corpus), "--no-code")
    assert code == 1
    assert "read 3, new 2, duplicates 0, near-duplicates 1, failed 1" in out
    assert f"failed: {corpus}:4: invalid JSON" in err
    code, out, _ = _run(tmp_path / "db.duckdb", "ingest", str(corpus), "--no-code", "--json")
    summary = json.loads(out)
    assert (summary["new"], summary["duplicates"], summary["failed"]) == (0, 3, 1)
    assert summary["failures"][0]["line"] == 4


def test_ingest_codes_what_is_pending_even_when_this_run_stored_nothing_new(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchfloor import workflow

    calls: list[int] = []

    def pending(store: object, settings: object, **_: object) -> workflow.ProcessSummary:
        calls.append(1)
        return workflow.ProcessSummary(0, 0, 0, 0, 0, 0, 0)

    monkeypatch.setattr(workflow, "process_pending", pending)
    _run(tmp_path / "a.duckdb", "ingest", str(corpus))
    _, out, _ = _run(tmp_path / "a.duckdb", "ingest", str(corpus))  # nothing new this time
    _run(tmp_path / "b.duckdb", "ingest", str(corpus), "--no-code")
    assert "new 0" in out
    assert calls == [1, 1]


def test_documents_json_and_csv_list_near_copy_links(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "db.duckdb"
    _run(db, "ingest", str(corpus))
    _, out, _ = _run(db, "documents", "--json")
    docs = {d["id"]: d for d in json.loads(out)}
    assert set(docs) == {"w-1", "d-9", "w-2"}
    assert {"id", "url", "title", "published", "source", "canonical_id", "n_sources"} <= set(
        docs["w-1"]
    )
    assert docs["d-9"]["canonical_id"] == "w-1" and docs["w-1"]["n_sources"] == 2
    assert docs["w-1"]["published"] == "2024-03-02T10:00:00"
    _, out, _ = _run(db, "documents", "--csv", "--source", "wire", "--until", "2024-03-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["w-2"]
    _, out, _ = _run(db, "documents", "--json", "--since", "2024-03-02", "--limit", "1")
    assert len(json.loads(out)) == 1


def test_export_then_import_into_a_new_database_twice(tmp_path: Path, corpus: Path) -> None:
    db, copy, folder = tmp_path / "db.duckdb", tmp_path / "copy.duckdb", tmp_path / "export"
    _run(db, "ingest", str(corpus))
    code, out, _ = _run(db, "export", str(folder))
    assert code == 0 and "documents" in out
    assert (folder / "documents.parquet").is_file() and (folder / "manifest.json").is_file()
    for _ in range(2):
        code, _, _ = _run(copy, "import", "parquet", str(folder))
        assert code == 0
    _, out, _ = _run(copy, "documents", "--json")
    assert sorted(d["id"] for d in json.loads(out)) == ["d-9", "w-1", "w-2"]


def test_watch_once_takes_feed_items(tmp_path: Path, http_server: LocalServer) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(http_server.url("/feed.atom") + "\n")
    code, out, _ = _run(tmp_path / "db.duckdb", "watch", str(feeds), "--once", "--allow-private")
    assert code == 0
    assert "feed.atom: ok, 1 new item(s)" in out


def test_errors_are_one_line_with_exit_2_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "watchfloor.cli.main",
            "--db",
            str(tmp_path / "x.duckdb"),
            "documents",
            "--since",
            "March",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --since 'March': use an ISO date like 2024-03-01"


def test_ingest_reads_jsonl_from_standard_input(tmp_path: Path) -> None:
    line = json.dumps({"id": "stdin-1", "text": STORY_TWO, "source": "pipe"}) + "\n"
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "db.duckdb"), "ingest", "-", "--json"], input=line
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["new"] == 1


HOSTILE_LINES = [
    ('{"id": "huge", "text": "Huge.", "published": "9999-12-31T23:59:59-12:00"}', "past the ends"),
    ('{"id": "old", "text": "Old.", "published": "0001-01-01"}', "outside the accepted range"),
    ('{"id": "late", "text": "Late.", "published": "2999-01-01"}', "outside the accepted range"),
    ('{"id": ' + "9" * 5000 + ', "text": "Big id."}', "4300 digits"),
    ('{"id": "' + "7" * 5000 + '", "text": "Long id."}', "5,000 characters long"),
    ('{"id": "u", "text": "Bad URL.", "url": "http://[::1/"}', "not a valid URL"),
    ('{"id": "v", "html": "<p>Bad URL page text.</p>", "url": "http://[::1/"}', "not a valid URL"),
]


@pytest.mark.parametrize(("line", "problem"), HOSTILE_LINES)
def test_a_hostile_line_is_refused_by_line_and_the_good_lines_are_stored(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "mixed.jsonl"
    good = [
        {"id": f"g{i}", "text": f"Good story number {i}.", "published": f"2024-03-0{i}"}
        for i in (1, 2)
    ]
    path.write_text(json.dumps(good[0]) + "\n" + line + "\n" + json.dumps(good[1]) + "\n")
    db = tmp_path / "db.duckdb"
    code, out, err = _run(db, "ingest", str(path), "--no-code")
    assert code == 1
    assert "read 2, new 2, duplicates 0, near-duplicates 0, failed 1" in out
    assert f"failed: {path}:2: " in err and problem in err
    assert "Traceback" not in err and "internal error" not in err
    _, out, _ = _run(db, "documents", "--json")
    assert sorted(d["id"] for d in json.loads(out)) == ["g1", "g2"]


def test_documents_failed_lists_the_reason_and_retry_codes_them(tmp_path: Path) -> None:
    from watchfloor.store import Store
    from watchfloor.store.documents import mark_code_failed

    db = tmp_path / "db.duckdb"
    path = tmp_path / "one.jsonl"
    text = "Rebels attacked an army base near Idlib on Tuesday."
    path.write_text(json.dumps({"id": "r1", "text": text, "published": "2024-03-02"}) + "\n")
    assert _run(db, "ingest", str(path), "--no-code")[0] == 0
    with Store(db) as store:
        mark_code_failed(store, [("r1", "OverflowError: date value out of range")])
    code, out, _ = _run(db, "documents", "--failed", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["code_failure"]) for r in rows] == [
        ("r1", "OverflowError: date value out of range")
    ]
    # an ingest re-run leaves a failed document alone
    code, _, err = _run(db, "ingest", str(path))
    assert code == 0 and "coded" not in err
    code, out, _ = _run(db, "documents", "--retry")
    assert code == 0 and "retried 1 document(s): 1 coded, 0 failed again" in out
    assert json.loads(_run(db, "documents", "--failed", "--json")[1]) == []
    _, out, _ = _run(db, "documents", "--json")
    assert json.loads(out)[0]["coded_at"] is not None
