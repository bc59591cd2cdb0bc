"""The embedded DuckDB store: schema migrations, transactions, typed writes and Parquet."""

from watchfloor.store.database import Store

__all__ = ["Store"]
