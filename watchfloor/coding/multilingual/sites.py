"""Word lists and sites for reading places in Arabic script, from ``coding/lang/`` tables:
sites named in the press (``arabic_script_landmarks.tsv``) and first-column word lists."""

from __future__ import annotations

import numpy as np

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import EXTRA, TOWN
from watchfloor.coding.multilingual.resources import fold_phrase
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LANG_PACKAGE = "watchfloor.coding.lang"
LANDMARK_FILE = "arabic_script_landmarks.tsv"


def site_rows(gazetteer: Gazetteer, table: dict[int, str]) -> dict[str, int]:
    """Folded site name («معبر باب الهوى», «زندان اوین») -> its gazetteer row: the
    supplement's own row where it has one, else the town (the largest of that name in that
    country). ModelError naming the row when one is malformed or names no place."""
    gaz = gazetteer
    sites: dict[str, int] = {}
    for number, cells in enumerate(commented_tsv(LANG_PACKAGE, LANDMARK_FILE), 1):
        if len(cells) != 3:
            raise ModelError(f"{LANDMARK_FILE} row {number}: expected "
                             f"'phrase<TAB>country<TAB>place', got {cells!r}")
        phrase, country, name = cells
        rows = [c.row for c in gaz.candidates(name) if gaz.country[c.row] == country
                and gaz.kind[c.row] in (EXTRA, TOWN)]
        if not rows:
            raise ModelError(f"{LANDMARK_FILE} row {number}: no place {name!r} in {country} "
                             "in the gazetteer")
        sites[fold_phrase(phrase, table)] = max(
            rows, key=lambda r: (gaz.kind[r] == EXTRA, int(gaz.population[r])))
    return sites


def first_column(name: str, table: dict[int, str]) -> frozenset[str]:
    """The folded first cells of a ``coding/lang/`` table."""
    return frozenset(fold_phrase(row[0], table) for row in commented_tsv(LANG_PACKAGE, name))


def site_units(gazetteer: Gazetteer, rows: list[int]) -> dict[int, str]:
    """The first-level unit of each supplement row among ``rows`` (a base, crossing or
    airport has a point but no unit in the gazetteer): that of the nearest town of its
    country («مطار بغداد» lies in Baghdad governorate)."""
    gaz = gazetteer
    sites = [r for r in set(rows) if gaz.kind[r] == EXTRA and gaz.country[r]]
    if not sites:
        return {}
    country = np.array(gaz.country, dtype=object)
    towns = np.flatnonzero(np.array(gaz.kind, dtype=object) == TOWN)
    units: dict[int, str] = {}
    for row in sites:
        local = towns[country[towns] == gaz.country[row]]
        if not len(local):
            continue
        far = (gaz.lat[local] - gaz.lat[row]) ** 2 + (
            (gaz.lon[local] - gaz.lon[row]) * np.cos(np.radians(gaz.lat[row]))) ** 2
        unit = gaz.place_ref(int(local[int(np.argmin(far))])).admin1
        if unit:
            units[row] = unit
    return units
