"""The Python API: ``with watchfloor.open("wf.duckdb") as wf: wf.ingest(...); wf.events()``."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Literal, overload

import pandas as pd
import pyarrow as pa

from watchfloor.analysis.records import AnalysisSummary
from watchfloor.ingest.items import IngestSummary
from watchfloor.ingest.pipeline import DEFAULT_BATCH
from watchfloor.settings import Settings
from watchfloor.store.database import Store
from watchfloor.store.documents import (
    DocumentFilter,
    clear_code_failures,
    failed_documents,
    query_documents,
)
from watchfloor.store.events import EventFilter, query_events
from watchfloor.store.parquet import export_tables, import_parquet
from watchfloor.workflow import ProcessSummary, ingest_and_process, process_pending


class Watchfloor:
    """A watchfloor database opened for Python use; close it (or use ``with``) when done."""

    def __init__(self, path: str | Path, settings: Settings | None = None) -> None:
        self.settings = (settings or Settings()).model_copy(update={"db": Path(path)})
        self.store = Store(path)
        self.last_processed: ProcessSummary | None = None

    def __enter__(self) -> Watchfloor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def ingest(
        self,
        *inputs: str | Path,
        allow_private: bool = False,
        source: str | None = None,
        batch_size: int = DEFAULT_BATCH,
        code: bool = False,
    ) -> IngestSummary:
        """Ingest files, folders and http(s) URLs (pages or feeds); see ``IngestSummary``.

        With ``code``, every pending document is then coded and analysed, as ``watchfloor
        ingest`` does (its summary: ``self.last_processed``); otherwise call ``code()``.
        """
        run = ingest_and_process(
            self.store,
            self.settings,
            [str(i) for i in inputs],
            code=code,
            allow_private=allow_private or self.settings.allow_private,
            default_source=source,
            batch_size=batch_size,
        )
        self.last_processed = run.processed
        return run.ingest

    @overload
    def documents(
        self, *, as_arrow: Literal[False] = ..., limit: int | None = ..., **filters: Any
    ) -> pd.DataFrame: ...

    @overload
    def documents(
        self, *, as_arrow: Literal[True], limit: int | None = ..., **filters: Any
    ) -> pa.Table: ...

    def documents(
        self, *, as_arrow: bool = False, limit: int | None = None, **filters: Any
    ) -> pd.DataFrame | pa.Table:
        """Documents as a DataFrame; filters are DocumentFilter fields (source, language, since,
        ...)."""
        frame = query_documents(self.store, DocumentFilter(**filters), limit=limit)
        return pa.Table.from_pandas(frame, preserve_index=False) if as_arrow else frame

    @overload
    def events(
        self, *, as_arrow: Literal[False] = ..., limit: int | None = ..., **filters: Any
    ) -> pd.DataFrame: ...

    @overload
    def events(
        self, *, as_arrow: Literal[True], limit: int | None = ..., **filters: Any
    ) -> pa.Table: ...

    def events(
        self, *, as_arrow: bool = False, limit: int | None = None, **filters: Any
    ) -> pd.DataFrame | pa.Table:
        """Events as a DataFrame; filters are EventFilter fields (since, country, type,
        language, ...)."""
        frame = query_events(self.store, EventFilter(**filters), limit=limit)
        return pa.Table.from_pandas(frame, preserve_index=False) if as_arrow else frame

    def code(self, *, analyze: bool = True, retry_failed: bool = False) -> ProcessSummary:
        """Code every pending document, then (by default) update signals, alerts and stories.

        A document that cannot be coded is marked failed and left out of later runs;
        ``retry_failed`` clears those marks first (see ``failed_documents()``)."""
        if retry_failed:
            clear_code_failures(self.store)
        return process_pending(self.store, self.settings, analyze=analyze)

    def failed_documents(self) -> list[dict[str, Any]]:
        """Documents that could not be coded, with the reason (``code_failure``)."""
        return failed_documents(self.store)

    def analyze(self, *, full: bool = False) -> AnalysisSummary:
        """Update baselines, signals, alerts and stories (``full`` recomputes all history)."""
        from watchfloor.analysis.pipeline import analyze_full, analyze_incremental

        return (analyze_full if full else analyze_incremental)(self.store, self.settings)

    def alerts(self, **filters: Any) -> list[dict[str, Any]]:
        """Alerts as the JSON-shaped dicts of ``watchfloor alerts --json`` (with signals);
        filters are those of ``list_alerts`` (since, until, state, kind, country, limit)."""
        from watchfloor.analysis.alerts import list_alerts

        return [alert.to_dict() for alert in list_alerts(self.store, **filters)]

    def export(self, folder: str | Path, tables: list[str] | None = None) -> dict[str, int]:
        """Write tables to ``folder/<table>.parquet`` atomically; rows per table."""
        return export_tables(self.store, folder, tables)

    def import_parquet(self, *paths: str | Path) -> dict[str, int]:
        """Load an export folder or event Parquet files (upsert); rows loaded per table."""
        return import_parquet(self.store, paths)


def open(path: str | Path = "watchfloor.duckdb", settings: Settings | None = None) -> Watchfloor:  # noqa: A001
    """Open (creating and migrating if needed) a watchfloor database."""
    return Watchfloor(path, settings)
