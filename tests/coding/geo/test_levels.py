"""Place-level words come from the language's data file, not from Python."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy

from watchfloor.coding.geo.levels import PlaceLevels, place_levels
from watchfloor.coding.geo.mentions import cue_preference
from watchfloor.errors import ModelError


def _packaged_text() -> str:
    path = resources.files("watchfloor.coding.lang") / "en" / "place_levels.tsv"
    return path.read_text(encoding="utf-8")


def test_a_new_level_word_is_a_new_row():
    before = PlaceLevels.parse(_packaged_text())
    after = PlaceLevels.parse(_packaged_text() + "kabupaten\tadmin2\n")
    assert before.level("kabupaten") is None
    assert after.level("Kabupaten") == "admin2"
    assert "kabupaten" in after.local_words and "kabupaten" not in after.admin_words


@pytest.mark.parametrize(
    "row", ["upazila", "tehsil\tadmin9", "\tadmin1 extra\tcolumn", "ward\tlocal\tx"]
)
def test_a_malformed_row_is_refused_with_its_line(row):
    with pytest.raises(ModelError, match="line 2"):
        PlaceLevels.parse("# header\n" + row + "\n", "custom.tsv")


def test_an_unknown_language_is_reported_not_read_as_english():
    with pytest.raises(ModelError, match="xx"):
        place_levels("xx")


@pytest.mark.parametrize(
    ("text", "word", "preference"),
    [
        ("Fighting spread in Idlib governorate.", "Idlib", "admin"),
        ("Unrest hit Kishoreganj division.", "Kishoreganj", "admin"),
        ("Clashes in Hossainpur upazila left two hurt.", "Hossainpur", "local"),
        ("Troops entered Kamalia tehsil.", "Kamalia", "local"),
        ("Shelling hit the Idlib countryside.", "Idlib", None),
    ],
)
def test_the_packaged_words_set_the_level_a_name_is_read_at(text, word, preference):
    nlp = spacy.blank("en")
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == word)
    assert cue_preference(doc, index, index + 1) == preference
    levels = place_levels()
    assert all(
        level in ("admin1", "admin2", "admin3", "local", "around")
        for level in levels.levels.values()
    )
