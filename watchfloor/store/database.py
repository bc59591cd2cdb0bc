"""Open a DuckDB database, apply migrations, and run writes in transactions."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import TracebackType

import duckdb

from watchfloor.errors import StoreError

MIGRATIONS_PACKAGE = "watchfloor.store.migrations"


def _migration_scripts() -> list[tuple[str, str]]:
    """All bundled migrations as (name, sql), in name order."""
    folder = resources.files(MIGRATIONS_PACKAGE)
    scripts = [
        (entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(scripts)


class Store:
    """A watchfloor database: one DuckDB connection, migrated on open.

    Use ``with store.transaction():`` around every batch of writes: the batch lands
    whole or not at all.
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._depth = 0
        if not read_only:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the database file stays consistent."""
        self.con.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run the block in one transaction; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._depth = 0

    def applied_migrations(self) -> list[str]:
        """Names of the migrations already applied, oldest first."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        rows = self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [row[0] for row in rows]

    def migrate(self) -> list[str]:
        """Apply every bundled migration not yet applied; returns the names applied now."""
        done = set(self.applied_migrations())
        applied: list[str] = []
        for name, sql in _migration_scripts():
            if name in done:
                continue
            try:
                with self.transaction() as con:
                    con.execute(sql)
                    con.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?)",
                        [name, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
                    )
            except duckdb.Error as exc:
                raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc
            applied.append(name)
        return applied

    @property
    def schema_version(self) -> str:
        """The newest applied migration name, e.g. ``0001_core``."""
        names = self.applied_migrations()
        return names[-1] if names else ""

    def tables(self) -> list[str]:
        """User tables in the main schema."""
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        return [row[0] for row in rows]
