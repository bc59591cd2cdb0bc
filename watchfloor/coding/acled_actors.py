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

from spacy.tokens import Span

from watchfloor.coding.ontology import AcledType
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LANG_PACKAGE = "watchfloor.coding.lang"
ACTOR_KINDS = frozenset(
    {"crowd", "organised", "civilian", "settlement", "armed", "member", "unidentified"}
)
CUE_KINDS = frozenset({"protest", "violent", "intervention"})
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
#: sub-event types the actor's kind may overrule (the act itself does not tell them)
ACTOR_TYPED = frozenset({"Attack", "Armed clash", "Mob violence"})
#: sub-event types of a demonstration, which its cues may overrule
PROTEST_TYPED = frozenset(
    {"Peaceful protest", "Protest with intervention", "Violent demonstration"}
)
#: what demonstrators may do that is a violent demonstration rather than its own event
DEMONSTRATORS_ACTS = ACTOR_TYPED | {"Looting/property destruction"}


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

    def kinds(self, lemma: str) -> frozenset[str]:
        """The actor kinds a lemma names (empty when none)."""
        return self.words.get(lemma, frozenset())


def load_acled_cues(language: str = "en") -> AcledCues:
    """Read ``lang/<language>/acled_*.tsv``; ModelError names the file and row on a bad one."""
    words: dict[str, set[str]] = {}
    for n, row in enumerate(commented_tsv(LANG_PACKAGE, language, "acled_actor_words.tsv")):
        _check(row, 2, ACTOR_KINDS, f"{language}/acled_actor_words.tsv", n)
        words.setdefault(row[0].strip().lower(), set()).add(row[1].strip())
    cues: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in CUE_KINDS}
    for n, row in enumerate(commented_tsv(LANG_PACKAGE, language, "acled_protest_cues.tsv")):
        _check(row, 2, CUE_KINDS, f"{language}/acled_protest_cues.tsv", n)
        cues[row[1].strip()].append(tuple(row[0].lower().split()))
    headings: dict[str, Heading] = {}
    for n, row in enumerate(commented_tsv(LANG_PACKAGE, language, "acled_headings.tsv")):
        _check(row, 4, None, f"{language}/acled_headings.tsv", n)
        headings[row[0].strip().lower()] = Heading(row[1].strip(), AcledType(row[2], row[3]))
    return AcledCues(
        {w: frozenset(k) for w, k in words.items()},
        {k: tuple(v) for k, v in cues.items()},
        headings,
    )


def _check(row: list[str], width: int, kinds: frozenset[str] | None, name: str, n: int) -> None:
    if len(row) != width or not all(cell.strip() for cell in row):
        raise ModelError(f"{name}: data row {n + 1} needs {width} tab-separated cells: {row}")
    if kinds is not None and row[1].strip() not in kinds:
        raise ModelError(f"{name}: data row {n + 1} has kind {row[1]!r}; use one of {kinds}")


def cue_found(span: Span, cue: tuple[str, ...]) -> bool:
    """Whether the words of ``cue`` occur in ``span`` in order (as lemma or as written), each
    within CUE_GAP words of the one before."""
    forms = [{t.lemma_.lower(), t.lower_} for t in span]
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
