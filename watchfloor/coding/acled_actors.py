"""ACLED's event type from the kind of actor that acts, as the ACLED codebook decides it.

ACLED types violence by who does it: an unorganised crowd (residents, youths, a mob) makes
Riots/Mob violence; an organised armed actor attacking civilians makes Violence against
civilians/Attack; two organised armed actors make Battles/Armed clash. A demonstration whose
participants use violence is Riots/Violent demonstration; one the authorities step into is a
Protest with intervention. Reports that open with a heading ("Movement of forces: ...") name
their own kind of strategic development.

The words live in ``coding/lang/<language>/acled_*.tsv``; this stage knows none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from watchfloor.coding.language import language_data
from watchfloor.coding.ontology import AcledType
from watchfloor.errors import ModelError

ACTOR_KINDS = frozenset(
    {
        "crowd", "organised", "civilian", "settlement", "armed", "member", "unidentified",
        "communal", "offender", "origin", "noncombatant",
    }
)
CUE_KINDS = frozenset({"protest", "violent", "intervention"})
#: kinds of ``acled_violence_cues.tsv``: how a crowd's violence went (acled_crowds)
VIOLENCE_KINDS = frozenset({"accusation", "bare", "firearm", "reciprocal"})
#: how far apart (in words) the lemmas of one cue may stand
CUE_GAP = 3
#: sentences after a protest's own that may tell how it went ("The demonstrators burned ...")
FOLLOWING_SENTENCES = 2
#: sectors of actors that are organised armed forces whatever they are called
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "INS", "UAF", "SPY"})
#: sector of demonstrators
PROTEST_SECTOR = "OPP"
BATTLES = "Battles"
VAC = "Violence against civilians"
PROTESTS = "Protests"
MOB = AcledType("Riots", "Mob violence")
VIOLENT_DEMO = AcledType("Riots", "Violent demonstration")
ATTACK = AcledType(VAC, "Attack")
CLASH = AcledType(BATTLES, "Armed clash")
INTERVENTION = AcledType(PROTESTS, "Protest with intervention")
PEACEFUL = AcledType(PROTESTS, "Peaceful protest")
EXCESSIVE = AcledType(PROTESTS, "Excessive force against protesters")
#: kinds of target that are people, not an armed group or its bases and positions
PEOPLE_KINDS = frozenset({"civilian", "crowd", "noncombatant", "communal"})
#: sub-event types the actor's kind may overrule (the act itself does not tell them)
ACTOR_TYPED = frozenset({"Attack", "Armed clash", "Mob violence"})
#: sub-event types of a demonstration, which its cues may overrule
PROTEST_TYPED = frozenset(
    {"Peaceful protest", "Protest with intervention", "Violent demonstration"}
)
#: what demonstrators may do that is a violent demonstration rather than its own event
DEMONSTRATORS_ACTS = ACTOR_TYPED | {"Looting/property destruction"}


@dataclass(frozen=True)
class Actor:
    """An event's source or target as the ACLED actor rules see it. ``organised``: a named
    force, armed or unidentified; ``force``: organised by its noun or sector (an army, a
    militia); ``communal``: named by a community, ethnicity, kin or livelihood, or after the
    place or people it comes from ("the people of Garou"); ``civilian``: a civilian sector."""

    kinds: frozenset[str]
    organised: bool
    sector: str | None
    force: bool = False
    unidentified: bool = False
    communal: bool = False
    civilian: bool = False


@dataclass(frozen=True)
class Heading:
    """A report heading ("Displacement") and the event it names."""

    cameo_code: str
    acled: AcledType


@dataclass(frozen=True)
class AcledCues:
    """One language's words for ACLED's actor kinds, demonstration cues and report headings.
    ``words``: lemma -> kinds; ``cues``: kind -> lemma sequences."""

    words: dict[str, frozenset[str]]
    cues: dict[str, tuple[tuple[str, ...], ...]]
    headings: dict[str, Heading]
    violence: dict[str, tuple[tuple[str, ...], ...]]
    plural_endings: tuple[str, ...] = ()

    def forms(self, word: str, lemma: str) -> tuple[str, ...]:
        """The lemma, the word and the word without a plural ending (a capitalised plural
        keeps it as lemma: "Pastoralists")."""
        ending = next((e for e in self.plural_endings if word.endswith(e)), "")
        return (lemma, word, word[: len(word) - len(ending)])

    def kinds(self, lemma: str) -> frozenset[str]:
        """The actor kinds a lemma names (empty when none)."""
        return self.words.get(lemma, frozenset())


def load_acled_cues(language: str = "en") -> AcledCues:
    """Read ``lang/<language>/acled_*.tsv`` (and copies under ``lang_dir``); ModelError names
    the file and row of a bad one."""
    data = language_data(language)
    words: dict[str, set[str]] = {}
    for row in data.rows("acled_actor_words.tsv", 2):
        _check(row, ACTOR_KINDS, f"{language}/acled_actor_words.tsv")
        words.setdefault(row[0].lower(), set()).add(row[1])
    cues: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in CUE_KINDS}
    for row in data.rows("acled_protest_cues.tsv", 2):
        _check(row, CUE_KINDS, f"{language}/acled_protest_cues.tsv")
        cues[row[1]].append(tuple(row[0].lower().split()))
    violence: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in VIOLENCE_KINDS}
    for row in data.rows("acled_violence_cues.tsv", 2):
        _check(row, VIOLENCE_KINDS, f"{language}/acled_violence_cues.tsv")
        violence[row[1]].append(tuple(row[0].lower().split()))
    headings: dict[str, Heading] = {}
    for row in data.rows("acled_headings.tsv", 4):
        _check(row, None, f"{language}/acled_headings.tsv")
        headings[row[0].lower()] = Heading(row[1], AcledType(row[2], row[3]))
    return AcledCues(
        {w: frozenset(k) for w, k in words.items()},
        {k: tuple(v) for k, v in cues.items()},
        headings,
        {k: tuple(v) for k, v in violence.items()},
        data.phrases("trigger_words.tsv", "plural-ending"),
    )


def _check(row: list[str], kinds: frozenset[str] | None, name: str) -> None:
    if not all(row):
        raise ModelError(f"{name}: row {chr(9).join(row)!r} has an empty cell")
    if kinds is not None and row[1] not in kinds:
        allowed = ", ".join(sorted(kinds))
        raise ModelError(f"{name}: row {chr(9).join(row)!r} has kind {row[1]!r}; use {allowed}")


@lru_cache(maxsize=256)
def span_forms(span: Span) -> tuple[frozenset[str], ...]:
    """Each word of ``span`` as lemma and as written, lower-cased: read once per span, since
    every cue of every kind scans the same sentence."""
    return tuple(frozenset((t.lemma_.lower(), t.lower_)) for t in span)


def cue_found(span: Span, cue: tuple[str, ...]) -> bool:
    """Whether the words of ``cue`` occur in ``span`` in order (as lemma or as written), each
    within CUE_GAP words of the one before."""
    forms = span_forms(span)
    for start, first in enumerate(forms):
        if cue[0] not in first:
            continue
        at, matched = start, True
        for part in cue[1:]:
            step = next(
                (k for k, f in enumerate(forms[at + 1 : at + 1 + CUE_GAP]) if part in f), None
            )
            if step is None:
                matched = False
                break
            at += 1 + step
        if matched:
            return True
    return False
