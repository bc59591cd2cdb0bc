"""The event typer's word lists are language data (``lang/<xx>/event_words.tsv``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.coding.classify import EVENT_WORD_KINDS, _event_words
from watchfloor.coding.language import use_extra_data
from watchfloor.errors import ModelError


def test_every_kind_has_words() -> None:
    words = _event_words()
    assert set(words) == set(EVENT_WORD_KINDS)
    assert all(words[kind] for kind in EVENT_WORD_KINDS)
    assert "gunman" in words["agent_noun"] and "refinery" in words["industrial_site"]


def test_a_word_is_added_from_data_alone(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "event_words.tsv").write_text("word\tkind\nbrewery\tindustrial_site\n")
    assert "brewery" not in _event_words()["industrial_site"]
    use_extra_data([tmp_path])
    try:
        assert "brewery" in _event_words()["industrial_site"]
        assert "refinery" in _event_words()["industrial_site"]  # the packaged rows stay
    finally:
        use_extra_data([])


def test_an_unknown_kind_is_refused_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "event_words.tsv").write_text("word\tkind\nbrewery\tfactory_word\n")
    use_extra_data([tmp_path])
    try:
        with pytest.raises(ModelError, match=r"event_words.tsv: 'brewery' has kind"):
            _event_words()
    finally:
        use_extra_data([])
