"""`watchfloor forecast backtest`, `watchfloor forecast` and `watchfloor import` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tests.forecast.test_live import add_events
from tests.importers.test_gdelt import STRIKE, TALKS
from watchfloor.cli.forecast_cmds import parse_horizons
from watchfloor.cli.main import cli
from watchfloor.store import Store


def test_parse_horizons_accepts_ranges_and_lists() -> None:
    assert parse_horizons("1-3") == (1, 2, 3)
    assert parse_horizons("6,1,3") == (1, 3, 6)


def test_backtest_json_and_plots(monthly_file: Path, tmp_path: Path) -> None:
    plots = tmp_path / "plots"
    result = CliRunner().invoke(
        cli,
        [
            "forecast",
            "backtest",
            str(monthly_file),
            "--origin",
            "2008-01",
            "--until",
            "2008-02",
            "--horizons",
            "1-2",
            "--refit-every",
            "2",
            "--json",
            "--plots",
            str(plots),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["horizons"] == [1, 2] and summary["n_periods"] == 2
    assert len(summary["mse_model"]) == len(summary["crps_model"]) == 2
    assert sorted(p.name for p in plots.iterdir()) == [
        "backtest_error_by_horizon.png",
        "reliability_deteriorated.png",
    ]


def test_forecast_command_prints_units_as_json(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    with Store(db) as store:
        add_events(store)
    result = CliRunner().invoke(cli, ["--db", str(db), "forecast", "--horizon", "1", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 6 and {"unit", "escalation_prob", "top_features"} <= set(rows[0])


def test_import_gdelt_reports_rejects_and_counts(tmp_path: Path) -> None:
    file = tmp_path / "g.CSV"
    file.write_text(f"{STRIKE}\nshort\trow\n{TALKS}\n", encoding="utf-8")
    db = tmp_path / "g.duckdb"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "gdelt", str(file), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)[0]
    assert report["imported"] == 2 and report["rejects"][0]["line"] == 2


def test_bad_origin_is_one_error_line_without_traceback(monthly_file: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "watchfloor.cli.main",
            "forecast",
            "backtest",
            str(monthly_file),
            "--origin",
            "2008-13",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: period '2008-13'") and "Traceback" not in proc.stderr
