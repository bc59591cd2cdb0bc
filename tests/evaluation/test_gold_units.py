"""Gold labels are compared as units (admin1 areas, CAMEO sectors), whatever their spelling."""

from __future__ import annotations

import pytest

from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.admin1 import Admin1Units
from watchfloor.evaluation.sentences import gold_sector


@pytest.fixture(scope="module")
def units(eval_coder: Coder) -> Admin1Units:
    return Admin1Units.of(eval_coder)


@pytest.mark.parametrize(
    ("gold", "country", "ours"),
    [
        ("Idleb", "SYR", "Idlib"),  # a transliteration variant
        ("Rural Damascus", "SYR", "Rif-dimashq"),  # an alternate name of the unit
        ("Baghdad", "IRQ", "Mayorality of Baghdad"),  # the province of the city
        ("Taizz", "YEM", "Ta'izz"),
    ],
)
def test_spellings_of_one_unit_match(units: Admin1Units, gold: str, country: str, ours: str):
    assert units.same(gold, country, ours)


@pytest.mark.parametrize(
    ("gold", "country", "ours"),
    [
        ("Hama", "SYR", "Idlib"),  # neighbouring provinces
        ("Idleb", "SYR", None),  # nothing coded
        ("Baghdad", "IRQ", "Anbar"),
    ],
)
def test_other_units_do_not_match(units: Admin1Units, gold: str, country: str, ours: str | None):
    assert not units.same(gold, country, ours)


def test_without_a_gazetteer_names_are_compared_folded() -> None:
    bare = Admin1Units(None)
    assert bare.same("Al-Hasakeh", "SYR", "al hasakeh")
    assert not bare.same("Idleb", "SYR", "Idlib")


@pytest.mark.parametrize(
    ("code", "sector"), [("CVLkur", "CVL"), ("MIL", "MIL"), ("***", None), ("", None), (None, None)]
)
def test_gold_sectors_are_compared_on_their_cameo_sector(code: object, sector: str | None) -> None:
    assert gold_sector(code) == sector
