"""Places named in Arabic script: the shipped name index joined to the gazetteer's rows."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from importlib.resources import files

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import ADMIN1
from watchfloor.coding.multilingual.matcher import Match, PhraseIndex, Token
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError
from watchfloor.records import PlaceRef

INDEX_FILE = "arabic_script_places.tsv.gz"
PRESS_FILE = "arabic_script_countries.tsv"
#: Towns this size or larger are read as places without a cue word before them (a town of
#: a country whose press writes in Arabic script from HOME_BARE_POPULATION).
BARE_NAME_POPULATION = 100_000
HOME_BARE_POPULATION = 50_000
#: A town abroad (outside the countries a text names) is kept only when this large.
ABROAD_POPULATION = 1_000_000
#: A town outside those countries with an Arabic-script name is read only when this large.
FOREIGN_TOWN_POPULATION = 100_000
#: The size a first-level unit counts as when namesakes compete ("فارياب": Afghanistan's
#: province before a small Iranian town).
UNIT_POPULATION = 500_000


@dataclass(frozen=True)
class PlaceHit:
    """A place name found in a sentence, resolved to a gazetteer place."""

    match: Match
    place: PlaceRef
    population: int
    cued: bool


class ArabicScriptPlaces:
    """Finds town and province names written in Arabic script, resolved by the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.press = _press_countries()
        self.rows: dict[str, list[tuple[int, int]]] = {}
        row_of = {gid: row for row, gid in enumerate(gazetteer.geonames_id) if gid is not None}
        try:
            path = files("watchfloor.coding.lang").joinpath(INDEX_FILE)
            with gzip.open(str(path), "rt", encoding="utf-8") as handle:
                for line in handle:
                    if not line.startswith("#"):
                        self._add(line.rstrip("\n").split("\t"), row_of)
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"{INDEX_FILE} unreadable ({exc}); rebuild with "
                "scripts/build_arabic_script_places.py"
            ) from exc
        self.index = PhraseIndex(self.rows, whole_words=True)

    def _add(self, cells: list[str], row_of: dict[int, int]) -> None:
        key, ref, pop = cells
        if ref.startswith("A1:"):
            cc, _, code = ref[3:].partition(".")
            row = self.gazetteer.admin1_row.get((cc, code))
            pop = str(UNIT_POPULATION)
        else:
            row = row_of.get(int(ref))
            if row is not None and self.gazetteer.country[row] not in self.press:
                row = row if int(pop) >= FOREIGN_TOWN_POPULATION else None
        if row is not None:
            self.rows.setdefault(key, []).append((row, int(pop)))

    def find(
        self,
        tokens: list[Token],
        cue_words: frozenset[str],
        named: set[str],
        mentioned: set[str],
    ) -> list[PlaceHit]:
        """Places in the tokens: small towns only after a cue word ("in", "village of") or
        first in the text (a dateline). A place in a ``mentioned`` country (by name or
        adjective, ISO3) goes before a namesake abroad; when the text ``named`` countries
        (names, regions), a place outside them is kept only when a metropolis."""
        hits: list[PlaceHit] = []
        for match in self.index.find(tokens):
            cued = match.first == 0 or any(
                f in cue_words for f in tokens[match.first - 1].forms
            )
            row, pop = max(self.rows[match.phrase], key=lambda c: self._rank(c, mentioned))
            is_unit = self.gazetteer.kind[row] == ADMIN1
            home = self.gazetteer.country[row] in self.press
            bare = HOME_BARE_POPULATION if home else BARE_NAME_POPULATION
            if not (cued or is_unit or pop >= bare):
                continue
            if named and not self._in(row, named) and pop < ABROAD_POPULATION:
                continue
            hits.append(PlaceHit(match, self.gazetteer.place_ref(row), pop, cued))
        return hits

    def _rank(self, candidate: tuple[int, int], mentioned: set[str]) -> tuple[bool, bool, int]:
        """A namesake in a mentioned country first, then one where Arabic script is the
        press's own (Abadan before Ibadan), then the larger."""
        row, pop = candidate
        home = self.gazetteer.country[row] in self.press
        return self._in(row, mentioned), home, pop

    def _in(self, row: int, countries: set[str]) -> bool:
        return self.gazetteer.iso3.get(self.gazetteer.country[row]) in countries


def _press_countries() -> frozenset[str]:
    """ISO2 codes of the countries whose press writes their towns in Arabic script."""
    return frozenset(row[0].strip() for row in commented_tsv("watchfloor.coding.lang", PRESS_FILE))
