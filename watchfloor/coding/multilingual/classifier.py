"""The sub-event classifier beside the cue rules of the Arabic and Persian coder.

A logistic regression over multilingual-e5-small sentence vectors
(``data/subevent_multilingual_embed.npz``, built by ``scripts/train_multilingual_model.py``
from our English training text and Arabic and Persian text in four registers) reads a
sentence for one of the sub-event labels of ``data/subevent_labels.tsv``; the label gives the
ACLED type, sub-event type and CAMEO code through the same table as English.

How a sentence's cue rule and its reading combine (``EventReader.decide``):

- a rule that names the weapon or the act decides alone; its sentence is not even read;
- a rule that says only that someone was killed or attacked, or that something exploded or
  was seized (``data/cue_overrulable.tsv``), is read: a reading of an ACLED sub-event with a
  CAMEO code, as sure as ``OVERRULE``, types the event instead (another type or a more precise
  sub-event); otherwise the rule stands (the reading confirms it or is too unsure);
- a sentence no rule typed is read when it shows some cue or a death count, or when the whole
  document has no rule event (then its first ``FALLBACK_SENTENCES`` sentences); a reading as
  sure as ``ADD_WITH_CUE`` (a cue or a count shown) or ``ADD_WITHOUT_CUE`` (none) adds an
  event, unless the sentence is negated. Crime, disaster, diplomacy and "Other" readings add
  nothing and overrule nothing.

Only these sentences are embedded, so a document whose rules name their events costs no
encoder time (speed: ``bench/code_multilingual.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.coding.multilingual.rules import CueRule
from watchfloor.coding.ontology import AcledType
from watchfloor.coding.subevent_model import SubEventLabel, load_subevent_labels
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

MODEL_FILE = "subevent_multilingual_embed.npz"
MODEL_SCRIPT = "scripts/train_multilingual_model.py"
#: How sure a reading must be to type a sentence whose only rule is overrulable. On our
#: Arabic and Persian dev sets no reading below 0.53 overruled a rule rightly (2 of 17).
OVERRULE = 0.6
#: How sure a reading must be to add an event to a sentence with a cue or a death count but
#: no rule, and to one with neither (the label table has 30 labels: 0.2 is six times chance).
ADD_WITH_CUE = 0.2
ADD_WITHOUT_CUE = 0.4
#: Sentences read from the start of a document in which no rule found an event.
FALLBACK_SENTENCES = 4
#: Confidence of an event the classifier typed (a cue rule's is 0.7).
CLASSIFIER_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Reading:
    """The classifier's likeliest label for a sentence and its probability."""

    label: SubEventLabel
    p: float

    @property
    def acled(self) -> AcledType | None:
        """The ACLED type the label names when it can type an event (a CAMEO code too)."""
        label = self.label
        return label.acled if label.kind == "acled" and label.cameo_code else None

    def note(self) -> str:
        return f"sub-event model p={self.p:.2f} for {self.label.label}"


@dataclass(frozen=True)
class Verdict:
    """A sentence's event type: from the rule, from the reading, or none. ``how``: "rule"
    (not read), "confirmed" (read, the rule stands), "overruled" or "classifier"."""

    how: str
    rule: CueRule | None
    reading: Reading | None

    @property
    def by_reading(self) -> bool:
        return self.how in ("overruled", "classifier")


def load_overrulable() -> frozenset[str]:
    """Names of the cue rules the classifier may overrule (``data/cue_overrulable.tsv``)."""
    return frozenset(cells[0] for cells in commented_tsv("watchfloor.data", "cue_overrulable.tsv"))


class EventReader:
    """Reads sentences with the classifier and combines each reading with the cue rule."""

    def __init__(
        self, model: Any, labels: dict[str, SubEventLabel], overrulable: frozenset[str]
    ) -> None:
        unknown = set(map(str, model.classes_)) - set(labels)
        if unknown:
            raise ModelError(f"{MODEL_FILE} labels {sorted(unknown)} are not in the label table")
        self.model = model
        self.labels = labels
        self.overrulable = overrulable
        #: sentences embedded so far (the benchmark reports the share)
        self.sentences_read = 0

    def read(self, texts: Sequence[str]) -> list[Reading]:
        """The likeliest label of each text, from one classifier call."""
        if not texts:
            return []
        self.sentences_read += len(texts)
        probs = self.model.predict_proba(list(texts))
        classes = self.model.classes_
        return [Reading(self.labels[str(classes[row.argmax()])], float(row.max())) for row in probs]

    def needs(self, rule: CueRule | None, hinted: bool, fallback: bool) -> bool:
        """Whether a sentence is read: its rule is overrulable, or it has no rule and shows a
        cue or a count (``hinted``) or is among a rule-less document's first (``fallback``)."""
        if rule is not None:
            return rule.name in self.overrulable
        return hinted or fallback

    def decide(
        self, rule: CueRule | None, reading: Reading | None, *, hinted: bool, negated: bool
    ) -> Verdict:
        """The module's combination rule (see the module docstring)."""
        if reading is None:
            return Verdict("rule", rule, None)
        acled = reading.acled
        if rule is None:
            needed = ADD_WITH_CUE if hinted else ADD_WITHOUT_CUE
            if acled is not None and reading.p >= needed and not negated:
                return Verdict("classifier", None, reading)
            return Verdict("rule", None, reading)
        differs = acled is not None and acled != AcledType(
            rule.acled_event_type, rule.acled_sub_event_type
        )
        if differs and reading.p >= OVERRULE and rule.name in self.overrulable:
            return Verdict("overruled", rule, reading)
        return Verdict("confirmed", rule, reading)


def load_event_reader(encoder: Any) -> EventReader:
    """The bundled multilingual classifier over ``encoder`` (``coding.embed.load_encoder``)."""
    from watchfloor.coding.embed import load_embedding_classifier

    model = load_embedding_classifier(MODEL_FILE, encoder, MODEL_SCRIPT)
    return EventReader(model, load_subevent_labels(), load_overrulable())
