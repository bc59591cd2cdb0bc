"""A new trigger, a new CAMEO refinement and a new place-level word from data files alone.

Everything added here is rows in files under an extra language folder (``Settings.lang_dir``,
laid out as ``<dir>/en/<file>`` like ``watchfloor/coding/lang/en/``): no Python changes, and
the coder as shipped then codes the new words. Sentences are our own, in several styles.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from watchfloor.coding.language import use_extra_data
from watchfloor.coding.pipeline import Coder
from watchfloor.records import Event
from watchfloor.settings import Settings

TRIGGERS = "trigger\tpos\tcode\tnote\nkneecap\tVERB\t182\tpunishment shooting: an assault\n"
RULES = (
    "rule\tword\tcue\tcode\tstrength\tlabel\n"
    "noun-modifier\tattack\tacid\t182\t0.85\tcore noun 'acid {head}'\n"
)
LEVELS = "# word\tlevel\nokrug\tadmin1\n"


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coder]:
    """The shipped coder, loaded with an extra folder holding the three new rows."""
    folder = tmp_path_factory.mktemp("lang")
    (folder / "en").mkdir()
    (folder / "en" / "core_triggers.tsv").write_text(TRIGGERS, encoding="utf-8")
    (folder / "en" / "trigger_rules.tsv").write_text(RULES, encoding="utf-8")
    (folder / "en" / "place_levels.tsv").write_text(LEVELS, encoding="utf-8")
    yield Coder.load(Settings(lang_dir=folder))
    use_extra_data([])


def _events(coder: Coder, text: str) -> list[Event]:
    return coder.code_text(text).events


KNEECAPPINGS = [
    "Militants kneecapped two shopkeepers in Belfast on Friday night.",  # wire
    "Two young men were kneecapped by a vigilante group in Derry, police said.",  # local press
    "Residents say armed men kneecapped a teenager near Newry last week.",  # statement
]


@pytest.mark.parametrize("text", KNEECAPPINGS)
def test_a_trigger_added_as_a_row_is_coded_with_its_mappings(
    coder: Coder, extended: Coder, text: str
) -> None:
    assert not any(e.cameo_code == "182" for e in _events(coder, text))
    event = next(e for e in _events(extended, text) if e.cameo_code == "182")
    assert event.plover_event == "ASSAULT" and event.acled_event_type is not None
    assert "by core verb 'kneecap'" in event.explanation


ACID_ATTACKS = [
    "An acid attack on a schoolgirl in Kandahar left her badly burned.",
    "Unknown men carried out an acid attack on two women in Lahore on Tuesday.",
    "Police are hunting the suspects after an acid attack on a shopkeeper in Dhaka.",
]


@pytest.mark.parametrize("text", ACID_ATTACKS)
def test_a_refinement_added_as_a_row_retypes_the_noun(
    coder: Coder, extended: Coder, text: str
) -> None:
    before = [e.cameo_code for e in _events(coder, text)]
    after = {e.cameo_code: e for e in _events(extended, text)}
    assert "182" not in before and "182" in after
    assert after["182"].acled_event_type == "Violence against civilians"
    assert "core noun 'acid attack'" in after["182"].explanation


OKRUG_PLACES = [
    ("Gunmen attacked a police post in Sokoto okrug on Monday.", "Sokoto"),
    ("Soldiers clashed with rebels in Idlib okrug, the monitor said.", "Idlib"),
    ("The army says it repelled an attack in the okrug of Kidal.", "Kidal"),
]


@pytest.mark.parametrize(("text", "name"), OKRUG_PLACES)
def test_a_place_level_word_added_as_a_row_reads_the_province(
    coder: Coder, extended: Coder, text: str, name: str
) -> None:
    before = _events(coder, text)[0].place
    after = _events(extended, text)[0].place
    assert before is not None and before.feature == "PPL"
    assert after is not None and (after.name, after.feature) == (name, "ADM1")


def test_the_extra_rows_change_the_coder_version(coder: Coder, extended: Coder) -> None:
    assert coder.version != extended.version
