"""Trigger lexicon: which verbs and nouns signal which CAMEO event, and why.

Three bundled tables, most specific first:
``core_triggers.tsv`` (our own list of verbs, phrasal verbs and nouns per CAMEO class),
``verb_lexicon.tsv`` (derived from the PETRARCH CAMEO verb dictionary by
``scripts/build_verb_lexicon.py``: default code per verb and phrase patterns per verb block),
and ``nonpolitical.tsv`` (nouns of disasters and crime, for "not a political event").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from watchfloor.coding.ontology import read_table

LABOUR_WORDS = frozenset(
    {
        "general",
        "labour",
        "labor",
        "worker",
        "teacher",
        "doctor",
        "nurse",
        "union",
        "nationwide",
        "national",
        "trucker",
        "driver",
        "student",
        "staff",
        "employee",
        "day",
        "week",
    }
)
ROADSIDE_HEADS = frozenset({"bomb", "bombing", "explosion", "blast", "device", "attack"})
AERIAL_WORDS = frozenset({"air", "drone", "missile", "aerial", "warplane", "jet", "rocket"})
PARTICLE_DEPS = frozenset({"prt", "prep"})
NAME_ENTITIES = frozenset({"DATE", "ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class LexiconHit:
    """A trigger match: CAMEO code ("---" means explicitly not an event) and the rule's name."""

    code: str
    rule: str
    strength: float


@dataclass(frozen=True)
class Pattern:
    """A PETRARCH-derived pattern: every slot needs one of its words among the verb's dependents."""

    code: str
    slots: tuple[frozenset[str], ...]


class TriggerLexicon:
    """Match spaCy tokens to CAMEO codes."""

    def __init__(
        self,
        core: dict[tuple[str, str], str],
        verbs: dict[str, tuple[str, str]],
        patterns: dict[str, list[Pattern]],
        nonpolitical: dict[str, str],
        objects: dict[tuple[str, str], str] | None = None,
    ) -> None:
        self._core = core
        self._objects = objects or {}
        self._verbs = verbs
        self._patterns = patterns
        self._nonpolitical = nonpolitical
        self.vocabulary: frozenset[str] = frozenset(
            {k[0].split()[0] for k in core} | {v.split()[0] for v in verbs} | set(nonpolitical)
        )

    @classmethod
    def load(cls) -> TriggerLexicon:
        """Read the bundled trigger tables."""
        core = {(r["trigger"], r["pos"]): r["code"] for r in read_table("core_triggers.tsv")}
        verbs: dict[str, tuple[str, str]] = {}
        patterns: dict[str, list[Pattern]] = defaultdict(list)
        for r in read_table("verb_lexicon.tsv"):
            if r["kind"] == "verb":
                known = verbs.get(r["key"])
                if known is None or known[0] == "---":
                    verbs[r["key"]] = (r["code"], r["value"])
            else:
                slots = tuple(frozenset(s.split(",")) for s in r["value"].split("|"))
                patterns[r["key"]].append(Pattern(r["code"], slots))
        for plist in patterns.values():
            plist.sort(key=lambda p: -len(p.slots))
        nonpolitical = {r["trigger"]: r["category"] for r in read_table("nonpolitical.tsv")}
        objects = {(r["verb"], r["object"]): r["code"] for r in read_table("core_objects.tsv")}
        return cls(core, verbs, dict(patterns), nonpolitical, objects)

    def nonpolitical(self, token: Token) -> str | None:
        """Category (natural-disaster, man-made-disaster, organised-crime) of a noun, if any."""
        return self._nonpolitical.get(token.lemma_.lower()) or self._nonpolitical.get(token.lower_)

    def match(self, token: Token) -> LexiconHit | None:
        """The CAMEO code a verb or noun signals, or None."""
        if token.pos_ == "VERB":
            return self._match_verb(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._match_noun(token)
        return None

    def _match_verb(self, token: Token) -> LexiconHit | None:
        lemma = token.lemma_.lower()
        if token.dep_ == "amod":
            return None  # "the long-threatened invasion": a modifier, not a predicate
        for obj in self._objects_of(token):
            code = self._objects.get((lemma, obj))
            if code:
                return LexiconHit(code, f"core verb+object '{lemma} {obj}'", 0.85)
        if lemma == "return" and not any(c.dep_ == "dobj" for c in token.children):
            return None  # "returned to Geneva": movement, not handing something back
        for child in token.children:
            if child.dep_ in PARTICLE_DEPS:
                phrase = f"{lemma} {child.lower_}"
                code = self._core.get((phrase, "VERB"))
                if code:
                    return LexiconHit(code, f"core verb '{phrase}'", 0.85)
        if lemma == "open" and any(c.lemma_ == "fire" for c in token.children):
            return LexiconHit("193", "core verb 'open fire'", 0.85)
        code = self._core.get((lemma, "VERB")) or self._core.get((token.lower_, "VERB"))
        if lemma == "strike" and self._labour_subject(token):
            return LexiconHit("143", "core verb 'strike' (labour)", 0.85)
        if code:
            return LexiconHit(code, f"core verb '{lemma}'", 0.8)
        pattern = self._match_pattern(token, lemma)
        if pattern:
            return pattern
        known = self._verbs.get(lemma)
        if known and known[0] != "---":
            return LexiconHit(known[0], f"PETRARCH verb '{lemma}' ({known[1]})", 0.6)
        return None

    @staticmethod
    def _labour_subject(token: Token) -> bool:
        """Workers, teachers or unions who strike are on strike."""
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        words = {t.lemma_.lower() for s in subjects for t in s.subtree}
        return bool(words & LABOUR_WORDS)

    @staticmethod
    def _objects_of(token: Token) -> list[str]:
        """Lemmas of the direct object (or passive subject) and of its compound modifiers."""
        found: list[str] = []
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found.append(child.lemma_.lower())
                found += [c.lemma_.lower() for c in child.children if c.dep_ == "compound"]
            elif child.dep_ == "prep" and child.lower_ == "to":
                found += [c.lemma_.lower() for c in child.children if c.dep_ == "pobj"]
        return found

    def _match_pattern(self, token: Token, lemma: str) -> LexiconHit | None:
        known = self._verbs.get(lemma)
        if not known:
            return None
        words = {t.lower_ for t in token.subtree if t.i > token.i} | {
            t.lemma_.lower() for t in token.subtree if t.i > token.i
        }
        for pattern in self._patterns.get(known[1], ()):
            if len(pattern.slots) >= 2 and all(slot & words for slot in pattern.slots):
                if pattern.code == "---":
                    return None
                shown = " ".join(sorted(next(iter(s & words)) for s in pattern.slots))
                return LexiconHit(
                    pattern.code, f"PETRARCH pattern {lemma} * {shown} ({known[1]})", 0.85
                )
        return None

    def _match_noun(self, token: Token) -> LexiconHit | None:
        if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES:
            return None  # "18th March Division", "Operation Olive Branch": names, not events
        lemma = token.lemma_.lower()
        if (lemma, "NOUN") not in self._core and lemma.endswith("s"):
            lemma = lemma[:-1]  # capitalised plurals keep their -s as lemma ("Airstrikes")
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
        for mod in modifiers:
            code = self._core.get((f"{mod} {lemma}", "NOUN"))
            if code:
                return LexiconHit(code, f"core noun '{mod} {lemma}'", 0.8)
        if lemma == "strike":
            return self._strike(token, modifiers)
        if "suicide" in modifiers and lemma in ("bombing", "attack", "bomber", "blast"):
            return LexiconHit("1831", f"core noun 'suicide {lemma}'", 0.85)
        if modifiers & {"roadside", "landmine"} and lemma in ROADSIDE_HEADS:
            return LexiconHit("1833", f"core noun 'roadside {lemma}'", 0.85)
        code = self._core.get((lemma, "NOUN")) or self._core.get((token.lower_, "NOUN"))
        if code == "190":
            for mod in sorted(modifiers):
                weapon = self._core.get((mod, "NOUN"))
                if mod in AERIAL_WORDS or (weapon and weapon != "190" and weapon[:2] >= "18"):
                    refined = weapon if weapon and weapon[:2] >= "18" else "195"
                    return LexiconHit(refined, f"core noun '{mod} {lemma}'", 0.8)
        if code:
            return LexiconHit(code, f"core noun '{lemma}'", 0.7)
        return None

    def _strike(self, token: Token, modifiers: set[str]) -> LexiconHit:
        if "hunger" in modifiers:
            return LexiconHit("142", "core noun 'hunger strike'", 0.85)
        if modifiers & AERIAL_WORDS:
            return LexiconHit("195", "core noun 'air strike'", 0.85)
        on_strike = token.head.lower_ == "on" and token.dep_ == "pobj"
        labour = any(t.lemma_.lower() in LABOUR_WORDS for t in token.sent)
        if modifiers & LABOUR_WORDS or on_strike or labour:
            return LexiconHit("143", "core noun 'strike' (labour)", 0.8)
        return LexiconHit("195", "core noun 'strike' (military)", 0.6)
