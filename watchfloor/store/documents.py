"""Write ingested documents (with their carriers) and read them back with filters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from watchfloor.errors import InputError
from watchfloor.records import Document
from watchfloor.store.database import Store

_ARROW_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("published", pa.timestamp("us")),
        ("fetched", pa.timestamp("us")),
        ("source", pa.string()),
        ("language", pa.string()),
        ("content_hash", pa.string()),
        ("minhash", pa.binary()),
        ("canonical_id", pa.string()),
        ("similarity", pa.float64()),
        ("metadata", pa.string()),
    ]
)
LISTING_COLUMNS = (
    "id",
    "url",
    "title",
    "published",
    "source",
    "language",
    "canonical_id",
    "similarity",
    "n_sources",
    "ingested_at",
    "coded_at",
)


@dataclass(frozen=True)
class StoredDocument:
    """A document as it is written: content hash, signature and near-copy link."""

    document: Document
    content_hash: str
    minhash: bytes | None = None
    canonical_id: str | None = None
    similarity: float | None = None


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def insert_documents(con: duckdb.DuckDBPyConnection, rows: Sequence[StoredDocument]) -> None:
    """Insert documents, their ``document_sources`` rows and unseen ``sources`` (no commit).

    Call inside ``store.transaction()``; each canonical document carries itself, and a
    near-copy is recorded as one more carrier of its canonical.
    """
    if not rows:
        return
    columns: dict[str, list[Any]] = {name: [] for name in _ARROW_SCHEMA.names}
    for row in rows:
        doc = row.document
        values = (
            doc.id,
            doc.url,
            doc.title,
            doc.text,
            doc.published,
            doc.fetched,
            doc.source,
            doc.language,
            row.content_hash,
            row.minhash,
            row.canonical_id,
            row.similarity,
            json.dumps(doc.metadata, default=_json_default, ensure_ascii=False),
        )
        for name, value in zip(_ARROW_SCHEMA.names, values, strict=True):
            columns[name].append(value)
    table = pa.table(columns, schema=_ARROW_SCHEMA)
    names = ", ".join(_ARROW_SCHEMA.names)
    con.register("_wf_new_documents", table)
    try:
        con.execute(
            f"INSERT INTO documents ({names}) SELECT {names.replace('metadata', 'metadata::JSON')}"
            " FROM _wf_new_documents"
        )
        con.execute(
            "INSERT INTO document_sources (document_id, carrier_id, source, url, published) "
            "SELECT coalesce(canonical_id, id), id, source, url, published FROM _wf_new_documents"
        )
        _insert_origins(con, rows)
        con.execute(
            "INSERT INTO sources (name, url, kind) "
            "SELECT DISTINCT ON (source) source, NULL, 'ingest' FROM _wf_new_documents "
            "WHERE source IS NOT NULL AND source NOT IN (SELECT name FROM sources)"
        )
    finally:
        con.unregister("_wf_new_documents")


def _insert_origins(con: duckdb.DuckDBPyConnection, rows: Sequence[StoredDocument]) -> None:
    """A forward or repost's origins (``metadata["origins"]``) as further sources of its story.

    Their carrier id is the document's id with ``#origin-N``: the origin's own post was not
    ingested, but the outlet did carry the story.
    """
    origin_rows = [
        (
            row.canonical_id or row.document.id,
            f"{row.document.id}#origin-{n}",
            str(origin["source"]),
            origin.get("url"),
            None,  # when the origin first posted it is not in the export
        )
        for row in rows
        for n, origin in enumerate(row.document.metadata.get("origins") or [], start=1)
        if isinstance(origin, dict) and origin.get("source")
    ]
    if origin_rows:
        con.executemany(
            "INSERT INTO document_sources (document_id, carrier_id, source, url, published) "
            "VALUES (?, ?, ?, ?, ?)",
            origin_rows,
        )


def existing_ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are already stored."""
    wanted = list(set(ids))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {row[0] for row in rows}


def existing_hashes(
    con: duckdb.DuckDBPyConnection, hashes: Iterable[str]
) -> set[tuple[str, str | None]]:
    """(content_hash, source) pairs already stored among ``hashes``."""
    wanted = list(set(hashes))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT DISTINCT content_hash, source FROM documents "
        "WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
        [wanted],
    ).fetchall()
    return {(row[0], row[1]) for row in rows}


@dataclass(frozen=True)
class DocumentFilter:
    """Filters for listing documents (CLI ``documents``, Python API, REST API)."""

    source: str | None = None
    since: dt.date | dt.datetime | str | None = None
    until: dt.date | dt.datetime | str | None = None
    language: str | None = None
    canonical_only: bool = False
    uncoded_only: bool = False
    ids: tuple[str, ...] | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause over ``documents d`` and its parameters.

        ``until`` given as a date includes that whole day.
        """
        clauses = ["TRUE"]
        params: list[Any] = []
        if self.source is not None:
            clauses.append("d.source = ?")
            params.append(self.source)
        if self.language is not None:
            clauses.append("d.language = ?")
            params.append(self.language.lower())
        if self.since is not None:
            clauses.append("d.published >= ?")
            params.append(_as_datetime(_coerce(self.since, "since")))
        if self.until is not None:
            end = _coerce(self.until, "until")
            until = _as_datetime(end)
            if not isinstance(end, dt.datetime):
                until += dt.timedelta(days=1)
                clauses.append("d.published < ?")
            else:
                clauses.append("d.published <= ?")
            params.append(until)
        if self.canonical_only:
            clauses.append("d.canonical_id IS NULL")
        if self.uncoded_only:
            clauses.append("d.coded_at IS NULL")
        if self.ids is not None:
            clauses.append("d.id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.ids))
        return " AND ".join(clauses), params


def _coerce(value: dt.date | dt.datetime | str, name: str) -> dt.date | dt.datetime:
    """Dates pass through; ISO strings (``2024-03-01`` or a datetime) are parsed."""
    if not isinstance(value, str):
        return value
    try:
        if len(value.strip()) == 10:
            return dt.date.fromisoformat(value.strip())
        return dt.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(f"{name} {value!r}: use an ISO date like 2024-03-01") from exc


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    return dt.datetime.combine(value, dt.time())


def query_documents(
    store: Store,
    flt: DocumentFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    with_text: bool = False,
) -> pd.DataFrame:
    """Documents matching the filter, newest published first, with ``n_sources``.

    ``n_sources`` counts the distinct sources that carried the story the document belongs to
    (its canonical); an outlet that carried two versions counts once.
    """
    where, params = (flt or DocumentFilter()).where()
    extra = ", d.text, d.metadata" if with_text else ""
    sql = (
        "SELECT d.id, d.url, d.title, d.published, d.source, d.language, d.canonical_id, "
        "d.similarity, coalesce(n.n_sources, 1)::INTEGER AS n_sources, d.ingested_at, "
        f"d.coded_at{extra} FROM documents d LEFT JOIN (SELECT document_id, "
        "count(DISTINCT coalesce(source, '#' || carrier_id)) AS n_sources "
        "FROM document_sources GROUP BY document_id) n "
        f"ON n.document_id = coalesce(d.canonical_id, d.id) WHERE {where} "
        "ORDER BY d.published DESC NULLS LAST, d.ingested_at DESC, d.id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return store.con.execute(sql, params).fetch_df()


def load_documents(store: Store, ids: Sequence[str]) -> list[Document]:
    """Full Document records for ``ids`` (in the given order; unknown ids are left out)."""
    if not ids:
        return []
    rows = store.con.execute(
        "SELECT id, text, url, title, published, fetched, source, language, metadata "
        "FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [list(ids)],
    ).fetchall()
    by_id = {
        row[0]: Document(
            id=row[0],
            text=row[1],
            url=row[2],
            title=row[3],
            published=row[4],
            fetched=row[5],
            source=row[6],
            language=row[7],
            metadata=json.loads(row[8]) if row[8] else {},
        )
        for row in rows
    }
    return [by_id[i] for i in ids if i in by_id]


PENDING_WHERE = "canonical_id IS NULL AND coded_at IS NULL AND code_failed_at IS NULL"
"""Canonical documents neither coded nor marked as failed: what the coder has to do."""


def uncoded_document_ids(store: Store, limit: int | None = None) -> list[str]:
    """Canonical documents not yet coded (nor failed), oldest ingested first: the coder's
    to-do list."""
    sql = f"SELECT id FROM documents WHERE {PENDING_WHERE} ORDER BY ingested_at, id"
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [row[0] for row in store.con.execute(sql, params).fetchall()]


def mark_coded(store: Store, ids: Sequence[str], coder_version: str) -> None:
    """Record that these documents were coded by ``coder_version`` (now)."""
    if not ids:
        return
    with store.transaction() as con:
        con.execute(
            "UPDATE documents SET coded_at = ?, coder_version = ?, code_failed_at = NULL, "
            "code_failure = NULL WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), coder_version, list(ids)],
        )


def mark_code_failed(store: Store, failures: Sequence[tuple[str, str]]) -> None:
    """Mark documents (id, reason) as not codable, so that later runs leave them alone."""
    if not failures:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        con.executemany(
            "UPDATE documents SET code_failed_at = ?, code_failure = ? WHERE id = ?",
            [(now, reason[:2000], doc_id) for doc_id, reason in failures],
        )


FAILED_COLUMNS = ("id", "title", "published", "source", "code_failed_at", "code_failure")


def failed_documents(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Documents marked as not codable, most recent failure first, with the reason."""
    sql = (
        f"SELECT {', '.join(FAILED_COLUMNS)} FROM documents WHERE code_failed_at IS NOT NULL "
        "ORDER BY code_failed_at DESC, id"
    )
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cur = store.con.execute(sql, params)
    return [dict(zip(FAILED_COLUMNS, row, strict=True)) for row in cur.fetchall()]


def clear_code_failures(store: Store, ids: Sequence[str] | None = None) -> int:
    """Clear the failed mark (of these documents, else of all) so they are coded again."""
    where = "code_failed_at IS NOT NULL"
    params: list[Any] = []
    if ids is not None:
        where += " AND id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(ids))
    with store.transaction() as con:
        row = con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()
        con.execute(
            f"UPDATE documents SET code_failed_at = NULL, code_failure = NULL WHERE {where}",
            params,
        )
    return int(row[0]) if row else 0


def document_record(row: dict[str, Any]) -> dict[str, Any]:
    """A listing row as a JSON-ready dict (NaN/NaT become None, timestamps ISO strings)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
            out[key] = None
        elif isinstance(value, pd.Timestamp | dt.datetime):
            out[key] = value.isoformat()
        elif hasattr(value, "item"):
            out[key] = value.item()
        else:
            out[key] = value
    return out
