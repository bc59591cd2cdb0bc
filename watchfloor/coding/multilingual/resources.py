"""One language's coding resources, read from ``watchfloor/coding/lang/<code>/`` data files."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files

from watchfloor.coding.multilingual.dates import DateTables
from watchfloor.coding.multilingual.text import fold
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LANG_PACKAGE = "watchfloor.coding.lang"
#: grammar.tsv settings whose value is a comma-separated list of words, folded like phrases.
FOLDED_SETTINGS = ("weak_numbers", "age_words", "nisba_endings")
#: Files a language folder must hold for the cue coder to read it.
REQUIRED = (
    "normalize.tsv",
    "clitics.tsv",
    "triggers.tsv",
    "numbers.tsv",
    "casualties.tsv",
    "cues.tsv",
    "countries.tsv",
    "actors.tsv",
    "place_cues.tsv",
    "stopwords.tsv",
    "away_cues.tsv",
    "grammar.tsv",
    "feature_words.tsv",
    "months.tsv",
    "weekdays.tsv",
)


@dataclass(frozen=True)
class ActorEntry:
    """An actor phrase's coding: ACLED-style name, country (ISO3 or None) and sector."""

    name: str
    country: str | None
    sector: str


@dataclass(frozen=True)
class LanguageResources:
    """Folded phrase tables of one language, ready for matching."""

    code: str
    fold_table: dict[int, str]
    clitics: tuple[str, ...]
    triggers: dict[str, tuple[str, ...]]
    numbers: dict[str, int]
    casualties: dict[str, str]
    cues: dict[str, tuple[str, str]]
    countries: dict[str, tuple[str, str]]
    actors: dict[str, ActorEntry]
    place_cues: frozenset[str]
    feature_words: frozenset[str]
    town_words: frozenset[str]
    stopwords: frozenset[str]
    away_cues: frozenset[str]
    away_country_cues: frozenset[str]
    actor_cues: frozenset[str]
    grammar: dict[str, str]
    dates: DateTables
    nisba_endings: tuple[str, ...]

    def fold(self, text: str) -> str:
        """The matching form of a phrase."""
        return fold_phrase(text, self.fold_table)


def fold_phrase(text: str, table: dict[int, str]) -> str:
    """A phrase folded with ``table``, its words joined by single spaces."""
    return " ".join(fold(text, table).folded.split())


def _fold_list(value: str, key: Callable[[str], str]) -> str:
    return ",".join(key(word) for word in value.split(","))


def has_resources(code: str | None) -> bool:
    """Whether ``coding/lang/<code>/`` holds every file the cue coder reads."""
    if not code or not re.fullmatch(r"[a-z]{2}", code):
        return False
    folder = files(LANG_PACKAGE).joinpath(code)
    return all(folder.joinpath(name).is_file() for name in REQUIRED)


def _rows(code: str, name: str) -> list[list[str]]:
    return commented_tsv(LANG_PACKAGE, code, name)


def _fold_table(code: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for row in _rows(code, "normalize.tsv"):
        source, target = row[0], row[1] if len(row) > 1 else ""
        table[int(source, 16)] = chr(int(target, 16)) if target else ""
    return table


def load_resources(code: str) -> LanguageResources:
    """Read and fold every table of ``code``; raises ModelError when a file is missing."""
    if not has_resources(code):
        raise ModelError(f"no coding resources for language {code!r} in coding/lang/")
    table = _fold_table(code)

    def key(phrase: str) -> str:
        return fold_phrase(phrase, table)

    triggers: dict[str, tuple[str, ...]] = {}
    for phrase, cue in _rows(code, "triggers.tsv"):
        triggers[key(phrase)] = (*triggers.get(key(phrase), ()), cue)
    cues = {key(r[0]): (r[1], r[2] if len(r) > 2 else "") for r in _rows(code, "cues.tsv")}
    actors = {key(r[0]): ActorEntry(r[1], r[2] or None, r[3]) for r in _rows(code, "actors.tsv")}
    clitics = tuple(sorted((key(r[0]) for r in _rows(code, "clitics.tsv")), key=len, reverse=True))
    return LanguageResources(
        code=code,
        fold_table=table,
        clitics=clitics,
        triggers=triggers,
        numbers={key(w): int(v) for w, v in _rows(code, "numbers.tsv")},
        casualties={key(p): kind for p, kind in _rows(code, "casualties.tsv")},
        cues=cues,
        countries={key(r[0]): (r[1], r[2]) for r in _rows(code, "countries.tsv")},
        actors=actors,
        place_cues=frozenset(key(r[0]) for r in _rows(code, "place_cues.tsv")),
        feature_words=frozenset(
            key(r[0]) for r in _rows(code, "feature_words.tsv") if r[1] == "feature"
        ),
        town_words=frozenset(key(r[0]) for r in _rows(code, "feature_words.tsv") if r[1] == "town"),
        stopwords=frozenset(key(r[0]) for r in _rows(code, "stopwords.tsv")),
        away_cues=frozenset(key(r[0]) for r in _rows(code, "away_cues.tsv") if r[1] == "any"),
        away_country_cues=frozenset(
            key(r[0]) for r in _rows(code, "away_cues.tsv") if r[1] in ("any", "country")
        ),
        actor_cues=frozenset(key(r[0]) for r in _rows(code, "away_cues.tsv") if r[1] == "actor"),
        grammar={
            r[0]: _fold_list(r[1], key) if r[0] in FOLDED_SETTINGS else r[1]
            for r in _rows(code, "grammar.tsv")
        },
        dates=_date_tables(code, key, cues),
        nisba_endings=tuple(
            e
            for r in _rows(code, "grammar.tsv")
            if r[0] == "nisba_endings"
            for e in _fold_list(r[1], key).split(",")
            if e
        ),
    )


def _date_tables(
    code: str, key: Callable[[str], str], cues: dict[str, tuple[str, str]]
) -> DateTables:
    """Months (and the filler words between a month and its year), weekdays and their 'past'
    words, and the days-before phrases of ``cues.tsv``."""
    months = [r for r in _rows(code, "months.tsv")]
    weekdays = [r for r in _rows(code, "weekdays.tsv")]
    return DateTables.build(
        months={key(r[0]): (r[1], int(r[2])) for r in months if r[1] != "filler"},
        weekdays={key(r[0]): int(r[1]) for r in weekdays if r[1] != "past"},
        past=frozenset(key(r[0]) for r in weekdays if r[1] == "past"),
        days_before={p: int(v) for p, (kind, v) in cues.items() if kind == "days_before"},
        fillers=frozenset(key(r[0]) for r in months if r[1] == "filler"),
    )
