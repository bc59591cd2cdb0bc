"""The language-data loader: packaged files, extra rows from a folder, and clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchfloor.coding.actor_words import actor_words
from watchfloor.coding.language import STAGE_FILES, language_data, use_extra_data
from watchfloor.coding.modality import modality_cues
from watchfloor.coding.pipeline import Coder, reads_with_stages
from watchfloor.coding.roles import role_words
from watchfloor.coding.trigger_rules import load_trigger_rules
from watchfloor.errors import ConfigError, ModelError
from watchfloor.records import Document


@pytest.fixture
def extra(tmp_path: Path) -> Iterator[Path]:
    """An extra language folder, in use for the test only."""
    (tmp_path / "en").mkdir()
    use_extra_data([tmp_path])
    yield tmp_path / "en"
    use_extra_data([])


def test_english_has_every_file_the_stages_read() -> None:
    assert language_data("en").reads_stages()
    assert all(language_data("en").has(name) for name in STAGE_FILES)


@pytest.mark.parametrize("language", ["ar", "fa", "fr", "xx"])
def test_a_language_without_stage_files_is_not_read_by_the_stages(language: str) -> None:
    assert not language_data(language).reads_stages()
    assert not reads_with_stages(language)


@pytest.mark.parametrize(("language", "read"), [(None, True), ("en", True), ("de", False)])
def test_only_the_models_language_goes_through_the_stages(language: str | None, read: bool) -> None:
    assert reads_with_stages(language) is read


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (lambda: modality_cues("en").hedge_words, {"reportedly", "allegedly"}),
        (lambda: modality_cues("en").negators, {"not", "never"}),
        (lambda: role_words("en").agent, {"by"}),
        (lambda: role_words("en").quantity_nouns, {"thousand", "dozen"}),
        (lambda: actor_words("en").patron, {"backed", "funded"}),
        (lambda: actor_words("en").person_nouns, {"farmer", "shepherd"}),
        (lambda: load_trigger_rules(language_data("en")).labour_words, {"teacher", "union"}),
    ],
)
def test_word_sets_are_read_from_the_english_files(words: object, expected: set[str]) -> None:
    assert expected <= words()  # type: ignore[operator]


@pytest.mark.parametrize(
    "read",
    [
        lambda: modality_cues("xx"),
        lambda: role_words("xx"),
        lambda: actor_words("xx"),
        lambda: load_trigger_rules(language_data("xx")),
    ],
)
def test_a_language_without_files_is_a_clear_error(read: object) -> None:
    with pytest.raises(ModelError, match="language 'xx' has no .*lang/xx/"):
        read()  # type: ignore[operator]


def test_extra_rows_are_read_after_the_packaged_ones(extra: Path) -> None:
    (extra / "modality.tsv").write_text("set\tword\nhedge-word\tpurportedly-ish\n")
    cues = modality_cues("en")
    assert "purportedly-ish" in cues.hedge_words and "reportedly" in cues.hedge_words


def test_a_malformed_extra_row_names_its_file(extra: Path) -> None:
    (extra / "roles.tsv").write_text("set\tword\nagent-prep\n")
    with pytest.raises(ModelError, match=r"en/roles.tsv: row 'agent-prep' has 1 cells"):
        role_words("en")


def test_an_extra_table_with_another_header_is_refused(extra: Path) -> None:
    (extra / "core_triggers.tsv").write_text("word\tcode\nkneecap\t182\n")
    with pytest.raises(ModelError, match="core_triggers.tsv: header"):
        language_data("en").records("core_triggers.tsv")


def test_a_missing_word_set_is_named(extra: Path) -> None:
    with pytest.raises(ModelError, match="roles.tsv has no 'nonesuch' words"):
        language_data("en").words("roles.tsv", "nonesuch")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("frobnicate\tstrike\t-\t143\t0.8\tx", "unknown rule kind 'frobnicate'"),
        ("noun-modifier\tstrike\t@nonesuch\t143\t0.8\tx", "has no set 'nonesuch'"),
        ("noun-modifier\tstrike\thunger\t142\tstrong\tx", "strength 'strong' is not a number"),
    ],
)
def test_a_bad_trigger_rule_names_the_row(extra: Path, row: str, problem: str) -> None:
    (extra / "trigger_rules.tsv").write_text("rule\tword\tcue\tcode\tstrength\tlabel\n" + row)
    with pytest.raises(ModelError, match=problem):
        load_trigger_rules(language_data("en"))


def test_a_missing_extra_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist: fix lang_dir"):
        use_extra_data([tmp_path / "absent"])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Rebellen griffen am Montag einen Armeeposten an."),
        ("fr", "Des rebelles ont attaqué un poste de l'armée lundi."),
        ("sw", "Waasi walishambulia kituo cha jeshi Jumatatu."),
    ],
)
def test_a_language_without_resources_is_reported_and_never_coded_as_english(
    coder: Coder, language: str, text: str
) -> None:
    coded = next(coder.code_documents([Document(id="d", text=text, language=language)]))
    assert coded.events == [] and coded.sentences == []
    assert coded.explanations == [
        f"language {language!r} is not read by the coder: no events coded"
    ]
