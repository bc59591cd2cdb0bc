"""Write coded events as Parquet partitioned by date and country, one atomic file at a time.

Layout: ``OUT/date=YYYY-MM-DD/country=ISO3/part-<partition>.parquet``; a missing date or
country is ``__HIVE_DEFAULT_PARTITION__`` (read back as NULL by DuckDB and pyarrow). Every
file carries all ``EVENT_COLUMNS``, so ``read_parquet('OUT/**/*.parquet')`` is the events
table plus a ``country`` column. ``OUT/_partitions/<partition>.json`` marks a finished
partition (written last), which lets a re-run skip work already done.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from watchfloor.errors import StoreError
from watchfloor.store.events import EVENT_COLUMNS

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
MANIFEST_DIR = "_partitions"

_INTS = {"sentence_index", "char_start", "char_end", "quad_class", "fatalities", "injuries"}
_FLOATS = {"goldstein", "lat", "lon", "confidence"}
_BOOLS = {"hedged", "negated"}


def _arrow_type(column: str) -> pa.DataType:
    if column == "date":
        return pa.date32()
    if column == "geonames_id":
        return pa.int64()
    if column in _INTS:
        return pa.int32()
    if column in _FLOATS:
        return pa.float64()
    if column in _BOOLS:
        return pa.bool_()
    return pa.string()


EVENT_SCHEMA = pa.schema([(c, _arrow_type(c)) for c in EVENT_COLUMNS])


def events_table(rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    """Event rows (EVENT_COLUMNS order, as ``event_to_row`` gives them) as an Arrow table."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in EVENT_COLUMNS]
    arrays = [
        pa.array(list(col), type=f.type) for col, f in zip(columns, EVENT_SCHEMA, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def _key(value: Any) -> str:
    if value is None or value == "":
        return NULL_PARTITION
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("/", "_").replace("=", "_")


def atomic_write(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` then rename into place: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_partition_events(output: Path, partition: str, rows: Sequence[tuple[Any, ...]]) -> int:
    """Write one input partition's events, one file per (date, country); returns files written.

    Files of this partition left by an earlier run in other (date, country) folders are
    removed, so re-coding with a changed coder cannot leave stale events behind.
    """
    date_at, country_at = EVENT_COLUMNS.index("date"), EVENT_COLUMNS.index("place_country")
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: str(r[0])):
        groups[(_key(row[date_at]), _key(row[country_at]))].append(row)
    filename = f"part-{partition}.parquet"
    written = set()
    for (date_key, country_key), group in sorted(groups.items()):
        target = output / f"date={date_key}" / f"country={country_key}" / filename
        table = events_table(group)
        atomic_write(target, lambda tmp, table=table: pq.write_table(table, tmp))
        written.add(target)
    for old in output.glob(f"date=*/country=*/{filename}"):
        if old not in written:
            old.unlink(missing_ok=True)
    return len(written)


def read_manifest(output: Path, partition: str) -> dict[str, Any] | None:
    """The finished-partition record, or None when the partition has not completed."""
    path = output / MANIFEST_DIR / f"{partition}.json"
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded


def write_manifest(output: Path, partition: str, record: dict[str, Any]) -> None:
    """Mark a partition finished (after its event files are in place)."""
    path = output / MANIFEST_DIR / f"{partition}.json"
    text = json.dumps(record, sort_keys=True)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def remove_stale(output: Path, partitions: set[str]) -> int:
    """Delete event files and manifests of partitions not in this run, and stray temp files."""
    removed = 0
    for path in output.glob("date=*/country=*/*"):
        name = path.name
        stale_part = name.startswith("part-") and name.endswith(".parquet")
        if (stale_part and name[5:-8] not in partitions) or ".tmp-" in name:
            path.unlink(missing_ok=True)
            removed += 1
    for path in (output / MANIFEST_DIR).glob("*"):
        if path.suffix != ".json" or path.stem not in partitions:
            path.unlink(missing_ok=True)
            removed += 1
    for folder in sorted(output.glob("date=*/country=*"), reverse=True) + sorted(
        output.glob("date=*")
    ):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed
