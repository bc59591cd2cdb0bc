"""Places named after a level word («بلدة رميش», «ولسوالی پل حصار») that the Arabic-script
name index lacks: looked up in the gazetteer by their romanised consonants (``skeleton.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import ADMIN1, ADMIN2, EXTRA, TOWN
from watchfloor.coding.geo.names import loose_keys, name_key
from watchfloor.coding.multilingual.matcher import Match, Token
from watchfloor.coding.multilingual.resources import LanguageResources, fold_phrase
from watchfloor.coding.multilingual.skeleton import Skeletons
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError

LEVELS_FILE = "arabic_script_levels.tsv"
NOT_PLACES_FILE = "arabic_script_not_places.tsv"
#: The gazetteer rows each level word admits for the name after it.
LEVEL_KINDS = {
    "town": (TOWN, EXTRA),
    "district": (TOWN, EXTRA, ADMIN2),
    "province": (ADMIN1,),
}
ANY_KIND = (TOWN, EXTRA, ADMIN1, ADMIN2)
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
class Scope:
    """Where to look a name up: countries (ISO3) the text ``named`` (or where its provinces
    and large towns lie), those it ``mentioned`` (adjectives, forces), and the (country,
    province) ``units`` its provinces and large towns lie in, preferred among namesakes and,
    for a short name («العظيم», adhm), required («ناحية العظيم شمالي ديالى» is in Diyala)."""

    named: set[str]
    mentioned: set[str]
    units: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Spelled:
    """A name after a level word, resolved to a gazetteer ``row`` by its spelling."""

    match: Match
    row: int
    population: int


class SpelledPlaces:
    """Resolves names after level words by romanised spelling, in likely countries only."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        press: frozenset[str],
        languages: tuple[LanguageResources, ...],
    ) -> None:
        """``press``: ISO2 codes of the countries whose press writes in Arabic script;
        ``languages``: the Arabic-script languages' tables, Arabic first (its fold table
        also folds Persian yeh and kaf)."""
        self.gaz = gazetteer
        self.press = press
        self.skeletons = Skeletons()
        table = languages[0].fold_table
        self.common = _common_words(languages)
        self._districts: dict[str, list[int]] | None = None  # built on first use
        self.stops = {w for res in languages for w in res.stopwords | res.place_cues}
        self.levels: dict[str, str] = {}
        for number, row in enumerate(commented_tsv("watchfloor.coding.lang", LEVELS_FILE), 1):
            if len(row) != 2 or row[1] not in LEVEL_KINDS:
                raise ModelError(f"{LEVELS_FILE} row {number}: expected 'word<TAB>level' with "
                                 f"level one of {', '.join(LEVEL_KINDS)}, got {row!r}")
            self.levels[fold_phrase(row[0], table)] = row[1]
        self.stops |= self.levels.keys()

    def find(
        self,
        tokens: list[Token],
        taken: dict[int, int],
        foreign: set[int],
        scope: Scope,
    ) -> list[Spelled]:
        """Names right after a level word. ``taken``: first -> last token of the places
        already read (a name never runs into one, and one read after the level word gives way
        only to a longer name); ``foreign``: the tokens of those read abroad, which a namesake
        spelled at home replaces («مدينة زنجبار»: Zinjibar in Yemen, not Zanzibar). A name
        is looked up in the ``scope``'s named countries when there are some, else in the
        mentioned ones and their neighbours, or (a longer name) wherever the press writes in
        Arabic script."""
        inside = {i for first, last in taken.items() for i in range(first, last + 1)}
        found: list[Spelled] = []
        for index, token in enumerate(tokens[:-1]):
            level = next((self.levels[f] for f in token.forms if f in self.levels), None)
            start = index + 1
            if level is None:
                continue
            shorter = None  # the last word of a place read at ``start``, for a longer name
            if start in inside and start not in foreign:
                if start not in taken:
                    continue
                shorter = taken[start]
            own = set(range(start, shorter + 1)) if shorter is not None else set()
            spelled = self._name_at(tokens, start, inside - foreign - own, level, scope, shorter)
            if spelled is not None:
                found.append(spelled)
        return found

    def _name_at(
        self,
        tokens: list[Token],
        start: int,
        taken: set[int],
        level: str,
        scope: Scope,
        shorter: int | None = None,
    ) -> Spelled | None:
        """The longest name of up to MAX_WORDS words from ``start`` that the gazetteer has,
        ending after ``shorter`` when given («بلدة عدن يابال» is Adan Yabaal, not Aden).
        A stop, cue or level word ends a name; a common word may begin one but not end it."""
        end = start + 1
        while end < len(tokens) and end - start < MAX_WORDS and end not in taken \
                and self.stops.isdisjoint(tokens[end].forms):
            end += 1
        common = [not self.common.isdisjoint(t.forms) for t in tokens[start:end]]
        lowest = max(start - 1 + common[0], shorter if shorter is not None else -1)
        for last in range(end - 1, lowest, -1):
            if common[last - start]:  # «ملکشاهی یک» (one) is no name, «چهار دره» may be
                continue
            spelled = self._lookup(tokens, start, last, LEVEL_KINDS[level], scope)
            if spelled is not None:
                return spelled
        return None

    def within(self, tokens: list[Token], match: Match, country: str) -> Spelled | None:
        """The same name read in ``country`` (ISO3) only, or None."""
        return self._lookup(tokens, match.first, match.last, ANY_KIND, Scope({country}, set()))

    def _lookup(
        self,
        tokens: list[Token],
        first: int,
        last: int,
        kinds: tuple[str, ...],
        scope: Scope,
    ) -> Spelled | None:
        words = tokens[first : last + 1]
        if any(not t.text.isalpha() for t in words):
            return None
        named, mentioned = scope.named, scope.mentioned
        near = self._near(named, neighbours=False) if named else self._near(
            mentioned, neighbours=True)
        anywhere = not named
        loose, districts = self.gaz.loose_rows(), self.districts()
        rows = {
            row
            for key in self.skeletons.keys(" ".join(t.text for t in words))
            if len(key) >= MIN_KEY
            for row in (*loose.get(key, ()), *districts.get(key, ()))
            if self.gaz.kind[row] in kinds and (
                self.gaz.country[row] in near
                or (anywhere and len(key) >= UNPINNED_KEY and self.gaz.country[row] in self.press)
            ) and (len(key) >= UNPINNED_KEY or not scope.units or self._unit(row) in scope.units)
        }
        if not rows:
            return None
        gaz = self.gaz
        row = max(rows, key=lambda r: (gaz.iso3.get(gaz.country[r]) in named | mentioned,
                                       self._unit(r) in scope.units,
                                       gaz.country[r] in self.press, int(gaz.population[r])))
        match = Match(" ".join(t.text for t in words), first, last, words[0].start, words[-1].end)
        return Spelled(match, row, int(gaz.population[row]))

    def districts(self) -> dict[str, list[int]]:
        """Loose key -> second-level units (districts) of the countries whose press writes in
        Arabic script: the gazetteer's loose index holds towns and provinces only."""
        if self._districts is None:
            gaz = self.gaz
            rows = [r for r, kind in enumerate(gaz.kind)
                    if kind == ADMIN2 and gaz.country[r] in self.press]
            keys = loose_keys([name_key(gaz.name[r]) for r in rows])
            self._districts = {}
            for key, row in zip(keys, rows, strict=True):
                self._districts.setdefault(key, []).append(row)
        return self._districts

    def _unit(self, row: int) -> tuple[str, str]:
        place = self.gaz.place_ref(row)
        return place.country or "", place.admin1 or ""

    def _near(self, countries: set[str], *, neighbours: bool) -> set[str]:
        """ISO2 codes of ``countries`` (ISO3), and of their neighbours."""
        codes = {iso2 for iso2, iso3 in self.gaz.iso3.items() if iso3 in countries}
        if not neighbours:
            return codes
        return codes | {n for code in codes for n in self.gaz.neighbours.get(code, ())}


def _common_words(languages: tuple[LanguageResources, ...]) -> frozenset[str]:
    """Folded words of the languages' tables (numbers, stop words, cues, triggers, place
    cue and feature words, everyday words that are not places): never part of a spelled
    name («منطقه مرزی», «ولسوالی بدون جنگ»)."""
    words: set[str] = set()
    for res in languages:
        for table in (res.triggers, res.cues, res.numbers, res.casualties, res.countries):
            words.update(table)
        words.update(res.place_cues | res.feature_words | res.town_words | res.stopwords)
        everyday = [res.fold(row[0]) for row in commented_tsv("watchfloor.coding.lang",
                                                                NOT_PLACES_FILE)]
        words.update(everyday + [w.removeprefix("ال") for w in everyday])
    return frozenset(words)
