"""Shape of the bundled demo corpus: enough reports, outlets, days, and a burst in Syunik."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest

from watchfloor.demo import corpus_path, iter_demo_documents

BURST_START = dt.datetime(2026, 9, 14, 0, 0, tzinfo=dt.UTC)
BURST_END = BURST_START + dt.timedelta(hours=30)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    with corpus_path().open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_corpus_has_at_least_150_reports(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 150


def test_every_report_has_the_documented_fields(rows: list[dict[str, Any]]) -> None:
    fields = {"id", "url", "title", "text", "published", "source", "language"}
    for row in rows:
        assert set(row) == fields, row["id"]
        assert row["language"] == "en"
        assert row["url"].startswith("https://") and ".example/" in row["url"]
        assert all(isinstance(row[f], str) and row[f].strip() for f in fields)


def test_ids_and_urls_are_unique(rows: list[dict[str, Any]]) -> None:
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["url"] for r in rows}) == len(rows)


def test_reports_come_from_at_least_six_outlets(rows: list[dict[str, Any]]) -> None:
    counts = Counter(r["source"] for r in rows)
    assert len(counts) >= 6
    assert min(counts.values()) >= 10


def test_dates_are_valid_and_span_about_sixty_days(rows: list[dict[str, Any]]) -> None:
    published = [dt.datetime.fromisoformat(r["published"]) for r in rows]
    assert all(p.tzinfo is not None for p in published)
    span = max(published) - min(published)
    assert 55 <= span.days <= 65
    days = {p.date() for p in published}
    assert len(days) >= 58  # background every day


def test_texts_have_two_to_six_sentences(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sentences = [s for s in row["text"].replace("? ", ". ").split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 6, row["id"]


def test_burst_window_holds_at_least_seven_syunik_reports(rows: list[dict[str, Any]]) -> None:
    burst = [
        r
        for r in rows
        if BURST_START <= dt.datetime.fromisoformat(r["published"]) < BURST_END
        and ("Kapan" in r["text"] or "Goris" in r["text"] or "Syunik" in r["text"])
    ]
    assert len(burst) >= 7
    assert len({r["source"] for r in burst}) >= 4


def test_burst_area_has_two_weeks_of_baseline_before_the_burst(
    rows: list[dict[str, Any]],
) -> None:
    before = {
        dt.datetime.fromisoformat(r["published"]).date()
        for r in rows
        if dt.datetime.fromisoformat(r["published"]) < BURST_START
        and ("Kapan" in r["text"] or "Goris" in r["text"])
    }
    assert len(before) >= 14
    assert min(before) <= BURST_START.date() - dt.timedelta(days=28)


def shingles(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def close_pairs(rows: list[dict[str, Any]], limit: float) -> list[tuple[str, str, float]]:
    sets = [(r, shingles(r["text"])) for r in rows]
    return [
        (a["id"], b["id"], len(sa & sb) / len(sa | sb))
        for i, (a, sa) in enumerate(sets)
        for b, sb in sets[i + 1 :]
        if len(sa & sb) / len(sa | sb) >= limit
    ]


def test_syndicated_copies_are_near_duplicates_from_other_outlets(
    rows: list[dict[str, Any]],
) -> None:
    by_id = {r["id"]: r for r in rows}
    pairs = close_pairs(rows, 0.8)
    groups = {a for a, _, _ in pairs}
    assert len(groups) >= 5
    for a, b, similarity in pairs:
        assert by_id[a]["source"] != by_id[b]["source"]
        assert by_id[a]["text"] != by_id[b]["text"], "copies carry small edits"
        assert by_id[a]["published"][:10] == by_id[b]["published"][:10]
        assert similarity < 1.0


def test_only_syndicated_copies_look_alike(rows: list[dict[str, Any]]) -> None:
    # Everything above 0.6 must be one of the hand-written syndicated stories (same day,
    # different outlet); template reports stay well below the 0.8 near-duplicate threshold.
    by_id = {r["id"]: r for r in rows}
    for a, b, _ in close_pairs(rows, 0.6):
        assert by_id[a]["published"][:10] == by_id[b]["published"][:10], (a, b)


def test_documents_load_with_timezone_aware_dates() -> None:
    docs = list(iter_demo_documents())
    assert docs[0].id == "wf-demo-0001"
    assert all(d.published is not None and d.published.tzinfo is not None for d in docs)
    assert [d.published for d in docs] == sorted(d.published for d in docs if d.published)
