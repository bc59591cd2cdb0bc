"""Global options work before or after the subcommand; imports print summaries that add up."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from watchfloor.cli.common import _hoist_json, _hoist_root_options
from watchfloor.cli.main import cli
from watchfloor.store import Store

ACLED = (
    "event_id_cnty,event_date,year,event_type,actor1,country,fatalities\n"
    "A1,9-May-20,2020,Battles,X,Mali,1\n"
    "A1,9-May-20,2020,Battles,X,Mali,2\n"
    "A2,09/05/2020,2020,Battles,X,Mali,1\n"
    "A3,13/05/2020,2020,Battles,X,Mali,1\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    Store(path).close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "{db}", "events", "--json"],
        ["events", "--db", "{db}", "--json"],
        ["events", "--json", "--db", "{db}"],
        ["events", "--db={db}", "--json"],
        ["--json", "events", "--db", "{db}"],
        ["--json", "--db", "{db}", "events"],
    ],
)
def test_db_and_json_work_before_or_after_the_subcommand(db: Path, args: list[str]) -> None:
    with Store(db) as store:
        store.con.execute(
            "INSERT INTO events (id, dataset, date, plover_event) "
            "VALUES ('e1', 'acled', DATE '2020-05-09', 'ASSAULT')"
        )
    result = CliRunner().invoke(cli, [a.replace("{db}", str(db)) for a in args])
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in json.loads(result.output)] == ["e1"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["events", "--db", "a"], ["--db", "a", "events"]),
        (["import", "acled", "f.csv", "--db=a"], ["--db=a", "import", "acled", "f.csv"]),
        (["--db", "a", "events"], ["--db", "a", "events"]),
        (["events", "--", "--db", "a"], ["events", "--", "--db", "a"]),
        (["events"], ["events"]),
        ([], []),
    ],
)
def test_root_options_are_moved_before_the_subcommand(
    args: list[str], expected: list[str]
) -> None:
    assert isinstance(cli, click.Group)
    assert _hoist_root_options(cli, args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--json", "import", "acled", "f"], ["import", "acled", "--json", "f"]),
        (["--json", "events"], ["events", "--json"]),
        (["--json", "version"], ["--json", "version"]),  # version has no --json: click says so
    ],
)
def test_json_is_moved_after_the_command_that_has_it(
    args: list[str], expected: list[str]
) -> None:
    assert isinstance(cli, click.Group)
    assert _hoist_json(cli, args) == expected


def test_json_before_a_command_without_it_is_a_usage_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--json", "version"])
    assert result.exit_code == 2 and "--json" in result.output


def test_import_acled_prints_a_summary_that_adds_up(db: Path, tmp_path: Path) -> None:
    file = tmp_path / "acled.csv"
    file.write_text(ACLED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "acled", str(file), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{file}:2: duplicate id A1, folded into line 3" in result.output
    report = json.loads(
        CliRunner().invoke(cli, ["import", "acled", str(file), "--db", str(db), "--json"]).output
    )[0]
    assert (report["rows_read"], report["imported"], report["duplicates"]) == (4, 3, 1)
    assert report["rejected"] == 0  # 09/05 is settled day-first by 13/05


def test_import_acled_date_order_option(db: Path, tmp_path: Path) -> None:
    file = tmp_path / "acled.csv"
    file.write_text(ACLED.replace("A3,13/05/2020", "A3,2020-05-13"), encoding="utf-8")
    first = json.loads(
        CliRunner().invoke(cli, ["--db", str(db), "import", "acled", str(file), "--json"]).output
    )[0]
    assert first["rejects"][0]["line"] == 4
    args = ["--db", str(db), "import", "acled", "--date-order", "mdy", str(file), "--json"]
    second = json.loads(CliRunner().invoke(cli, args).output)[0]
    assert second["rejected"] == 0
    with Store(db) as store:
        assert store.con.execute(
            "SELECT date::VARCHAR FROM events WHERE id = 'acled:A2'"
        ).fetchone() == ("2020-09-05",)
