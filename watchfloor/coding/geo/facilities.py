"""Facility words ("university", "street") read from the language's data file.

The words live in ``watchfloor/coding/lang/<language>/place_facilities.tsv``: an
*institution* the gazetteer does not know lies in the place its name holds ("University of
Colorado"), a *site* in the story's own town ("Washington Square"). A new word is a new row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.coding.language import language_data, word_kinds

KINDS = ("institution", "site")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class FacilityWords:
    """Facility word -> "institution" or "site"."""

    kinds: dict[str, str]

    @classmethod
    def parse(cls, text: str, source: str = "place_facilities.tsv") -> FacilityWords:
        """Read ``word<TAB>kind`` rows; ModelError names the line of a malformed row."""
        return cls(word_kinds(text, source, KINDS))

    def kind_of(self, name: str) -> str | None:
        """ "institution" when any word of ``name`` is one, else "site" when any word is one,
        else None ("Madison Square Garden" is a site, "Madison College" an institution)."""
        found = {self.kinds.get(word.lower()) for word in _WORDS.findall(name)}
        if "institution" in found:
            return "institution"
        return "site" if "site" in found else None


def facility_words(language: str = "en") -> FacilityWords:
    """The facility words of ``language`` (packaged plus ``lang_dir`` rows); ModelError when
    it has none."""
    data = language_data(language)
    return data.build(
        FacilityWords, lambda: FacilityWords(data.word_kinds("place_facilities.tsv", KINDS))
    )
