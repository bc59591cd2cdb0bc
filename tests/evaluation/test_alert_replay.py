"""The alert replay: corpus reading, day order, and a quiet week that must raise nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.evaluation.alerts import by_day, evaluate, read_corpus
from watchfloor.settings import Settings

DATA = Path(__file__).parent / "data"


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_reports_lines_take_date_as_publication_day_and_drop_gold_fields(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "reports.jsonl",
        [
            {"id": "r2", "text": "Clashes in Aden.", "date": "2018-01-28", "event_type": "Battle"},
            {"id": "r1", "text": "Shelling in Afrin.", "date": "2018-01-20", "lat": 36.5},
        ],
    )
    docs = read_corpus(path)
    assert [d.id for d, _ in docs] == ["r1", "r2"]
    assert docs[0][0].published is not None
    assert docs[0][0].published.date() == dt.date(2018, 1, 20)
    assert all("event_type" not in d.metadata and "lat" not in d.metadata for d, _ in docs)


def test_documents_are_grouped_by_publication_day_in_order(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "docs.jsonl",
        [
            {"text": "Late story.", "published": "2024-03-02T23:00:00Z", "source": "B"},
            {"text": "Early story.", "published": "2024-03-01T08:00:00Z", "source": "A"},
            {"text": "Second early story.", "published": "2024-03-01T09:00:00Z", "source": "C"},
        ],
    )
    days = [(day, [d.text for d, _ in docs]) for day, docs in by_day(read_corpus(path))]
    assert days == [
        (dt.date(2024, 3, 1), ["Early story.", "Second early story."]),
        (dt.date(2024, 3, 2), ["Late story."]),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "No date at all."}', "line 2: needs a 'published' or 'date' field"),
        ('{"text": "", "date": "2018-01-02"}', "line 2: needs a non-empty 'text'"),
        ("{not json", "line 2: invalid JSON"),
        ('["a list"]', "line 2: expected a JSON object"),
    ],
)
def test_bad_corpus_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Fine.", "date": "2018-01-01"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_corpus(path)


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_corpus(tmp_path / "nope.jsonl")


@pytest.mark.slow
def test_a_week_of_unrelated_pages_raises_no_alert(tmp_path: Path) -> None:
    """Twenty-one pages we wrote: seven outlets' worth of politics and unrest in a dozen
    countries over one week. A fresh store has no history, so nothing may be judged."""
    truth = _jsonl(
        tmp_path / "truth.jsonl",
        [{"id": "none", "country": "KEN", "start": "2024-03-20", "end": "2024-03-21"}],
    )
    days: list[dt.date] = []
    result = evaluate(
        DATA / "unrelated_week.jsonl",
        truth=truth,
        settings=Settings(),
        alerts_out=tmp_path / "alerts.jsonl",
        on_day=lambda day, n, seconds: days.append(day),
    )
    assert result["n_documents"] == 21 and result["n_days"] == 7
    assert days == sorted(days) and len(set(days)) == 7
    assert result["n_alerts"] == 0 and result["alerts_outside_truth"] == 0
    assert result["windows_hit"] == 0 and result["recall"] == 0.0
    assert (tmp_path / "alerts.jsonl").read_text(encoding="utf-8") == ""


@pytest.mark.slow
def test_the_analysts_day_is_one_alert_on_the_day(tmp_path: Path) -> None:
    """Eighteen ordinary days of Iraqi news we wrote (one report a day, seven outlets), then
    the analyst's day: an attack on a cleric's aide, his offices closed, his spokesman's
    account silent, a foreign commander in Baghdad, armour at a border crossing, a militia
    leader out of view, a neighbour telling its citizens to leave, a strike and protest call,
    anger at a nominee. Nothing before it; on it, a country alert listing the different kinds
    from four provinces (the border crossing was 'overnight', so it starts the day before)."""
    truth = _jsonl(
        tmp_path / "truth.jsonl",
        [{"id": "day", "country": "IRQ", "start": "2022-08-29", "end": "2022-08-29"}],
    )
    result = evaluate(
        DATA / "analyst_day.jsonl", truth=truth, settings=Settings(), alerts_out=tmp_path / "a"
    )
    assert result["windows_hit"] == 1 and result["alerts_outside_truth"] == 0
    assert -24.0 <= result["lead_hours"]["day"] <= 0.0
    alerts = [json.loads(line) for line in (tmp_path / "a").read_text().splitlines()]
    country = [a for a in alerts if a["kind"] == "cluster" and not a.get("admin1")]
    assert len(country) == 1
    kinds = country[0]["summary"].split(": ", 1)[1].split(", ")
    assert {"leader_attack", "closure", "evacuation", "border_crossing"} <= set(kinds)
