"""Where a report's words point to, learnt from a collection's located documents.

Wire reports often name only a hamlet no gazetteer knows and a local actor ("Workers of the
railways gathered to protest", "Coalition airstrikes hit a market in Sihar"). A collection that
follows a region has seen the same words in reports it could place: a naive Bayes model over
word presence, trained on the collection's own located documents (never on gold labels), gives
such a report its likely country, and its province when the words are clear about that too.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_DOCUMENTS = 20  # a country (a province) needs this many located documents to be learnt,
FEWEST_DOCUMENTS = 5  # ... or, in a collection of under 2,000, one per 100 documents (>= 5)
MIN_WORD_DOCUMENTS = 3  # a word must occur in this many of them to count
MAX_WORDS = 20_000  # the most frequent words kept
MIN_COUNTRY_PROBABILITY = 0.8  # the model names a country only when this sure ...
MIN_ADMIN1_PROBABILITY = 0.6  # ... and a province of it only when this sure
VETO_PROBABILITY = 0.99  # words this sure of a country outweigh a lone town named abroad
TOKENS = r"(?u)\b[^\W\d_][\w'-]+\b"  # words of two letters or more, no numbers
SEPARATOR = "|"

#: (ISO3 country, admin1 name or None)
Area = tuple[str, str | None]


def _labels(places: Sequence[Area]) -> list[str | None]:
    """ "ISO3|admin1" for provinces with enough documents, "ISO3|" for the rest of a country
    with enough; None for documents of countries too rarely seen."""
    enough = min(MIN_DOCUMENTS, max(FEWEST_DOCUMENTS, len(places) // 100))
    countries = Counter(cc for cc, _ in places)
    provinces = Counter(places)
    labels: list[str | None] = []
    for cc, admin1 in places:
        if countries[cc] < enough:
            labels.append(None)
        elif admin1 and provinces[(cc, admin1)] >= enough:
            labels.append(f"{cc}{SEPARATOR}{admin1}")
        else:
            labels.append(f"{cc}{SEPARATOR}")
    return labels


@dataclass(frozen=True)
class WordsReading:
    """What a text's words say: the likeliest country, its probability, and the province
    when the words are clear about it."""

    country: str
    probability: float
    admin1: str | None

    def area(self) -> Area | None:
        """The country (and province) when the model is sure enough of the country."""
        if self.probability < MIN_COUNTRY_PROBABILITY:
            return None
        return self.country, self.admin1


@dataclass(frozen=True, eq=False)
class WordPlaces:
    """A fitted word-presence model; two models trained on the same data compare equal."""

    vectorizer: Any  # sklearn CountVectorizer
    model: Any  # sklearn MultinomialNB
    digest: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordPlaces) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    @classmethod
    def learn(cls, texts: Sequence[str], places: Sequence[Area]) -> WordPlaces | None:
        """Fit on located documents (text, (ISO3, admin1) of their events' place); None when
        fewer than two areas (countries, or provinces of one country: a collection about
        Benin alone) have enough documents to tell apart."""
        labels = _labels(places)
        kept = [i for i, label in enumerate(labels) if label is not None]
        if len({labels[i] for i in kept}) < 2:
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
        model = MultinomialNB(alpha=0.5).fit(matrix, [labels[i] for i in kept])
        digest = hashlib.sha256()
        for i in kept:
            digest.update(f"{labels[i]}\x1f{texts[i]}\x1e".encode())
        return cls(vectorizer, model, digest.hexdigest())

    def read(self, text: str) -> WordsReading | None:
        """The country this text's words most likely belong to, how sure the model is, and
        the province when it is clear too; None when no word is known."""
        row = self.vectorizer.transform([text])
        if not row.nnz:
            return None
        by_country: defaultdict[str, float] = defaultdict(float)
        best_label, best = "", 0.0
        probabilities = self.model.predict_proba(row)[0]
        for label, probability in zip(self.model.classes_, probabilities, strict=True):
            by_country[str(label).split(SEPARATOR)[0]] += float(probability)
            if probability > best:
                best_label, best = str(label), float(probability)
        country, total = max(by_country.items(), key=lambda item: item[1])
        cc, admin1 = best_label.split(SEPARATOR)
        clear = cc == country and bool(admin1) and best >= MIN_ADMIN1_PROBABILITY
        return WordsReading(country, total, admin1 if clear else None)
