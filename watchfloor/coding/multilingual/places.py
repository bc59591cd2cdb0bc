"""Places named in Arabic script: the shipped name index joined to the gazetteer's rows."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources import files

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import ADMIN1, ADMIN2, TOWN
from watchfloor.coding.multilingual.matcher import Match, PhraseIndex, Token
from watchfloor.coding.multilingual.resources import fold_phrase, load_resources
from watchfloor.coding.multilingual.sites import first_column, site_rows, site_units
from watchfloor.coding.multilingual.spelled import Scope, Spelled, SpelledPlaces
from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError
from watchfloor.records import PlaceRef

INDEX_FILE = "arabic_script_places.tsv.gz"
PRESS_FILE = "arabic_script_countries.tsv"
ARTICLE_FILE = "arabic_script_article_clitics.tsv"
NOT_PLACES_FILE = "arabic_script_not_places.tsv"
#: Towns this size or larger are read as places without a cue word before them (a town of
#: a country whose press writes in Arabic script from HOME_BARE_POPULATION).
BARE_NAME_POPULATION = 100_000
HOME_BARE_POPULATION = 50_000
#: A town abroad (outside the countries a text names) is kept only when this large.
ABROAD_POPULATION = 1_000_000
#: A town outside those countries with an Arabic-script name is read only when this large.
FOREIGN_TOWN_POPULATION = 100_000
#: A town this large named like its province is what the bare name means («یزد»).
CAPITAL_POPULATION = 50_000
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
    strong: bool = False  # a province or a large town, not read after a feature word
    feature: bool = False  # read after a feature word: a place named after it
    spelled: bool = False  # found by its romanised consonants, not in the name index
    leveled: bool = False  # right after a level word, or opened by one («ريف حماة»)


@dataclass(frozen=True)
class PlaceCues:
    """A language's words before place names: cue ``words`` ("in", "village of"),
    ``features`` (a mountain, camp, quarter or base is named after the town, not in it) and
    ``towns`` ("the city of": a town, not the province of that name)."""

    words: frozenset[str]
    features: frozenset[str]
    towns: frozenset[str] = frozenset()


class ArabicScriptPlaces:
    """Finds town and province names written in Arabic script, resolved by the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.press = _press_countries()
        self.rows: dict[str, list[tuple[int, int]]] = {}
        self.districts: set[tuple[str, int]] = set()  # (name, row): a district, not its province
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
        languages = (load_resources("ar"), load_resources("fa"))
        table = languages[0].fold_table  # also folds Persian yeh and kaf
        self.everyday = first_column(NOT_PLACES_FILE, table)
        for word in self.everyday:  # a word added since the index was built
            self.rows.pop(word, None)
        sites = site_rows(gazetteer, table)
        for phrase, row in sites.items():  # read anywhere, kept whatever countries are named
            self.rows[phrase] = [(row, ABROAD_POPULATION)]
        self.site_units = site_units(gazetteer, list(sites.values()))
        self.articles = first_column(ARTICLE_FILE, table)
        self.offices = _office_words(table)
        self.index = PhraseIndex(self.rows, whole_words=True)
        self.spelled = SpelledPlaces(gazetteer, self.press, languages)

    def _add(self, cells: list[str], row_of: dict[int, int]) -> None:
        key, ref, pop = cells
        if ref.startswith("A2:"):
            if key in self.rows:  # a district adds names; a town or province keeps its own
                return
            row = self._district_row(ref[3:])
            if row is not None:
                self.districts.add((key, row))
                if self.gazetteer.kind[row] == TOWN:  # its seat: as large as the town
                    pop = str(int(self.gazetteer.population[row]))
        elif ref.startswith("A1:"):
            cc, _, code = ref[3:].partition(".")
            row = self.gazetteer.admin1_row.get((cc, code))
            pop = str(UNIT_POPULATION)
        else:
            row = row_of.get(int(ref))
            if row is not None and self.gazetteer.country[row] not in self.press:
                row = row if int(pop) >= FOREIGN_TOWN_POPULATION else None
        if row is not None:
            self.rows.setdefault(key, []).append((row, int(pop)))

    def _district_row(self, ref: str) -> int | None:
        """The gazetteer row of a district ``CC.A1/English name``: its own row (a district or
        a town of that name in that province, the largest), else its province's."""
        code, _, name = ref.partition("/")
        cc, _, a1 = code.partition(".")
        gaz = self.gazetteer
        rows = [
            c.row
            for c in gaz.candidates(name)
            if gaz.country[c.row] == cc
            and gaz.admin1[c.row] == a1
            and gaz.kind[c.row] in (ADMIN2, TOWN)
        ]
        if rows:
            return max(rows, key=lambda r: (gaz.kind[r] == ADMIN2, int(gaz.population[r])))
        return gaz.admin1_row.get((cc, a1))

    def find(
        self,
        tokens: list[Token],
        cues: PlaceCues,
        named: set[str],
        mentioned: set[str],
    ) -> list[PlaceHit]:
        """Places in the tokens, the event's first: small towns only after a cue word ("in",
        "village of") or first in the text (a dateline). A place in a ``mentioned`` country
        (by name or adjective, ISO3) goes before a namesake abroad; when the text ``named``
        countries (names, regions), a place outside them is kept only when a metropolis. The
        places then vote for one country (``_anchor``): its places go first, and a small one
        elsewhere is dropped."""
        found = list(self.index.find(tokens))
        first = self._read(tokens, found, cues, named, mentioned)
        anchor = _anchor([self._votes(h) for h in first] + [{c: 1 for c in mentioned}])
        if anchor is None:
            return _town_within(sorted(first, key=_order))
        again = self._read(tokens, found, cues, named, mentioned | {anchor})
        kept = [h for h in again if h.strong or h.place.country in named | {anchor}]
        return _town_within(
            sorted(kept, key=lambda h: (h.place.country != anchor, *_order(h)))
        )

    def _read(
        self,
        tokens: list[Token],
        found: list[Match],
        cues: PlaceCues,
        named: set[str],
        mentioned: set[str],
    ) -> list[PlaceHit]:
        """The index's places, with the places after a level word that it lacks (or reads
        abroad) found by their romanised spelling, in the text's own hierarchy. A spelled name
        is looked up in the countries the text names or where its places at home, provinces
        and large towns lie («ولسوالی جاغوری ولایت غزنی»), else in those it mentions."""
        hits = _outermost(self._hit(tokens, m, cues, named, mentioned) for m in found)
        taken = {h.match.first: h.match.last for h in hits}
        foreign = {i for h in hits if self._abroad(h.place)
                   for i in range(h.match.first, h.match.last + 1)}
        strong = [h.place for h in hits if h.place.country and (h.strong or not self._abroad(
            h.place))]
        scope = Scope(named | {p.country for p in strong if p.country}, mentioned,
                      frozenset((p.country or "", p.admin1 or "") for p in strong))
        spelled = [self._spelled(s) for s in self.spelled.find(tokens, taken, foreign, scope)]
        if spelled:
            used = {i for h in spelled for i in range(h.match.first, h.match.last + 1)}
            hits = sorted(
                [*spelled, *(h for h in hits
                             if used.isdisjoint(range(h.match.first, h.match.last + 1)))],
                key=lambda h: h.match.first,
            )
        return self._contained(tokens, hits, cues, named)

    def _spelled(self, spelled: Spelled) -> PlaceHit:
        gaz = self.gazetteer
        unit = gaz.kind[spelled.row] == ADMIN1
        strong = unit or spelled.population >= BARE_NAME_POPULATION
        return PlaceHit(spelled.match, gaz.place_ref(spelled.row), spelled.population, True,
                        strong, spelled=True)

    def _abroad(self, place: PlaceRef) -> bool:
        """Whether a place lies outside the countries whose press writes in Arabic script."""
        return place.country not in {self.gazetteer.iso3.get(c) for c in self.press}

    def nisba(self, tokens: list[Token], endings: tuple[str, ...]) -> list[PlaceHit]:
        """Places named by a town's or province's adjective («کشاورزان اصفهانی», «تاجر
        موصلي»): a word ending in one of ``endings`` whose stem (or stem + ه, or stem without
        the article) is a province or a large town at home. For sentences naming no place."""
        hits: list[PlaceHit] = []
        for index, token in enumerate(tokens):
            if index and not self.offices.isdisjoint(tokens[index - 1].forms):
                continue  # «وزير الداخلية»: the minister's portfolio, not Dakhla
            for ending in endings:
                if not token.text.endswith(ending) or len(token.text) - len(ending) < 3:
                    continue
                stem = token.text[: -len(ending)]
                for name in (stem, stem + "ه", stem.removeprefix("ال")):
                    hit = self._strong_home(name, Match(name, index, index, token.start, token.end))
                    if hit is not None:
                        hits.append(hit)
                        break
        return hits

    def _strong_home(self, name: str, match: Match) -> PlaceHit | None:
        gaz = self.gazetteer
        rows = [
            (row, pop)
            for row, pop in self.rows.get(name, ())
            if gaz.country[row] in self.press
            and (
                gaz.kind[row] == ADMIN1
                and (name, row) not in self.districts
                or pop >= BARE_NAME_POPULATION
            )
        ]
        if not rows:
            return None
        row, pop = max(rows, key=lambda c: c[1])
        return PlaceHit(match, gaz.place_ref(row), pop, False, True)

    def _contained(
        self, tokens: list[Token], hits: list[PlaceHit], cues: PlaceCues, named: set[str]
    ) -> list[PlaceHit]:
        """The text's own hierarchy: a place right before another ("X بـY", "X في Y", "X
        شمال Y", "ولسوالی X ولایت Y") lies in the second's country; read as its namesake
        there, or dropped when it has none ("الرياض بكركوك" is a quarter of Kirkuk), unless
        the first can lie in one country only and the second has a namesake there («ساحة
        النور بطرابلس»: the square is Tripoli's in Lebanon)."""
        kept: list[PlaceHit] = []
        hits = list(hits)
        for i, hit in enumerate(hits):
            outer = hits[i + 1] if i + 1 < len(hits) else None
            country = outer.place.country if outer else None
            if outer is None or not country or hit.place.country == country:
                kept.append(hit)
                continue
            gap = range(hit.match.last + 1, outer.match.first)
            joined = outer.match.phrase.split()[0] != tokens[outer.match.first].text
            if not (joined and not gap) and not (
                len(gap) == 1 and set(tokens[gap[0]].forms) & cues.words
            ):
                kept.append(hit)
                continue
            inside = self._within(tokens, hit, cues, named, country)
            if inside is not None:
                kept.append(inside)
            elif hit.place.country and self._one_country(hit):
                around = self._within(tokens, outer, cues, named, hit.place.country)
                if around is not None:
                    kept.append(hit)
                    hits[i + 1] = around
        return kept

    def _within(
        self, tokens: list[Token], hit: PlaceHit, cues: PlaceCues, named: set[str], country: str
    ) -> PlaceHit | None:
        """The same name read in ``country`` (ISO3), or None."""
        if hit.spelled:
            found = self.spelled.within(tokens, hit.match, country)
            return self._spelled(found) if found is not None else None
        return self._hit(tokens, hit.match, cues, named, {country}, within=country)

    def _one_country(self, hit: PlaceHit) -> bool:
        """Whether every place of a name lies in one country (a site, a unique town)."""
        rows = self.rows.get(hit.match.phrase, ())
        return len({self.gazetteer.country[row] for row, _ in rows}) == 1

    def _hit(
        self,
        tokens: list[Token],
        match: Match,
        cues: PlaceCues,
        named: set[str],
        mentioned: set[str],
        within: str | None = None,
    ) -> PlaceHit | None:
        before = tokens[match.first - 1].forms if match.first else ()
        cued = match.first == 0 or any(f in cues.words for f in before)
        feature = any(f in cues.features for f in before)  # "mount X", "camp X": not town X
        rows = self.rows[match.phrase]
        if feature or any(f in cues.towns for f in before):
            rows = [c for c in rows if self.gazetteer.kind[c[0]] != ADMIN1] or rows
        elif any(self.spelled.levels.get(f) == "province" for f in before):
            rows = [c for c in rows if self.gazetteer.kind[c[0]] == ADMIN1] or rows
        else:
            rows = self._capital_first(rows)
        if match.phrase.split()[0] != tokens[match.first].text:  # read without a clitic
            if not self._clitic_read(tokens[match.first].text, match.phrase.split()[0]):
                return None
            rows = [c for c in rows if self.gazetteer.country[c[0]] in self.press]
        if within is not None:
            rows = [c for c in rows if self._in(c[0], {within})]
        if not rows:
            return None
        row, pop = max(rows, key=lambda c: self._rank(c, mentioned))
        is_unit = self.gazetteer.kind[row] == ADMIN1 and (match.phrase, row) not in self.districts
        home = self.gazetteer.country[row] in self.press
        bare = HOME_BARE_POPULATION if home else BARE_NAME_POPULATION
        if not (cued or is_unit or pop >= bare):
            return None
        if any(f in self.offices for f in before):
            return None  # «وزارة الداخلية»: the Interior Ministry, not Oman's Ad Dakhiliyah
        leveled = self._after_level(tokens, match)
        kept_abroad = pop >= ABROAD_POPULATION or is_unit and leveled  # «ولایت پکتیا»
        if named and not kept_abroad and not self._in(row, named):
            return None
        strong = not feature and (is_unit or pop >= BARE_NAME_POPULATION)
        place = self.gazetteer.place_ref(row)
        if row in self.site_units:
            place = replace(place, admin1=self.site_units[row])
        return PlaceHit(match, place, pop, cued, strong, feature, leveled=leveled)

    def _after_level(self, tokens: list[Token], match: Match) -> bool:
        """Whether a level word («ولایت», «محافظة») comes right before the name or opens it."""
        levels = self.spelled.levels
        before = tokens[match.first - 1].forms if match.first else ()
        return match.phrase.split()[0] in levels or any(f in levels for f in before)

    def _capital_first(self, rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A province's name said bare is its capital («در یزد», «في كركوك») when the capital
        is a city (CAPITAL_POPULATION) of that name: the province only after a province word
        («استان یزد», «محافظة كركوك», «ريف حلب»)."""
        gaz = self.gazetteer
        capitals = {(gaz.country[r], gaz.admin1[r]) for r, pop in rows
                    if gaz.kind[r] == TOWN and pop >= CAPITAL_POPULATION}
        return [c for c in rows if gaz.kind[c[0]] != ADMIN1
                or (gaz.country[c[0]], gaz.admin1[c[0]]) not in capitals]

    def _clitic_read(self, word: str, name: str) -> bool:
        """Whether ``word`` may be read as the place ``name`` after a clitic: never when
        the clitic holds the article («الشباب» is no town Shabab) or the word is an everyday
        one («برابر», in front of, is not Rabor after «ب»)."""
        prefix = word[: len(word) - len(name)] if word.endswith(name) else ""
        return prefix not in self.articles and word not in self.everyday

    def _votes(self, hit: PlaceHit) -> dict[str, int]:
        """What one place says of the sentence's country: each country where the name has a
        namesake at home, a province or large town 4, a small one 2, after a feature word
        only its own country, 1 ("طرابلس" votes for Libya and Lebanon alike; the other places
        decide)."""
        gaz = self.gazetteer
        own = 1 if hit.feature else 2 + 2 * hit.strong
        votes = {hit.place.country: own} if hit.place.country else {}
        if hit.feature:
            return votes
        for row, pop in self.rows.get(hit.match.phrase, ()):
            iso3 = gaz.iso3.get(gaz.country[row])
            if iso3 and gaz.country[row] in self.press:
                strong = gaz.kind[row] == ADMIN1 or pop >= BARE_NAME_POPULATION
                votes[iso3] = max(votes.get(iso3, 0), 2 + 2 * strong)
        return votes

    def _rank(self, candidate: tuple[int, int], mentioned: set[str]) -> tuple[bool, bool, int]:
        """A namesake in a mentioned country first, then one where Arabic script is the
        press's own (Abadan before Ibadan), then the larger."""
        row, pop = candidate
        home = self.gazetteer.country[row] in self.press
        return self._in(row, mentioned), home, pop

    def _in(self, row: int, countries: set[str]) -> bool:
        return self.gazetteer.iso3.get(self.gazetteer.country[row]) in countries


def _office_words(table: dict[int, str]) -> frozenset[str]:
    """Folded words after which a name is an office's portfolio, not a place («وزارة
    الداخلية»: kind ``office`` in each Arabic-script language's ``feature_words.tsv``)."""
    return frozenset(
        fold_phrase(row[0], table)
        for code in ("ar", "fa")
        for row in commented_tsv(f"watchfloor.coding.lang.{code}", "feature_words.tsv")
        if len(row) > 1 and row[1] == "office"
    )


def _press_countries() -> frozenset[str]:
    """ISO2 codes of the countries whose press writes their towns in Arabic script."""
    return frozenset(row[0].strip() for row in commented_tsv("watchfloor.coding.lang", PRESS_FILE))


def _order(hit: PlaceHit) -> tuple[int, int]:
    """Towns and sites after a cue word first, then provinces after their level word, then
    the first word's place (a dateline, «عدن - ...», or the subject), then other provinces
    after a cue word, then the rest, each in text order: the event is where the text puts
    it, as precisely as it says; a dateline says where the news was filed («دمشق (سانا) -
    ... في ريف حماة»: Hama's countryside)."""
    if (hit.cued or hit.leveled) and hit.match.first > 0:
        rank = 0 if hit.place.feature != "ADM1" else 1 if hit.leveled else 3
    elif hit.match.first == 0:
        rank = 2
    else:
        rank = 4
    return rank, hit.match.start


def _town_within(hits: list[PlaceHit]) -> list[PlaceHit]:
    """A town the text names inside the province that comes first goes before it: it says
    where in that province (a dateline, «الأبيض - ... في ولاية شمال كردفان»: El Obeid;
    «مستشفى الكوت ... لمحافظة واسط»: Kut)."""
    if len(hits) < 2 or hits[0].place.feature != "ADM1":
        return hits
    unit = hits[0].place
    for n, hit in enumerate(hits[1:], 1):
        place = hit.place
        if place.feature != "ADM1" and (place.country, place.admin1) == (
            unit.country, unit.admin1):
            return [hit, *hits[:n], *hits[n + 1:]]
    return hits


def _outermost(hits: Iterable[PlaceHit | None]) -> list[PlaceHit]:
    """The longest place read at each word, and none inside it (the matcher also offers the
    shorter names, the clitic-stripped forms and "جبيل" inside "بنت جبيل", which must not
    vote again); a name inside one that was not read as a place still counts."""
    kept: list[PlaceHit] = []
    for hit in hits:
        if hit is not None and (not kept or hit.match.first > kept[-1].match.last):
            kept.append(hit)
    return kept


def _anchor(votes: list[dict[str, int]]) -> str | None:
    """The country (ISO3) most of a sentence's places lie in, each place voting for the
    countries it may be in (``_votes``), a country the text names or qualifies ("the
    Mauritanian police") 1, which only breaks ties between places: in «كرمة علي شمال
    البصرة» Basra's Iraq outvotes a namesake abroad. None on a tie or when all lie in one
    country anyway."""
    total: dict[str, int] = {}
    for vote in votes:
        for country, weight in vote.items():
            total[country] = total.get(country, 0) + weight
    ranked = sorted(total.values(), reverse=True)
    if len(ranked) < 2 or ranked[0] == ranked[1]:
        return None
    return max(total, key=total.__getitem__)
