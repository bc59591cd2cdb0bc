"""Migration 0006 moves the baselines to per-series storage behind a view of the old name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from watchfloor.store import Store
from watchfloor.store.database import _migration_scripts

BASELINE_COLUMNS = [
    "level",
    "key",
    "etype",
    "day",
    "observed",
    "window_sum",
    "window_sq",
    "history_days",
    "prior_rate",
    "dow_factor",
    "expected",
    "p_value",
    "q_value",
]


def _database_before_0006(path: Path) -> None:
    """A database migrated up to 0005, with one baseline row and an analysis watermark."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    for name, sql in _migration_scripts():
        if name >= "0006":
            break
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, dt.datetime(2026, 1, 1)])
    con.execute(
        "INSERT INTO analysis_baselines VALUES "
        "('country', 'SYR', 'FIGHT', DATE '2026-01-02', 3, 1, 1, 40, 0.5, 1, 0.4, 0.01, 0.02)"
    )
    con.execute("INSERT INTO analysis_state VALUES ('events_created_at', '2026-01-02T00:00:00')")
    con.close()


def test_existing_database_migrates_to_series_storage(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _database_before_0006(path)
    with Store(path) as store:
        assert store.schema_version >= "0006_analysis_series"
        columns = store.con.execute("SELECT * FROM analysis_baselines LIMIT 0").description
        assert [c[0] for c in columns] == BASELINE_COLUMNS
        assert store.con.execute("SELECT count(*) FROM analysis_baselines").fetchone() == (0,)
        watermark = store.con.execute(
            "SELECT count(*) FROM analysis_state WHERE name = 'events_created_at'"
        ).fetchone()
        assert watermark == (0,)
        assert {"analysis_series", "analysis_baseline_days"} <= set(store.tables())
        assert "analysis_baselines" not in store.tables()
