"""Trigger lexicon: which verbs and nouns signal which CAMEO event, and why.

Tables of the language (``coding/lang/<xx>/``), most specific first: ``core_triggers.tsv``
and ``core_objects.tsv`` (our own verbs, phrasal verbs, verb+object pairs and nouns per CAMEO
class), ``verb_lexicon.tsv`` (derived from the PETRARCH CAMEO verb dictionary by
``scripts/build_verb_lexicon.py``: default code per verb and phrase patterns per verb block),
``nonpolitical.tsv`` (nouns of disasters and crime, for "not a political event"), and the
refinements of ``trigger_rules.tsv`` ("hunger strike", "suicide bombing"). A new trigger is a
new row; this module knows no word of any language. The part-of-speech and dependency labels
are the parser's scheme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from watchfloor.coding.language import LanguageData, language_data
from watchfloor.coding.trigger_rules import TriggerRules, load_trigger_rules

DEFAULT_LANGUAGE = "en"
PARTICLE_DEPS = frozenset({"prt", "prep"})
NAME_ENTITIES = frozenset({"DATE", "ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW"})
#: CAMEO roots of material conflict (18 assault and above): a weapon noun has such a code.
VIOLENT_ROOT = "18"


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
        rules: TriggerRules | None = None,
    ) -> None:
        self._core = core
        self._objects = objects or {}
        self._verbs = verbs
        self._patterns = patterns
        self._nonpolitical = nonpolitical
        self.rules = rules or TriggerRules((), frozenset(), frozenset())
        self.vocabulary: frozenset[str] = frozenset(
            {k[0].split()[0] for k in core} | {v.split()[0] for v in verbs} | set(nonpolitical)
        )

    @classmethod
    def load(cls, language: str = DEFAULT_LANGUAGE) -> TriggerLexicon:
        """Read the trigger tables of ``language``; ModelError when it has none."""
        data = language_data(language)
        return data.build(TriggerLexicon, lambda: cls.read(data))

    @classmethod
    def read(cls, data: LanguageData) -> TriggerLexicon:
        """Build the lexicon from one language's tables."""
        core = {(r["trigger"], r["pos"]): r["code"] for r in data.records("core_triggers.tsv")}
        verbs: dict[str, tuple[str, str]] = {}
        patterns: dict[str, list[Pattern]] = defaultdict(list)
        for r in data.records("verb_lexicon.tsv"):
            if r["kind"] == "verb":
                known = verbs.get(r["key"])
                if known is None or known[0] == "---":
                    verbs[r["key"]] = (r["code"], r["value"])
            else:
                slots = tuple(frozenset(s.split(",")) for s in r["value"].split("|"))
                patterns[r["key"]].append(Pattern(r["code"], slots))
        for plist in patterns.values():
            plist.sort(key=lambda p: -len(p.slots))
        nonpolitical = {r["trigger"]: r["category"] for r in data.records("nonpolitical.tsv")}
        objects = {(r["verb"], r["object"]): r["code"] for r in data.records("core_objects.tsv")}
        rules = load_trigger_rules(data)
        return cls(core, verbs, dict(patterns), nonpolitical, objects, rules)

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
        if self.rules.of("needs-object", lemma) and not any(
            c.dep_ == "dobj" for c in token.children
        ):
            return None  # "returned to Geneva": movement, not handing something back
        for child in token.children:
            if child.dep_ in PARTICLE_DEPS:
                phrase = f"{lemma} {child.lower_}"
                code = self._core.get((phrase, "VERB"))
                if code:
                    return LexiconHit(code, f"core verb '{phrase}'", 0.85)
        for rule in self.rules.of("verb-child", lemma):
            if any(c.lemma_ in rule.cues for c in token.children):
                return LexiconHit(rule.code, rule.shown(lemma), rule.strength)
        code = self._core.get((lemma, "VERB")) or self._core.get((token.lower_, "VERB"))
        for rule in self.rules.of("labour-verb", lemma):
            if self._subject_holds(token, rule.cues):
                return LexiconHit(rule.code, rule.shown(lemma), rule.strength)
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
    def _subject_holds(token: Token, cues: frozenset[str]) -> bool:
        """Whether the subject holds a cue word ("workers" strike: they are on strike)."""
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        words = {t.lemma_.lower() for s in subjects for t in s.subtree}
        return bool(words & cues)

    def _objects_of(self, token: Token) -> list[str]:
        """Lemmas of the direct object (or passive subject) and of its compound modifiers."""
        found: list[str] = []
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found.append(child.lemma_.lower())
                found += [c.lemma_.lower() for c in child.children if c.dep_ == "compound"]
            elif child.dep_ == "prep" and child.lower_ in self.rules.object_preps:
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
        if (lemma, "NOUN") not in self._core:
            # capitalised plurals keep their ending as lemma ("Airstrikes")
            ending = next((e for e in self.rules.plural_endings if lemma.endswith(e)), "")
            lemma = lemma[: len(lemma) - len(ending)]
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
        for mod in modifiers:
            code = self._core.get((f"{mod} {lemma}", "NOUN"))
            if code:
                return LexiconHit(code, f"core noun '{mod} {lemma}'", 0.8)
        hit = self._refined_noun(token, lemma, modifiers)
        if hit is not None:
            return hit
        code = self._core.get((lemma, "NOUN")) or self._core.get((token.lower_, "NOUN"))
        general = self.rules.general(code) if code else None
        if general is not None:
            for mod in sorted(modifiers):
                weapon = self._core.get((mod, "NOUN"))
                violent = weapon is not None and weapon[:2] >= VIOLENT_ROOT
                if mod in general.cues or (violent and weapon != code):
                    refined = weapon if weapon and violent else general.code
                    return LexiconHit(refined, general.shown(lemma, mod), general.strength)
        if code:
            return LexiconHit(code, f"core noun '{lemma}'", 0.7)
        return None

    def _refined_noun(self, token: Token, lemma: str, modifiers: set[str]) -> LexiconHit | None:
        """A noun the refinements type by its modifiers ("hunger strike", "suicide bombing"),
        or by whether its sentence tells of labour ("teachers went on strike")."""
        for rule in self.rules.of("noun-modifier", lemma):
            if modifiers & rule.cues:
                return LexiconHit(rule.code, rule.shown(lemma), rule.strength)
        labour = self.rules.first("labour-noun", lemma)
        if labour is None:
            return None
        on_prep = token.head.lower_ in labour.cues and token.dep_ == "pobj"
        words = self.rules.labour_words
        if modifiers & words or on_prep or any(t.lemma_.lower() in words for t in token.sent):
            return LexiconHit(labour.code, labour.shown(lemma), labour.strength)
        otherwise = self.rules.first("otherwise-noun", lemma)
        if otherwise is None:
            return None
        return LexiconHit(otherwise.code, otherwise.shown(lemma), otherwise.strength)
