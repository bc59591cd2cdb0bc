"""Write a coding result: sentences, events and the coded mark of a batch of documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from watchfloor.store.database import Store
from watchfloor.store.documents import mark_coded
from watchfloor.store.events import replace_event_rows


def write_coded_rows(
    store: Store,
    document_ids: Sequence[str],
    sentence_rows: Sequence[tuple[Any, ...]],
    event_rows: Sequence[tuple[Any, ...]],
    coder_version: str,
) -> int:
    """Replace sentences and events of these documents and mark them coded, in one transaction.

    Rows are already flattened (sentences: document_id, index, start, end,
    text; events in EVENT_COLUMNS order), e.g. results sent back by Dask workers."""
    ids = list(document_ids)
    with store.transaction() as con:
        con.execute(
            "DELETE FROM sentences WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        if sentence_rows:
            con.executemany(
                "INSERT INTO sentences (document_id, sentence_index, char_start, char_end, text)"
                " VALUES (?, ?, ?, ?, ?)",
                list(sentence_rows),
            )
        written = replace_event_rows(store, ids, event_rows)
        mark_coded(store, ids, coder_version)
    return written
