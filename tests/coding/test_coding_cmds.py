"""The coding commands end to end on a temp database: code, events, explain, eval.

Each command loads the coder, so the explain output itself is checked in test_pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from watchfloor.cli.main import cli
from watchfloor.store import Store

SAMPLE = Path(__file__).parents[1] / "evaluation" / "data" / "snippets_sample.jsonl"


def make_db(path: Path) -> None:
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO documents (id, text, content_hash, published) VALUES (?, ?, ?, ?)",
            [
                "doc1",
                "Rebels shelled the town of Idlib on Monday, killing three civilians. "
                "Police arrested 12 protesters.",
                "h1",
                dt.datetime(2018, 1, 29),
            ],
        )


def test_code_then_events_json(tmp_path: Path) -> None:
    db = tmp_path / "wf.duckdb"
    make_db(db)
    runner = CliRunner()
    coded = runner.invoke(cli, ["--db", str(db), "code", "--batch-size", "8"])
    assert coded.exit_code == 0, coded.output
    assert "coded 1 documents" in coded.output
    listed = runner.invoke(cli, ["--db", str(db), "events", "--json"])
    assert listed.exit_code == 0, listed.output
    records = json.loads(listed.output)
    types = {r["plover_event"] for r in records}
    assert {"ASSAULT", "COERCE"} <= types
    first = next(r for r in records if r["plover_event"] == "ASSAULT")
    for key in (
        "id",
        "document_id",
        "sentence_index",
        "date",
        "cameo_code",
        "goldstein",
        "quad_class",
        "acled_event_type",
        "confidence",
        "hedged",
        "negated",
    ):
        assert key in first
    assert set(first["source"]) >= {"text", "country", "sector"}
    assert set(first["place"]) >= {"name", "admin1", "country", "lat", "lon", "geonames_id"}
    assert set(first["evidence"]) == {"start", "end", "text"}
    filtered = runner.invoke(cli, ["--db", str(db), "events", "--json", "--type", "COERCE"])
    assert {r["plover_event"] for r in json.loads(filtered.output)} == {"COERCE"}


def test_explain_unknown_document_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "wf.duckdb"
    make_db(db)
    result = CliRunner().invoke(cli, ["--db", str(db), "explain", "nope"])
    assert result.exit_code != 0
    assert "no document with id 'nope'" in str(result.exception)


def test_eval_prints_one_json_object(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(tmp_path / "x.duckdb"),
            "eval",
            "snippets",
            str(SAMPLE),
            "--json",
            "--limit",
            "4",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["task"] == "snippets" and data["n"] == 4
    assert 0 <= data["weighted_f1"] <= 1


def test_local_engine_rejects_dask_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "x.duckdb"), "code", "--output", str(tmp_path / "out")]
    )
    assert result.exit_code != 0
    assert "--engine dask" in str(result.exception)
