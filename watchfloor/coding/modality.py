"""Negation, hedging and modality cues read from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Span, Token

HEDGE_WORDS = frozenset(
    {
        "reportedly",
        "allegedly",
        "purportedly",
        "apparently",
        "possibly",
        "probably",
        "unconfirmed",
        "unverified",
        "rumoured",
        "rumored",
        "alleged",
        "suspected",
        "presumably",
        "supposedly",
        "likely",
    }
)
HEDGE_PHRASES: tuple[str, ...] = (
    "according to",
    "it is believed",
    "it was reported",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is believed to",
    "are believed to",
    "were believed to",
    "sources said",
    "residents said",
    "witnesses said",
    "activists said",
    "could not be",
    "it is reported",
    "it was claimed",
    "claims that",
    "claimed that",
    "local sources",
)
HEDGE_MODALS = frozenset({"may", "might", "could"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would"})
PLAN_VERBS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "aim",
        "expect",
        "decide",
        "hope",
        "want",
        "wish",
        "schedule",
        "set",
        "seek",
        "mean",
        "propose",
        "consider",
        "willing",
        "ready",
        "prepared",
        "eager",
        "determined",
        "poised",
    }
)
PLANNED_WORDS = frozenset({"planned", "upcoming", "proposed", "scheduled", "expected", "future"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
THREAT_WORDS = frozenset({"threaten", "threat", "vow", "warn", "ultimatum"})
FAIL_VERBS = frozenset({"fail", "refuse", "decline", "deny", "reject", "stop", "cease"})


def hedge_cues(sentence: Span) -> list[str]:
    """Words or phrases that mark the sentence's report as second-hand or uncertain."""
    lowered = sentence.text.lower()
    cues = [t.lower_ for t in sentence if t.lower_ in HEDGE_WORDS]
    cues += [p for p in HEDGE_PHRASES if p in lowered]
    cues += [t.lower_ for t in sentence if t.lower_ in HEDGE_MODALS and t.dep_ == "aux"]
    return cues


def plainly_reported(sentence: Span) -> bool:
    """Whether the sentence tells of something done: no negation, no future or conditional
    auxiliary, no threat or plan word ("did not attack", "would strike", "may have fled")."""
    return not any(
        t.dep_ == "neg"
        or (t.lower_ in NEGATORS and t.dep_ in ("advmod", "det"))
        or (t.dep_ == "aux" and t.lower_ in FUTURE_AUX | HEDGE_MODALS)
        or t.lemma_.lower() in PLAN_VERBS | THREAT_WORDS
        for t in sentence
    )


def is_negated(token: Token) -> bool:
    """Whether the verb (or a verb it is the complement of) carries a negation."""
    current: Token | None = token
    for _ in range(3):
        if current is None:
            break
        if any(
            c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("advmod", "det"))
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
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in PLAN_VERBS:
        return True
    if token.dep_ == "xcomp" and head.lower_ == "going":
        return True
    if token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in PLANNED_WORDS for c in token.children
    ):
        return True  # "a planned demonstration", "the upcoming talks"
    return token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in PLAN_VERBS


def obligation(token: Token) -> bool:
    """Whether the verb carries must/should ("X must withdraw"): a demand when reported."""
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in token.children)


def conditional(token: Token) -> bool:
    """Whether a clause hangs on the event with "unless" or "if" (a condition: a threat)."""
    return any(
        c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
        for c in token.children
    )


def failed(token: Token) -> bool:
    """Whether the event is the complement of fail/refuse/deny ("failed to attack")."""
    return token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in FAIL_VERBS
