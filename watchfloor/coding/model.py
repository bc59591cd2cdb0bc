"""The fallback classifier: a small scikit-learn pipeline trained on synthetic PLOVER stories.

Built by ``scripts/train_event_model.py``; it types a sentence in which no trigger rule fired,
when its top PLOVER event is at least ``threshold`` probable.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from spacy.tokens import Span

from watchfloor.coding.classify import EventTyper
from watchfloor.coding.modality import hedge_cues
from watchfloor.coding.ontology import DATA_PACKAGE, read_table
from watchfloor.coding.roles import verb_roles
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.errors import ModelError

MODEL_FILE = "event_model.joblib"
MIN_TOKENS = 5


def load_model() -> Any:
    """The bundled scikit-learn pipeline (text -> PLOVER event probabilities)."""
    return load_bundled_model(MODEL_FILE, "event model", "scripts/train_event_model.py")


def load_bundled_model(file_name: str, what: str, script: str) -> Any:
    """A scikit-learn pipeline shipped in the data package; a clear error names the script
    that rebuilds it when the file is missing or unreadable."""
    import joblib

    try:
        with resources.as_file(resources.files(DATA_PACKAGE).joinpath(file_name)) as path:
            return joblib.load(path)
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise ModelError(
            f"{what} {file_name} cannot be read ({exc}): rebuild it with {script}"
        ) from exc


def top_labels(model: Any, spans: list[Span]) -> list[tuple[str, float]]:
    """Each sentence's likeliest label and its probability, from one classifier call."""
    probs = model.predict_proba([span.text for span in spans])
    classes = model.classes_
    return [(str(classes[best]), float(row[best])) for row in probs for best in [row.argmax()]]


class ModelStage:
    """Type sentences the rules left empty with the classifier, above a probability threshold."""

    name: str = "model"
    reads: tuple[str, ...] = ("spans", "candidates")
    writes: tuple[str, ...] = ("candidates",)

    def __init__(self, model: Any, typer: EventTyper, actors: Any, threshold: float = 0.5) -> None:
        self.model = model
        self.typer = typer
        self.actors = actors
        self.threshold = threshold
        self.codes = {r["plover_event"]: r["cameo_code"] for r in read_table("plover_cameo.tsv")}

    def __call__(self, work: WorkDoc) -> None:
        self.run_batch([work])

    def run_batch(self, works: list[WorkDoc]) -> None:
        """Type the uncovered sentences of several documents with one classifier call."""
        todo: list[tuple[WorkDoc, int, Span]] = []
        for work in works:
            covered = {c.sentence_index for c in work.candidates}
            todo += [
                (work, i, span)
                for i, span in enumerate(work.spans)
                if i not in covered
                and len(span) >= MIN_TOKENS
                and any(t.pos_ == "VERB" for t in span)
            ]
        if not todo:
            return
        read = top_labels(self.model, [span for _, _, span in todo])
        for (work, i, span), (label, p) in zip(todo, read, strict=True):
            code = self.codes.get(label)
            if code is None or p < self.threshold:
                continue
            rule = f"model p={p:.2f} for {label}"
            work.candidates.append(sentence_candidate(work, i, span, code, rule, p, self.actors))


def sentence_candidate(
    work: WorkDoc, index: int, span: Span, code: str, rule: str, strength: float, actors: Any
) -> Candidate:
    """An event a classifier read in a whole sentence: its root is the trigger, the parse
    gives the roles, the actor stage resolves them."""
    cand = Candidate(index, span.root, code, rule, strength, hedges=hedge_cues(span))
    found = verb_roles(span.root)
    cand.source_token, cand.target_token = found.source, found.target
    mentions = work.actor_mentions.get(index, [])
    cand.source = actors.actor(cand.source_token, mentions)
    cand.target = actors.actor(cand.target_token, mentions)
    return cand
