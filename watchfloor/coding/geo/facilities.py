"""Facility words ("university", "street") read from the language's data file.

The words live in ``watchfloor/coding/lang/<language>/place_facilities.tsv``: an
*institution* the gazetteer does not know lies in the place its name holds ("University of
Colorado"), a *site* in the story's own town ("Washington Square"). A new word is a new row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

KINDS = ("institution", "site")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class FacilityWords:
    """Facility word -> "institution" or "site"."""

    kinds: dict[str, str]

    @classmethod
    def from_rows(cls, rows: list[list[str]], source: str) -> FacilityWords:
        """Rows of ``word, kind``; ModelError naming the row when one is malformed."""
        kinds: dict[str, str] = {}
        for number, row in enumerate(rows, 1):
            if len(row) != 2 or row[1].strip() not in KINDS:
                raise ModelError(
                    f"{source} row {number}: expected 'word<TAB>kind' with kind one of "
                    f"{', '.join(KINDS)}, got {row!r}"
                )
            kinds[row[0].strip().lower()] = row[1].strip()
        return cls(kinds)

    def kind_of(self, name: str) -> str | None:
        """ "institution" when any word of ``name`` is one, else "site" when any word is one,
        else None ("Madison Square Garden" is a site, "Madison College" an institution)."""
        found = {self.kinds.get(word.lower()) for word in _WORDS.findall(name)}
        if "institution" in found:
            return "institution"
        return "site" if "site" in found else None


@cache
def facility_words(language: str = "en") -> FacilityWords:
    """The packaged facility words of ``language``; ModelError when it has none."""
    source = f"lang/{language}/place_facilities.tsv"
    return FacilityWords.from_rows(
        commented_tsv("watchfloor.coding", "lang", language, "place_facilities.tsv"), source
    )
