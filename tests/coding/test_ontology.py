"""The ontology data files are consistent with each other and with the gold sets' labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.coding.language import language_data
from watchfloor.coding.lexicon import TriggerLexicon
from watchfloor.coding.ontology import PLOVER_EVENTS, Ontology, read_table
from watchfloor.errors import ModelError


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_every_cameo_code_has_scores_and_a_plover_event(ontology: Ontology) -> None:
    rows = read_table("cameo.tsv")
    assert len(rows) > 250
    for row in rows:
        entry = ontology.cameo(row["code"])
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.quad_class in (1, 2, 3, 4)
        if row["code"].startswith("01"):
            assert entry.plover_event is None
        else:
            assert entry.plover_event in PLOVER_EVENTS, row["code"]


def test_trigger_tables_only_use_known_codes(ontology: Ontology) -> None:
    english = language_data("en")
    for name, rows, column in (
        ("core_triggers.tsv", english.records("core_triggers.tsv"), "code"),
        ("core_objects.tsv", english.records("core_objects.tsv"), "code"),
        ("plover_cameo.tsv", read_table("plover_cameo.tsv"), "cameo_code"),
    ):
        for row in rows:
            assert row[column] == "---" or ontology.has_code(row[column]), (name, row)


def test_acled_map_prefixes_are_cameo_codes(ontology: Ontology) -> None:
    for row in read_table("acled_map.tsv"):
        prefix = row["cameo_prefix"]
        assert len(prefix) == 2 or ontology.has_code(prefix), prefix


@pytest.mark.parametrize(
    ("code", "sector", "expected"),
    [
        ("195", None, ("Explosions/Remote violence", "Air/drone strike")),
        ("190", "CVL", ("Violence against civilians", "Attack")),
        ("190", "MIL", ("Battles", "Armed clash")),
        ("1831", None, ("Explosions/Remote violence", "Suicide bomb")),
        ("173", None, ("Strategic developments", "Arrests")),
        ("145", None, ("Riots", "Violent demonstration")),
    ],
)
def test_acled_types_follow_code_and_target(
    ontology: Ontology, code: str, sector: str | None, expected: tuple[str, str]
) -> None:
    found = ontology.acled(code, target_sector=sector)
    assert found is not None and (found.event_type, found.sub_event_type) == expected


def test_verbal_codes_have_no_acled_type(ontology: Ontology) -> None:
    assert ontology.acled("036") is None and ontology.acled("112") is None


def test_unknown_cameo_code_is_a_model_error(ontology: Ontology) -> None:
    with pytest.raises(ModelError, match="unknown CAMEO code"):
        ontology.cameo("999")


def test_gold_plover_names_map_to_current_events(ontology: Ontology, shared_dir: Path) -> None:
    path = shared_dir / "eval" / "plover_dev.jsonl"
    names = {json.loads(line)["plover_event"] for line in path.open(encoding="utf-8")}
    assert {ontology.current_plover(n) for n in names} <= set(PLOVER_EVENTS)


def test_lexicon_vocabulary_covers_core_verbs() -> None:
    lexicon = TriggerLexicon.load()
    assert {"attack", "protest", "agree", "airstrike", "earthquake"} <= lexicon.vocabulary
