"""The sub-event classifier stage on real sentences, and its label table."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType, SimpleNamespace

import numpy as np
import pytest

from tests.coding.test_build_scripts import ROOT
from watchfloor.coding.ontology import Ontology
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.subevent_model import (
    MODEL_NOTE,
    SubEventStage,
    load_subevent_labels,
    load_subevent_model,
)
from watchfloor.errors import ModelError
from watchfloor.records import Event
from watchfloor.settings import Settings

TRAINING = Path(__file__).resolve().parents[2] / "training" / "snippets"


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` as a module (registered first: it holds dataclasses)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_events(coder: Coder, text: str) -> list[Event]:
    """The events the classifier typed in ``text``."""
    return [e for e in coder.code_text(text).events if MODEL_NOTE in (e.explanation or "")]


def test_label_table_covers_every_model_label() -> None:
    labels = load_subevent_labels()
    assert len(labels) == 30
    assert set(load_subevent_model().classes_) == set(labels)
    ontology = Ontology.load()
    assert all(ontology.has_code(x.cameo_code) for x in labels.values() if x.cameo_code)
    assert {x.kind for x in labels.values()} == {"acled", "nonpolitical", "claim", "diplomatic"}


def test_training_snippets_cover_every_label() -> None:
    rows = [
        json.loads(line)
        for path in sorted(TRAINING.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == set(load_subevent_labels())
    assert min(labels.values()) >= 20
    assert len({r["text"] for r in rows}) == len(rows)


REGISTERS = TRAINING.parent / "registers"
ACLED_LABELS = [
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "AIR_STRIKE",
    "ART_MISS_ATTACK", "GRENADE", "REM_EXPLOS", "SUIC_BOMB", "ATTACK", "ABDUCT_DISSAP",
    "SEX_VIOL", "PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR",
    "MOB_VIOL", "AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED",
    "NON_VIOL_TERRIT_TRANSFER", "PROPERTY_DISTRUCT", "OTHER",
]  # fmt: skip


def test_register_texts_cover_every_acled_sub_event_in_several_registers() -> None:
    script = load_script("training_text")
    rows = [e for path in sorted(REGISTERS.glob("*.tsv")) for e in script.read_register(path)]
    assert len({e.register for e in rows}) >= 8 and len(rows) >= 400
    known = set(load_subevent_labels())
    assert {e.label for e in rows} <= known
    for label in ACLED_LABELS:
        assert len({e.register for e in rows if e.label == label}) >= 3, label
    assert len({e.text for e in rows}) == len(rows)


def test_training_leaves_out_near_copies_of_held_out_snippets() -> None:
    script = load_script("training_text")
    texts = [
        "Suicide car bomber rams army checkpoint in Somalia",
        "Floods cut off three villages in the delta after a week of rain",
    ]
    held_out = ["A suicide car bomber rammed an army checkpoint in Somalia on Friday"]
    assert script.near_copies(texts, held_out) == {0}
    assert script.near_copies(texts, []) == set()


def test_sentence_no_rule_types_gets_the_classifiers_event(coder: Coder) -> None:
    events = read_events(
        coder, "Mortar rounds fired by the rebels landed inside an army camp near Gao on Monday."
    )
    assert [e.acled_sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
    assert events[0].cameo_code == "194"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        (
            "The army fought its way back into Bor and drove the rebels out of the town.",
            "Government regains territory",
        ),
    ],
)
def test_classifier_names_the_sub_event_of_a_rules_event(
    coder: Coder, text: str, sub_event: str
) -> None:
    events = read_events(coder, text)  # the rule saw only a clash ("fought", "attacked")
    assert [(e.cameo_code, e.acled_sub_event_type) for e in events] == [("190", sub_event)]


def test_embedding_reader_sees_a_takeover_the_words_miss() -> None:
    """Raising a flag over the police station is a takeover; the word reader (the default)
    keeps the rule's clash, the embedding reader names the takeover."""
    text = "Jihadists attacked the town of Djibo and raised their flag over the police station."
    found = {}
    for on in (False, True):
        coder = Coder.load(Settings(event_embeddings=on))
        found[on] = [e.acled_sub_event_type for e in coder.code_text(text).events]
    assert found == {False: ["Armed clash"], True: ["Non-state actor overtakes territory"]}


def test_classifier_reads_disasters_and_claims(coder: Coder) -> None:
    flood = read_events(
        coder, "Floods swept away hundreds of homes along the river after days of rain."
    )
    assert [(e.plover_event, e.plover_mode) for e in flood] == [
        ("NONPOLITICAL", "natural-disaster")
    ]
    claim = read_events(
        coder, "The Islamic State group claimed responsibility for the bombing of a bus in Kabul."
    )
    assert claim and claim[0].modality == "claimed"


def test_ordinary_sentence_gets_no_event(coder: Coder) -> None:
    coded = coder.code_text("The weather in the capital was mild and the shops stayed open late.")
    assert coded.events == []


def test_stage_refuses_a_model_with_unknown_labels() -> None:
    model = SimpleNamespace(classes_=np.array(["ARMED_CLASH", "NOT_A_LABEL"]))
    with pytest.raises(ModelError, match="NOT_A_LABEL"):
        SubEventStage(model, load_subevent_labels(), Ontology.load(), None)
