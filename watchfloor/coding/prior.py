"""What a collection already says about where its events happen, as a prior for new ones.

A store that follows one region (or an evaluation file of one region's reports) names the same
countries again and again, and the same unnamed actors ("regime forces") in the same places.
Short reports often name only a village and such an actor; the collection prior lets the coder
prefer the Syrian village over a namesake in Japan, and give "regime forces" the country they
are seen in. It is learnt from the collection's own coded events, never from gold labels, and
only from places below the country level (named towns and provinces, not country points, which
may have been inferred from actors).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from watchfloor.coding.word_places import Area, WordPlaces, WordsReading
from watchfloor.records import Event
from watchfloor.store.database import Store

MIN_EVENTS = 50  # fewer located events than this teach nothing
MIN_SHARE = 0.01  # countries below this share of located events get no prior
MIN_ACTOR_EVENTS = 5  # an actor phrase must be seen this often ...
MIN_ACTOR_SHARE = 0.9  # ... and this often in one country to take it
# Only armed and state actors are learnt: "workers" or "civilians" are everywhere.
LEARNT_SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "INS", "OPP", "PTY", "JUD", "LEG"})
MAX_WORD_DOCUMENTS = 20_000  # the most recent located documents the word model learns from
WORD_TEXT_CHARS = 2_000  # of each document's text
_DETERMINERS = re.compile(r"^(?:the|a|an|some|several|unidentified|unknown)\s+")

# country of a sub-national place, then (text, country, sector) of the source and the target
EventFacts = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None
]


# (place country, actor text, actor country, actor sector, number of events)
SideCount = tuple[str, str | None, str | None, str | None, int]


def actor_key(text: str | None) -> str | None:
    """The phrase an actor is recognised by: lower case, single spaces, no leading article."""
    if not text:
        return None
    key = _DETERMINERS.sub("", " ".join(text.lower().split()))
    return key if 2 < len(key) <= 60 and not any(c.isdigit() for c in key) else None


def _clear_majorities(seen_in: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Actor key -> the country where it was seen often enough, and almost always."""
    found: dict[str, str] = {}
    for key, seen in seen_in.items():
        (where, n), total = seen.most_common(1)[0], sum(seen.values())
        if total >= MIN_ACTOR_EVENTS and n / total >= MIN_ACTOR_SHARE:
            found[key] = where
    return found


@dataclass(frozen=True)
class CollectionPrior:
    """Country shares of a collection's located events, and the country of actor phrases
    that the collection places in one country."""

    countries: Mapping[str, float] = field(default_factory=dict)  # ISO3 -> share
    actors: Mapping[str, str] = field(default_factory=dict)  # actor key -> ISO3
    # where an actor's events happen, whatever its own country ("Turkish forces" in a
    # collection about Syria's north act in Syria): actor key -> ISO3
    arenas: Mapping[str, str] = field(default_factory=dict)
    # the country a report's words point to, for reports that name no place the coder knows
    words: WordPlaces | None = None

    def __bool__(self) -> bool:
        return bool(self.countries or self.actors or self.arenas or self.words)

    def actor_country(self, text: str | None) -> str | None:
        """The country the collection places this actor phrase in, if it is clear."""
        key = actor_key(text)
        return self.actors.get(key) if key else None

    def arena(self, text: str | None) -> str | None:
        """The one country where this actor's events of the collection happen, if clear."""
        key = actor_key(text)
        return self.arenas.get(key) if key else None

    def read_words(self, text: str) -> WordsReading | None:
        """What the collection's located reports say about where reports with these words
        lie (None without a word model or a known word)."""
        return self.words.read(text) if self.words is not None else None

    def with_words(self, texts: Sequence[str], areas: Sequence[Area]) -> CollectionPrior:
        """This prior plus a word model learnt from located documents (text, (ISO3, admin1))."""
        if not self.countries:
            return self
        return replace(self, words=WordPlaces.learn(texts, areas))

    @classmethod
    def from_facts(cls, facts: Iterable[EventFacts]) -> CollectionPrior:
        """Learn from (sub-national place country, source, target) facts of coded events."""
        countries: Counter[str] = Counter()
        sides: list[SideCount] = []
        for country, src_text, src_own, src_sector, tgt_text, tgt_own, tgt_sector in facts:
            if country:
                countries[country] += 1
                sides.append((country, src_text, src_own, src_sector, 1))
                sides.append((country, tgt_text, tgt_own, tgt_sector, 1))
        return cls.from_counts(countries, sides)

    @classmethod
    def from_counts(cls, countries: Counter[str], sides: Iterable[SideCount]) -> CollectionPrior:
        """Learn from located-event counts per country and per (country, actor text, actor
        country, actor sector)."""
        total = sum(countries.values())
        if total < MIN_EVENTS:
            return cls()
        domestic: defaultdict[str, Counter[str]] = defaultdict(Counter)
        anywhere: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for country, text, own, sector, n in sides:
            key = actor_key(text)
            if key and sector in LEARNT_SECTORS:
                anywhere[key][country] += n
                if own in (None, country):
                    domestic[key][country] += n
        shares = {cc: n / total for cc, n in countries.items() if n / total >= MIN_SHARE}
        return cls(shares, _clear_majorities(domestic), _clear_majorities(anywhere))

    @classmethod
    def from_events(
        cls, events: Iterable[Event], texts: Mapping[str, str] | None = None
    ) -> CollectionPrior:
        """Learn from coded events (e.g. a first pass over an evaluation file) and, given
        their documents' texts by document id, the words of located documents."""
        events = list(events)
        prior = cls.from_facts(
            (
                e.place.country if e.place and e.place.admin1 else None,
                e.source.text if e.source else None,
                e.source.country if e.source else None,
                e.source.sector if e.source else None,
                e.target.text if e.target else None,
                e.target.country if e.target else None,
                e.target.sector if e.target else None,
            )
            for e in events
        )
        if not texts:
            return prior
        located: defaultdict[str, Counter[Area]] = defaultdict(Counter)
        for e in events:
            if e.place and e.place.admin1 and e.place.country:
                located[e.evidence.document_id][(e.place.country, e.place.admin1)] += 1
        documents = [
            (texts[doc][:WORD_TEXT_CHARS], min(seen, key=lambda area: (-seen[area], area)))
            for doc, seen in sorted(located.items())
            if doc in texts
        ][-MAX_WORD_DOCUMENTS:]
        return prior.with_words([t for t, _ in documents], [a for _, a in documents])

    @classmethod
    def from_store(cls, store: Store) -> CollectionPrior:
        """Learn from the events this store's coder wrote (imported datasets excluded),
        counted in the database."""
        located = (
            "FROM events WHERE dataset = 'watchfloor' AND place_country IS NOT NULL "
            "AND place_admin1 IS NOT NULL"
        )
        countries = Counter(
            {
                str(cc): int(n)
                for cc, n in store.con.execute(
                    f"SELECT place_country, count(*) {located} GROUP BY 1"
                ).fetchall()
            }
        )
        sides = store.con.execute(
            f"""
            SELECT place_country, text, own, sector, count(*) FROM (
                SELECT place_country, source_text AS text, source_country AS own,
                       source_sector AS sector {located} AND source_text IS NOT NULL
                UNION ALL
                SELECT place_country, target_text, target_country, target_sector
                {located} AND target_text IS NOT NULL
            ) GROUP BY ALL
            """
        ).fetchall()
        documents = store.con.execute(
            f"""
            WITH located AS (
                SELECT document_id, place_country, place_admin1, count(*) AS n
                {located} GROUP BY ALL
            ), main AS (
                SELECT * FROM located
                QUALIFY row_number() OVER (
                    PARTITION BY document_id ORDER BY n DESC, place_country, place_admin1
                ) = 1
            )
            SELECT left(d.text, {WORD_TEXT_CHARS}), m.place_country, m.place_admin1
            FROM main m JOIN documents d ON d.id = m.document_id
            ORDER BY d.published DESC NULLS LAST, d.id
            LIMIT {MAX_WORD_DOCUMENTS}
            """
        ).fetchall()
        return cls.from_counts(countries, sides).with_words(
            [str(text) for text, _, _ in documents],
            [(str(cc), str(admin1)) for _, cc, admin1 in documents],
        )
