"""Where the ACLED actor stage finds an event's doers and victims in the parse.

The parser is not always right about who did what: a doer hangs on the first of two joined
verbs, a verbless sentence makes the doers a noun with a clause, a date is taken for the
target. These helpers read the parse the way the ACLED rules need it and know no words.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from watchfloor.coding.roles import unwrap
from watchfloor.coding.work import Candidate

#: how many words between a doer and its verb may describe the doer ("equipped with rifles")
BETWEEN_WORDS = 8
#: entity label of a people (nationality, ethnicity, religion)
PEOPLE = "NORP"
#: entity labels of a person's name and of a people
PEOPLE_ENTITIES = frozenset({"PERSON", PEOPLE})


def heads_of(token: Token) -> list[Token]:
    """The actor's head nouns: "a number of residents" -> residents; "farmers and herders"
    -> both; a name with the title before it or the noun beside it ("candidate Galiou
    Soglo", "Soglo, a journalist") -> the title too."""
    head = unwrap(token) or token
    found = [head]
    found += [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    if head.pos_ == "PROPN":
        names = [head, *(c for c in head.children if c.dep_ == "compound")]
        titles = [c for n in names for c in n.children if c.dep_ in ("compound", "appos")]
        found += [c for c in titles if c.pos_ == "NOUN"]
    return found


def a_person(token: Token) -> bool:
    """Whether an actor is people: a name the parser calls a person or a people ("two
    Fulani"), or "him"/"her"."""
    head = unwrap(token) or token
    if head.ent_type_ in PEOPLE_ENTITIES:
        return True
    morph = head.morph
    return (
        head.pos_ == "PRON"
        and morph.get("PronType", []) == ["Prs"]
        and morph.get("Number", []) == ["Sing"]
        and morph.get("Gender", []) in (["Masc"], ["Fem"])
    )


def attacked(target: Token | None, trigger: Token) -> bool:
    """Whether a target is what the act was done to ("attacked a camp", "a camp was raided",
    "an attack on a camp"), not where it happened ("clashed in the village of X")."""
    if target is None:
        return False
    if target.dep_ in ("dobj", "obj", "nsubjpass"):
        return True
    return trigger.pos_ == "NOUN" and target.head.head == trigger


def joined_doer(trigger: Token) -> Token | None:
    """The doer the parse gave a trigger's verb chain when it gave the trigger none: the
    subject of the verb it is joined to ("a farmer shot and wounded X"), or the noun a
    verbless sentence hangs it on ("members of the sect tied up and beat a man", parsed as
    a noun with a clause). Only for a trigger with an object ("one died and four were
    injured": the one is no doer)."""
    if not any(c.dep_ == "dobj" for c in trigger.children):
        return None
    verb = trigger
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject if verb is not trigger else None
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def near_words(token: Token, heads: list[Token], trigger: Token | None) -> list[Token]:
    """Words that may say an actor is armed: what describes the doers before their verb
    ("farmers equipped with rifles attacked"), else two steps below the heads, and below the
    quantity that counts them ("a group, armed with knives, of youths")."""
    tops = list(heads)
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        tops.append(token.head.head)
    if trigger is not None:  # (the words between doer and verb too, whatever the parse)
        between = list(token.doc[token.i + 1 : trigger.i])[:BETWEEN_WORDS]
        return [t for h in tops for t in h.subtree if t.i < trigger.i] + between
    return [t for h in tops for c in h.children for t in (c, *c.children)]


def victim_token(cand: Candidate, known: Callable[[Token], bool]) -> Token | None:
    """The target, passing over a date the parse took for one ("On 7 May, farmers beat X")
    and, where the parse's target tells nothing, looking at the objects of the verbs joined to
    the trigger ("attacked and injured a herder") and at the nouns its prepositions govern
    ("opened fire against a group of youths")."""
    first = cand.target_token
    if first is not None and first.ent_type_ != "DATE" and cand.target and cand.target.sector:
        return first  # the resolver knows who it is
    trigger = cand.trigger
    joined = [trigger, *(c for c in trigger.children if c.dep_ == "conj")]
    objects = [c for v in joined for c in v.children if c.dep_ in ("dobj", "obj")]
    preps = [c for v in joined + objects for c in v.children if c.dep_ == "prep"]
    governed = [c for p in preps for c in p.children if c.dep_ == "pobj"]
    options = [cand.target_token, *cand.target_options, *objects, *governed]
    usable = [t for t in options if t is not None and t.ent_type_ != "DATE"]
    return next((t for t in usable if known(t)), usable[0] if usable else None)
