"""The Arabic and Persian training text of the multilingual sub-event classifier
(``training/multilingual/``, read by ``scripts/multilingual_text.py``): every file parses,
every label is one the coder knows, each language covers every ACLED sub-event type in
every register's union, and no text comes near one of our Arabic or Persian report sets."""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from watchfloor.coding.subevent_model import load_subevent_labels

ROOT = Path(__file__).resolve().parents[2]
LABELS = load_subevent_labels()


@pytest.fixture(scope="module")
def texts() -> ModuleType:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        return importlib.import_module("multilingual_text")


def test_every_file_is_a_language_and_a_known_register(texts: ModuleType) -> None:
    files = sorted(texts.MULTILINGUAL.glob("*.tsv"))
    assert files
    for path in files:
        language, _, register = path.stem.partition("_")
        assert language in ("ar", "fa") and register in texts.REGISTERS, path.name


def test_every_label_is_in_the_label_table(texts: ModuleType) -> None:
    for path in sorted(texts.MULTILINGUAL.glob("*.tsv")):
        for example in texts.read_file(path):
            assert example.label in LABELS, (path.name, example.label)
            assert example.region, (path.name, example.text[:30])


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_each_language_covers_every_acled_sub_event(texts: ModuleType, language: str) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for path in sorted(texts.MULTILINGUAL.glob(f"{language}_*.tsv")):
        for example in texts.read_file(path):
            seen[example.label].add(example.register)
    acled = {name for name, label in LABELS.items() if label.kind == "acled"}
    assert acled <= set(seen)
    assert all(len(seen[name]) >= 4 for name in acled), "an ACLED label in under 4 registers"


def test_no_training_text_is_near_an_evaluation_text(texts: ModuleType) -> None:
    if not texts.EVAL_FILES:
        pytest.skip("the Arabic and Persian report sets are absent")
    every = [e for p in sorted(texts.MULTILINGUAL.glob("*.tsv")) for e in texts.read_file(p)]
    assert texts.near_evaluation(every) == set()
    assert len(texts.multilingual_examples()) == len(every)
