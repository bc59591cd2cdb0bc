"""Resolving place mentions to gazetteer rows with document context, and picking event places."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span

from watchfloor.coding.geo.detect import MentionFinder
from watchfloor.coding.geo.event_place import choose_event_place
from watchfloor.coding.geo.fallbacks import dominant_town, local_facility
from watchfloor.coding.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    CONTINENT,
    COUNTRY,
    EXTRA,
    TOWN,
    Candidate,
    Gazetteer,
)
from watchfloor.coding.geo.hierarchy import (
    container_order,
    contains,
    inside_container,
    link_containers,
    mark_holding_units,
)
from watchfloor.coding.geo.mentions import (
    SpanCue,
)
from watchfloor.coding.geo.model import (
    ADJECTIVE_WEIGHT,
    GENERIC,
    KIND_PRIOR,
    Context,
    PlaceMention,
    Work,
)
from watchfloor.coding.geo.names import name_key
from watchfloor.coding.geo.readings import (
    namesake_abroad,
    placed_countries,
    reading_countries,
    weak_reading_fits,
)
from watchfloor.records import PlaceRef

HINT_WEIGHT = 3.0  # what the input's declared country adds to a candidate's score ...
ACTOR_HINT_WEIGHT = 1.0  # ... and a country guessed from the actors ("Armenian forces")
PRIOR_WEIGHT = 3.0  # what a country the collection is about adds to a candidate's score ...
PRIOR_FULL_SHARE = 0.05  # ... in full from this share of the collection's events


ALTERNATE_NAME_COST = 1.8  # a town's alternate name, when another town has it as main name
# Towns outside the countries in context (and their neighbours) are accepted only this big;
# one named by an alternate name ("Nadim" for Russia's Nadym) only if a metropolis.
FOREIGN_TOWN_POPULATION = 50_000
FOREIGN_ALTERNATE_POPULATION = 1_000_000
# A town named abroad when only the actors say where must be this big: the tiny ones are
# mostly common words read as names ("People of the Red Wednesday movement": Red, India).
NAMED_ABROAD_POPULATION = 10_000
NAMED_UNIT_WEIGHT = 1.0  # more for a town in a first-level unit the story names itself
ARTICLE_LENGTH = 4  # "ash " at most: "Dana" is the main name Ad Dānā without its article
SPELLING_SHARE = 0.25  # a country's share of the story's names for spelling variants there
HOLDING_WEIGHT = 2.0  # a unit holding a place the text puts in it ("Tacoma, Washington")


class PlaceResolver:
    """Detects and resolves the places of a spaCy ``Doc`` against a ``Gazetteer``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.finder = MentionFinder(gazetteer)
        self._iso2 = {iso3: iso2 for iso2, iso3 in gazetteer.iso3.items()}
        self.prior: dict[str, float] = {}  # ISO2 -> share of the collection's events

    def use_prior(self, countries: Mapping[str, float]) -> None:
        """Lean towards the countries a collection's events lie in (ISO3 -> share)."""
        self.prior = {
            iso2: share for iso3, share in countries.items() if (iso2 := self._iso2.get(iso3))
        }

    # -- public -----------------------------------------------------------------------------

    def resolve_document(
        self, doc: Doc, *, country_hint: str | None = None, hint_weight: float = HINT_WEIGHT
    ) -> list[PlaceMention]:
        """Every place mention of ``doc``, resolved; ``country_hint`` is an ISO3 or ISO2 code,
        ``hint_weight`` what it adds to a candidate in that country (``ACTOR_HINT_WEIGHT`` for
        a country only guessed from the actors: a place the text names outweighs it)."""
        works = self._detect(doc, self._hint(country_hint))
        context = self._resolve(works, self._hint(country_hint), hint_weight)
        local = dominant_town(self.gaz, works)
        others = self._others(context)
        return [
            local_facility(self.gaz, self._mention(doc, work, context), work, local, others)
            for work in works
        ]

    def resolve_spans(
        self, doc: Doc, spans: list[tuple[int, int]], *, country_hint: str | None = None
    ) -> list[PlaceMention]:
        """Resolve given character spans (e.g. gold toponyms) using the document's context."""
        hint = self._hint(country_hint)
        works = self._detect(doc, hint)
        self._resolve(works, hint)
        by_chars = {
            (doc[w.cue.start].idx, doc[w.cue.end - 1].idx + len(doc[w.cue.end - 1])): w
            for w in works
        }
        targets: list[Work | None] = []
        extra: list[Work] = []
        for start, end in spans:
            work = by_chars.get((start, end))
            if work is None:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    targets.append(None)
                    continue
                work = self.finder.work_for(
                    doc, SpanCue(span.start, span.end, "given", "mention", None), hint
                )
                end = work.cue.end  # "Oaxaca State, Mexico": after the name, not the span
                work.gap_words = tuple(t.lower_ for t in doc[end : end + 4])
                extra.append(work)
            targets.append(work)
        context = self._resolve(works + extra, hint)
        local = dominant_town(self.gaz, works)
        out = []
        for (start, end), work in zip(spans, targets, strict=True):
            text = doc.text[start:end]
            if work is None:
                out.append(PlaceMention(text, start, end, None, 0.0))
                continue
            mention = local_facility(
                self.gaz, self._mention(doc, work, context), work, local, self._others(context)
            )
            if mention.place is None and local is not None and work.cue.role != "adjective":
                # the caller says it is a place, the gazetteer does not know it: a small
                # place of the story's town ("Portroe" in a Nenagh story, "Anfield")
                mention = PlaceMention(text, start, end, local, 0.0, "nearby")
            out.append(PlaceMention(text, start, end, mention.place, mention.score, mention.role))
        return out

    def _others(self, context: Context) -> Callable[[Work], Mapping[str, float]]:
        """The country weights of the story's names other than a given one."""

        def weights(work: Work) -> Mapping[str, float]:
            others = [w for w in context.works if w.key != work.key]
            return self._context_from(others, None).countries

        return weights

    def event_place(
        self,
        sentence: Span,
        mentions: list[PlaceMention],
        *,
        country_hint: str | None = None,
        hint_weight: float = 2.0,
    ) -> PlaceRef | None:
        """The place of the events of ``sentence`` (see ``event_place.choose_event_place``)."""
        hint = self._hint(country_hint)
        iso3 = self.gaz.iso3.get(hint) if hint else None
        return choose_event_place(sentence, mentions, iso3, hint_weight)

    def country_place(self, code: str | None) -> PlaceRef | None:
        """The gazetteer's point of a country (ISO3 or ISO2 ``code``); None when unknown."""
        iso2 = self._hint(code)
        row = self.gaz.country_row.get(iso2) if iso2 else None
        return self.gaz.place_ref(row) if row is not None else None

    def admin1_place(self, code: str | None, name: str | None) -> PlaceRef | None:
        """The gazetteer's point of a country's (ISO3 or ISO2 ``code``) first-level unit, by
        the name place records give it; None when unknown."""
        iso2 = self._hint(code)
        if not iso2 or not name:
            return None
        row = self.gaz.admin1_by_name.get((iso2, name))
        return self.gaz.place_ref(row) if row is not None else None

    # -- detection --------------------------------------------------------------------------

    def _hint(self, code: str | None) -> str | None:
        if not code:
            return None
        code = code.upper()
        return self._iso2.get(code, code if len(code) == 2 else None)

    def _detect(self, doc: Doc, hint: str | None) -> list[Work]:
        return self.finder.find(doc, hint, lambda works: self._region(self._resolve(works, hint)))

    # -- resolution -------------------------------------------------------------------------

    def _resolve(
        self, works: list[Work], hint: str | None, hint_weight: float = HINT_WEIGHT
    ) -> Context:
        for work in works:
            work.row = None
        link_containers(works)
        mark_holding_units(self.gaz, works)
        works = container_order(works)
        votes = self._votes(works)
        for work in works:  # first pass: the countries the other names could be in
            own = defaultdict(float, votes)
            for cc, weight in self._vote_of(work).items():
                own[cc] -= weight
            self._choose(work, Context(own, defaultdict(float), [], hint, [], hint_weight))
        context = self._context_from(works, hint, hint_weight)
        for _ in range(1):
            for work in works:
                self._choose(work, context)
            context = self._context_from(works, hint, hint_weight)
        for work in works:
            self._choose(work, context)
        return context

    def _vote_of(self, work: Work) -> dict[str, float]:
        """One name's vote, split over the countries its plausible candidates lie in."""
        countries = {
            self.gaz.country[c.row]
            for c in work.candidates
            if self.gaz.country[c.row]
            and (self.gaz.kind[c.row] != TOWN or self.gaz.population[c.row] >= 1_000)
        }
        if not countries:
            return {}
        weight = self._weight(work) / len(countries)
        return {cc: weight for cc in countries}

    @staticmethod
    def _weight(work: Work) -> float:
        """What a name counts for in the story's context: little for a nationality word or a
        part of a longer name ("Vienna" of "Vienna Metro station" says little of Austria)."""
        return ADJECTIVE_WEIGHT if work.cue.role == "adjective" or work.partial else 1.0

    def _votes(self, works: list[Work]) -> dict[str, float]:
        """Country votes of the document's distinct names ("Al Jawf" next to "Marib": Yemen)."""
        votes: dict[str, float] = defaultdict(float)
        seen: set[str] = set()
        for work in works:
            if work.key in seen:
                continue
            seen.add(work.key)
            for cc, weight in self._vote_of(work).items():
                votes[cc] += weight
        return votes

    def _context_from(
        self, works: list[Work], hint: str | None, hint_weight: float = HINT_WEIGHT
    ) -> Context:
        context = Context(defaultdict(float), defaultdict(float), [], hint, works, hint_weight)
        for work in works:
            if work.row is None:
                continue
            cc = self.gaz.country[work.row]
            weight = self._weight(work)
            if cc:
                context.countries[cc] += weight
            kind = self.gaz.kind[work.row]
            if work.partial:
                continue  # a part of a longer name says which country at most, not where
            if kind in (ADMIN1, TOWN):
                context.admin1[(cc, self.gaz.admin1[work.row])] += weight
            if kind == ADMIN1:
                context.units.add((cc, self.gaz.admin1[work.row]))
            if kind in (TOWN, EXTRA, ADMIN1):
                context.points.append(
                    (float(self.gaz.lat[work.row]), float(self.gaz.lon[work.row]))
                )
        return context

    def _choose(self, work: Work, context: Context) -> None:
        own = self._without(work, context)
        if (not work.candidates or work.spelled) and work.cue.source in ("ner", "given"):
            region = self._spelling_region(own)  # read again as the story's places settle
            work.candidates = self.gaz.loose_candidates(work.text, region) if region else []
            work.spelled = True
        named_so = any(
            c.exact and c.primary and self.gaz.kind[c.row] == TOWN for c in work.candidates
        )
        scored = [
            (
                self._score(c, work.cue, own, named_so)
                + (HOLDING_WEIGHT if c.row in work.holding_units else 0.0),
                c.row,
                c.exact and (c.primary or self._article_less(c.row, work.key)),
                c.exact,
            )
            for c in inside_container(self.gaz, work)
        ]
        work.row, work.score = None, 0.0
        sole = len(reading_countries(self.gaz, work)) == 1
        for score, row, main_name, exact in sorted(scored, key=lambda item: -item[0]):
            if (
                self.gaz.kind[row] in (ADMIN1, ADMIN2)
                and work.cue.prefer != "admin"
                and row not in work.holding_units
            ):
                row, main_name, exact = self._seat_of(row, work.candidates), True, True
            if (
                self._acceptable(row, own, work.key, main_name, sole)
                and (main_name or self._weak_fits(row, work, own, named_so, exact))
                and not namesake_abroad(self.gaz, row, work, own)
            ):  # the best plausible reading
                work.row, work.score = row, score
                return
            if work.key in GENERIC:
                return  # "West" is a word unless its best reading fits

    def _article_less(self, row: int, key: str) -> bool:
        """Whether ``key`` is the row's main name without its article ("Dana" for Ad Dānā):
        the name the news uses, not an alternate one."""
        name = name_key(self.gaz.name[row])
        return name.endswith(" " + key) and len(name) - len(key) <= ARTICLE_LENGTH

    def _weak_fits(
        self, row: int, work: Work, context: Context, named_so: bool, exact: bool
    ) -> bool:
        """A reading by a spelling variant or an alternate name ("Hamam" for Haymana) lies
        where the story's places put it (``readings.weak_reading_fits``)."""
        elsewhere = named_so and not any(
            c.exact and c.primary and self.gaz.country[c.row] == self.gaz.country[row]
            for c in work.candidates
        )
        declared = context.hint_weight >= HINT_WEIGHT
        return weak_reading_fits(
            self.gaz,
            row,
            work,
            context,
            declared=declared,
            main_name_elsewhere=elsewhere,
            spelled=not exact,
        )

    def _seat_of(self, admin_row: int, candidates: list[Candidate]) -> int:
        """A bare name shared by an admin1 or admin2 unit and a town inside it means the town."""
        towns = [
            c.row
            for c in candidates
            if self.gaz.kind[c.row] == TOWN
            and (c.primary or self.gaz.population[c.row] >= 0.2 * self.gaz.population[admin_row])
            and contains(self.gaz, admin_row, c.row)
        ]
        if not towns:
            return admin_row
        return max(towns, key=lambda row: int(self.gaz.population[row]))

    def _acceptable(
        self, row: int, context: Context, key: str, main_name: bool = True, sole: bool = False
    ) -> bool:
        """Small towns, towns by an alternate name, provinces and generic words ("West")
        outside the countries in context (provinces: and the collection's) are more likely
        misreadings or namesakes than places; but a town whose name has readings in one
        country only (``sole``) is where the text puts the events when nothing but the
        actors' nationality says otherwise ("French jets struck Menaka")."""
        cc = self.gaz.country[row]
        region = self._region(context)
        if key in GENERIC and self.gaz.kind[row] not in (COUNTRY, CONTINENT, EXTRA):
            return cc in region
        if not region or cc in region:
            return True
        if (
            sole
            and main_name
            and self.gaz.kind[row] == TOWN
            and self.gaz.population[row] >= NAMED_ABROAD_POPULATION
            and self._actors_only(context, key)
        ):
            return not self.prior or cc in self.prior  # and inside the collection's countries
        if self.gaz.kind[row] == ADMIN1:
            return cc in self.prior  # "Plateau", "North East": provinces far from the story
        if self.gaz.kind[row] != TOWN:
            return True
        least = FOREIGN_TOWN_POPULATION if main_name else FOREIGN_ALTERNATE_POPULATION
        return bool(self.gaz.population[row] >= least)

    def _actors_only(self, context: Context, key: str) -> bool:
        """Whether only the actors say where the story is: a country guessed from them or a
        nationality word, and no declared country nor other named place."""
        if context.hint is not None and context.hint_weight >= HINT_WEIGHT:
            return False
        nationality = any(w.cue.role == "adjective" and w.row is not None for w in context.works)
        if context.hint is None and not nationality:
            return False
        return not placed_countries(self.gaz, key, context, False)

    def _region(self, context: Context) -> set[str]:
        """Countries in context and their neighbours (border towns are named across borders)."""
        known = {cc for cc, weight in context.countries.items() if weight > 0}
        if context.hint:
            known.add(context.hint)
            if context.hint_weight < HINT_WEIGHT:  # only guessed from the actors ("JNIM"
                known |= set(self.prior)  # in Benin): the collection's countries stay in play
        if not known:  # nothing in the document: the countries the collection is about
            return set(self.prior)
        region = set(known)
        for cc in known:
            region |= self.gaz.neighbours.get(cc, set())
        return region

    def _spelling_region(self, context: Context) -> set[str]:
        """Where a name may be a spelling variant of a known one ("Tabashiah" for
        "Tabashiyah"): the declared country, the countries that hold a good share of the
        story's names and their neighbours ("Turkish forces shelled Ma'btali": Syria too),
        and the collection's countries; not wherever some name of the story points
        ("Schiphol" in an Amsterdam story is not Italy's Scapoli)."""
        total = sum(w for w in context.countries.values() if w > 0)
        strong = {
            cc for cc, w in context.countries.items() if w > 0 and w >= SPELLING_SHARE * total
        }
        if context.hint:
            strong.add(context.hint)
        region = set(strong) | set(self.prior)
        for cc in strong:
            region |= self.gaz.neighbours.get(cc, set())
        return region

    def _without(self, work: Work, context: Context) -> Context:
        """The context less all that this name contributed (a name must not vote for itself)."""
        same = [w for w in context.named(work.key) if w.row is not None]
        if not same:
            return context
        countries = defaultdict(float, context.countries)
        admin1 = defaultdict(float, context.admin1)
        for other in same:
            assert other.row is not None
            cc = self.gaz.country[other.row]
            weight = self._weight(other)
            if cc:
                countries[cc] -= weight
            if self.gaz.kind[other.row] in (ADMIN1, TOWN):
                admin1[(cc, self.gaz.admin1[other.row])] -= weight
        countries = defaultdict(float, {k: v for k, v in countries.items() if v > 0})
        admin1 = defaultdict(float, {k: v for k, v in admin1.items() if v > 0})
        own = {
            (float(self.gaz.lat[w.row]), float(self.gaz.lon[w.row]))
            for w in same
            if w.row is not None
        }
        points = [p for p in context.points if p not in own]
        units = context.units - {
            (self.gaz.country[w.row], self.gaz.admin1[w.row])
            for w in same
            if w.row is not None and self.gaz.kind[w.row] == ADMIN1
        }
        return Context(
            countries, admin1, points, context.hint, context.works, context.hint_weight, units
        )

    def _score(
        self, cand: Candidate, cue: SpanCue, context: Context, named_so: bool = False
    ) -> float:
        """Log10-scale plausibility: population prior plus context evidence. ``named_so``:
        some town has the name as its main name, so towns known by it only as an alternate
        name ("Bethlehem" for Belém) lose more."""
        gaz, row = self.gaz, cand.row
        kind, cc = gaz.kind[row], gaz.country[row]
        score = math.log10(float(gaz.population[row]) + 10.0) + KIND_PRIOR[kind]
        if not cand.exact:
            score -= 1.0
        elif not cand.primary and kind == TOWN:
            # old or foreign names ("Salisbury" for Harare) lose to main names
            score -= ALTERNATE_NAME_COST if named_so else 0.8
        if gaz.feature[row] == "PPLC" and cand.primary:
            score += 1.0  # capitals are named in the news far beyond their size
        if cue.prefer == "admin":
            score += {ADMIN1: 1.5, ADMIN2: 1.0}.get(kind, 0.0)
        elif cue.prefer == "local":
            score += 1.0 if kind in (TOWN, EXTRA) else 0.0
        if context.hint and cc == context.hint:
            score += context.hint_weight
        if cc in self.prior:
            score += PRIOR_WEIGHT * min(1.0, self.prior[cc] / PRIOR_FULL_SHARE)
        total = sum(context.countries.values())
        if cc and total:
            score += 2.0 * context.countries.get(cc, 0.0) / max(total, 1.0)
        if kind in (TOWN, EXTRA, ADMIN2) and context.admin1.get((cc, gaz.admin1[row])):
            score += 1.0
            if (cc, gaz.admin1[row]) in context.units:
                score += NAMED_UNIT_WEIGHT  # "Moscow ... in Idaho": the story names the state
        if kind in (TOWN, EXTRA, ADMIN2) and context.points:
            score += 0.8 * self._near(row, context.points)
        return score

    def _near(self, row: int, points: list[tuple[float, float]]) -> float:
        lat, lon = float(self.gaz.lat[row]), float(self.gaz.lon[row])
        close = 0
        for plat, plon in points:
            if (plat, plon) == (lat, lon):
                continue
            if abs(plat - lat) < 1.0 and abs(plon - lon) < 1.2:
                close += 1
        return min(1.0, close / 2.0)

    def _mention(self, doc: Doc, work: Work, context: Context) -> PlaceMention:
        span = doc[work.cue.start : work.cue.end]
        place = self.gaz.place_ref(work.row) if work.row is not None else None
        return PlaceMention(
            span.text, span.start_char, span.end_char, place, round(work.score, 3), work.cue.role
        )

    # -- event place ------------------------------------------------------------------------
