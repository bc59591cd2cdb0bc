"""Local inputs: JSONL fields and ids, text/Markdown/HTML files, folders, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.ingest.files import jsonl_document
from watchfloor.ingest.inputs import ReadContext, read_input
from watchfloor.ingest.items import Candidate, ItemFailure, ItemWarning
from watchfloor.settings import Settings


def _read(spec: str, settings: Settings | None = None) -> list[object]:
    ctx = ReadContext(settings or Settings())
    try:
        return list(read_input(spec, ctx))
    finally:
        ctx.close()


def test_jsonl_keeps_given_id_and_unknown_fields_as_metadata() -> None:
    doc = jsonl_document(
        {
            "id": "rep-7",
            "text": " Troops  moved. ",
            "published": "2024-03-02T10:00:00+02:00",
            "source": "wire",
            "desk": "mideast",
            "tags": ["a"],
        },
        None,
    )
    assert doc.id == "rep-7"
    assert doc.text == "Troops moved."
    assert doc.published == dt.datetime(2024, 3, 2, 8, 0)
    assert doc.metadata == {"desk": "mideast", "tags": ["a"]}


def test_jsonl_without_id_gets_a_stable_content_id() -> None:
    first = jsonl_document({"text": "Same story.", "source": "a"}, None)
    again = jsonl_document({"text": "Same  story.", "source": "a"}, None)
    other_source = jsonl_document({"text": "Same story.", "source": "b"}, None)
    assert first.id == again.id and len(first.id) == 16
    assert other_source.id != first.id


def test_jsonl_html_field_is_reduced_to_main_text() -> None:
    doc = jsonl_document(
        {
            "html": "<html><head><title>Raid</title></head><body><script>x()</script>"
            "<p>Police raided a market in Basra.</p></body></html>"
        },
        None,
    )
    assert "Police raided a market in Basra." in doc.text
    assert "x()" not in doc.text
    assert doc.title == "Raid"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "no body"}, "'text' or 'html'"),
        ({"text": "x", "published": "last Tuesday"}, "ISO 8601"),
        ({"text": "x", "published": 20240301}, "ISO 8601"),
        (["not", "an", "object"], "JSON object"),
        ({"text": "x", "url": {"a": 1}}, "'url'"),
    ],
)
def test_bad_jsonl_records_raise_input_error(record: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        jsonl_document(record, None)


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "ok1", "text": "First report."}\n'
        b"{not json\n"
        b"\n"
        b'{"id": "bad-bytes", "text": "Caf\xe9 bombing."}\n'
        b'{"id": "ok2", "text": "Second report."}\n'
    )
    items = _read(str(path))
    docs = [i for i in items if isinstance(i, Candidate)]
    failures = [i for i in items if isinstance(i, ItemFailure)]
    warnings = [i for i in items if isinstance(i, ItemWarning)]
    assert [d.document.id for d in docs] == ["ok1", "bad-bytes", "ok2"]
    assert docs[1].document.text == "Caf\ufffd bombing."
    assert [(f.origin.line, "invalid JSON" in f.message) for f in failures] == [(2, True)]
    assert warnings[0].origin.line == 4 and "UTF-8" in warnings[0].message


def test_text_markdown_and_html_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Clashes in Aden\n\nFighting broke out in Aden overnight.")
    (tmp_path / "b.md").write_text("# Ceasefire holds\n\nThe truce in Taiz held for a third day.")
    (tmp_path / "sub" / "c.html").write_text(
        "<html><head><title>Strike</title></head><body><p>An air strike hit Saada.</p></body>"
        "</html>"
    )
    (tmp_path / "notes.csv").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("hidden")
    items = _read(str(tmp_path))
    docs = {Path(i.origin.input).name: i.document for i in items if isinstance(i, Candidate)}
    assert sorted(docs) == ["a.txt", "b.md", "c.html"]
    assert docs["a.txt"].title == "Clashes in Aden"
    assert docs["b.md"].title == "Ceasefire holds"
    assert docs["c.html"].title == "Strike" and "air strike hit Saada" in docs["c.html"].text
    assert all(d.published is None for d in docs.values())


def test_missing_path_and_unsupported_file_are_failures(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b")
    missing = _read(str(tmp_path / "nope.jsonl"))
    unsupported = _read(str(tmp_path / "data.csv"))
    assert isinstance(missing[0], ItemFailure) and "no such file" in missing[0].message
    assert isinstance(unsupported[0], ItemFailure) and "unsupported" in unsupported[0].message


def test_file_over_max_file_bytes_is_refused_without_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing on disk
    items = _read(str(huge))
    assert len(items) == 1 and isinstance(items[0], ItemFailure)
    assert "over the" in items[0].message and "max_file_bytes" in items[0].message


def test_jsonl_line_with_html_and_text_prefers_text(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Plain text wins.", "html": "<p>HTML loses.</p>"}) + "\n")
    (item,) = _read(str(path))
    assert isinstance(item, Candidate) and item.document.text == "Plain text wins."
