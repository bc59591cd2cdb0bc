"""Actor recognition and coding: spans of a parsed sentence to country (ISO3) and sector.

``ActorResolver.load()`` builds the lexicon once (see ``watchfloor.coding.actor_lexicon`` for
the data files and the user YAML format). ``find_actors`` lists every actor mention of a
sentence; ``resolve_span`` codes any noun phrase, e.g. the subtree of a subject. Both read
only lower-cased tokens and the dependency parse: dictionary lookups, no regular expressions.

International bodies have no country: ``ActorRef.country`` is None and ``actor_id`` starts
with ``IGO``/``NGO``/``IMG`` (Phoenix style); ``actor_code`` gives the CAMEO-style code
(country or that prefix) used by the gold standards.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.tokens import Doc, Span, Token

from watchfloor.coding.actor_acled import resolve_acled_actor
from watchfloor.coding.actor_lexicon import (
    ACTOR_KINDS,
    PLACE_KINDS,
    HeadWords,
    LexEntry,
    Lexicon,
    Tokenizer,
    load_bundled,
    load_head_words,
    load_user_file,
)
from watchfloor.coding.actor_parse import (
    NAME_TAGS,
    looks_like_person,
    place_ok,
    with_prep_attachment,
)
from watchfloor.coding.actor_words import words_of
from watchfloor.coding.geo.mentions import CONNECTORS
from watchfloor.records import ActorRef
from watchfloor.settings import Settings

_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_NOUNISH_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "VBG"})
_PART_KINDS = frozenset({"S", "T"})  # names that longer names often contain
_ENTITY_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
_INTERNATIONAL = ("IGO", "NGO", "IMG")
# Sectors an organisation keeps even when its head noun is a sector word.
_BODY_SECTORS = frozenset({"IGO", "NGO"})
_STAFF_SECTORS = frozenset({"GOV", "MED"})


@dataclass(frozen=True)
class ActorMention:
    """An actor mention: span text and doc char offsets, its coding, and its head token.

    ``root`` is the doc-level index of the token the mention attaches to in the parse; for a
    coordinated modifier ("Hungarian and Romanian officials") it is the shared head noun.
    """

    text: str
    start: int
    end: int
    ref: ActorRef
    root: int
    # doc token indices of the organisations' own names in it ("Popular Mobilization")
    names: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Hit:
    """A lexicon match: doc token indices [start, end) and what it means."""

    start: int
    end: int
    entry: LexEntry


def actor_code(ref: ActorRef | None) -> str | None:
    """CAMEO-style actor code: the ISO3 country, else IGO/NGO/IMG for international bodies."""
    if ref is None:
        return None
    if ref.country:
        return ref.country
    if ref.actor_id and ref.actor_id[:3] in _INTERNATIONAL:
        return ref.actor_id[:3]
    return None


class ActorResolver:
    """Finds and codes actor mentions; build once with ``load`` and share (read-only)."""

    def __init__(self, lexicon: Lexicon, tokenizer: Tokenizer, heads: HeadWords) -> None:
        self.lexicon = lexicon
        self.heads = heads
        self._tokenizer = tokenizer
        # the noun chunks of the last document seen: spaCy's Span.noun_chunks walks the
        # whole document for every sentence, so they are listed once per document
        self._chunks: tuple[Doc | None, list[Span]] = (None, [])

    @classmethod
    def load(cls, settings: Settings | None = None) -> ActorResolver:
        """Load bundled data plus ``settings.actors_file`` (raises ConfigError if bad)."""
        tokenizer: Tokenizer = spacy.blank("en").tokenizer
        lexicon = Lexicon()
        load_bundled(lexicon, tokenizer)
        if settings is not None and settings.actors_file is not None:
            load_user_file(lexicon, tokenizer, settings.actors_file)
        return cls(lexicon, tokenizer, load_head_words())

    # -- matching -------------------------------------------------------------------------

    def _hits(self, span: Span) -> list[_Hit]:
        """Non-overlapping lexicon matches, longest first ("the US-led coalition" is the
        coalition, not "the US"), returned left to right."""
        lowers = [t.lower_ for t in span]
        found: list[_Hit] = []
        for i in range(len(lowers)):
            for size, entry in self.lexicon.candidates(lowers, i):
                if self._accept(span, i, size, entry) and not self._inside_longer_name(
                    span, i, size, entry
                ):
                    found.append(_Hit(span.start + i, span.start + i + size, entry))
                    break
        if len(found) < 2:
            return found
        taken: set[int] = set()
        hits: list[_Hit] = []
        for hit in sorted(found, key=lambda h: (h.start - h.end, h.start)):
            if not taken.intersection(range(hit.start, hit.end)):
                hits.append(hit)
                taken.update(range(hit.start, hit.end))
        return sorted(hits, key=lambda h: h.start)

    def _inside_longer_name(self, span: Span, i: int, size: int, entry: LexEntry) -> bool:
        """A surname or town that is only part of a longer capitalised name: "Kafr Nan" is a
        Syrian village, not Thailand's Nan; "Tall Khatrah" is no Senegalese minister Tall."""
        if entry.kind not in _PART_KINDS:
            return False
        before = span[i - 1] if i > 0 else None
        after = span[i + size] if i + size < len(span) else None
        if after is not None and after.lower_ in CONNECTORS and after.text != "-":
            return True  # "Jisr ash-Shughur", "Tell al-Abyad"
        return any(
            token is not None
            and token.is_title
            and not token.is_sent_start
            and token.pos_ in NAME_TAGS
            and next(self.lexicon.candidates([token.lower_], 0), None) is None
            for token in (before, after)
        )

    @staticmethod
    def _accept(span: Span, i: int, size: int, entry: LexEntry) -> bool:
        """Case and context checks that keep common words from matching as names."""
        first = span[i]
        words = words_of(first)
        if entry.kind in PLACE_KINDS and not place_ok(first, entry.kind):
            return False
        if entry.kind == "S" and not looks_like_person(first):
            return False
        if entry.kind == "P" and size == 1 and _given_name(first):
            return False  # "Omar Hassan al-Bashir" is not Jordan's Prince Hassan
        if entry.named:
            if first.is_lower:
                return False
            if (
                size == 1
                and len(first.text) <= 3
                and entry.kind in ACTOR_KINDS
                and not first.is_upper
            ):
                return False
        if i > 1 and span[i - 1].text == "-":
            # "anti-Assad" never names the actor; "pro-Houthi forces" are Houthi-aligned, but
            # "pro-Iranian militias" are not Iranian.
            prefix = span[i - 2].lower_
            if prefix in words.against_prefix or (
                prefix in words.for_prefix and entry.kind in PLACE_KINDS
            ):
                return False
        if i > 0 and entry.kind in PLACE_KINDS and span[i - 1].lower_ in words.ethnic:
            return False  # "ethnic Albanians" in Macedonia are not Albania's actors
        after = i + size
        return not (
            entry.kind in PLACE_KINDS
            and after + 1 < len(span)
            and span[after].text == "-"
            and span[after + 1].lower_ in words.patron
        )

    # -- resolution -----------------------------------------------------------------------

    def resolve_span(self, span: Span) -> ActorRef | None:
        """Country and sector of a noun phrase; None when nothing in it names an actor."""
        if len(span) == 0:
            return None
        return self._combine(span, self._hits(span), span.root)

    def resolve_text(self, text: str) -> ActorRef | None:
        """Code a bare name or phrase without a parse (e.g. an actor column of a dataset)."""
        doc = self._tokenizer(" ".join(text.split()))
        if len(doc) == 0:
            return None
        return self._combine(doc[:], self._hits(doc[:]), doc[len(doc) - 1])

    def resolve_acled_actor(self, name: str) -> ActorRef:
        """Code an ACLED actor name (see ``watchfloor.coding.actor_acled``)."""
        return resolve_acled_actor(name, self)

    def _combine(self, span: Span, hits: list[_Hit], root: Token) -> ActorRef | None:
        if not hits:
            return None
        doc = span.doc
        named = [h for h in hits if h.entry.kind in ACTOR_KINDS]
        places = [h for h in hits if h.entry.kind in PLACE_KINDS]
        agents = [h for h in hits if h.entry.kind == "A"]
        primary = min(named, key=lambda h: _distance(doc, h, root)) if named else None
        agent = self._main_agent(doc, agents, root)
        country = primary.entry.country if primary else None
        if country is None and places and (primary is None or not _is_international(primary)):
            country = min(places, key=lambda h: _distance(doc, h, root)).entry.country
        sector = _sector(primary, agent, root) or _implied_sector(places, root)
        if sector is None and (places or primary) and root.lower_ in self.heads.military_acts:
            sector = "MIL"  # "Turkish shelling", "Israeli air strikes"
        actor_id = primary.entry.actor_id if primary else None
        if country is None and sector is None and actor_id is None:
            return None
        return ActorRef(text=span.text, country=country, sector=sector, actor_id=actor_id)

    # -- mentions -------------------------------------------------------------------------

    def find_actors(self, sentence: Span) -> list[ActorMention]:
        """Every actor mention in the sentence, longest first wins, in text order."""
        hits = self._hits(sentence)
        if not hits:
            return []
        mentions: list[ActorMention] = []
        chunks = [
            c
            for c in self._doc_chunks(sentence.doc)
            if c.start >= sentence.start and c.end <= sentence.end
        ]
        for span in _candidate_spans(sentence, hits, chunks):
            inside = [h for h in hits if span.start <= h.start and h.end <= span.end]
            mentions.extend(self._mentions(span, inside))
        return sorted(mentions, key=lambda m: m.start)

    def _doc_chunks(self, doc: Doc) -> list[Span]:
        """The document's noun chunks, listed once per document."""
        seen, chunks = self._chunks
        if seen is not doc:
            chunks = list(doc.noun_chunks)
            self._chunks = (doc, chunks)
        return chunks

    def _mentions(self, span: Span, hits: list[_Hit]) -> list[ActorMention]:
        root = span.root
        if not self._names_an_actor(root, hits):
            return []
        ref = self._combine(span, hits, root)
        if ref is None:
            return []
        places = [h for h in hits if h.entry.kind in PLACE_KINDS]
        has_named = any(h.entry.kind in ACTOR_KINDS for h in hits)
        countries = {h.entry.country for h in places}
        if has_named or len(countries) < 2 or not _coordinated(span.doc, places):
            names = tuple((h.start, h.end) for h in hits if h.entry.kind == "O")
            return [ActorMention(span.text, span.start_char, span.end_char, ref, root.i, names)]
        doc = span.doc
        out = []
        for hit in places:
            part = doc[hit.start : hit.end]
            one = ActorRef(part.text, hit.entry.country, ref.sector, None)
            out.append(ActorMention(part.text, part.start_char, part.end_char, one, root.i))
        return out

    def _names_an_actor(self, root: Token, hits: list[_Hit]) -> bool:
        """False for things merely qualified by a sector word ("police recordings", "artillery
        shells"): a phrase names an actor when its head is a lexicon hit, a person or an
        actor-like noun ("Saudi army positions"), or when it holds a name or a country
        ("an Israeli proposal" is Israel's act)."""
        if any(h.start <= root.i < h.end or h.entry.kind != "A" for h in hits):
            return True
        return root.lower_ in self.heads.actor_heads or root.ent_type_ == "PERSON"

    def _main_agent(self, doc: Doc, agents: list[_Hit], root: Token) -> _Hit | None:
        """The sector word nearest the head; a bare role word ("spokesman") yields to a word that
        says whose role it is ("police spokesman" is COP)."""
        ranked = sorted(agents, key=lambda h: _distance(doc, h, root))
        if not ranked:
            return None
        bare_role = (
            ranked[0].end - ranked[0].start == 1
            and doc[ranked[0].start].lower_ in self.heads.role_words
        )
        if bare_role and len(ranked) > 1:
            return ranked[1]
        return ranked[0]


def _given_name(token: Token) -> bool:
    """Whether a word is a given name: a personal name goes on after it ("Omar Hassan
    al-Bashir"), so a one-word person entry there names someone else."""
    after = token.i + 1
    return (
        token.ent_type_ == "PERSON"
        and after < len(token.doc)
        and token.doc[after].ent_iob_ == "I"
        and token.doc[after].ent_type_ == "PERSON"
    )


def _implied_sector(places: list[_Hit], root: Token) -> str | None:
    """A capital standing alone speaks for its government ("Tehran said"); a plural
    nationality noun names people ("Palestinians", "Iraqi Kurds")."""
    for hit in places:
        if hit.start <= root.i < hit.end:
            if hit.entry.kind == "K":
                return "GOV"
            if hit.entry.kind == "C" and root.tag_ in ("NNS", "NNPS"):
                return "CVL"
    if places and root.tag_ in ("NNS", "NNPS") and root.pos_ == "PROPN":
        return "CVL"
    return None


def _is_international(hit: _Hit) -> bool:
    return hit.entry.country is None and (hit.entry.actor_id or "")[:3] in _INTERNATIONAL


def _sector(primary: _Hit | None, agent: _Hit | None, root: Token) -> str | None:
    """A person's sector is their own; a body's yields to a head noun ("UN peacekeepers")."""
    if primary is None:
        return agent.entry.sector if agent else None
    if agent is None or primary.entry.kind == "P" and primary.entry.sector:
        return primary.entry.sector
    agent_is_head = agent.start <= root.i < agent.end
    # "UN peacekeepers" are MIL, but "Red Cross officials" stay NGO: a body's staff are the body.
    overridable = primary.entry.sector in _BODY_SECTORS or not primary.entry.sector
    if agent_is_head and overridable and agent.entry.sector not in _STAFF_SECTORS:
        return agent.entry.sector
    return primary.entry.sector or agent.entry.sector


def _distance(doc: Doc, hit: _Hit, root: Token) -> tuple[int, int]:
    """Dependency hops from the hit up to ``root`` (then position) to rank competing hits."""
    best = 99
    for token in doc[hit.start : hit.end]:
        hops, node = 0, token
        while node.i != root.i and node.head.i != node.i and hops < 12:
            node, hops = node.head, hops + 1
        if node.i == root.i:
            best = min(best, hops)
    return best, hit.start


def _coordinated(doc: Doc, places: list[_Hit]) -> bool:
    """True when two of the place hits are joined by a conjunction in the parse."""
    tokens = {i for h in places for i in range(h.start, h.end)}
    return any(doc[i].dep_ == "conj" and doc[i].head.i in tokens for i in tokens)


def _candidate_spans(sentence: Span, hits: list[_Hit], noun_chunks: list[Span]) -> list[Span]:
    """Noun chunks (the sentence's ``noun_chunks``, with "of/in X" attachments), named
    entities and bare hits; no overlaps."""
    doc = sentence.doc
    spans: list[Span] = []
    agents = {i for h in hits if h.entry.kind == "A" for i in range(h.start, h.end)}
    places = {i for h in hits if h.entry.kind in PLACE_KINDS for i in range(h.start, h.end)}
    chunk_at: dict[int, Span] = {}
    for chunk in noun_chunks:
        chunk_tokens = range(chunk.start, chunk.end)
        if any(i in agents for i in chunk_tokens) and not any(i in places for i in chunk_tokens):
            chunk = with_prep_attachment(chunk, places)
        spans.append(chunk)
        chunk_at[chunk.start] = chunk
    for hit in hits:
        last = doc[hit.end - 1]
        head = last.head
        modifies = last.dep_ in _MODIFIER_DEPS and head.i == hit.end < sentence.end
        if hit.entry.kind in PLACE_KINDS and modifies and head.tag_ in _NOUNISH_TAGS:
            # "Turkish shelling": the parser tags "shelling" a verb, so no chunk holds it.
            spans.append(doc[hit.start : head.i + 1])
        # A name the parser left out of the chunk it qualifies ("IS militants", "IS" tagged
        # as a verb) joins the sector-word chunk right after it.
        after = chunk_at.get(hit.end)
        if hit.entry.kind in ACTOR_KINDS and after is not None and after.root.i in agents:
            spans.append(doc[hit.start : after.end])
    spans.extend(e for e in sentence.ents if e.label_ in _ENTITY_LABELS)
    spans.extend(doc[h.start : h.end] for h in hits)
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if not any(span.start <= h.start and h.end <= span.end for h in hits):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return chosen
