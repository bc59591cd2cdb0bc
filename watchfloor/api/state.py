"""The app's hold on the database: one read-write connection, a cursor per request, one writer."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from watchfloor.settings import Settings
from watchfloor.store.database import Store


class CursorStore(Store):
    """A Store view over a fresh cursor of another Store's connection (for one request).

    Cursors share the database but not transaction state, so concurrent requests in the
    thread pool never step on each other's connection.
    """

    def __init__(self, parent: Store) -> None:  # noqa: D107 - no migration: parent did it
        self.path = parent.path
        self.con = parent.con.cursor()
        self._depth = 0


class ApiState:
    """Shared by every request: the store, a write lock, and the settings."""

    def __init__(self, settings: Settings, store: Store, *, owns_store: bool) -> None:
        self.settings = settings
        self.store = store
        self.owns_store = owns_store
        self.write_lock = threading.Lock()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A per-request read view of the store."""
        view = CursorStore(self.store)
        try:
            yield view
        finally:
            view.con.close()

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """A store view held under the write lock: writes from the API never overlap."""
        with self.write_lock, self.reader() as view:
            yield view

    def close(self) -> None:
        if self.owns_store:
            self.store.close()


def table_exists(store: Store, name: str) -> bool:
    """Whether a table of that name exists in the main schema (other layers add theirs)."""
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_name = ?",
        [name],
    ).fetchone()
    return bool(row and row[0])
