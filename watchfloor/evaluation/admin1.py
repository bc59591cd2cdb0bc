"""Comparing first-level units, not their spellings: ACLED's "Idleb" is GeoNames' "Idlib".

A gold admin1 name counts as the unit the gazetteer knows it as: an admin1 entry of the gold
country under that name or a spelling variant (alternate names, the loose transliteration key),
or the province of a city of that name ("Baghdad" is the "Mayorality of Baghdad").
"""

from __future__ import annotations

from functools import lru_cache

from watchfloor.coding.geo.gazetteer import ADMIN1, TOWN, Gazetteer
from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.common import fold

PROVINCE_CITY = 100_000  # a city this big may lend its name to its province


class Admin1Units:
    """Whether our admin1 and a gold admin1 name denote the same unit."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.gaz = gazetteer
        self._iso2 = {iso3: iso2 for iso2, iso3 in gazetteer.iso3.items()} if gazetteer else {}
        self.units = lru_cache(maxsize=4096)(self._units)

    @classmethod
    def of(cls, coder: Coder) -> Admin1Units:
        """Use the gazetteer the coder's place stage already loaded (none: compare names)."""
        for stage in coder.stages:
            gaz = getattr(getattr(stage, "resolver", None), "gaz", None)
            if isinstance(gaz, Gazetteer):
                return cls(gaz)
        return cls(None)

    def same(self, gold: str | None, country: str | None, ours: str | None) -> bool:
        """True when ``ours`` names the unit ``gold`` names in ``country`` (ISO3)."""
        if not gold or not ours:
            return False
        return fold(ours) in self.units(gold, country or "")

    def _units(self, gold: str, country: str) -> frozenset[str]:
        names = {fold(gold)}
        iso2 = self._iso2.get(country)
        if self.gaz is None or iso2 is None:
            return frozenset(names)
        rows = [c.row for c in self.gaz.candidates(gold)]
        rows += [c.row for c in self.gaz.loose_candidates(gold, {iso2})]
        for row in rows:
            kind = self.gaz.kind[row]
            if self.gaz.country[row] != iso2:
                continue
            if kind == ADMIN1 or (kind == TOWN and self.gaz.population[row] >= PROVINCE_CITY):
                names.add(fold(self.gaz.place_ref(row).admin1))
        return frozenset(names)
