"""Place-level words ("province", "upazila", "barangay") read from the language's data file.

The words live in ``watchfloor/coding/lang/<language>/place_levels.tsv``; stages ask
``place_levels()`` for them and know no word themselves. A new word is a new row.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.coding.language import language_data, word_kinds

LEVELS = ("admin1", "admin2", "admin3", "local", "around")


@dataclass(frozen=True)
class PlaceLevels:
    """Level word -> level ("admin1", "admin2", "admin3", "local" or "around")."""

    levels: dict[str, str]

    @classmethod
    def parse(cls, text: str, source: str = "place_levels.tsv") -> PlaceLevels:
        """Read ``word<TAB>level`` rows; ModelError names the line of a malformed row."""
        return cls(word_kinds(text, source, LEVELS))

    def level(self, word: str) -> str | None:
        return self.levels.get(word.lower())

    @property
    def admin_words(self) -> frozenset[str]:
        """Words of first-level units: the name beside them is read as a province first."""
        return frozenset(w for w, level in self.levels.items() if level == "admin1")

    @property
    def local_words(self) -> frozenset[str]:
        """Words of units below the first level and of settlements: favour the town."""
        return frozenset(w for w, level in self.levels.items() if level not in ("admin1", "around"))

    @property
    def all_words(self) -> frozenset[str]:
        return frozenset(self.levels)


def place_levels(language: str = "en") -> PlaceLevels:
    """The level words of ``language`` (packaged plus ``lang_dir`` rows); ModelError when it
    has none."""
    data = language_data(language)
    return data.build(PlaceLevels, lambda: PlaceLevels(data.word_kinds("place_levels.tsv", LEVELS)))
