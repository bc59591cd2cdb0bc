"""Source and target of an event trigger from the dependency parse (active and passive voice).

The prepositions and counting words are the language's data (``coding/lang/<xx>/roles.tsv``),
picked by the parsed document's language; the dependency labels are the parser's scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from watchfloor.coding.language import language_data

WORDS_FILE = "roles.tsv"
PHRASE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "quantmod"}
)
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
SOURCE_ADJ_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
#: entity labels of phrases that are never an actor (a date, a sum)
NO_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY"})


@dataclass(frozen=True)
class RoleWords:
    """One language's role words, by what they do (see ``roles.tsv``)."""

    quantity_nouns: frozenset[str]
    partitive: frozenset[str]
    agent: frozenset[str]
    target: frozenset[str]
    option: frozenset[str]
    noun_target: frozenset[str]
    noun_source: frozenset[str]
    between: frozenset[str]
    object_preps: frozenset[str]
    taken_verbs: frozenset[str]
    taker: frozenset[str]
    munitions: frozenset[str] = frozenset()


def role_words(language: str) -> RoleWords:
    """The role words of ``language`` (built once); ModelError when it has none."""
    data = language_data(language)

    def make() -> RoleWords:
        def words(key: str) -> frozenset[str]:
            return data.words(WORDS_FILE, key)

        return RoleWords(
            quantity_nouns=words("quantity-noun"),
            partitive=words("partitive-prep"),
            agent=words("agent-prep"),
            target=words("target-prep"),
            option=words("option-prep"),
            noun_target=words("noun-target-prep"),
            noun_source=words("noun-source-prep"),
            between=words("between-prep"),
            object_preps=words("object-prep"),
            taken_verbs=words("taken-verb"),
            taker=words("taker-prep"),
            munitions=words("munition-noun"),
        )

    return data.build(RoleWords, make)


def _words(token: Token) -> RoleWords:
    return role_words(token.doc.lang_)


def is_quantity(token: Token) -> bool:
    """Whether the token is a counting head ("thousands", "a group") of its language."""
    return token.lemma_.lower() in _words(token).quantity_nouns


def unwrap(token: Token | None) -> Token | None:
    """ "Thousands of protesters" -> "protesters": the counted noun is the actor."""
    if token is None or not is_quantity(token):
        return token
    partitive = _words(token).partitive
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in partitive:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return token


@dataclass(frozen=True)
class Roles:
    """Token heads of the source and target noun phrases (None where the parse has none)."""

    source: Token | None
    target: Token | None
    passive: bool
    target_options: tuple[Token, ...] = ()


def phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: its modifiers and an ``of``-complement (whose own
    prepositional phrases are left out: "a member of the militia near the village")."""
    lo, hi = _core_edges(token)
    partitive = _words(token).partitive
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in partitive and child.i > token.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                hi = max(hi, _core_edges(obj)[1])
    return token.doc[lo : hi + 1]


def _core_edges(token: Token) -> tuple[int, int]:
    """First and last index of the token with its noun-phrase modifiers."""
    lo = hi = token.i
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in PHRASE_DEPS:
                lo, hi = min(lo, child.i), max(hi, child.i)
                stack.append(child)
    return lo, hi


def _child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            obj = _child(child, {"pobj"})
            if obj is not None:
                return obj
    return None


def verb_roles(token: Token) -> Roles:
    """Source and target of a verb trigger; ``X was attacked by Y`` gives source Y, target X."""
    words = _words(token)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    options: tuple[Token, ...] = ()
    if passive:
        source = _prep_object(token, words.agent)
        target = _child(token, {"nsubjpass"})
    else:
        source = _child(token, SUBJECT_DEPS)
        target = _child(token, {"dobj", "dative"}) or _no_time(_prep_object(token, words.target))
        options = _target_options(token)
    if token.lemma_.lower() in words.taken_verbs and not passive:
        taker = _prep_object(token, words.taker)
        if taker is not None:  # "the town fell to the insurgents": they took it
            source, target = taker, _child(token, SUBJECT_DEPS)
    aimed = _aimed_at(token, target, words)
    if aimed is not None:  # "fired tear gas at demonstrators": the munition is no target
        options = (aimed, *(o for o in options if o not in (target, aimed)))
        target = aimed
    if source is None and not passive:
        source = _inherited_subject(token)
    if target is None and passive and token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        target = token.head
    return Roles(source, target, passive, () if passive else options)


def _aimed_at(token: Token, target: Token | None, words: RoleWords) -> Token | None:
    """What a munition was fired at ("fired missiles at bases", "tear gas was fired on the
    crowd"), the preposition hung on the verb or on the munition; None when the target is
    no munition."""
    if target is None or target.lemma_.lower() not in words.munitions:
        return None
    found = _prep_object(token, words.target)
    for munition in (target, *(c for c in target.children if c.dep_ == "conj")):
        found = found or _prep_object(munition, words.target)  # "tear gas and bullets at"
    return found


def _target_options(token: Token) -> tuple[Token, ...]:
    """Every phrase that may be the target, in order: recipient ("gave X aid", "to X", "with
    X"), direct object, a preposition's object, the subject of a demanded clause ("demanded
    that X withdraw"), and the same inside an infinitive complement ("offered to meet X")."""
    words = _words(token)
    found: list[Token] = []
    for dep in ("dative", "dobj"):
        found += [c for c in token.children if c.dep_ == dep]
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words.target | words.option:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("ccomp", "xcomp"):
            found += [c for c in child.children if c.dep_ in ("nsubj", "dobj", "dative")]
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in words.target:
                    found += [c for c in grand.children if c.dep_ == "pobj"]
    for tok in list(found):  # whom an object is for: "aid to X", "a ban on X", "calls by X"
        found += [
            c
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in words.object_preps
            for c in c.children
            if c.dep_ == "pobj"
        ]
    return tuple(t for t in found if t.ent_type_ not in NO_ACTOR_ENTITIES)


def _no_time(token: Token | None) -> Token | None:
    """A preposition's object that is a date is when, not whom ("On 5 May, soldiers shot")."""
    return None if token is None or token.ent_type_ in NO_ACTOR_ENTITIES else token


def _inherited_subject(token: Token) -> Token | None:
    """Subject shared with the governing verb: control ("X vowed to attack") and conjunction."""
    current = token
    for _ in range(3):
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
            current = current.head
            found = _child(current, SUBJECT_DEPS)
            if found is not None:
                return found
            if current.dep_ not in ("xcomp", "conj", "advcl"):
                break
        elif current.dep_ == "relcl" or (
            current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN")
        ):
            return current.head
        else:
            break
    return None


def noun_roles(token: Token) -> Roles:
    """Source and target of a noun trigger: "Israeli strikes on Gaza", "clashes between A and B"."""
    words = _words(token)
    source = _prep_object(token, words.noun_source)
    target = _prep_object(token, words.noun_target)
    between = _prep_object(token, words.between)
    if between is not None:
        source = between
        target = next((c for c in between.children if c.dep_ == "conj"), None)
    if source is None:
        # the modifiers and theirs: "US Predator attacks", "Israeli army air strikes"
        near = [c for c in token.children if c.dep_ in SOURCE_ADJ_DEPS]
        near += [g for c in near if c.dep_ == "compound" for g in c.children]
        source = next(
            (
                c
                for c in near
                if c.dep_ in SOURCE_ADJ_DEPS
                and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.dep_ == "poss")
            ),
            None,
        )
    if (source is None or source.pos_ == "PRON") and token.dep_ in ("dobj", "attr"):
        source = _child(token.head, SUBJECT_DEPS) or source
    return Roles(source, target, False)


def roles(token: Token) -> Roles:
    """Roles for a verb or a noun trigger."""
    found = verb_roles(token) if token.pos_ == "VERB" else noun_roles(token)
    options = tuple(t for t in (unwrap(o) for o in found.target_options) if t is not None)
    return Roles(unwrap(found.source), unwrap(found.target), found.passive, options)
