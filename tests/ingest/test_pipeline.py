"""Ingest runs: idempotent re-ingest, exact duplicates skipped, near-copies linked."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.conftest import STORY_ONE, STORY_TWO, LocalServer
from watchfloor.ingest.pipeline import Ingestor
from watchfloor.settings import Settings
from watchfloor.store import Store

SYNDICATED = STORY_ONE.replace("local officials said", "officials told reporters")


def _jsonl(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _counts(store: Store) -> tuple[int, int, int]:
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM document_sources), "
        "(SELECT count(*) FROM sources)"
    ).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def test_reingesting_the_same_input_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "r1", "text": STORY_ONE, "source": "wire"},
            {"text": STORY_TWO, "source": "wire", "published": "2024-03-01"},
        ],
    )
    first = Ingestor(store, Settings()).ingest([path])
    before = _counts(store)
    second = Ingestor(store, Settings()).ingest([path])
    assert (first.new, first.duplicates) == (2, 0)
    assert (second.read, second.new, second.duplicates, second.near_duplicates) == (2, 0, 2, 0)
    assert _counts(store) == before == (2, 2, 1)


def test_same_text_same_source_under_a_new_id_is_an_exact_duplicate(
    store: Store, tmp_path: Path
) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "x1", "text": STORY_ONE, "source": "wire"},
            {"id": "x2", "text": STORY_ONE + "  ", "source": "wire"},
        ],
    )
    summary = Ingestor(store, Settings()).ingest([path])
    assert (summary.new, summary.duplicates) == (1, 1)


def test_syndicated_copy_is_linked_to_its_canonical_within_a_batch(
    store: Store, tmp_path: Path
) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "orig", "text": STORY_ONE, "source": "wire", "url": "http://wire/1"},
            {"id": "copy", "text": SYNDICATED, "source": "daily", "url": "http://daily/9"},
            {"id": "other", "text": STORY_TWO, "source": "daily"},
        ],
    )
    summary = Ingestor(store, Settings(dedup_threshold=0.5)).ingest([path])
    assert (summary.new, summary.near_duplicates) == (2, 1)
    assert summary.near_duplicate_ids == ("copy",)
    canonical, similarity = store.con.execute(
        "SELECT canonical_id, similarity FROM documents WHERE id = 'copy'"
    ).fetchone()
    assert canonical == "orig" and 0.5 <= similarity < 1.0
    carriers = store.con.execute(
        "SELECT carrier_id, source, url FROM document_sources WHERE document_id = 'orig' "
        "ORDER BY carrier_id"
    ).fetchall()
    assert carriers == [("copy", "daily", "http://daily/9"), ("orig", "wire", "http://wire/1")]


def test_near_copy_is_found_against_documents_of_an_earlier_run(
    store: Store, tmp_path: Path
) -> None:
    Ingestor(store, Settings(dedup_threshold=0.5)).ingest(
        [_jsonl(tmp_path / "a.jsonl", [{"id": "orig", "text": STORY_ONE, "source": "wire"}])]
    )
    later = Ingestor(store, Settings(dedup_threshold=0.5))
    assert len(later.index) == 1  # rebuilt from documents.minhash
    summary = later.ingest(
        [_jsonl(tmp_path / "b.jsonl", [{"id": "copy", "text": STORY_ONE, "source": "daily"}])]
    )
    assert summary.near_duplicates == 1
    row = store.con.execute("SELECT canonical_id, similarity FROM documents WHERE id = 'copy'")
    assert row.fetchone() == ("orig", 1.0)


def test_different_stories_are_not_linked(store: Store, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "text": STORY_ONE, "source": "s1"},
            {"id": "b", "text": STORY_TWO, "source": "s2"},
        ],
    )
    summary = Ingestor(store, Settings()).ingest([path])
    assert (summary.new, summary.near_duplicates) == (2, 0)


def test_batches_are_written_whole_and_failures_do_not_stop_the_run(
    store: Store, tmp_path: Path
) -> None:
    records: list[dict[str, object]] = [
        {"id": f"d{i}", "text": f"Report number {i} about event {i * 7} in district {i % 5}."}
        for i in range(25)
    ]
    path = tmp_path / "a.jsonl"
    _jsonl(path, records)
    with path.open("a") as handle:
        handle.write("{oops\n")
    summary = Ingestor(store, Settings(), batch_size=10).ingest([path, str(tmp_path / "gone")])
    assert (summary.new, summary.failed) == (25, 2)
    assert [f.origin.line for f in summary.failures] == [26, None]


def test_pages_and_feeds_are_stored_with_allow_private(
    store: Store, http_server: LocalServer, settings: Settings
) -> None:
    summary = Ingestor(store, settings).ingest(
        [http_server.url("/feed.rss"), http_server.url("/story-2")], allow_private=True
    )
    # story-2 arrives twice from one source (feed item and page): stored once.
    assert (summary.new, summary.duplicates) == (3, 1)
    refused = Ingestor(store, settings).ingest([http_server.url("/story-1")])
    assert refused.failed == 1 and "loopback" in refused.failures[0].message


def test_dateline_prefixed_copy_is_linked_at_the_default_threshold(
    store: Store, tmp_path: Path
) -> None:
    # Estimated Jaccard of this pair is about 0.87: above 0.8, but close enough that an
    # LSH tuned for balanced errors would often miss it.
    copy = "MAARAT AL-NUMAN, Syria (Daily) - " + STORY_ONE
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "orig", "text": STORY_ONE, "source": "wire"},
            {"id": "copy", "text": copy, "source": "daily"},
        ],
    )
    summary = Ingestor(store, Settings()).ingest([path])
    assert summary.near_duplicate_ids == ("copy",)


def test_lone_surrogates_and_nul_are_replaced_not_fatal(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "weird.jsonl"
    path.write_text(
        '{"id": "s", "text": "bad \\ud800 half", "note": "x\\udfff"}\n'
        '{"id": "n", "text": "nul \\u0000 inside"}\n'
        '{"id": "ok", "text": "fine"}\n',
        encoding="utf-8",
    )
    summary = Ingestor(store, Settings()).ingest([path])
    assert (summary.new, summary.failed, len(summary.warnings)) == (3, 0, 2)
    rows = dict(store.con.execute("SELECT id, text FROM documents").fetchall())
    assert rows == {"s": "bad \ufffd half", "n": "nul inside", "ok": "fine"}
