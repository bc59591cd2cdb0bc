"""The warning cues' dependency patterns, each run only on documents holding its words.

One spaCy ``DependencyMatcher`` holding every cue tests each node of each pattern on each
token of every document: with some sixty cues that was a tenth of the coder's time. Here each
cue has its own matcher and the words its nodes require (a ``LEMMA`` or ``LOWER`` given as one
string or an ``IN`` list); a cue runs on a document only when every such node has its word in
the document, so most documents run a few cues or none. The matches are those of one matcher
holding every cue; a node with any other kind of word test (``REGEX``, ``NOT_IN``) requires
nothing here and is left to the matcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes whose exact values a document can be checked for before matching.
WORD_ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER}

Need = tuple[str, frozenset[str]]


def required_words(pattern: Sequence[dict[str, Any]]) -> tuple[Need, ...]:
    """(attribute, words) for each node of ``pattern`` that needs one of ``words`` there."""
    needs: list[Need] = []
    for node in pattern:
        for attr, value in (node.get("RIGHT_ATTRS") or {}).items():
            if attr not in WORD_ATTRS:
                continue
            if isinstance(value, str):
                needs.append((attr, frozenset({value})))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                needs.append((attr, frozenset(str(v) for v in value["IN"])))
    return tuple(needs)


class CueMatcher:
    """Finds ``(cue index, token indices)`` for every match of the patterns in a document."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matchers: list[DependencyMatcher] = []
        self._hashes: list[tuple[tuple[int, frozenset[int]], ...]] = []

    def add(self, pattern: Sequence[dict[str, Any]]) -> None:
        """Compile the next cue's pattern (spaCy's ValueError or KeyError for a bad one)."""
        matcher = DependencyMatcher(self.vocab, validate=True)
        matcher.add(str(len(self.matchers)), [list(pattern)])
        self.matchers.append(matcher)
        strings = self.vocab.strings
        self._hashes.append(
            tuple(
                (WORD_ATTRS[a], frozenset(strings.add(w) for w in words))
                for a, words in required_words(pattern)
            )
        )

    def __call__(self, doc: Doc) -> list[tuple[int, list[int]]]:
        words = {attr: doc.count_by(attr).keys() for attr in WORD_ATTRS.values()}
        found: list[tuple[int, list[int]]] = []
        for i, (matcher, needs) in enumerate(zip(self.matchers, self._hashes, strict=True)):
            if all(not values.isdisjoint(words[attr]) for attr, values in needs):
                found += [(i, list(ids)) for _, ids in matcher(doc)]
        return found
