"""Threads: an account replying to itself is one document; posts keep spans and times."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.ingest.social.posts import (
    Account,
    Post,
    documents_of,
    group_threads,
    headline,
    thread_roots,
)

T0 = dt.datetime(2024, 3, 1, 8, 0)
ACCOUNT = Account("x", "@desk", "42")


def _post(key: str, author: str = "a", reply: str | None = None, **kw: object) -> Post:
    minutes = int(key) if key.isdigit() else 0
    return Post(key, f"post {key}", author, T0 + dt.timedelta(minutes=minutes), reply, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("posts", "expected"),
    [
        ([_post("1"), _post("2", reply="1"), _post("3", reply="2")], [["1", "2", "3"]]),
        ([_post("1"), _post("2", "b", reply="1")], [["1"], ["2"]]),
        (
            [_post("1"), _post("2", reply="1"), _post("3", "b", reply="2"), _post("4", reply="3")],
            [["1", "2"], ["3"], ["4"]],
        ),
        ([_post("2", reply="99")], [["2"]]),
        ([_post("1", reply="2"), _post("2", reply="1")], [["1", "2"]]),
        ([_post("1"), _post("2", reply="1", origin="@other")], [["1"], ["2"]]),
        ([_post("1"), _post("3", reply="1"), _post("2", reply="1")], [["1", "2", "3"]]),
    ],
    ids=["chain", "other-author", "broken-by-other", "parent-missing", "cycle", "forward", "fan"],
)
def test_threads_join_only_an_authors_replies_to_itself(
    posts: list[Post], expected: list[list[str]]
) -> None:
    assert [[p.key for p in t] for t in group_threads(posts)] == expected


def test_every_post_maps_to_a_root_in_its_own_set() -> None:
    posts = [_post("1"), _post("2", reply="1"), _post("5", "b")]
    assert thread_roots(posts) == {"1": "1", "2": "1", "5": "5"}


def test_thread_document_keeps_each_posts_span_time_and_edit() -> None:
    edited = T0 + dt.timedelta(hours=1)
    posts = [
        Post("1", "  First   line. ", "a", T0, url="https://x.com/desk/status/1"),
        Post("2", "Second\n\n\n\nline.", "a", T0 + dt.timedelta(minutes=5), "1", edited=edited),
    ]
    (doc,) = documents_of(posts, ACCOUNT)
    assert doc.text == "First line.\n\nSecond\n\nline."
    spans = [doc.text[p["start"] : p["end"]] for p in doc.metadata["posts"]]
    assert spans == ["First line.", "Second\n\nline."]
    assert [p["published"] for p in doc.metadata["posts"]] == [
        "2024-03-01T08:00:00",
        "2024-03-01T08:05:00",
    ]
    assert doc.metadata["posts"][1]["edited"] == "2024-03-01T09:00:00"
    assert doc.published == T0 and doc.url == "https://x.com/desk/status/1"
    assert doc.source == "@desk"


def test_repeated_and_empty_posts_are_left_out_and_ids_are_stable() -> None:
    posts = [_post("1"), _post("1"), Post("2", "   ", "a", T0)]
    first = list(documents_of(posts, ACCOUNT))
    again = list(documents_of(list(reversed(posts)), ACCOUNT))
    assert len(first) == 1 and first[0].text == "post 1"
    assert first[0].id == again[0].id and len(first[0].id) == 16


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["en", "en"], "en"), (["en", "fr"], None), (["ar", None], "ar"), ([None, None], None)],
)
def test_a_thread_has_a_language_only_when_its_posts_agree(
    languages: list[str | None], expected: str | None
) -> None:
    posts = [
        Post(str(n), f"text {n}", "a", T0, str(n - 1) if n else None, language=lang)
        for n, lang in enumerate(languages)
    ]
    (doc,) = documents_of(posts, ACCOUNT)
    assert doc.language == expected


def test_forward_origins_are_listed_once_each() -> None:
    posts = [
        Post("1", "Alert one", "a", T0, origin="Channel B", origin_url="https://t.me/b"),
        Post("2", "Alert two", "a", T0, origin="Channel B"),
    ]
    docs = list(documents_of(posts, ACCOUNT))
    assert [d.metadata["origins"] for d in docs] == [
        [{"source": "Channel B", "post": "1", "url": "https://t.me/b"}],
        [{"source": "Channel B", "post": "2"}],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short alert.", "Short alert."),
        ("Line one\nline two", "Line one"),
        ("word " * 30, "word " * 17 + "word…"),
        ("x" * 120, "x" * 90 + "…"),
        ("   ", None),
        ("قصف على معرة النعمان", "قصف على معرة النعمان"),
    ],
)
def test_a_threads_title_is_the_first_line_of_its_first_post(
    text: str, expected: str | None
) -> None:
    assert headline(text) == expected
