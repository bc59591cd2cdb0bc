"""Shared plumbing of the dataset importers: reports, zip handling, reference tables, rejects."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from watchfloor.errors import InputError, ModelError
from watchfloor.store.database import Store

# The event columns an importer fills, in the order of its SELECT list.
IMPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "dataset",
    "dataset_event_id",
    "evidence_text",
    "date",
    "plover_event",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "goldstein",
    "quad_class",
    "acled_event_type",
    "acled_sub_event_type",
    "source_text",
    "source_country",
    "source_sector",
    "source_actor_id",
    "target_text",
    "target_country",
    "target_sector",
    "target_actor_id",
    "place_name",
    "place_admin1",
    "place_country",
    "lat",
    "lon",
    "fatalities",
    "confidence",
    "hedged",
    "negated",
    "modality",
    "explanation",
    "coder_version",
)


@dataclass(frozen=True)
class RejectedRow:
    """A row that was skipped: its line number in the file and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What one file import did."""

    path: str
    dataset: str
    rows_read: int
    imported: int
    rejected: tuple[RejectedRow, ...]

    def as_dict(self) -> dict[str, object]:
        """Plain-data view for JSON output."""
        return {
            "path": self.path,
            "dataset": self.dataset,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "rejected": len(self.rejected),
            "rejects": [{"line": r.line, "reason": r.reason} for r in self.rejected],
        }


@contextlib.contextmanager
def plain_file(path: Path) -> Iterator[Path]:
    """The file itself, or the single data file inside a .zip extracted to a temp folder."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() != ".zip":
        yield path
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise InputError(f"{path}: expected one file in the zip, found {len(members)}")
            with tempfile.TemporaryDirectory(prefix="watchfloor-import-") as folder:
                target = Path(folder) / Path(members[0].filename).name
                with archive.open(members[0]) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, length=1 << 20)
                yield target
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: not a readable zip file ({exc})") from exc


def sql_string(text: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"


def _package_table(package: str, name: str, sep: str = ",") -> pd.DataFrame:
    try:
        ref = resources.files(package) / name
        with resources.as_file(ref) as file:
            return pd.read_csv(file, dtype=str, sep=sep, keep_default_na=False)
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"data file {package}/{name} is missing from the installation") from exc


def register_reference_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Register the country and event-type tables on ``con`` as views; returns their names."""
    countries = _package_table("watchfloor.importers.data", "countries.csv")
    aliases = _package_table("watchfloor.importers.data", "country_aliases.csv")
    codes = pd.concat(
        [
            pd.DataFrame({"scheme": "fips", "code": countries["fips"], "iso3": countries["iso3"]}),
            pd.DataFrame({"scheme": "cameo", "code": countries["iso3"], "iso3": countries["iso3"]}),
            pd.DataFrame(
                {
                    "scheme": "num",
                    "code": countries["isonumeric"].str.lstrip("0"),
                    "iso3": countries["iso3"],
                }
            ),
            pd.DataFrame(
                {"scheme": "name", "code": countries["name"].str.lower(), "iso3": countries["iso3"]}
            ),
            aliases.assign(
                code=lambda d: d["code"].where(d["scheme"] != "name", d["code"].str.lower())
            ),
        ]
    )
    codes = codes[codes["code"] != ""].drop_duplicates(["scheme", "code"])
    tables = {
        "wf_country_codes": codes,
        "wf_cameo": _package_table("watchfloor", "data/cameo.tsv", sep="\t"),
        "wf_acled_types": _package_table("watchfloor.importers.data", "acled_types.csv"),
        "wf_acled_legacy": _package_table("watchfloor.importers.data", "acled_legacy_types.csv"),
    }
    for name, frame in tables.items():
        con.register(name, frame)
    return list(tables)


def unregister(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> None:
    """Drop views registered by ``register_reference_tables``."""
    for name in names:
        con.unregister(name)


def read_rejects(con: duckdb.DuckDBPyConnection, table: str) -> list[RejectedRow]:
    """Rows the CSV reader skipped (wrong column count, bad quoting), with their line numbers."""
    rows = con.execute(
        f"SELECT line, first(error_type ORDER BY column_idx), "
        f"first(error_message ORDER BY column_idx) FROM {table} GROUP BY line ORDER BY line"
    ).fetchall()
    return [RejectedRow(int(line), f"{kind.lower()}: {msg}") for line, kind, msg in rows]


def file_line(ordinal: int, rejected_lines: Sequence[int], header_lines: int) -> int:
    """File line of the ``ordinal``-th (1-based) row the reader accepted."""
    line = ordinal + header_lines
    for skipped in sorted(rejected_lines):
        if skipped <= line:
            line += 1
    return line


def write_events(con: duckdb.DuckDBPyConnection, stage: str) -> int:
    """Replace events whose id is in the staged table, then insert the staged rows (upsert)."""
    con.execute(f"DELETE FROM events WHERE id IN (SELECT id FROM {stage})")
    cols = ", ".join(IMPORT_COLUMNS)
    con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM {stage}")
    count = con.execute(f"SELECT count(*) FROM {stage}").fetchone()
    return int(count[0]) if count else 0


@dataclass(frozen=True)
class StagingTables:
    """Names of the temporary tables one import uses: staged rows, rejects and scans."""

    stage: str
    rejects: str
    scans: str


def load_staged(
    store: Store,
    *,
    source: Path,
    dataset: str,
    stage_sql: str,
    tables: StagingTables,
    header_lines: int,
    unreadable: str,
) -> ImportReport:
    """Stage a file with ``stage_sql``, report malformed rows, upsert the rest as events.

    Runs in one transaction: a file that fails half-way leaves the database unchanged.
    ``unreadable`` explains rows whose id or date could not be parsed.
    """
    with store.transaction() as con:
        names = register_reference_tables(con)
        try:
            con.execute(stage_sql)
            total = con.execute(f"SELECT count(*) FROM {tables.stage}").fetchone()
            skipped = read_rejects(con, tables.rejects)
            lines = [r.line for r in skipped]
            bad = con.execute(f"SELECT rn FROM {tables.stage} WHERE NOT ok ORDER BY rn").fetchall()
            unparsed = [
                RejectedRow(file_line(int(rn), lines, header_lines), unreadable) for (rn,) in bad
            ]
            con.execute(f"DELETE FROM {tables.stage} WHERE NOT ok")
            imported = write_events(con, tables.stage)
            for table in (tables.stage, tables.rejects, tables.scans):
                con.execute(f"DROP TABLE {table}")
        finally:
            unregister(con, names)
    staged = int(total[0]) if total else 0
    return ImportReport(
        path=str(source),
        dataset=dataset,
        rows_read=staged + len(skipped),
        imported=imported,
        rejected=tuple(sorted(skipped + unparsed, key=lambda r: r.line)),
    )
