"""X/Twitter: account archives and API v1.1 / v2 dumps, from files we wrote in each layout."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.ingest.social.conftest import (
    DATA,
    by_first_post,
    documents,
    failures,
    post_texts,
    read,
    warnings,
)
from watchfloor.ingest.social.twitter import _created

ARCHIVE = DATA / "x_archive"
DUMPS = DATA / "x_dumps"


def test_archive_thread_is_one_document_and_parts_are_read_together() -> None:
    items = read(ARCHIVE)
    docs = by_first_post(documents(items))
    assert failures(items) == [] and warnings(items) == []  # like.js, account.js: not posts
    assert len(docs) == 5  # 7 tweets in tweets.js and tweets-part1.js; a thread of 3
    thread = docs["1768000000000000001"]
    assert [p["id"][-1] for p in thread.metadata["posts"]] == ["1", "2", "3"]
    assert post_texts(thread)[2] == "3/ Aid groups say the road to the hospital is cut."
    assert thread.source == "@sudan_monitor"
    assert thread.url == "https://x.com/sudan_monitor/status/1768000000000000001"
    assert thread.published == dt.datetime(2024, 3, 13, 8, 15, 1)
    assert thread.metadata["posts"][1]["links"] == [
        {"text": "https://t.co/abc123", "href": "https://example.org/sudan/omdurman"}
    ]
    assert "1769000000000000001" in docs  # from tweets-part1.js


def test_archive_retweet_keeps_its_origin_and_arabic_its_language() -> None:
    docs = by_first_post(documents(read(ARCHIVE / "data" / "tweets.js")))
    retweet = docs["1768000000000000011"]
    assert retweet.text.startswith("Thousands displaced from El Fasher")
    assert retweet.metadata["origins"][0]["source"] == "@darfur24"
    arabic = docs["1768000000000000010"]
    assert arabic.language == "ar" and "الفاشر" in arabic.text
    reply_to_other = docs["1768000000000000012"]
    assert len(reply_to_other.metadata["posts"]) == 1


def test_archive_without_account_file_says_whose_it_assumes(tmp_path: Path) -> None:
    shutil.copy(ARCHIVE / "data" / "tweets.js", tmp_path / "tweets.js")
    items = read(tmp_path / "tweets.js", source="@sudan_monitor")
    assert {d.source for d in documents(items)} == {"@sudan_monitor"}
    (warning,) = warnings(items)
    assert "no readable account.js" in warning and "'@sudan_monitor'" in warning


def test_archive_parts_that_hold_no_posts_are_refused_when_named() -> None:
    (failure,) = failures(read(ARCHIVE / "data" / "like.js"))
    assert "part 'like' holds no posts" in failure


def test_truncated_archive_is_a_failure(tmp_path: Path) -> None:
    cut = tmp_path / "tweets.js"
    cut.write_bytes((ARCHIVE / "data" / "tweets.js").read_bytes()[:700])
    (failure,) = failures(read(cut))
    assert failure.startswith(f"{cut}: X archive data is not valid JSON (truncated?)")


def test_v1_dump_reads_extended_text_threads_retweets_and_names_the_bad_line() -> None:
    items = read(DUMPS / "v1_search.jsonl")
    docs = by_first_post(documents(items))
    gaza = docs["1713800000000000001"]
    assert gaza.source == "@gaza_desk"
    assert post_texts(gaza) == [
        "Airstrike hits residential block in Khan Younis, civil defence says 12 killed. "
        "Rescue work goes on in the rubble tonight.",
        "Civil defence now says 15 killed in Khan Younis.",
    ]
    retweet = docs["1713800000000000003"]
    assert retweet.source == "@beirut_live" and retweet.text == post_texts(gaza)[0]
    assert retweet.metadata["origins"][0]["source"] == "@gaza_desk"
    assert docs["1713800000000000004"].language == "ar"
    (failure,) = failures(items)
    assert failure.startswith(f"{DUMPS / 'v1_search.jsonl'}:5: invalid JSON")


def test_v2_pages_use_includes_for_authors_and_retweeted_text() -> None:
    docs = by_first_post(documents(read(DUMPS / "v2_pages.jsonl")))
    assert len(docs["1790000000000000001"].metadata["posts"]) == 2
    assert docs["1790000000000000001"].source == "@dhaka_reporter"
    retweet = docs["1790000000000000003"]
    assert retweet.text.endswith("Authorities cite security reasons.")  # full text, not RT cut
    assert retweet.metadata["origins"][0]["source"] == "@bd_wire"
    assert docs["1790000000000000004"].language == "bn"
    assert docs["1790000000000000004"].published == dt.datetime(2024, 7, 20, 18, 0)


def test_twarc2_flattened_lines_thread_across_languages() -> None:
    items = read(DUMPS / "twarc2_flat.jsonl")
    docs = by_first_post(documents(items))
    thread = docs["1800000000000000001"]
    assert [p["language"] for p in thread.metadata["posts"]] == ["en", "fr"]
    assert thread.language is None  # the posts disagree
    retweet = docs["1800000000000000003"]
    assert retweet.source == "@westafrica_watch"
    assert retweet.metadata["origins"][0]["source"] == "@sahel_news"
    assert warnings(items) == [
        f"{DUMPS / 'twarc2_flat.jsonl'}: 1 tweet(s) without text (media only) skipped"
    ]


def test_our_own_jsonl_is_not_taken_for_tweets(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text('{"id": "r1", "text": "Troops moved.", "source": "wire"}\n', "utf-8")
    (doc,) = documents(read(path))
    assert doc.id == "r1" and "platform" not in doc.metadata


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Wed Mar 13 08:15:01 +0000 2024", dt.datetime(2024, 3, 13, 8, 15, 1)),
        ("Wed Mar 13 08:15:01 +0300 2024", dt.datetime(2024, 3, 13, 5, 15, 1)),
        ("2024-07-20T05:10:00.000Z", dt.datetime(2024, 7, 20, 5, 10)),
        (None, None),
    ],
)
def test_tweet_times_in_both_api_forms(value: str | None, expected: dt.datetime | None) -> None:
    assert _created(value) == expected


def test_an_older_archive_named_tweet_js_is_read_with_its_parts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    body = (ARCHIVE / "data" / "tweets.js").read_text(encoding="utf-8")
    (data / "tweet.js").write_text(body.replace("window.YTD.tweets.", "window.YTD.tweet."), "utf-8")
    part = (ARCHIVE / "data" / "tweets-part1.js").read_text(encoding="utf-8")
    (data / "tweet-part1.js").write_text(part.replace("YTD.tweets.", "YTD.tweet."), "utf-8")
    shutil.copy(ARCHIVE / "data" / "account.js", data / "account.js")
    items = read(tmp_path)
    assert failures(items) == [] and len(documents(items)) == 5


def test_a_raw_v2_page_longer_than_the_sniffed_head_is_still_read(tmp_path: Path) -> None:
    tweets = [
        {
            "id": str(1900000000000000000 + n),
            "text": f"Report {n}: " + "clashes continue near the border crossing. " * 10,
            "author_id": "77",
            "created_at": "2024-08-01T10:00:00.000Z",
        }
        for n in range(300)
    ]
    page = {"data": tweets, "includes": {"users": [{"id": "77", "username": "border_watch"}]}}
    path = tmp_path / "search.jsonl"
    path.write_text(json.dumps(page) + "\n", encoding="utf-8")
    assert path.stat().st_size > 65_536
    docs = documents(read(path))
    assert len(docs) == 300 and {d.source for d in docs} == {"@border_watch"}


@pytest.mark.parametrize(
    "line",
    [
        {"id": "t1", "text": "Troops moved.", "author_id": "9", "published": "2024-03-01"},
        {"id": "t1", "text": "Troops moved.", "author_id": "9", "title": "Moves"},
        {"id": "t1", "text": "Troops moved.", "author_id": "9", "source": "wire"},
    ],
    ids=["published", "title", "no-created-at"],
)
def test_our_jsonl_keeping_a_tweets_author_id_stays_ours(
    tmp_path: Path, line: dict[str, str]
) -> None:
    path = tmp_path / "converted.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (doc,) = documents(read(path))
    assert doc.id == "t1" and "platform" not in doc.metadata
