"""The analysis commands: analyze, alerts (and state), stories, network, media."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.cli.main import cli
from watchfloor.store.database import Store

DAY = START + dt.timedelta(days=30)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wf.duckdb"
    with Store(path) as store:
        insert(store, flat_history(30, {"FIGHT": 2}, text="Army and rebels clashed in Northtown."))
        insert(
            store,
            [
                Ev(DAY, "MOBILIZE", text="Troops massed near Northtown."),
                Ev(
                    DAY,
                    "COERCE",
                    text="Residents of Northtown were ordered to evacuate.",
                    warning_kind="evacuation",
                ),
                Ev(DAY, "COERCE", text="The airport was closed.", warning_kind="closure"),
            ],
        )
    return path


def _run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_analyze_then_alerts_json_has_the_documented_fields(db: Path) -> None:
    summary = json.loads(_run(db, "analyze", "--json"))
    assert len(summary["alerts_new"]) == 1
    alerts = json.loads(_run(db, "alerts", "--json"))
    assert len(alerts) == 1
    alert = alerts[0]
    for key in (
        "id",
        "kind",
        "country",
        "admin1",
        "place",
        "start",
        "end",
        "score",
        "n_signals",
        "summary",
        "state",
        "signals",
    ):
        assert key in alert
    assert alert["kind"] == "cluster" and alert["start"] == DAY.isoformat()
    assert {"event_id", "document_id", "type", "summary"} <= set(alert["signals"][0])
    assert json.loads(_run(db, "alerts", "--json", "--since", "2030-01-01")) == []


def test_alert_state_commands(db: Path) -> None:
    _run(db, "analyze")
    alert_id = json.loads(_run(db, "alerts", "--json"))[0]["id"]
    assert "acknowledged" in _run(db, "alerts", "ack", alert_id)
    assert json.loads(_run(db, "alerts", "--json", "--state", "new")) == []
    assert "dismissed" in _run(db, "alert-state", alert_id, "dismiss")


def test_unknown_alert_is_a_clean_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "alerts", "ack", "nope"])
    assert result.exit_code != 0
    assert "does not exist" in str(result.exception)


def test_network_export_and_stories_and_media(db: Path, tmp_path: Path) -> None:
    _run(db, "analyze")
    out = tmp_path / "net.graphml"
    assert "wrote" in _run(db, "network", "--format", "graphml", "--output", str(out))
    assert nx.read_graphml(out).has_edge("AAA_MIL", "AAA_REB")
    stories = json.loads(_run(db, "stories", "--json"))
    assert stories and stories[0]["n_documents"] >= 2
    lens = json.loads(
        _run(
            db,
            "media",
            "--actor",
            "AAA_MIL",
            "--pivot",
            DAY.isoformat(),
            "--window-days",
            "10",
            "--json",
        )
    )
    assert lens["outlets"][0]["outlet"] == "Wire A"
    assert lens["outlets"][0]["mentions_before"] > 0


def test_alerts_text_reads_as_a_briefing_and_says_what_is_warming_up(db: Path) -> None:
    _run(db, "analyze")
    out = _run(db, "alerts")
    lines = out.splitlines()
    briefing = [ln for ln in lines if ln.startswith("  - ")]
    alert = json.loads(_run(db, "alerts", "--json"))[0]
    assert len(briefing) == alert["n_signals"] == len(alert["briefing"])
    assert all("Northtown" in ln and "(Wire A)" in ln and " -- why: " in ln for ln in briefing)
    assert any("evacuation named in the report" in ln for ln in briefing)
    assert lines[-1].startswith("judging AAA from 2024-01-15; 0 places warming up")


def test_eval_alerts_without_truth_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Fine.", "date": "2018-01-01"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db), "eval", "alerts", str(corpus)])
    assert result.exit_code != 0
    assert "eval alerts needs --truth FILE" in str(result.exception)  # main() prints it
