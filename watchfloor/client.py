"""The Python API: ``with watchfloor.open("wf.duckdb") as wf: wf.ingest(...); wf.events()``."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Literal, overload

import pandas as pd
import pyarrow as pa

from watchfloor.analysis.records import AnalysisSummary
from watchfloor.ingest.items import IngestSummary
from watchfloor.ingest.pipeline import DEFAULT_BATCH, Ingestor
from watchfloor.settings import Settings
from watchfloor.store.database import Store
from watchfloor.store.documents import DocumentFilter, query_documents
from watchfloor.store.events import EventFilter, query_events
from watchfloor.store.parquet import export_tables, import_parquet
from watchfloor.workflow import ProcessSummary, process_new


class Watchfloor:
    """A watchfloor database opened for Python use; close it (or use ``with``) when done."""

    def __init__(self, path: str | Path, settings: Settings | None = None) -> None:
        self.settings = (settings or Settings()).model_copy(update={"db": Path(path)})
        self.store = Store(path)

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
    ) -> IngestSummary:
        """Ingest files, folders and http(s) URLs (pages or feeds); see ``IngestSummary``."""
        ingestor = Ingestor(self.store, self.settings, batch_size=batch_size)
        return ingestor.ingest(
            [str(i) for i in inputs],
            allow_private=allow_private or self.settings.allow_private,
            default_source=source,
        )

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
        """Documents as a DataFrame; filters are DocumentFilter fields (source, since, ...)."""
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
        """Events as a DataFrame; filters are EventFilter fields (since, country, type, ...)."""
        frame = query_events(self.store, EventFilter(**filters), limit=limit)
        return pa.Table.from_pandas(frame, preserve_index=False) if as_arrow else frame

    def code(self, *, analyze: bool = True) -> ProcessSummary:
        """Code every uncoded document, then (by default) update signals, alerts and stories."""
        return process_new(self.store, self.settings, analyze=analyze)

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
