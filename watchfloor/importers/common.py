"""Shared plumbing of the dataset importers: reports, zip handling, reference tables, writing."""

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
    "evidence_url",
)


@dataclass(frozen=True)
class RejectedRow:
    """A row that was skipped: its line number in the file and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class DuplicateRow:
    """A row folded into another row of the same file with the same event id."""

    line: int
    event_id: str
    kept_line: int


@dataclass(frozen=True)
class ImportReport:
    """What one file import did: ``rows_read = imported + duplicates + rejected``."""

    path: str
    dataset: str
    layout: str
    rows_read: int
    imported: int
    duplicates: tuple[DuplicateRow, ...] = ()
    rejected: tuple[RejectedRow, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Plain-data view for JSON output."""
        return {
            "path": self.path,
            "dataset": self.dataset,
            "layout": self.layout,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "duplicates": len(self.duplicates),
            "rejected": len(self.rejected),
            "rejects": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "duplicate_rows": [
                {"line": d.line, "id": d.event_id, "kept_line": d.kept_line}
                for d in self.duplicates
            ],
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


def cameo_codes() -> frozenset[str]:
    """Every CAMEO event code of ``watchfloor/data/cameo.tsv`` and the 20 root codes."""
    codes = _package_table("watchfloor", "data/cameo.tsv", sep="\t")["code"]
    return frozenset(codes) | {f"{root:02d}" for root in range(1, 21)}


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
        "wf_cameo_gaps": _package_table("watchfloor.importers.data", "cameo_plover_gaps.csv"),
    }
    for name, frame in tables.items():
        con.register(name, frame)
    return list(tables)


def unregister(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> None:
    """Drop views registered by ``register_reference_tables``."""
    for name in names:
        con.unregister(name)



def fold_duplicates(
    ids: Sequence[str], lines: Sequence[int], ranks: Sequence[int]
) -> tuple[list[int], list[DuplicateRow]]:
    """Positions of the rows to keep, one per id, and the rows folded into them.

    The row with the highest rank (e.g. ACLED's ``timestamp``, 0 when absent) is kept; on a
    tie the later row, as a later export of an event revises an earlier one.
    """
    best: dict[str, int] = {}
    for pos, key in enumerate(ids):
        held = best.get(key)
        if held is None or ranks[pos] >= ranks[held]:
            best[key] = pos
    keep = sorted(best.values())
    kept = set(keep)
    folded = [
        DuplicateRow(lines[pos], key, lines[best[key]])
        for pos, key in enumerate(ids)
        if pos not in kept
    ]
    return keep, folded


def write_staged(store: Store, rows: pd.DataFrame, select_sql: str) -> int:
    """Map ``rows`` (registered as ``wf_rows``) to events with ``select_sql`` and upsert them.

    One transaction: a failure leaves the database unchanged. The rows were checked before,
    so the SQL only maps values and joins the reference tables.
    """
    if rows.empty:
        return 0
    with store.transaction() as con:
        names = register_reference_tables(con)
        con.register("wf_rows", rows)
        try:
            con.execute(f"CREATE TEMP TABLE wf_import_stage AS {select_sql}")
            written = write_events(con, "wf_import_stage")
            con.execute("DROP TABLE wf_import_stage")
        finally:
            con.unregister("wf_rows")
            unregister(con, names)
    return written


def write_events(con: duckdb.DuckDBPyConnection, stage: str) -> int:
    """Replace events whose id is in the staged table, then insert the staged rows (upsert)."""
    con.execute(f"DELETE FROM events WHERE id IN (SELECT id FROM {stage})")
    cols = ", ".join(IMPORT_COLUMNS)
    con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM {stage}")
    count = con.execute(f"SELECT count(*) FROM {stage}").fetchone()
    return int(count[0]) if count else 0


def check_number(text: str, what: str, *, low: float, high: float) -> str | None:
    """Why a non-empty numeric field is unusable (not a number, or outside low..high)."""
    value = text.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return f"{what} {value!r} is not a number"
    if not low <= number <= high:
        return f"{what} {value} is outside {low:g} to {high:g}"
    return None
