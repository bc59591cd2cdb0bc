"""`watchfloor code`, `events --language` and `explain` on documents in Arabic, Persian, French."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from watchfloor.cli.main import cli

MIXED = Path(__file__).parents[1] / "ingest" / "data" / "mixed_languages.jsonl"


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("lang") / "db.duckdb"
    assert _run(db, "ingest", str(MIXED), "--no-code")[0] == 0
    code, out, _ = _run(db, "code")
    assert code == 0, out
    assert "coded 5 documents" in out
    assert "2 document(s) in fr: not coded, no language resources" in out
    return db


@pytest.mark.parametrize(("language", "document"), [("ar", "mix-ar-1"), ("en", "mix-en-1")])
def test_events_filter_by_the_language_of_their_document(
    coded_db: Path, language: str, document: str
) -> None:
    code, out, _ = _run(coded_db, "events", "--language", language, "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["document_id"] for r in rows} == {document}


def test_documents_in_an_unread_language_are_coded_with_no_events(coded_db: Path) -> None:
    _, out, _ = _run(coded_db, "events", "--language", "fr", "--json")
    assert json.loads(out) == []
    _, out, _ = _run(coded_db, "documents", "--language", "fr", "--json")
    rows = json.loads(out)
    assert len(rows) == 2 and all(r["coded_at"] for r in rows)


def test_explain_shows_the_arabic_sentence_and_its_event(coded_db: Path) -> None:
    code, out, _ = _run(coded_db, "explain", "mix-ar-1")
    assert code == 0
    assert "[0] قتل ثلاثة من عناصر الشرطة" in out
    assert "ACLED Battles" in out
    assert out.rstrip().endswith("1 events")


def test_explain_says_when_a_language_is_not_read(coded_db: Path) -> None:
    code, out, _ = _run(coded_db, "explain", "mix-fr-1")
    assert code == 0
    assert "language 'fr' is not read by the coder" in out
    assert out.rstrip().endswith("0 events")
