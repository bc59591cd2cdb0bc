"""The runner codes pending documents of a real (temp) DuckDB store, incrementally."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.store.test_event_rows import stored_form
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.prior import CollectionPrior
from watchfloor.coding.runner import code_pending, load_document, pending_count, recode_all
from watchfloor.coding.work import WorkDoc
from watchfloor.daterange import DateRange
from watchfloor.store import Store
from watchfloor.store.documents import clear_code_failures, failed_documents
from watchfloor.store.events import EventFilter, read_events

TEXTS = {
    "d1": "Rebels attacked an army base near the border. Police arrested 12 protesters.",
    "d2": "The foreign minister met his Turkish counterpart in Ankara on Tuesday.",
    "d3": "Weather was mild.",
}


def add_documents(store: Store, texts: dict[str, str], canonical: str | None = None) -> None:
    for doc_id, text in texts.items():
        store.con.execute(
            "INSERT INTO documents (id, text, content_hash, published, canonical_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [doc_id, text, doc_id, dt.datetime(2024, 3, 4), canonical],
        )


def counts(store: Store) -> tuple[int, int]:
    events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    sentences = store.con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    return events, sentences


def test_code_pending_writes_events_and_marks_documents(store: Store, coder: Coder) -> None:
    add_documents(store, TEXTS)
    progress: list[tuple[int, int]] = []
    summary = code_pending(
        store, coder, batch_size=2, on_progress=lambda d, t: progress.append((d, t))
    )
    assert summary.documents == 3 and summary.events >= 3
    assert progress[-1] == (3, 3) and len(progress) == 2
    assert pending_count(store) == 0
    versions = store.con.execute("SELECT DISTINCT coder_version FROM documents").fetchall()
    assert versions == [(coder.version,)]


def test_duplicates_are_not_coded(store: Store, coder: Coder) -> None:
    add_documents(store, {"copy": TEXTS["d1"]}, canonical="d1")
    assert code_pending(store, coder).documents == 0


def test_recoding_is_idempotent(store: Store, coder: Coder) -> None:
    add_documents(store, TEXTS)
    code_pending(store, coder)
    first = counts(store)
    ids = store.con.execute("SELECT id FROM events ORDER BY id").fetchall()
    assert code_pending(store, coder).documents == 0
    summary = recode_all(store, coder)
    assert summary.documents == 3
    assert counts(store) == first
    assert store.con.execute("SELECT id FROM events ORDER BY id").fetchall() == ids


def test_coding_leans_on_what_the_stores_events_say(store: Store, coder: Coder) -> None:
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1, source_text,"
        " source_sector) VALUES (?, 'watchfloor', ?, 'SYR', 'Idlib', 'regime forces', 'MIL')",
        [(f"old{i}", f"old{i}") for i in range(60)],
    )
    add_documents(store, {"new": "Regime forces shelled the village of Qurmuzat al-Wusta."})
    try:
        code_pending(store, coder)
    finally:
        coder.use_prior(CollectionPrior())  # the session's coder is shared
    row = store.con.execute(
        "SELECT source_country, place_country FROM events WHERE document_id = 'new'"
    ).fetchone()
    assert row == ("SYR", "SYR")


def test_an_idle_run_does_not_relearn_the_prior(store: Store, coder: Coder) -> None:
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1, source_text,"
        " source_sector) VALUES (?, 'watchfloor', ?, 'SYR', 'Idlib', 'regime forces', 'MIL')",
        [(f"old{i}", f"old{i}") for i in range(60)],
    )
    try:
        assert code_pending(store, coder).documents == 0
        assert not coder.prior  # nothing pending: the store was not read
        add_documents(store, {"new": "Regime forces shelled a village."})
        code_pending(store, coder)
        assert coder.prior.countries == {"SYR": 1.0}
    finally:
        coder.use_prior(CollectionPrior())  # the session's coder is shared


class BreaksOn:
    """A stage that fails on documents whose text holds ``marker`` (a stage's bug, say)."""

    name = "breaks"
    reads: tuple[str, ...] = ("document",)
    writes: tuple[str, ...] = ()

    def __init__(self, marker: str, error: Exception) -> None:
        self.marker = marker
        self.error = error

    def __call__(self, work: WorkDoc) -> None:
        if self.marker in work.document.text:
            raise self.error


@pytest.mark.parametrize(
    "error", [OverflowError("date value out of range"), KeyError("x"), ValueError("bad")]
)
def test_a_document_that_cannot_be_coded_is_marked_failed_and_the_rest_are_coded(
    store: Store, coder: Coder, error: Exception
) -> None:
    breaking = Coder(coder.nlp, [*coder.stages, BreaksOn("Ankara", error)])
    add_documents(store, TEXTS)
    summary = code_pending(store, breaking, batch_size=8)
    assert (summary.documents, summary.failed) == (2, 1)
    assert summary.failures[0][0] == "d2" and type(error).__name__ in summary.failures[0][1]
    assert [r["id"] for r in failed_documents(store)] == ["d2"]
    coded = store.con.execute("SELECT id FROM documents WHERE coded_at IS NOT NULL ORDER BY id")
    assert coded.fetchall() == [("d1",), ("d3",)]
    # not retried on every run
    assert pending_count(store) == 0 and code_pending(store, breaking).failed == 0
    # retried on request: the working coder codes it and clears the mark
    assert clear_code_failures(store) == 1
    assert code_pending(store, coder).documents == 1
    assert failed_documents(store) == [] and pending_count(store) == 0


@pytest.mark.parametrize(
    ("published", "text"),
    [
        (dt.datetime(1, 1, 1), "Gunmen killed two police officers in Kirkuk yesterday."),
        (dt.datetime(1, 1, 1), "Gunmen killed two police officers in Kirkuk on Sunday."),
        (dt.datetime(9999, 12, 31), "Gunmen killed two police officers in Kirkuk on 1 January."),
        (dt.datetime(9999, 12, 31), "Gunmen killed two police officers in Kirkuk on Sunday."),
        (dt.datetime(1899, 12, 31), "Gunmen killed two police officers in Kirkuk today."),
    ],
)
def test_a_document_published_at_the_calendar_end_is_coded_with_undated_events(
    store: Store, coder: Coder, published: dt.datetime, text: str
) -> None:
    store.con.execute(
        "INSERT INTO documents (id, text, content_hash, published) VALUES ('edge', ?, 'h', ?)",
        [text, published],
    )
    summary = code_pending(store, coder)
    assert (summary.documents, summary.failed) == (1, 0) and summary.events >= 1
    dates = store.con.execute("SELECT DISTINCT date FROM events").fetchall()
    assert dates == [(None,)]


def test_an_event_date_outside_the_accepted_range_is_not_stored(store: Store, coder: Coder) -> None:
    add_documents(store, {"d": "Rebels attacked an army base near the border yesterday."})
    narrow = DateRange(dt.date(2025, 1, 1), dt.date(2025, 12, 31))  # 2024-03-03 lies before
    code_pending(store, coder, accepted=narrow)
    dates = store.con.execute("SELECT DISTINCT date FROM events").fetchall()
    assert dates == [(None,)]


def test_coded_events_read_back_as_the_coder_made_them(store: Store, coder: Coder) -> None:
    texts = {
        "w": "Rebels attacked an army base near Idlib on Tuesday, killing four soldiers.",
        "p": "Police arrested 12 protesters in Baghdad yesterday, a spokesman said.",
    }
    add_documents(store, texts)
    made = {
        e.id: stored_form(e)
        for c in coder.code_documents([load_document(store, d) for d in texts])
        for e in c.events
    }
    code_pending(store, coder)
    assert {e.id: e for e in read_events(store)} == made and len(made) >= 2
    only_p = [e.id for e in read_events(store, EventFilter(document_id="p"))]
    assert sorted(only_p) == sorted(i for i, e in made.items() if e.evidence.document_id == "p")


LANGUAGE_TEXTS = {
    "en-1": ("en", "Rebels attacked an army base near Kirkuk on Monday, killing two soldiers."),
    "ar-1": ("ar", "قتل ثلاثة من عناصر الشرطة في هجوم شنه مسلحون على نقطة تفتيش قرب كركوك."),
    "fr-1": ("fr", "Des hommes armés ont attaqué un poste de gendarmerie près de Kandi."),
    "fr-2": ("fr", "Des manifestants ont bloqué la route nationale près de Bamako."),
    "sw-1": ("sw", "Watu watatu waliuawa katika shambulio karibu na Mombasa."),
}


def add_in_languages(store: Store) -> None:
    for doc_id, (language, text) in LANGUAGE_TEXTS.items():
        store.con.execute(
            "INSERT INTO documents (id, text, content_hash, published, language) "
            "VALUES (?, ?, ?, ?, ?)",
            [doc_id, text, doc_id, dt.datetime(2024, 3, 4), language],
        )


def test_unread_languages_are_counted_marked_coded_and_not_taken_again(
    store: Store, coder: Coder
) -> None:
    add_in_languages(store)
    summary = code_pending(store, coder, batch_size=2)
    assert summary.documents == 5 and summary.failed == 0
    assert summary.not_read == 3
    assert summary.not_read_languages == (("fr", 2), ("sw", 1))
    assert pending_count(store) == 0
    by_doc = dict(
        store.con.execute("SELECT document_id, count(*) FROM events GROUP BY ALL").fetchall()
    )
    assert by_doc.get("en-1", 0) >= 1 and by_doc.get("ar-1", 0) >= 1
    assert not {"fr-1", "fr-2", "sw-1"} & set(by_doc)
    again = code_pending(store, coder)
    assert (again.documents, again.not_read) == (0, 0)


@pytest.mark.parametrize(
    ("language", "read"),
    [("en", True), (None, True), ("ar", True), ("fa", True), ("fr", False), ("ur", False)],
)
def test_language_is_read_follows_the_coder(language: str | None, read: bool) -> None:
    from watchfloor.coding.runner import language_is_read

    assert language_is_read(language) is read
