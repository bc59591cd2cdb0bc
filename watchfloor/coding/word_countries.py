"""Which country a report's words point to, learnt from a collection's located documents.

Wire reports often name only a hamlet no gazetteer knows and a local actor ("Workers of the
railways gathered to protest", "Coalition airstrikes hit a market in Sihar"). A collection that
follows a region has seen the same words in reports it could place: a naive Bayes model over
word presence, trained on the collection's own located documents (never on gold labels), gives
such a report its likely country, and only when the words are clear about it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_DOCUMENTS = 20  # a country needs this many located documents to be learnt
MIN_WORD_DOCUMENTS = 3  # a word must occur in this many of them to count
MAX_WORDS = 20_000  # the most frequent words kept
MIN_PROBABILITY = 0.8  # the model names a country only when this sure
TOKENS = r"(?u)\b[^\W\d_][\w'-]+\b"  # words of two letters or more, no numbers


@dataclass(frozen=True, eq=False)
class WordCountries:
    """A fitted word-presence model; two models trained on the same data compare equal."""

    vectorizer: Any  # sklearn CountVectorizer
    model: Any  # sklearn MultinomialNB
    digest: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordCountries) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    @classmethod
    def learn(cls, texts: Sequence[str], countries: Sequence[str]) -> WordCountries | None:
        """Fit on located documents (text, ISO3 of their events' place); None when fewer than
        two countries have enough documents to tell apart."""
        counts: dict[str, int] = {}
        for country in countries:
            counts[country] = counts.get(country, 0) + 1
        kept = [i for i, country in enumerate(countries) if counts[country] >= MIN_DOCUMENTS]
        if len({countries[i] for i in kept}) < 2:
            return None
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.naive_bayes import MultinomialNB

        vectorizer = CountVectorizer(
            lowercase=True,
            token_pattern=TOKENS,
            binary=True,
            min_df=MIN_WORD_DOCUMENTS,
            max_features=MAX_WORDS,
            dtype=float,
        )
        try:
            matrix = vectorizer.fit_transform([texts[i] for i in kept])
        except ValueError:  # no word left after min_df
            return None
        labels = [countries[i] for i in kept]
        model = MultinomialNB(alpha=0.5).fit(matrix, labels)
        digest = hashlib.sha256()
        for i in kept:
            digest.update(f"{countries[i]}\x1f{texts[i]}\x1e".encode())
        return cls(vectorizer, model, digest.hexdigest())

    def country(self, text: str) -> str | None:
        """The country this text's words point to, if the model is sure enough."""
        row = self.vectorizer.transform([text])
        if not row.nnz:
            return None
        probabilities = self.model.predict_proba(row)[0]
        best = int(probabilities.argmax())
        if probabilities[best] < MIN_PROBABILITY:
            return None
        return str(self.model.classes_[best])
