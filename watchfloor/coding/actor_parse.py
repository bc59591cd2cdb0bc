"""What the parse says around a name the actor lexicon matched: whether a surname is a person,
a town a place, and which of-/in-phrase a noun chunk takes ("the president of Armenia").

The prepositions are language data (``actor_words.tsv``); the tags are the parser's scheme.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from watchfloor.coding.actor_words import words_of

PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "NORP"})
NAME_TAGS = frozenset({"PROPN"})


def looks_like_person(token: Token) -> bool:
    """Tagged as a person, or a proper noun no entity type claims (surnames only)."""
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ not in NAME_TAGS or token.ent_type_:
        return False
    doc = token.doc
    return token.i + 1 >= len(doc) or doc[token.i + 1].text != "-"


def place_ok(first: Token, kind: str) -> bool:
    """Towns must look like places in the parse ("in Cizre"); on unparsed text they never
    match. Country and capital names are trusted: in news, "Jordan" is far more often the
    state than a person, and the tagger's errors cost more than the homographs."""
    if kind != "T":
        return True
    return first.doc.has_annotation("DEP") and _looks_like_place(first)


def _looks_like_place(token: Token) -> bool:
    """Tagged as a place, or the object of a locative preposition ("in Cizre")."""
    if token.ent_type_ in PLACE_ENTITIES:
        return True
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in words_of(token).locative_preps


def with_prep_attachment(chunk: Span, places: set[int]) -> Span:
    """Extend "the president" to "the president of Armenia", "police" to "police in Kabul"."""
    doc = chunk.doc
    if chunk.end >= len(doc):
        return chunk
    prep = doc[chunk.end]
    linked = prep.lower_ in words_of(prep).link_preps
    if prep.head.i != chunk.root.i or prep.dep_ != "prep" or not linked:
        return chunk
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects or not any(t.i in places for t in objects[0].subtree):
        return chunk
    return doc[chunk.start : objects[0].right_edge.i + 1]
