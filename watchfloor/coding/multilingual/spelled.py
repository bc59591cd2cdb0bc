"""Places named after a level word («بلدة رميش», «ولسوالی پل حصار») that the Arabic-script
name index lacks: looked up in the gazetteer by their romanised consonants (``skeleton.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import ADMIN1, EXTRA, TOWN
from watchfloor.coding.multilingual.matcher import Match, Token
from watchfloor.coding.multilingual.resources import fold_phrase, load_resources
from watchfloor.coding.multilingual.skeleton import Skeletons
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LEVELS_FILE = "arabic_script_levels.tsv"
NOT_PLACES_FILE = "arabic_script_not_places.tsv"
#: The gazetteer rows each level word admits for the name after it.
LEVEL_KINDS = {
    "town": (TOWN, EXTRA),
    "district": (TOWN, EXTRA),
    "province": (ADMIN1,),
}
ANY_KIND = (TOWN, EXTRA, ADMIN1)
#: A skeleton shorter than this ("rms", Rmeish) is read only in a country the text names or
#: mentions, or a neighbour of one: three consonants name a town in most countries.
SHORT_KEY = 4
#: A name looked up in no particular country (the text names or mentions none) needs this
#: many letters in its key: «بريتال» (brtl) is Bartella in Iraq as readily as Brital.
UNPINNED_KEY = 5
MIN_KEY = 3
#: Words of a name at most («عين الحلوة», «خاص ارزگان», «جرف الصخر»: two).
MAX_WORDS = 3


@dataclass(frozen=True)
class Spelled:
    """A name after a level word, resolved to a gazetteer ``row`` by its spelling."""

    match: Match
    row: int
    population: int


class SpelledPlaces:
    """Resolves names after level words by romanised spelling, in likely countries only."""

    def __init__(self, gazetteer: Gazetteer, press: frozenset[str]) -> None:
        self.gaz = gazetteer
        self.press = press  # ISO2 codes of countries whose press writes in Arabic script
        self.skeletons = Skeletons()
        table = load_resources("ar").fold_table  # also folds Persian yeh and kaf
        self.common = _common_words()
        self.levels: dict[str, str] = {}
        for number, row in enumerate(commented_tsv("watchfloor.coding.lang", LEVELS_FILE), 1):
            if len(row) != 2 or row[1] not in LEVEL_KINDS:
                raise ModelError(f"{LEVELS_FILE} row {number}: expected 'word<TAB>level' with "
                                 f"level one of {', '.join(LEVEL_KINDS)}, got {row!r}")
            self.levels[fold_phrase(row[0], table)] = row[1]

    def find(
        self,
        tokens: list[Token],
        taken: dict[int, int],
        foreign: set[int],
        countries: tuple[set[str], set[str]],
    ) -> list[Spelled]:
        """Names right after a level word. ``taken``: first -> last token of the places
        already read (a name never runs into one); ``foreign``: the tokens of those read
        abroad, which a namesake spelled at home replaces («مدينة زنجبار»: Zinjibar in Yemen,
        not Zanzibar); ``countries``: ISO3 codes the text names, and those it mentions
        (adjectives, forces): a name is looked up in the named countries when there are
        some, else in the mentioned ones and their neighbours, or (a longer name) wherever
        the press writes in Arabic script."""
        inside = {i for first, last in taken.items() for i in range(first, last + 1)}
        found: list[Spelled] = []
        for index, token in enumerate(tokens[:-1]):
            level = next((self.levels[f] for f in token.forms if f in self.levels), None)
            start = index + 1
            if level is None or (start in inside and start not in foreign):
                continue
            end = start
            while end < len(tokens) and end - start < MAX_WORDS and (
                end == start or end not in inside or end in foreign
            ) and self.common.isdisjoint(tokens[end].forms):
                end += 1
            for last in range(end - 1, start - 1, -1):
                spelled = self._lookup(tokens, start, last, LEVEL_KINDS[level], countries)
                if spelled is not None:
                    found.append(spelled)
                    break
        return found

    def within(self, tokens: list[Token], match: Match, country: str) -> Spelled | None:
        """The same name read in ``country`` (ISO3) only, or None."""
        return self._lookup(tokens, match.first, match.last, ANY_KIND, ({country}, set()))

    def _lookup(
        self,
        tokens: list[Token],
        first: int,
        last: int,
        kinds: tuple[str, ...],
        countries: tuple[set[str], set[str]],
    ) -> Spelled | None:
        words = tokens[first : last + 1]
        if any(not t.text.isalpha() for t in words):
            return None
        named, mentioned = countries
        near = self._near(named, neighbours=False) if named else self._near(
            mentioned, neighbours=True)
        anywhere = not named
        loose = self.gaz.loose_rows()
        rows = {
            row
            for key in self.skeletons.keys(" ".join(t.text for t in words))
            if len(key) >= MIN_KEY
            for row in loose.get(key, ())
            if self.gaz.kind[row] in kinds and (
                self.gaz.country[row] in near
                or (anywhere and len(key) >= UNPINNED_KEY and self.gaz.country[row] in self.press)
            )
        }
        if not rows:
            return None
        gaz = self.gaz
        row = max(rows, key=lambda r: (gaz.iso3.get(gaz.country[r]) in named | mentioned,
                                       gaz.country[r] in self.press, int(gaz.population[r])))
        match = Match(" ".join(t.text for t in words), first, last, words[0].start, words[-1].end)
        return Spelled(match, row, int(gaz.population[row]))

    def _near(self, countries: set[str], *, neighbours: bool) -> set[str]:
        """ISO2 codes of ``countries`` (ISO3), and of their neighbours."""
        codes = {iso2 for iso2, iso3 in self.gaz.iso3.items() if iso3 in countries}
        if not neighbours:
            return codes
        return codes | {n for code in codes for n in self.gaz.neighbours.get(code, ())}


def _common_words() -> frozenset[str]:
    """Folded words of both languages' tables (numbers, stop words, cues, triggers, place
    cue and feature words, everyday words that are not places): never part of a spelled
    name («منطقه مرزی», «ولسوالی بدون جنگ»)."""
    words: set[str] = set()
    for code in ("ar", "fa"):
        res = load_resources(code)
        for table in (res.triggers, res.cues, res.numbers, res.casualties, res.countries):
            words.update(table)
        words.update(res.place_cues | res.feature_words | res.town_words | res.stopwords)
        words.update(res.fold(row[0]) for row in commented_tsv(
            "watchfloor.coding.lang", NOT_PLACES_FILE))
    return frozenset(words)
