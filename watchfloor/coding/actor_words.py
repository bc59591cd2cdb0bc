"""The words that decide whether and whose actor a phrase names, as language data.

They live in ``coding/lang/<xx>/actor_words.tsv`` and are picked by the parsed document's
language (``doc.lang_``); the actor resolver knows no word of any language.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from watchfloor.coding.language import language_data

WORDS_FILE = "actor_words.tsv"


@dataclass(frozen=True)
class ActorWords:
    """One language's actor cue words, by what they signal (see ``actor_words.tsv``)."""

    patron: frozenset[str]
    ethnic: frozenset[str]
    against_prefix: frozenset[str]
    for_prefix: frozenset[str]
    locative_preps: frozenset[str]
    link_preps: frozenset[str]
    person_nouns: frozenset[str]


def actor_words(language: str) -> ActorWords:
    """The actor words of ``language`` (built once); ModelError when it has none."""
    data = language_data(language)

    def make() -> ActorWords:
        def words(key: str) -> frozenset[str]:
            return data.words(WORDS_FILE, key)

        return ActorWords(
            patron=words("patron-word"),
            ethnic=words("ethnic-word"),
            against_prefix=words("against-prefix"),
            for_prefix=words("for-prefix"),
            locative_preps=words("locative-prep"),
            link_preps=words("link-prep"),
            person_nouns=words("person-noun"),
        )

    return data.build(ActorWords, make)


def words_of(token: Token) -> ActorWords:
    """The actor words of the token's document language."""
    return actor_words(token.doc.lang_)
