"""A small real coder for the scale tests: spaCy sentences, one event per sentence with a verb.

It stands in for ``watchfloor.coding.pipeline.Coder`` where the test is about distribution
(partitions, retries, atomic files), not about coding quality. It is deterministic, uses the
real spaCy model, and can kill its own worker process once (to test retries) when the
environment variable ``WF_TEST_KILL_FLAG`` names a file that does not exist yet.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from watchfloor.coding.prior import CollectionPrior
from watchfloor.records import Document, Event, Evidence, PlaceRef, Sentence
from watchfloor.settings import Settings

KILL_FLAG_ENV = "WF_TEST_KILL_FLAG"
KILL_AT_ENV = "WF_TEST_KILL_AT"
COUNTRIES = {"Armenia": "ARM", "Azerbaijan": "AZE", "Georgia": "GEO", "Kapan": "ARM"}


@dataclass(frozen=True)
class CodedDocument:
    document_id: str
    sentences: list[Sentence]
    events: list[Event]


class SentenceCoder:
    version = "sentence-coder-1"

    def __init__(self, nlp: spacy.language.Language) -> None:
        self.nlp = nlp
        self.prior_country: str | None = None

    def use_prior(self, prior: CollectionPrior) -> None:
        """Place unplaced events in the collection's main country (shows the prior arrived)."""
        countries = prior.countries
        self.prior_country = max(countries, key=countries.__getitem__) if countries else None

    @classmethod
    def load(cls, settings: Settings) -> SentenceCoder:
        return cls(spacy.load(settings.spacy_model, disable=["ner"]))

    def _maybe_die(self, doc_id: str) -> None:
        flag = os.environ.get(KILL_FLAG_ENV)
        if flag and doc_id == os.environ.get(KILL_AT_ENV) and not Path(flag).exists():
            Path(flag).write_text("killed once", encoding="utf-8")
            os._exit(9)  # like kill -9: no cleanup, no exception for Dask to see

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        docs = list(docs)
        for doc, parsed in zip(docs, self.nlp.pipe(d.text for d in docs), strict=True):
            self._maybe_die(doc.id)
            sentences, events = [], []
            for index, sent in enumerate(parsed.sents):
                sentences.append(Sentence(doc.id, index, sent.start_char, sent.end_char, sent.text))
                verbs = [t.lemma_ for t in sent if t.pos_ == "VERB"]
                if not verbs:
                    continue
                country = next((c for n, c in COUNTRIES.items() if n in sent.text), None)
                country = country or self.prior_country
                key = f"{doc.id}|{index}|{verbs[0]}"
                events.append(
                    Event(
                        id=hashlib.sha256(key.encode()).hexdigest()[:20],
                        evidence=Evidence(doc.id, index, sent.start_char, sent.end_char, sent.text),
                        plover_event=verbs[0].upper(),
                        date=doc.published.date() if doc.published else None,
                        place=PlaceRef(name=country, country=country) if country else None,
                        confidence=round(min(1.0, len(verbs) / 4), 3),
                    )
                )
            yield CodedDocument(doc.id, sentences, events)
