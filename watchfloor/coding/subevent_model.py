"""The sub-event classifier: reads a sentence for the kind of event it reports.

A logistic regression over multilingual sentence embeddings (``subevent_embed.npz``, see
``coding/embed.py``; with ``event_embeddings`` off, the word pipeline
``subevent_model.joblib``), built by ``scripts/train_subevent_model.py`` from text we wrote in
several registers, gives each sentence a probability for 30 labels: the 25 ACLED sub-event
types, diplomacy, claims, organised crime and natural and man-made disasters.
``subevent_labels.tsv`` says what each label means to the coder.
The stage adds an event to a sentence no trigger rule typed, and names the ACLED sub-event type
of a rule's event where the rule could not tell it (a killing with no weapon named).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from watchfloor.coding.classify import GENERIC_VIOLENCE
from watchfloor.coding.modality import plainly_reported
from watchfloor.coding.model import load_bundled_model, sentence_candidate, top_labels
from watchfloor.coding.ontology import AcledType, Ontology, read_table
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.errors import ModelError

SUBEVENT_MODEL_FILE = "subevent_model.joblib"
SUBEVENT_EMBED_FILE = "subevent_embed.npz"
SUBEVENT_SCRIPT = "scripts/train_subevent_model.py"
MIN_TOKENS = 4
#: CAMEO codes of events whose ACLED sub-event type the rules cannot tell (an attack, a clash,
#: a killing, a seizure with no weapon or manner named).
GENERIC_CODES = GENERIC_VIOLENCE | frozenset(
    {"1822", "19", "196", "20", "17", "170", "171", "172", "174", "191"}
)
TERRITORY_TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
NON_STATE_ARMED = frozenset({"REB", "INS", "UAF"})
KINDS = frozenset({"acled", "nonpolitical", "claim", "diplomatic"})
#: How an event's explanation says the classifier chose its sub-event type.
MODEL_NOTE = "sub-event model"
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


@dataclass(frozen=True)
class SubEventLabel:
    """What a classifier label means to the coder. ``kind``: "acled" (an ACLED sub-event
    type), "nonpolitical" (crime or disaster), "claim" (a group claims an attack) or
    "diplomatic"; ``cameo_code``: the code of an event added for the label where no rule
    typed the sentence (none: nothing is added)."""

    label: str
    kind: str
    cameo_code: str
    acled: AcledType | None
    nonpolitical: str | None


def load_subevent_labels() -> dict[str, SubEventLabel]:
    """The labels of ``subevent_labels.tsv``, by name."""
    labels: dict[str, SubEventLabel] = {}
    for row in read_table("subevent_labels.tsv"):
        if row["kind"] not in KINDS:
            raise ModelError(
                f"subevent_labels.tsv: label {row['label']} has unknown kind {row['kind']!r}"
            )
        acled = (
            AcledType(row["acled_event_type"], row["acled_sub_event_type"])
            if row["acled_event_type"]
            else None
        )
        labels[row["label"]] = SubEventLabel(
            row["label"], row["kind"], row["cameo_code"], acled, row["nonpolitical"] or None
        )
    return labels


def load_subevent_model(encoder: Any = None) -> Any:
    """The bundled sub-event classifier (text -> label probabilities): over sentence
    embeddings when an encoder is given, else the word pipeline."""
    if encoder is not None:
        from watchfloor.coding.embed import load_embedding_classifier

        return load_embedding_classifier(SUBEVENT_EMBED_FILE, encoder, SUBEVENT_SCRIPT)
    return load_bundled_model(SUBEVENT_MODEL_FILE, "sub-event model", SUBEVENT_SCRIPT)


class SubEventStage:
    """Read each sentence's kind of event with the classifier and let it name the ACLED
    sub-event type (or crime, disaster, claim, diplomacy) of the sentence's main event; add
    an event where no rule fired and the classifier is sure enough."""

    name: str = "subevents"
    reads: tuple[str, ...] = ("spans", "eligible", "candidates")
    writes: tuple[str, ...] = ("candidates",)

    def __init__(
        self,
        model: Any,
        labels: dict[str, SubEventLabel],
        ontology: Ontology,
        actors: Any,
        *,
        threshold: float = 0.15,
        add_threshold: float = 0.2,
        add_untriggered: float = 0.4,
        retype: float = 0.3,
        override_specific: float = 0.4,
    ) -> None:
        self.model = model
        self.labels = labels
        self.ontology = ontology
        self.actors = actors
        self.threshold = threshold
        self.add_threshold = add_threshold
        self.add_untriggered = add_untriggered
        self.retype = retype
        self.override_specific = override_specific
        unknown = set(model.classes_) - set(labels)
        if unknown:
            raise ModelError(f"sub-event model labels {sorted(unknown)} are not in the label table")

    def __call__(self, work: WorkDoc) -> None:
        self.run_batch([work])

    def run_batch(self, works: list[WorkDoc]) -> None:
        """Read every sentence of several documents with one classifier call."""
        todo = [
            (work, i, span)
            for work in works
            for i, span in enumerate(work.spans)
            if len(span) >= MIN_TOKENS
        ]
        if not todo:
            return
        by_sentence: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        for work in works:  # the rule events of each sentence, gathered once
            for cand in work.candidates:
                by_sentence[(id(work), cand.sentence_index)].append(cand)
        read = top_labels(self.model, [span for _, _, span in todo])
        for (work, i, span), (label, p) in zip(todo, read, strict=True):
            if p >= self.threshold:
                cands = by_sentence.get((id(work), i), [])
                self._apply(work, i, span, cands, self.labels[label], p)

    def _apply(
        self,
        work: WorkDoc,
        index: int,
        span: Span,
        cands: list[Candidate],
        label: SubEventLabel,
        p: float,
    ) -> None:
        note = f"{MODEL_NOTE} p={p:.2f} for {label.label}"
        main = self._main_candidate(cands, label)
        if main is not None and p < self._needed(main, label):
            return
        if main is None:
            if self._may_add(work, index, span, label, cands, p):
                work.candidates.append(self._added(work, index, span, label, note, p))
            return
        if label.kind == "nonpolitical":
            main.nonpolitical = label.nonpolitical
        elif label.kind == "acled":
            main.nonpolitical = None if main.cameo_code else main.nonpolitical
            main.acled_hint = _by_taker(label.acled, main)
        elif label.kind == "claim":
            main.modality = "claimed"
        main.notes.append(note)
        main.classified = True

    def _may_add(
        self,
        work: WorkDoc,
        index: int,
        span: Span,
        label: SubEventLabel,
        cands: list[Candidate],
        p: float,
    ) -> bool:
        """Add an event only for a label that has one, sure enough (surer where no trigger word
        is in the sentence), in a sentence that tells of something done and whose rule events,
        if any, are plain assertions."""
        if not (label.cameo_code or label.nonpolitical):
            return False
        if p < (self.add_threshold if work.eligible[index] else self.add_untriggered):
            return False
        asserted = all(c.modality == "asserted" and not c.negated for c in cands)
        return asserted and plainly_reported(span)

    def _main_candidate(self, cands: list[Candidate], label: SubEventLabel) -> Candidate | None:
        """The rule's event the label speaks of. An ACLED sub-event: the first event of its
        ACLED event type, else the first with any ACLED type. "Other", a crime or a disaster:
        the first event with an ACLED type, else the first. A claim: the first violent event.
        Diplomacy: the first event with no ACLED type."""
        political = [c for c in cands if c.cameo_code]
        typed = [(c, a) for c in political if (a := self._acled(c)) is not None]
        if label.kind == "acled" and label.cameo_code and label.acled is not None:
            same = [c for c, a in typed if a.event_type == label.acled.event_type]
            return next(iter(same or [c for c, _ in typed]), None)
        if label.kind in ("acled", "nonpolitical"):
            return next(iter([c for c, _ in typed] or cands), None)
        if label.kind == "claim":
            return next((c for c, a in typed if a.event_type in VIOLENT_TYPES), None)
        return next((c for c in political if self._acled(c) is None), None)

    def _needed(self, main: Candidate, label: SubEventLabel) -> float:
        """How sure the reading must be to change the rule's event: surer to move it to
        another ACLED event type (or out of politics), surer still where the rule named the
        weapon or the act."""
        current = self._acled(main) if main.cameo_code else None
        moved = label.kind == "nonpolitical" or (
            label.acled is not None
            and current is not None
            and label.acled.event_type != current.event_type
        )
        needed = self.retype if current is not None and moved else self.threshold
        if self._specific(main) and label.kind in ("acled", "nonpolitical"):
            needed = max(needed, self.override_specific)
        return needed

    def _specific(self, cand: Candidate) -> bool:
        """Whether the rule gave the event a precise ACLED type: a weapon or act word ("an
        IED", "a grenade") or a code of its own ("employ aerial weapons"), not a bare
        "attack", "clash" or "seize"."""
        return cand.acled_hint is not None or cand.cameo_code not in GENERIC_CODES

    def _acled(self, cand: Candidate) -> AcledType | None:
        return cand.acled_hint or self.ontology.acled(cand.cameo_code)

    def _added(
        self, work: WorkDoc, index: int, span: Span, label: SubEventLabel, note: str, p: float
    ) -> Candidate:
        """A new event for the label: its CAMEO code (a claim: a claimed attack; a crime or a
        disaster: a not-political event), roles from the parse."""
        cand = sentence_candidate(work, index, span, label.cameo_code, note, p, self.actors)
        cand.nonpolitical = label.nonpolitical
        cand.acled_hint = label.acled
        cand.classified = True
        if label.kind == "claim":
            cand.modality = "claimed"
        return cand


def _by_taker(acled: AcledType | None, cand: Candidate) -> AcledType | None:
    """Territory taken is "Government regains" or "Non-state actor overtakes" by who takes it,
    as ACLED defines them, whenever the doer's sector is known."""
    sector = cand.source.sector if cand.source else None
    if acled is None or acled.sub_event_type not in TERRITORY_TAKEN or sector is None:
        return acled
    if sector in STATE_SECTORS:
        return AcledType("Battles", "Government regains territory")
    if sector in NON_STATE_ARMED:
        return AcledType("Battles", "Non-state actor overtakes territory")
    return acled
