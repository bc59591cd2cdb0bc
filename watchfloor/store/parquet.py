"""Export every table to Parquet (atomically) and load such exports back without duplicates.

An export folder holds ``<table>.parquet`` per table and ``manifest.json``. Import also takes
event files laid out as a Dask/Hive output: ``events/date=.../country=.../part-*.parquet``.
Loading upserts by primary key, so importing the same files twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from watchfloor.errors import InputError, StoreError
from watchfloor.store.database import Store

MANIFEST = "manifest.json"
INTERNAL_TABLES = frozenset({"schema_migrations"})
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
_EVENT_ALIASES = {"country": "place_country"}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def export_tables(
    store: Store, folder: str | Path, tables: Sequence[str] | None = None
) -> dict[str, int]:
    """Write tables to ``folder/<table>.parquet``; returns rows per table.

    Written to a temp folder beside ``folder`` and renamed into place, so ``folder`` is
    either the old export or the complete new one, never half written. An existing
    ``folder`` must be empty or an earlier export (it is replaced whole). Hidden folders a
    killed export left beside ``folder`` are cleaned up first.
    """
    target = Path(folder).resolve()
    if target.parent.is_dir():
        _recover_killed_export(target)
    known = [t for t in store.tables() if t not in INTERNAL_TABLES]
    chosen = list(tables) if tables else known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise InputError(f"no such table: {', '.join(unknown)} (tables: {', '.join(known)})")
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        # Replacing the folder would delete whatever else the user keeps there.
        raise InputError(
            f"{target}: folder is not empty and is not a watchfloor export; "
            "choose a new or empty folder"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.tmp-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    counts: dict[str, int] = {}
    try:
        for table in chosen:
            out = staging / f"{table}.parquet"
            store.con.execute(
                f"COPY (SELECT * FROM {_ident(table)}) TO {_literal(out)} "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            row = store.con.execute(f"SELECT count(*) FROM {_ident(table)}").fetchone()
            counts[table] = int(row[0]) if row else 0
        manifest = {
            "schema_version": store.schema_version,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tables": counts,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _swap_into_place(staging, target)
    except (duckdb.Error, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"export to {target} failed: {exc}") from exc
    return counts


def _leftovers(target: Path, kind: str) -> list[Path]:
    """Hidden ``.<name>.<kind>-XXXXXXXX`` folders an export of ``target`` left when killed."""
    prefix = f".{target.name}.{kind}-"
    return sorted(
        p for p in target.parent.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()
    )


def _recover_killed_export(target: Path) -> None:
    """Undo what a killed export left beside ``target`` before a new one starts.

    Killed between the two renames of ``_swap_into_place``, an export leaves no ``target``
    but the previous export under ``.old-``: it is put back. Staging (``.tmp-``) and other
    ``.old-`` folders hold nothing anyone reads, so they are removed.
    """
    olds = [p for p in _leftovers(target, "old") if (p / MANIFEST).is_file()]
    if not target.exists() and olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        newest.rename(target)
    for folder in _leftovers(target, "tmp") + _leftovers(target, "old"):
        shutil.rmtree(folder, ignore_errors=True)


def _swap_into_place(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _is_hive_file(path: Path) -> bool:
    return bool(_hive_keys(path))


def _hive_keys(path: Path) -> set[str]:
    """Partition column names from ``key=value`` folders above the file."""
    return {part.split("=", 1)[0] for part in path.parent.parts if "=" in part}


def plan_import(paths: Iterable[str | Path], tables: Sequence[str]) -> dict[str, list[Path]]:
    """Which Parquet files go to which table.

    ``<table>.parquet`` goes to that table; files below ``key=value`` folders (a Dask/Hive
    layout) go to ``events``. Raises InputError for a missing path or an unplaceable file.
    """
    plan: dict[str, list[Path]] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        files = [path]
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*.parquet")
                if not any(p.startswith((".", "_")) for p in f.relative_to(path).parts)
            )
        if not files:
            raise InputError(f"{path}: no .parquet files found")
        for file in files:
            if file.stem in tables and not _is_hive_file(file):
                plan.setdefault(file.stem, []).append(file)
            elif _is_hive_file(file) or file.stem.startswith("part"):
                plan.setdefault("events", []).append(file)
            else:
                raise InputError(
                    f"{file}: cannot tell which table it belongs to "
                    "(name it <table>.parquet or lay it out as events/date=.../part-*.parquet)"
                )
    return plan


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def _primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchone()
    return list(row[0]) if row else []


def _select_list(
    table: str, target: dict[str, str], staged: list[str], hive_keys: set[str]
) -> tuple[list[str], list[str]]:
    """Target column names and the matching cast expressions over the staged rows."""
    names: list[str] = []
    exprs: list[str] = []
    for column in staged:
        hive = column in hive_keys
        name = _EVENT_ALIASES.get(column, column) if hive else column
        if name not in target or name in names:
            continue
        if hive and name != column and name in staged:
            continue
        source = f"s.{_ident(column)}"
        if hive:
            source = f"nullif({source}::VARCHAR, '{HIVE_NULL}')"
        names.append(name)
        exprs.append(f"CAST({source} AS {target[name]})")
    if table == "events" and "dataset" not in names:
        names.append("dataset")
        exprs.append("'parquet'")
    return names, exprs


def _load_table(con: duckdb.DuckDBPyConnection, table: str, files: list[Path]) -> int:
    hive_keys = set().union(*(_hive_keys(f) for f in files)) if table == "events" else set()
    hive = bool(hive_keys)
    file_list = "[" + ", ".join(_literal(f) for f in files) + "]"
    options = f"hive_partitioning = {str(hive).lower()}, union_by_name = true"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _wf_stage AS "
        f"SELECT * FROM read_parquet({file_list}, {options})"
    )
    staged = [row[0] for row in con.execute("DESCRIBE _wf_stage").fetchall()]
    target = _table_columns(con, table)
    names, exprs = _select_list(table, target, staged, hive_keys)
    key = _primary_key(con, table)
    missing = [k for k in key if k not in names]
    if missing:
        raise InputError(f"{files[0]}: lacks key column(s) {', '.join(missing)} of table {table}")
    aliased = ", ".join(f"{e} AS {_ident(n)}" for n, e in zip(names, exprs, strict=True))
    dedup = ""
    if key:
        dedup = f" QUALIFY row_number() OVER (PARTITION BY {', '.join(map(_ident, key))}) = 1"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _wf_rows AS SELECT * FROM "
        f"(SELECT {aliased} FROM _wf_stage s){dedup}"
    )
    return _upsert(con, table, names, key)


def _upsert(con: duckdb.DuckDBPyConnection, table: str, names: list[str], key: list[str]) -> int:
    """Replace rows with the same key (or add only unseen rows when the table has no key)."""
    cols = ", ".join(_ident(n) for n in names)
    if key:
        match = " AND ".join(f"{_ident(table)}.{_ident(k)} = r.{_ident(k)}" for k in key)
        con.execute(f"DELETE FROM {_ident(table)} USING _wf_rows r WHERE {match}")
        con.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _wf_rows")
        row = con.execute("SELECT count(*) FROM _wf_rows").fetchone()
    else:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _wf_new AS SELECT DISTINCT {cols} FROM _wf_rows "
            f"EXCEPT SELECT {cols} FROM {_ident(table)}"
        )
        con.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _wf_new")
        row = con.execute("SELECT count(*) FROM _wf_new").fetchone()
    return int(row[0]) if row else 0


def import_parquet(store: Store, paths: Iterable[str | Path]) -> dict[str, int]:
    """Load exported tables and Hive-laid-out event files; returns rows loaded per table.

    Everything is loaded in one transaction: on any error nothing is changed.
    """
    tables = [t for t in store.tables() if t not in INTERNAL_TABLES]
    plan = plan_import(paths, tables)
    counts: dict[str, int] = {}
    try:
        with store.transaction() as con:
            for table, files in plan.items():
                counts[table] = _load_table(con, table, files)
            con.execute("DROP TABLE IF EXISTS _wf_stage")
            for temp in ("_wf_rows", "_wf_new"):
                con.execute(f"DROP TABLE IF EXISTS {temp}")
    except duckdb.Error as exc:
        raise StoreError(f"import of Parquet into {store.path} failed: {exc}") from exc
    return counts
