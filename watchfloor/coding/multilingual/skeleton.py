"""Consonant skeletons of Arabic-script names, to meet the gazetteer's Latin names.

A village the Arabic-script index lacks («بلدة رميش», «ناحية جرف الصخر») is usually in the
gazetteer under its romanised name (Rmeish, Jurf al Sakhar). Arabic script writes consonants;
the gazetteer's loose key (``geo/names.py``) keeps a Latin name's first letter and its
consonants. So a name's possible romanisations (``arabic_script_latin.tsv``) are folded with
that same key and looked up in the loose index.
"""

from __future__ import annotations

from itertools import product

from watchfloor.coding.geo.names import loose_keys
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LATIN_FILE = "arabic_script_latin.tsv"
ARTICLE = "ال"
#: Romanisations tried per name at most (a letter with three readings triples them).
MAX_FORMS = 96


class Skeletons:
    """Loose keys (as ``geo.names.loose_key`` makes them) of an Arabic-script name."""

    def __init__(self) -> None:
        self.anywhere: dict[str, tuple[str, ...]] = {}
        self.start: dict[str, tuple[str, ...]] = {}
        for number, row in enumerate(commented_tsv("watchfloor.coding.lang", LATIN_FILE), 1):
            if len(row) < 2 or len(row[0]) != 1:
                raise ModelError(f"{LATIN_FILE} row {number}: expected 'letter<TAB>latin', "
                                 f"got {row!r}")
            self.anywhere[row[0]] = _options(row[1])
            self.start[row[0]] = _options(row[2]) if len(row) > 2 and row[2] else _options(row[1])

    def keys(self, name: str) -> set[str]:
        """The loose keys of a folded name's romanisations; empty when a letter is unknown
        (a Latin or digit word) or the name has too many readings."""
        pieces: list[tuple[str, ...]] = []
        for index, word in enumerate(name.split()):
            if word.startswith(ARTICLE) and len(word) > 3:
                # a leading article is dropped by the loose key; inside a name it is "al"/"el"
                # or assimilated ("as-Sakhar"), so "l" or nothing
                pieces.append(("",) if index == 0 else ("al", ""))
                word = word[len(ARTICLE):]
            for position, letter in enumerate(word):
                table = self.start if position == 0 and index == 0 else self.anywhere
                if letter not in table:
                    return set()
                pieces.append(table[letter])
        count = 1
        for options in pieces:
            count *= len(options)
        if count > MAX_FORMS:
            return set()
        # written as one word: a first syllable such as "an" («عين» read "ayn") must not be
        # taken for the Latin article the loose key drops
        forms = ["".join(parts) for parts in product(*pieces)]
        return {key for key in loose_keys(forms) if key}


def _options(cell: str) -> tuple[str, ...]:
    return tuple("" if part.strip() == "-" else part.strip() for part in cell.split(","))
