"""`watch`: feeds polled on a schedule; seen items are not taken (or fetched) again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.conftest import LocalServer
from watchfloor.errors import InputError
from watchfloor.ingest.watch import CycleReport, parse_every, read_feed_list, watch
from watchfloor.settings import Settings
from watchfloor.store import Store


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900.0), ("30s", 30.0), ("2h", 7200.0), ("1d", 86400.0), ("90", 90.0), ("1.5m", 90.0)],
)
def test_every_accepts_durations(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "-5m", "15 minutes", "m"])
def test_every_rejects_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="--every"):
        parse_every(text)


def test_feed_list_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# wires\nhttp://a.example/rss\n\n  http://b.example/atom  \n")
    assert read_feed_list(path) == ["http://a.example/rss", "http://b.example/atom"]


def test_two_cycles_take_new_items_once_and_report_bad_feeds(
    http_server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        "\n".join(
            http_server.url(p)
            for p in ("/feed.rss", "/feed.atom", "/not-a-feed.xml", "/no-feed-here")
        )
    )
    reports: list[CycleReport] = []
    page_requests: list[int] = []
    sleeps: list[float] = []

    def on_cycle(store: Store, report: CycleReport) -> None:
        reports.append(report)
        page_requests.append(http_server.requests.count("/story-1"))

    db = tmp_path / "watch.duckdb"
    cycles = watch(
        lambda: Store(db),
        settings,
        feeds,
        every=60,
        max_cycles=2,
        allow_private=True,
        on_cycle=on_cycle,
        sleep=sleeps.append,
    )
    assert cycles == 2 and len(sleeps) == 1 and 0 < sleeps[0] <= 60
    first, second = reports
    status = {p.feed.rsplit("/", 1)[1]: (p.status, p.new_items) for p in first.polls}
    assert status == {
        "feed.rss": ("ok", 3),
        "feed.atom": ("ok", 1),
        "not-a-feed.xml": ("error", 0),
        "no-feed-here": ("error", 0),
    }
    assert first.summary.new == 4
    # A feed that cannot be read is counted as failed in the cycle's summary, named.
    assert first.summary.failed == 2
    assert [f.origin.input.rsplit("/", 1)[1] for f in first.summary.failures] == [
        "not-a-feed.xml",
        "no-feed-here",
    ]
    assert [p.new_items for p in second.polls] == [0, 0, 0, 0]
    assert second.summary.read == 0
    assert page_requests[1] == page_requests[0]  # the page is not fetched again in cycle 2
    with Store(db) as store:
        seen = store.con.execute("SELECT count(*) FROM feed_items").fetchone()
        errors = store.con.execute(
            "SELECT last_error FROM feeds WHERE last_status = 'error' ORDER BY url"
        ).fetchall()
    assert seen == (4,)
    assert "404" in errors[0][0] and "not an RSS or Atom feed" in errors[1][0]


def test_unchanged_feed_answers_not_modified_on_the_next_cycle(
    http_server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(http_server.url("/etag.atom") + "\n")
    reports: list[CycleReport] = []
    db = tmp_path / "etag.duckdb"
    watch(
        lambda: Store(db),
        settings,
        feeds,
        every=1,
        max_cycles=2,
        allow_private=True,
        on_cycle=lambda store, report: reports.append(report),
        sleep=lambda s: None,
    )
    assert [(p.status, p.new_items) for r in reports for p in r.polls] == [
        ("ok", 1),
        ("not modified", 0),
    ]
