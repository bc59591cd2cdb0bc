"""Each evaluation task runs on a small slice and reports sane, bounded figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.errors import InputError
from watchfloor.evaluation import reports, sentences, snippets
from watchfloor.evaluation.common import macro_f1, read_jsonl
from watchfloor.evaluation.run import evaluate
from watchfloor.evaluation.snippets import snippet_label
from watchfloor.records import Event, Evidence

SAMPLE = Path(__file__).parent / "data" / "snippets_sample.jsonl"
FRACTIONS = {
    "reports": (
        "coded_share",
        "type_accuracy",
        "type_macro_f1",
        "country_accuracy",
        "admin1_accuracy",
        "within_25km",
        "within_161km",
        "fatalities_exact",
    ),
    "sentences": (
        "event_accuracy",
        "event_macro_f1",
        "source_country_accuracy",
        "target_country_accuracy",
        "sector_accuracy",
    ),
    "snippets": ("accuracy", "macro_f1", "weighted_f1", "non_acled_f1"),
}


def assert_bounded(result: dict, task: str) -> None:
    for key in FRACTIONS[task]:
        assert key in result
        assert result[key] is None or 0.0 <= result[key] <= 1.0, key
    assert result["per_second"] > 0 and result["n"] > 0


def test_reports_slice_types_most_events(shared_dir: Path, eval_coder: Coder) -> None:
    result = reports.evaluate(shared_dir / "eval" / "reports_dev.jsonl", limit=40, coder=eval_coder)
    assert_bounded(result, "reports")
    assert result["n"] == 40 and result["n_errors"] == 0
    assert result["type_accuracy"] >= 0.6
    assert result["fatalities_mae"] >= 0


def test_sentences_slice_types_most_events(shared_dir: Path, eval_coder: Coder) -> None:
    result = sentences.evaluate(
        shared_dir / "eval" / "plover_dev.jsonl", limit=40, coder=eval_coder
    )
    assert_bounded(result, "sentences")
    assert result["event_accuracy"] >= 0.5


def test_snippets_counts_bad_lines_without_stopping(eval_coder: Coder) -> None:
    result = snippets.evaluate(SAMPLE, coder=eval_coder)
    assert_bounded(result, "snippets")
    assert result["n"] == 16 and result["n_errors"] == 2
    assert result["accuracy"] >= 0.7


def test_unknown_task_and_missing_file_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown evaluation task"):
        evaluate("poems", SAMPLE)
    with pytest.raises(InputError, match="does not exist"):
        evaluate("snippets", tmp_path / "absent.jsonl")


def test_read_jsonl_marks_bad_lines_and_honours_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"a": 1}) + "\n\nnot json\n" + json.dumps({"b": 2}) + "\n")
    items = list(read_jsonl(path))
    assert [n for n, _ in items] == [1, 3, 4]
    assert "__bad_line__" in items[1][1]
    assert len(list(read_jsonl(path, limit=1))) == 1


def event(plover: str, mode: str | None = None, sub: str | None = None) -> Event:
    ev = Evidence("d", 0, 0, 1, "x")
    return Event(
        id="e", evidence=ev, plover_event=plover, plover_mode=mode, acled_sub_event_type=sub
    )


@pytest.mark.parametrize(
    ("ev", "label"),
    [
        (event("ASSAULT", sub="Air/drone strike"), "AIR_STRIKE"),
        (event("NONPOLITICAL", "natural-disaster"), "NATURAL_DISASTER"),
        (event("NONPOLITICAL", "organised-crime"), "ORG_CRIME"),
        (event("CONSULT"), "DIPLO"),
        (None, "OTHER"),
    ],
)
def test_snippet_labels_follow_the_mapping(ev: Event | None, label: str) -> None:
    assert snippet_label(ev) == label


def test_macro_f1_counts_only_gold_labels() -> None:
    assert macro_f1(["A", "A", "B"], ["A", "A", "B"]) == 1.0
    assert macro_f1(["A", "B"], ["A", "C"]) == 0.5
