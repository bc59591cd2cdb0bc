"""The trigger lexicon's refinement rules, read from the language's ``trigger_rules.tsv``.

Each row names a rule kind (the lexicon's step it feeds), the trigger words it applies to, the
cue words it looks for, and the CAMEO code and strength it gives. The words are data; the
steps they feed (``TriggerLexicon``) know no word of any language.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.coding.language import LanguageData
from watchfloor.errors import ModelError

RULES_FILE = "trigger_rules.tsv"
WORDS_FILE = "trigger_words.tsv"
KINDS = (
    "needs-object",
    "verb-child",
    "labour-verb",
    "noun-modifier",
    "labour-noun",
    "otherwise-noun",
    "general-refinement",
)


@dataclass(frozen=True)
class Rule:
    """One refinement: trigger words, cue words, the code and strength given, and the label
    shown in the explanation (``{head}``/``{modifier}`` filled in)."""

    kind: str
    words: frozenset[str]
    cues: frozenset[str]
    code: str
    strength: float
    label: str

    def shown(self, head: str, modifier: str = "") -> str:
        """The label with the words found."""
        return self.label.format(head=head, modifier=modifier)


@dataclass(frozen=True)
class TriggerRules:
    """One language's refinements by kind, in file order, and the word sets they use."""

    rules: tuple[Rule, ...]
    labour_words: frozenset[str]
    object_preps: frozenset[str]
    plural_endings: tuple[str, ...] = ()

    def of(self, kind: str, word: str) -> list[Rule]:
        """The rules of ``kind`` that apply to trigger ``word``, in file order."""
        return [r for r in self.rules if r.kind == kind and word in r.words]

    def first(self, kind: str, word: str) -> Rule | None:
        """The first rule of ``kind`` for ``word`` (None when there is none)."""
        found = self.of(kind, word)
        return found[0] if found else None

    def general(self, code: str) -> Rule | None:
        """The refinement of the general code ``code`` (None when it has none)."""
        return self.first("general-refinement", code)


def load_trigger_rules(data: LanguageData) -> TriggerRules:
    """Read ``trigger_rules.tsv`` and ``trigger_words.tsv`` of one language (built once);
    ModelError names the file and the row of a bad rule."""

    def make() -> TriggerRules:
        sets = data.word_sets(WORDS_FILE)
        rules = tuple(_rule(row, sets, data.language) for row in data.rows(RULES_FILE, 6))
        return TriggerRules(
            rules,
            data.words(WORDS_FILE, "labour-word"),
            data.words(WORDS_FILE, "object-prep"),
            data.phrases(WORDS_FILE, "plural-ending"),
        )

    return data.build(TriggerRules, make)


def _rule(row: list[str], sets: dict[str, frozenset[str]], language: str) -> Rule:
    kind, words, cues, code, strength, label = row
    where = f"lang/{language}/{RULES_FILE}: rule {chr(9).join(row)!r}"
    if kind not in KINDS:
        raise ModelError(f"{where}: unknown rule kind {kind!r}; use one of {', '.join(KINDS)}")
    try:
        value = float(strength) if strength != "-" else 0.0
    except ValueError as exc:
        raise ModelError(f"{where}: strength {strength!r} is not a number") from exc
    return Rule(kind, _words(words, sets, where), _words(cues, sets, where), code, value, label)


def _words(cell: str, sets: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    """'a|b' as words, '@name' as the set of that name, '-' as none."""
    if cell == "-":
        return frozenset()
    if cell.startswith("@"):
        if cell[1:] not in sets:
            raise ModelError(f"{where}: {WORDS_FILE} has no set {cell[1:]!r}")
        return sets[cell[1:]]
    return frozenset(w.strip().lower() for w in cell.split("|"))
