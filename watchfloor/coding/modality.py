"""Negation, hedging and modality cues read from the dependency parse.

The cue words are the language's data (``coding/lang/<xx>/modality.tsv``), picked by the
parsed document's language; this module knows no word of any language. The dependency labels
are the parser's scheme, not words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from watchfloor.coding.language import language_data

CUES_FILE = "modality.tsv"


@dataclass(frozen=True)
class ModalityCues:
    """One language's modality cue words, by what they signal (see ``modality.tsv``)."""

    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    hedge_modals: frozenset[str]
    future_aux: frozenset[str]
    plan_verbs: frozenset[str]
    planned_words: frozenset[str]
    negators: frozenset[str]
    threat_words: frozenset[str]
    fail_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    condition_words: frozenset[str]
    going_to: frozenset[str]
    purpose_preps: frozenset[str]


def modality_cues(language: str) -> ModalityCues:
    """The modality cues of ``language`` (built once); ModelError when it has none."""
    data = language_data(language)

    def make() -> ModalityCues:
        def words(key: str) -> frozenset[str]:
            return data.words(CUES_FILE, key)

        return ModalityCues(
            hedge_words=words("hedge-word"),
            hedge_phrases=data.phrases(CUES_FILE, "hedge-phrase"),
            hedge_modals=words("hedge-modal"),
            future_aux=words("future-aux"),
            plan_verbs=words("plan-verb"),
            planned_words=words("planned-word"),
            negators=words("negator"),
            threat_words=words("threat-word"),
            fail_verbs=words("fail-verb"),
            obligation_aux=words("obligation-aux"),
            condition_words=words("condition-word"),
            going_to=words("going-to"),
            purpose_preps=words("purpose-prep"),
        )

    return data.build(ModalityCues, make)


def _cues(token: Token | Span) -> ModalityCues:
    return modality_cues(token.doc.lang_)


def hedge_cues(sentence: Span) -> list[str]:
    """Words or phrases that mark the sentence's report as second-hand or uncertain."""
    cues = _cues(sentence)
    lowered = sentence.text.lower()
    found = [t.lower_ for t in sentence if t.lower_ in cues.hedge_words]
    found += [p for p in cues.hedge_phrases if p in lowered]
    found += [t.lower_ for t in sentence if t.lower_ in cues.hedge_modals and t.dep_ == "aux"]
    return found


def plainly_reported(sentence: Span) -> bool:
    """Whether the sentence tells of something done: no negation, no future or conditional
    auxiliary, no threat or plan word ("did not attack", "would strike", "may have fled")."""
    cues = _cues(sentence)
    not_done = cues.future_aux | cues.hedge_modals
    intents = cues.plan_verbs | cues.threat_words
    return not any(
        t.dep_ == "neg"
        or (t.lower_ in cues.negators and t.dep_ in ("advmod", "det"))
        or (t.dep_ == "aux" and t.lower_ in not_done)
        or t.lemma_.lower() in intents
        for t in sentence
    )


def is_negated(token: Token) -> bool:
    """Whether the verb (or a verb it is the complement of) carries a negation."""
    negators = _cues(token).negators
    current: Token | None = token
    for _ in range(3):
        if current is None:
            break
        if any(
            c.dep_ == "neg" or (c.lower_ in negators and c.dep_ in ("advmod", "det"))
            for c in current.children
        ):
            return True
        if current.dep_ not in ("xcomp", "conj") or current.head.i == current.i:
            break
        current = current.head
    return False


def is_future(token: Token) -> bool:
    """Whether the event is announced for the future: will/would, "plan to", "be set to",
    "a planned march"."""
    cues = _cues(token)
    if any(c.dep_ == "aux" and c.lower_ in cues.future_aux for c in token.children):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in cues.plan_verbs:
        return True
    if token.dep_ == "xcomp" and head.lower_ in cues.going_to:
        return True
    if token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in cues.planned_words for c in token.children
    ):
        return True  # "a planned demonstration", "the upcoming talks"
    return (
        token.dep_ == "pobj"
        and head.lower_ in cues.purpose_preps
        and head.head.lemma_ in cues.plan_verbs
    )


def obligation(token: Token) -> bool:
    """Whether the verb carries must/should ("X must withdraw"): a demand when reported."""
    aux = _cues(token).obligation_aux
    return any(c.dep_ == "aux" and c.lower_ in aux for c in token.children)


def conditional(token: Token) -> bool:
    """Whether a clause hangs on the event with "unless" or "if" (a condition: a threat)."""
    markers = _cues(token).condition_words
    return any(
        c.dep_ == "advcl" and any(m.lower_ in markers for m in c.children) for c in token.children
    )


def failed(token: Token) -> bool:
    """Whether the event is the complement of fail/refuse/deny ("failed to attack")."""
    return token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in _cues(token).fail_verbs
