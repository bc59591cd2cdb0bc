"""Language at ingest: detected where a document states none, counted, and named when unread."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ingest.conftest import ARABIC_PAGE, STORY_ONE
from watchfloor.cli.main import cli
from watchfloor.ingest.items import Candidate, IngestSummary, Origin
from watchfloor.ingest.pipeline import Ingestor, record_items
from watchfloor.records import Document
from watchfloor.settings import Settings
from watchfloor.store import Store

MIXED = Path(__file__).parent / "data" / "mixed_languages.jsonl"


def _language(store: Store, doc_id: str) -> str | None:
    row = store.con.execute("SELECT language FROM documents WHERE id = ?", [doc_id]).fetchone()
    assert row is not None, doc_id
    return row[0]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Police fired tear gas at protesters in Basra on Friday, a hospital source said.", "en"),
        ("قصفت طائرات مسيرة مواقع لفصائل مسلحة قرب الحدود السورية فجر اليوم", "ar"),
        ("پهپادها مواضع گروه‌های مسلح را در نزدیکی مرز هدف قرار دادند", "fa"),
        ("Des manifestants ont bloqué la route nationale près de Bamako mardi matin.", "fr"),
        ("Manifestantes bloquearon la carretera principal de Cochabamba el lunes.", "es"),
        ("اشتباكات عنيفة في عدن", "ar"),  # a headline-length post
        ("۵ کشته در انفجار زاهدان", "fa"),
    ],
)
def test_jsonl_without_language_gets_the_detected_one(
    store: Store, tmp_path: Path, text: str, code: str
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": text, "source": "s"}) + "\n", "utf-8")
    summary = Ingestor(store, Settings()).ingest([path])
    assert summary.new == 1
    assert _language(store, "d1") == code
    assert summary.by_language == ((code, 1),)


def test_stated_language_is_kept_and_the_detector_is_never_built(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    record = {"id": "d1", "text": "قتل ثلاثة في هجوم", "language": "ar", "source": "s"}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    ingestor = Ingestor(store, Settings())
    ingestor.ingest([path])
    assert _language(store, "d1") == "ar"
    assert ingestor._detector is None


def test_text_file_and_html_page_without_lang_are_detected(store: Store, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(STORY_ONE, "utf-8")
    (tmp_path / "page.html").write_text(ARABIC_PAGE, "utf-8")
    summary = Ingestor(store, Settings()).ingest([tmp_path])
    assert summary.new == 2
    languages = store.con.execute("SELECT language FROM documents ORDER BY language").fetchall()
    assert [row[0] for row in languages] == ["ar", "en"]


@pytest.mark.parametrize("text", ["12:45 !!!", "#1 ... 2024", "ok"])
def test_text_too_short_or_unsure_leaves_language_empty(store: Store, text: str) -> None:
    doc = Document(id="p1", text=text, source="social")
    summary = Ingestor(store, Settings()).ingest_items([Candidate(doc, Origin("posts", 1))])
    assert summary.new == 1
    assert _language(store, "p1") is None
    assert summary.by_language == (("unknown", 1),)
    assert summary.not_coded == ()


def test_a_title_helps_a_short_post(store: Store) -> None:
    doc = Document(id="t1", text="عاجل", title="انفجار في مدينة الموصل", source="x")
    Ingestor(store, Settings()).ingest_items([Candidate(doc, Origin("posts", 1))])
    assert _language(store, "t1") == "ar"


def test_duplicates_are_not_detected_again_and_not_counted(store: Store) -> None:
    ingestor = Ingestor(store, Settings())
    text = "Des hommes armés ont attaqué un poste de police."
    records = [{"id": "a", "text": text, "source": "s"}]
    first = ingestor.ingest_items(record_items(records, "request"))
    second = ingestor.ingest_items(record_items(records, "request"))
    assert first.by_language == (("fr", 1),)
    assert (second.duplicates, second.by_language, second.not_coded) == (1, (), ())


def test_mixed_file_counts_every_language_and_names_the_unread_one(store: Store) -> None:
    summary = Ingestor(store, Settings()).ingest([MIXED])
    assert dict(summary.by_language) == {"en": 1, "ar": 1, "fa": 1, "fr": 2}
    assert sum(n for _, n in summary.by_language) == summary.new + summary.near_duplicates
    assert summary.not_coded == (("fr", 2),)
    assert summary.as_dict()["not_coded_languages"] == {"fr": 2}


def test_summaries_add_their_language_counts() -> None:
    one = IngestSummary(new=2, by_language=(("ar", 1), ("fr", 1)), not_coded=(("fr", 1),))
    two = IngestSummary(new=3, by_language=(("fr", 2), ("en", 1)), not_coded=(("fr", 2),))
    total = one + two
    assert total.by_language == (("fr", 3), ("ar", 1), ("en", 1))
    assert total.not_coded == (("fr", 3),)


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_reports_languages_and_what_is_not_coded(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    code, out, _ = _run(db, "ingest", str(MIXED), "--no-code")
    assert code == 0
    assert "languages of the documents written: fr 2, ar 1, en 1, fa 1" in out
    assert "2 document(s) in fr: not coded, no language resources" in out
    assert "in ar:" not in out and "in fa:" not in out
    code, out, _ = _run(db, "ingest", str(MIXED), "--no-code", "--json")
    assert json.loads(out)["by_language"] == {}


@pytest.mark.parametrize(
    ("language", "ids"),
    [("fa", ["mix-fa-1"]), ("ar", ["mix-ar-1"]), ("fr", ["mix-fr-2", "mix-fr-1"]), ("de", [])],
)
def test_documents_lists_one_language(tmp_path: Path, language: str, ids: list[str]) -> None:
    db = tmp_path / "db.duckdb"
    _run(db, "ingest", str(MIXED), "--no-code")
    code, out, _ = _run(db, "documents", "--language", language, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ids
    assert all(r["language"] == language for r in rows)


@pytest.mark.parametrize(
    ("export", "languages"),
    [
        ("telegram_channel", {"en": 2, "ar": 1}),
        ("x_archive", {"en": 4, "ar": 1}),
        ("mastodon_archive", {"en": 4, "fr": 1}),
    ],
)
def test_social_posts_get_a_language(store: Store, export: str, languages: dict[str, int]) -> None:
    summary = Ingestor(store, Settings()).ingest([Path(__file__).parent / "data" / export])
    assert dict(summary.by_language) == languages
    unset = store.con.execute("SELECT count(*) FROM documents WHERE language IS NULL").fetchone()
    assert unset == (0,)


ARABIC_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Local wire</title><id>urn:local</id>
<updated>2024-03-05T12:00:00Z</updated>
<entry><title>انفجار في الموصل</title><id>urn:local:1</id>
<link href="http://192.0.2.1/never-fetched"/><updated>2024-03-05T12:00:00Z</updated>
<content type="html">&lt;p&gt;أصيب خمسة مدنيين بانفجار عبوة ناسفة في سوق شعبي غرب الموصل صباح اليوم،
بحسب ما أفاد مصدر في الشرطة المحلية.&lt;/p&gt;</content></entry>
<entry><title>Rapport</title><id>urn:local:2</id>
<link href="http://192.0.2.1/never-fetched-2"/><updated>2024-03-05T13:00:00Z</updated>
<content type="html">&lt;p&gt;Des affrontements ont éclaté entre des éleveurs et des agriculteurs
près de Mopti, faisant plusieurs blessés selon les autorités locales.&lt;/p&gt;</content></entry>
</feed>"""


def test_feed_items_get_a_language_and_the_unread_are_named(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "local.atom"
    path.write_text(ARABIC_ATOM, "utf-8")
    summary = Ingestor(store, Settings()).ingest([path], allow_private=False)
    assert summary.new == 2, summary.failures
    assert dict(summary.by_language) == {"ar": 1, "fr": 1}
    assert summary.not_coded == (("fr", 1),)


def test_cli_an_english_only_run_prints_no_language_line(tmp_path: Path) -> None:
    path = tmp_path / "en.jsonl"
    record = {"id": "e1", "text": STORY_ONE, "source": "w", "published": "2024-03-02"}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    code, out, _ = _run(tmp_path / "db.duckdb", "ingest", str(path), "--no-code")
    assert code == 0
    assert out.splitlines() == ["read 1, new 1, duplicates 0, near-duplicates 0, failed 0"]
    code, out, _ = _run(tmp_path / "db2.duckdb", "ingest", str(path), "--no-code", "--json")
    assert json.loads(out)["by_language"] == {"en": 1}
