"""Split coding input into named partitions that a worker can read on its own.

A partition's name is derived from what it holds (file, byte range or row group, or the
document ids), so a retried or re-run partition writes the same output files again instead
of new ones: that is what makes a killed worker harmless.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from watchfloor.errors import InputError
from watchfloor.records import Document

DOCUMENT_FIELDS = ("id", "text", "url", "title", "published", "source", "language")


@dataclass(frozen=True)
class Partition:
    """One unit of work: a byte range of a JSONL file, a Parquet row group, or documents.

    ``kind`` is ``jsonl`` (``start``/``stop`` are byte offsets), ``parquet`` (``start`` is
    the row group) or ``documents`` (``documents`` holds them, read by the client).
    """

    name: str
    kind: str
    path: str | None = None
    start: int = 0
    stop: int = 0
    documents: tuple[Document, ...] = ()


def _short_hash(*parts: object) -> str:
    key = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def expand_inputs(patterns: str | Sequence[str]) -> list[Path]:
    """Files matching the glob patterns (``archive/*.jsonl``), sorted; none is an error."""
    if isinstance(patterns, str):
        patterns = [patterns]
    files: list[Path] = []
    for pattern in patterns:
        matched = sorted(glob.glob(str(pattern), recursive=True))
        if not matched and Path(pattern).is_file():
            matched = [str(pattern)]
        if not matched:
            raise InputError(f"input {pattern!r} matches no file")
        files.extend(Path(m) for m in matched if Path(m).is_file())
    for path in files:
        if path.suffix.lower() not in {".jsonl", ".parquet"}:
            raise InputError(f"input {path}: only .jsonl and .parquet files can be coded on Dask")
    return files


def _jsonl_ranges(path: Path, docs_per_partition: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of ``docs_per_partition`` non-empty lines each, found by one fast scan."""
    start = offset = count = 0
    with path.open("rb") as handle:
        for line in handle:
            offset += len(line)
            if line.strip():
                count += 1
            if count == docs_per_partition:
                yield start, offset
                start, count = offset, 0
    if count:
        yield start, offset


def plan_files(files: Sequence[Path], docs_per_partition: int) -> list[Partition]:
    """Partitions for JSONL files (by line ranges) and Parquet files (by row group)."""
    if docs_per_partition < 1:
        raise InputError(f"documents per partition must be at least 1, got {docs_per_partition}")
    parts: list[Partition] = []
    for path in files:
        resolved = str(path.resolve())
        if path.suffix.lower() == ".jsonl":
            for start, stop in _jsonl_ranges(path, docs_per_partition):
                name = f"{path.stem}-{_short_hash(resolved, start, stop)}"
                parts.append(Partition(name, "jsonl", resolved, start, stop))
        else:
            try:
                groups = pq.ParquetFile(path).num_row_groups
            except Exception as exc:  # pyarrow raises several unrelated types for bad files
                raise InputError(f"input {path}: not a readable Parquet file ({exc})") from exc
            for group in range(groups):
                name = f"{path.stem}-{_short_hash(resolved, group)}"
                parts.append(Partition(name, "parquet", resolved, group, group + 1))
    return parts


def plan_documents(docs: Sequence[Document], docs_per_partition: int) -> list[Partition]:
    """Partitions of documents already in memory (read from the database by the client)."""
    if docs_per_partition < 1:
        raise InputError(f"documents per partition must be at least 1, got {docs_per_partition}")
    parts = []
    for first in range(0, len(docs), docs_per_partition):
        chunk = tuple(docs[first : first + docs_per_partition])
        name = f"db-{_short_hash(*(d.id for d in chunk))}"
        parts.append(Partition(name, "documents", documents=chunk))
    return parts


def _published(value: Any) -> dt.datetime | None:
    """Naive UTC, as ingest stores it; strings go through ingest's own ISO 8601 parser."""
    from watchfloor.ingest.extract import parse_timestamp

    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return parse_timestamp(value)


def _parquet_document(row: dict[str, Any], where: str) -> Document:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: needs a non-empty 'text' column")
    doc_id = row.get("id")
    if not doc_id:
        raise InputError(f"{where}: needs an 'id' column")
    try:
        published = _published(row.get("published"))
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from exc
    return Document(
        id=str(doc_id),
        text=text,
        url=row.get("url"),
        title=row.get("title"),
        published=published,
        source=row.get("source"),
        language=row.get("language"),
    )


def _read_jsonl(part: Partition) -> tuple[list[Document], list[str]]:
    from watchfloor.ingest.files import jsonl_document

    assert part.path is not None
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        chunk = handle.read(part.stop - part.start)
    docs, failures = [], []
    for number, raw in enumerate(chunk.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            docs.append(jsonl_document(json.loads(raw.decode("utf-8")), None))
        except (ValueError, InputError) as exc:
            where = f"{part.path} (line {number} after byte {part.start})"
            failures.append(f"{where}: {exc}")
    return docs, failures


def _read_parquet(part: Partition) -> tuple[list[Document], list[str]]:
    assert part.path is not None
    table = pq.ParquetFile(part.path).read_row_group(part.start)
    columns = [c for c in DOCUMENT_FIELDS if c in table.column_names]
    docs, failures = [], []
    for i, row in enumerate(table.select(columns).to_pylist()):
        try:
            docs.append(_parquet_document(row, f"{part.path} (row group {part.start}, row {i})"))
        except InputError as exc:
            failures.append(str(exc))
    return docs, failures


def read_partition(part: Partition) -> tuple[list[Document], list[str]]:
    """The documents of a partition, and one message per record that could not be read."""
    if part.kind == "documents":
        return list(part.documents), []
    if part.kind == "jsonl":
        return _read_jsonl(part)
    if part.kind == "parquet":
        return _read_parquet(part)
    raise InputError(f"partition {part.name}: unknown kind {part.kind!r}")
