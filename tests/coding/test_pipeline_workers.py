"""Coding in worker processes (``n_process`` > 1) gives what one process gives, in order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.records import Document

TEXTS = [
    "Rebels attacked an army post near the town on Monday.",
    "The foreign minister met his counterpart and signed a trade agreement.",
    "Police arrested twelve protesters outside parliament.",
    "It rained all afternoon.",
    "Protesters demanded the release of detained journalists.",
    "The government accused the opposition of plotting a coup.",
    "Troops shelled villages in the north, killing three civilians.",
    "The two countries agreed to resume talks next week.",
]


@pytest.fixture(scope="module")
def minimal(coder: Coder) -> Iterator[Coder]:
    """A coder that shares the session's spaCy model and runs the typing stages only."""
    stages = [s for s in coder.stages if s.name in ("sentences", "events", "confidence")]
    stages.append(next(s for s in coder.stages if s.name == "assemble"))
    one = Coder(coder.nlp, stages, batch_size=3, n_process=1)
    yield one
    one.close()


def _documents() -> list[Document]:
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS * 3)]


def test_two_workers_return_the_single_process_results_in_input_order(minimal: Coder) -> None:
    alone = list(minimal.code_documents(_documents()))
    workers = Coder(minimal.nlp, minimal.stages, batch_size=3, n_process=2)
    try:
        together = list(workers.code_documents(iter(_documents())))
    finally:
        workers.close()
    assert [c.document_id for c in together] == [d.id for d in _documents()]
    assert together == alone
    assert sum(len(c.events) for c in together) > 0


def test_workers_stay_up_between_calls_and_close_stops_them(minimal: Coder) -> None:
    workers = Coder(minimal.nlp, minimal.stages, batch_size=3, n_process=2)
    try:
        first = list(workers.code_documents(_documents()[:2]))
        pool = workers.pool()
        second = list(workers.code_documents(_documents()[2:4]))
        assert workers.pool() is pool
        assert [c.document_id for c in first + second] == ["d0", "d1", "d2", "d3"]
        assert list(workers.code_documents([])) == []
    finally:
        workers.close()
    assert workers._pool is None


def test_batched_stages_match_one_document_at_a_time(minimal: Coder) -> None:
    docs = _documents()
    batched = list(minimal.code_documents(docs))
    single = [next(minimal.code_documents([d])) for d in docs]
    assert batched == single
