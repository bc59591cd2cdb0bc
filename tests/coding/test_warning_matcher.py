"""The warning cues run only where their words are, and find what one matcher of all finds."""

from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from tests.coding.warning_sentences import NEGATED, NOT_SHOWN, SHOWN
from watchfloor.coding.pipeline import Coder
from watchfloor.coding.warning_kinds import build_matcher, load_warning_cues
from watchfloor.coding.warning_matcher import CueMatcher, required_words

TEXTS = [t for texts in SHOWN.values() for t in texts]
TEXTS += [t for texts in NEGATED.values() for t in texts] + NOT_SHOWN


def test_words_needed_by_each_node() -> None:
    pattern = [
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["cross", "enter"]}, "POS": "VERB"}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"LOWER": "border"}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ]
    assert required_words(pattern) == (
        ("LEMMA", frozenset({"cross", "enter"})),
        ("LOWER", frozenset({"border"})),
    )


@pytest.mark.parametrize(
    "attrs",
    [{"LEMMA": {"NOT_IN": ["cross"]}}, {"LOWER": {"REGEX": "^cross"}}, {"DEP": "ROOT"}],
)
def test_other_word_tests_require_nothing(attrs: dict[str, object]) -> None:
    assert required_words([{"RIGHT_ID": "v", "RIGHT_ATTRS": attrs}]) == ()


def test_cue_without_its_words_is_not_run(coder: Coder) -> None:
    matcher = CueMatcher(coder.nlp.vocab)
    matcher.add([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "evacuate"}}])
    matcher.add([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"DEP": "ROOT"}}])
    doc = coder.nlp("Troops crossed the border.")
    assert [key for key, _ in matcher(doc)] == [1]
    doc = coder.nlp("The embassy evacuated its staff.")
    assert sorted(key for key, _ in matcher(doc)) == [0, 1]


def test_same_matches_as_one_matcher_of_every_cue(coder: Coder) -> None:
    """Gating by words changes speed, never what is found."""
    cues = load_warning_cues()
    every = DependencyMatcher(coder.nlp.vocab)
    for i, cue in enumerate(cues.cues):
        every.add(str(i), [list(cue.pattern)])
    gated = build_matcher(coder.nlp.vocab, cues)
    strings = coder.nlp.vocab.strings
    found = 0
    for doc in coder.nlp.pipe(TEXTS):
        expected = sorted((int(strings[key]), list(ids)) for key, ids in every(doc))
        assert sorted(gated(doc)) == expected, doc.text
        found += len(expected)
    assert found >= len(SHOWN) * 10  # the sentences do hold cues


def test_bad_pattern_names_spacy_error() -> None:
    with pytest.raises(ValueError):
        CueMatcher(Vocab()).add([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LEMMA": {"NOPE": ["x"]}}}])
