"""Telegram Desktop exports, JSON and HTML, read from files we wrote in each layout."""

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
from watchfloor.errors import InputError
from watchfloor.ingest.social.telegram import ChatTally, entity_text
from watchfloor.ingest.social.telegram_html import parse_stamp

CHANNEL = DATA / "telegram_channel" / "result.json"
FULL = DATA / "telegram_full" / "result.json"
HTML_CHAT = DATA / "telegram_html" / "ChatExport_2024-03-20"


def test_channel_self_replies_become_one_document_with_post_spans() -> None:
    docs = by_first_post(documents(read(CHANNEL)))
    thread = docs["2"]
    assert [p["id"] for p in thread.metadata["posts"]] == ["2", "5", "6"]
    texts = post_texts(thread)
    assert texts[0].startswith("قصفت قوات النظام بلدة معرة النعمان")
    assert texts[1] == "Update: a fourth civilian died of his wounds in hospital."
    assert thread.source == "Idlib Field Reports"
    assert thread.url == "https://t.me/idlibfield/2"
    # date_unixtime is UTC; the local 09:15 was at +03:00.
    assert thread.published == dt.datetime(2024, 3, 14, 6, 15)
    assert thread.metadata["posts"][2]["published"] == "2024-03-14T08:30:00"


def test_entities_flatten_to_text_and_links_keep_their_href() -> None:
    doc = by_first_post(documents(read(CHANNEL)))["3"]
    assert doc.text == (
        "Shelling on Ariha this morning, two wounded. Video: here and https://example.net/ariha"
    )
    post = doc.metadata["posts"][0]
    assert post["links"] == [
        {"text": "here", "href": "https://example.org/v/88"},
        {"text": "https://example.net/ariha", "href": "https://example.net/ariha"},
    ]
    assert post["forwarded_from"] == "Aleppo Now"
    assert doc.metadata["origins"] == [{"source": "Aleppo Now", "post": "3"}]
    assert post["edited"] == "2024-03-14T07:30:00"


def test_service_and_media_only_messages_are_skipped_and_counted() -> None:
    items = read(CHANNEL)
    ids = {p["id"] for d in documents(items) for p in d.metadata["posts"]}
    assert ids == {"2", "3", "5", "6", "7"}  # 1 is a service message, 4 and 8 media only
    assert warnings(items) == [
        f"{CHANNEL} chat 'Idlib Field Reports': 2 post(s) without text (media only) skipped"
    ]
    assert failures(items) == []


def test_full_export_reads_every_chat_and_threads_only_an_authors_own_replies() -> None:
    docs = documents(read(FULL))
    kharkiv = [d for d in docs if d.source == "Kharkiv Volunteers"]
    assert sorted(len(d.metadata["posts"]) for d in kharkiv) == [1, 2]
    (olena,) = [d for d in kharkiv if len(d.metadata["posts"]) == 2]
    assert [p["author"] for p in olena.metadata["posts"]] == ["user111", "user111"]
    assert olena.metadata["chat_type"] == "private_supergroup"
    assert {d.source for d in docs} == {"Kharkiv Volunteers", "Sahel Watch"}


def test_older_export_times_are_read_as_utc_and_the_summary_says_so() -> None:
    items = read(FULL)
    sahel = [d for d in documents(items) if d.source == "Sahel Watch"]
    assert sorted(d.published for d in sahel if d.published) == [
        dt.datetime(2021, 6, 5, 18, 40),
        dt.datetime(2021, 6, 5, 19, 5),
    ]
    (zone,) = [w for w in warnings(items) if "time zone" in w]
    assert "'Sahel Watch'" in zone and "read as UTC" in zone


def test_html_chat_pages_are_read_together_in_page_order() -> None:
    items = read(HTML_CHAT)
    docs = by_first_post(documents(items))
    assert sorted(docs) == ["101", "104", "106"]
    thread = docs["101"]
    # 105 on the second page answers 102 on the first: one thread across pages.
    assert [p["id"] for p in thread.metadata["posts"]] == ["101", "102", "105"]
    assert post_texts(thread)[0] == (
        "Обстріл Покровська вночі: пошкоджено два житлові будинки, загиблих немає.\n"
        "Джерело: міська рада"
    )
    assert thread.published == dt.datetime(2024, 3, 20, 6, 5, 12)  # UTC+02:00 in the title
    assert thread.metadata["posts"][2]["edited"] == "2024-03-20T08:45:00"
    assert thread.metadata["posts"][0]["links"] == [
        {"text": "міська рада", "href": "https://example.org/pokrovsk"}
    ]
    assert {d.source for d in docs.values()} == {"Donbas Frontline Digest"}
    assert docs["104"].metadata["origins"] == [{"source": "Kramatorsk Today", "post": "104"}]
    assert failures(items) == []  # js/script.js and css/style.css are not inputs
    assert any("1 post(s) without text (media only)" in w for w in warnings(items))


def test_a_later_html_page_named_alone_is_read_alone() -> None:
    docs = documents(read(HTML_CHAT / "messages2.html"))
    assert sorted(p["id"] for d in docs for p in d.metadata["posts"]) == ["105", "106"]


def test_old_html_export_without_offset_warns_of_the_assumed_zone() -> None:
    items = read(DATA / "telegram_html_old" / "messages.html")
    (doc,) = documents(items)
    assert doc.published == dt.datetime(2020, 11, 4, 6, 30)
    assert any("no time zone" in w and "UTC" in w for w in warnings(items))


@pytest.mark.parametrize(
    ("title", "expected", "assumed"),
    [
        ("20.03.2024 08:05:12 UTC+02:00", dt.datetime(2024, 3, 20, 6, 5, 12), 0),
        ("01.01.2024 01:30:00 UTC+05:30", dt.datetime(2023, 12, 31, 20, 0), 0),
        ("10.06.2023 22:00:00 UTC-04:00", dt.datetime(2023, 6, 11, 2, 0), 0),
        ("04.11.2020 06:30:00", dt.datetime(2020, 11, 4, 6, 30), 1),
    ],
)
def test_html_date_titles_become_utc(title: str, expected: dt.datetime, assumed: int) -> None:
    tally = ChatTally()
    assert parse_stamp(title, tally) == expected
    assert tally.assumed_zone == assumed


@pytest.mark.parametrize("title", ["32.01.2024 10:00:00", "yesterday", "2024-03-20 10:00"])
def test_unreadable_html_dates_are_refused(title: str) -> None:
    with pytest.raises(InputError, match="date"):
        parse_stamp(title, ChatTally())


@pytest.mark.parametrize(
    ("value", "text", "hrefs"),
    [
        ("plain", "plain", []),
        (["a ", {"type": "bold", "text": "b"}], "a b", []),
        ([{"type": "text_link", "text": "x", "href": "https://e.org"}], "x", ["https://e.org"]),
        ([{"type": "mention", "text": "@chan"}, " said"], "@chan said", []),
        (None, "", []),
        ([7, {"type": "hashtag"}], "", []),
    ],
)
def test_text_fields_of_every_shape_are_read(value: object, text: str, hrefs: list[str]) -> None:
    got, links = entity_text(value)
    assert got == text and [link["href"] for link in links] == hrefs


def test_an_export_is_found_by_content_under_another_name(tmp_path: Path) -> None:
    renamed = tmp_path / "idlib channel backup.txt"
    shutil.copy(CHANNEL, renamed)
    assert len(documents(read(renamed))) == 3


def test_truncated_result_json_is_a_failure_naming_the_file(tmp_path: Path) -> None:
    cut = tmp_path / "result.json"
    cut.write_bytes(CHANNEL.read_bytes()[:900])
    items = read(cut)
    (failure,) = failures(items)
    assert failure.startswith(f"{cut}: invalid JSON (truncated?)")
    assert documents(items) == []


def test_one_bad_date_refuses_that_message_only(tmp_path: Path) -> None:
    chat = json.loads(CHANNEL.read_text(encoding="utf-8"))
    chat["messages"][6]["date"] = "14/03/2024 12:00"
    del chat["messages"][6]["date_unixtime"]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    items = read(path)
    assert len(documents(items)) == 2
    (failure,) = failures(items)
    assert "message 7: date '14/03/2024 12:00' is not a date" in failure


def test_an_index_page_of_an_html_export_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "export_results.html"
    index.write_text(
        '<html><body><div class="page_wrap"><div class="page_header"><div class="content">'
        '<div class="text bold">Exported Data</div></div></div><div class="page_body list_page">'
        '<div class="entry_list"><a class="entry" href="lists/chats.html">Chats</a></div>'
        "</div></div></body></html>",
        encoding="utf-8",
    )
    (failure,) = failures(read(index))
    assert "no messages" in failure


def test_a_full_export_leaves_personal_chats_out_and_says_so(tmp_path: Path) -> None:
    export = json.loads(FULL.read_text(encoding="utf-8"))
    export["chats"]["list"].append(
        {
            "name": "Mum",
            "type": "personal_chat",
            "id": 5,
            "messages": [{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "text": "hi"}],
        }
    )
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    items = read(path)
    assert "Mum" not in {d.source for d in documents(items)}
    assert any("1 personal, bot or saved-messages chat(s) skipped" in w for w in warnings(items))


def test_a_reply_to_another_chats_message_does_not_join_a_thread_here(tmp_path: Path) -> None:
    chat = json.loads(CHANNEL.read_text(encoding="utf-8"))
    chat["messages"][4]["reply_to_peer_id"] = "channel1999"  # message 5 answers message 2 there
    path = tmp_path / "result.json"
    path.write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    docs = by_first_post(documents(read(path)))
    assert [p["id"] for p in docs["2"].metadata["posts"]] == ["2"]
    assert [p["id"] for p in docs["5"].metadata["posts"]] == ["5", "6"]


def test_a_compact_html_page_with_a_bot_relayed_post_is_read(tmp_path: Path) -> None:
    page = tmp_path / "messages.html"
    page.write_text(
        '<html><body><div class="page_header"><div class="text bold">Aden Now</div></div>'
        '<div class="message service" id="message-1"><div class="body details">6 May 2024'
        '</div></div><div class="message default clearfix" id="message2"><div class="body">'
        '<div class="pull_right date details" title="06.05.2024 13:07:21 UTC+03:00">13:07</div>'
        '<div class="from_name">Aden Desk via @relaybot</div>'
        '<div class="text">Clashes near the port of Aden<br>two killed</div></div></div>'
        "</body></html>",
        encoding="utf-8",
    )
    (doc,) = documents(read(page))
    assert doc.text == "Clashes near the port of Aden\ntwo killed"
    assert doc.source == "Aden Now" and doc.metadata["posts"][0]["author"] == "Aden Desk"
    assert doc.published == dt.datetime(2024, 5, 6, 10, 7, 21)
