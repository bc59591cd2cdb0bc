"""The cue coder: Arabic-script documents to events with the same records as English."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.multilingual.casualties import fatalities
from watchfloor.coding.multilingual.classifier import (
    CLASSIFIER_CONFIDENCE,
    FALLBACK_SENTENCES,
    EventReader,
    Verdict,
)
from watchfloor.coding.multilingual.dates import NOT_STATED, DateReading, read_date
from watchfloor.coding.multilingual.matcher import Match, PhraseIndex, Token, tokenize
from watchfloor.coding.multilingual.places import ArabicScriptPlaces, PlaceCues, PlaceHit
from watchfloor.coding.multilingual.resources import (
    ActorEntry,
    LanguageResources,
    has_resources,
    load_resources,
)
from watchfloor.coding.multilingual.rules import CueRule, first_rule, load_cue_rules
from watchfloor.coding.multilingual.text import FoldedText, fold, sentence_spans
from watchfloor.coding.ontology import AcledType, Ontology
from watchfloor.coding.stages import event_id
from watchfloor.coding.work import CodedDocument
from watchfloor.daterange import DateRange
from watchfloor.records import ActorRef, Document, Event, Evidence, PlaceRef, Sentence

HEDGED_CONFIDENCE = 0.5
NEGATED_CONFIDENCE = 0.2
CUE_CONFIDENCE = 0.7
#: The cue a sentence that states deaths adds to its words' cues (data/cue_events.tsv).
DEATHS_CUE = "deaths"


@dataclass
class _Language:
    res: LanguageResources
    triggers: PhraseIndex
    casualty: PhraseIndex
    cues: PhraseIndex
    country_names: PhraseIndex
    adjectives: PhraseIndex
    actors: PhraseIndex

    def countries(
        self, tokens: list[Token], *, actors: bool = False
    ) -> list[tuple[tuple[str, str], int]]:
        """((ISO3, kind), folded start) of every country name, region or adjective, except
        names right after an 'away' word ("from Yemen", "the border with Syria") or an actor
        word ("the Turkish army"); ``actors``: only those after an actor word."""
        found = [*self.country_names.find(tokens), *self.adjectives.find(tokens)]
        return [
            (self.res.countries[m.phrase], m.start)
            for m in found
            if not self.away(tokens, m, country=True) and self._actor(tokens, m) == actors
        ]

    def _actor(self, tokens: list[Token], match: Match) -> bool:
        return match.first > 0 and bool(set(tokens[match.first - 1].forms) & self.res.actor_cues)

    def away(self, tokens: list[Token], match: Match, *, country: bool = False) -> bool:
        """Whether the word before ``match`` puts it away from the event ("from", "with";
        before a country also "the border of", "the soil of")."""
        if match.first == 0:
            return False
        words = set(tokens[match.first - 1].forms)
        return bool(words & self.res.away_cues) or (
            country and bool(words & self.res.away_country_cues)
        )


@dataclass(frozen=True)
class _Look:
    """What the cue tables find in a sentence: its folded words, the trigger matches with
    their cues, every cue (``deaths`` too), the death count, modal cues, the first rule."""

    folded: FoldedText
    tokens: list[Token]
    found: tuple[tuple[Match, frozenset[str]], ...]
    cues: frozenset[str]
    deaths: int | None
    modal: frozenset[str]
    rule: CueRule | None


@dataclass(frozen=True)
class _Kind:
    """An event's type (CAMEO code and ACLED type) and how it was chosen."""

    cameo: str
    acled: AcledType
    explanation: str


@dataclass(frozen=True)
class _Context:
    """What the whole document says, for a sentence that does not say it itself."""

    place: PlaceRef | None
    date: DateReading
    published: dt.date | None


class CueCoder:
    """Codes documents of the languages that have ``coding/lang/<xx>/`` cue tables."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        ontology: Ontology,
        dates: DateRange,
        reader: EventReader | None = None,
    ) -> None:
        """``reader``: the sub-event classifier read beside the cue rules (none: rules only)."""
        self.reader = reader
        self.places = ArabicScriptPlaces(gazetteer)
        self._iso2: dict[str, str] = {}
        for iso2, iso3 in gazetteer.iso3.items():
            self._iso2.setdefault(iso3, iso2)  # the first code of a country, as listed
        self.ontology = ontology
        self.dates = dates
        self.rules = load_cue_rules()
        self._languages: dict[str, _Language] = {}

    @staticmethod
    def reads(language: str | None) -> bool:
        """Whether a language has cue tables (``coding/lang/<code>/``)."""
        return language not in (None, "en") and has_resources(language)

    def _language(self, code: str) -> _Language:
        if code not in self._languages:
            res = load_resources(code)
            self._languages[code] = _Language(
                res,
                PhraseIndex(res.triggers),
                PhraseIndex(res.casualties),
                PhraseIndex(res.cues),
                PhraseIndex(
                    [k for k, (_, kind) in res.countries.items() if kind != "adjective"],
                    whole_words=True,
                ),
                PhraseIndex([k for k, (_, kind) in res.countries.items() if kind == "adjective"]),
                PhraseIndex(res.actors),
            )
        return self._languages[code]

    def code(self, document: Document) -> CodedDocument:
        """Sentences and events of one document in a language ``reads`` accepts."""
        lang = self._language(str(document.language))
        sentences = [
            Sentence(document.id, index, start, end, document.text[start:end])
            for index, (start, end) in enumerate(sentence_spans(document.text))
        ]
        looks = [self._look(sentence, lang) for sentence in sentences]
        verdicts = self._verdicts(sentences, looks)
        events: list[Event] = []
        trace: list[str] = []
        context = self._context(document, lang)
        for sentence, look, verdict in zip(sentences, looks, verdicts, strict=True):
            trace.append(f"[{sentence.index}] {sentence.text}")
            event = self._event(sentence, look, verdict, lang, context, trace)
            if event is not None:
                events.append(event)
        return CodedDocument(document.id, sentences, events, trace)

    def _look(self, sentence: Sentence, lang: _Language) -> _Look:
        """What the cue tables find in one sentence, and the first rule its cues fit."""
        folded = fold(sentence.text, lang.res.fold_table)
        tokens = tokenize(folded.folded, lang.res.clitics)
        triggers = lang.res.triggers
        found = tuple((m, frozenset(triggers[m.phrase])) for m in lang.triggers.find(tokens))
        cues = {cue for _, named in found for cue in named}
        deaths = fatalities(tokens, list(lang.casualty.find(tokens)), lang.res)
        if deaths:
            cues.add(DEATHS_CUE)
        modal = frozenset(lang.res.cues[m.phrase][0] for m in lang.cues.find(tokens))
        rule = first_rule(self.rules, cues)
        return _Look(folded, tokens, found, frozenset(cues), deaths, modal, rule)

    def _verdicts(self, sentences: list[Sentence], looks: list[_Look]) -> list[Verdict]:
        """Each sentence's type by the classifier's combination rule (``classifier.py``): only
        the sentences it needs are embedded, all in one call."""
        if self.reader is None:
            return [Verdict("rule", look.rule, None) for look in looks]
        ruleless = all(look.rule is None for look in looks)
        todo = [
            n
            for n, look in enumerate(looks)
            if self.reader.needs(look.rule, bool(look.cues), ruleless and n < FALLBACK_SENTENCES)
        ]
        readings = dict(zip(todo, self.reader.read([sentences[n].text for n in todo]),
                            strict=True))
        return [
            self.reader.decide(
                look.rule, readings.get(n), hinted=bool(look.cues), negated="negated" in look.modal
            )
            for n, look in enumerate(looks)
        ]

    def _context(self, document: Document, lang: _Language) -> _Context:
        """The document's first place and first stated date, for sentences that name none."""
        folded = fold(document.text, lang.res.fold_table).folded
        tokens = tokenize(folded, lang.res.clitics)
        hits = self._places(tokens, lang)
        published = document.published.date() if document.published else None
        date = NOT_STATED
        for start, end in sentence_spans(folded):
            date = read_date(
                folded[start:end],
                tokenize(folded[start:end], lang.res.clitics),
                published,
                lang.res.dates,
            )
            if date.stated:
                break
        return _Context(hits[0].place if hits else None, date, published)

    def _places(self, tokens: list[Token], lang: _Language) -> list[PlaceHit]:
        found = [country for country, _ in lang.countries(tokens)]
        named = {iso3 for iso3, kind in found if kind != "adjective"}
        acting = {iso3 for (iso3, _), _ in lang.countries(tokens, actors=True)}
        acting |= {c for m in lang.actors.find(tokens) if (c := lang.res.actors[m.phrase].country)}
        cues = PlaceCues(lang.res.place_cues, lang.res.feature_words, lang.res.town_words)
        hits = self.places.find(tokens, cues, named, {iso3 for iso3, _ in found} | acting)
        kept = [h for h in hits if not lang.away(tokens, h.match)]
        if kept or found:
            return kept
        return self.places.nisba(tokens, lang.res.nisba_endings)

    def _event(
        self,
        sentence: Sentence,
        look: _Look,
        verdict: Verdict,
        lang: _Language,
        context: _Context,
        trace: list[str],
    ) -> Event | None:
        kind = _kind(verdict, look, sentence)
        if kind is None:
            cues = ", ".join(sorted(look.cues)) or "none"
            read = f"; {verdict.reading.note()}" if verdict.reading else ""
            trace.append(f"    (no event: cues {cues}{read})")
            return None
        tokens = look.tokens
        hits = self._places(tokens, lang)
        place = hits[0].place if hits else context.place or self._country_place(tokens, lang)
        source, target = self._actors(tokens, lang, place)
        if place is None:  # last resort: the country of a named group ("the Houthis")
            home = next((a.country for a in (source, target) if a and a.country), None)
            place = self._country_row(home) if home else None
        entry = self.ontology.cameo(kind.cameo)
        negated, hedged = "negated" in look.modal, "hedged" in look.modal
        confidence = _confidence(negated, hedged)
        event = Event(
            id=event_id(sentence, kind.cameo),
            evidence=Evidence(
                sentence.document_id, sentence.index, sentence.start, sentence.end, sentence.text
            ),
            plover_event=entry.plover_event or "NONPOLITICAL",
            plover_mode=entry.plover_mode,
            cameo_code=kind.cameo,
            goldstein=entry.goldstein,
            quad_class=entry.quad_class,
            acled_event_type=kind.acled.event_type,
            acled_sub_event_type=kind.acled.sub_event_type,
            date=self._date(look.folded.folded, tokens, lang, context),
            source=source,
            target=target,
            place=place,
            fatalities=look.deaths,
            confidence=min(confidence, CLASSIFIER_CONFIDENCE) if verdict.by_reading else confidence,
            hedged=hedged,
            negated=negated,
            modality="negated" if negated else "hedged" if hedged else "asserted",
            explanation=kind.explanation,
        )
        trace.append(
            f"    event {event.plover_event}/{event.plover_mode or '-'} CAMEO {kind.cameo} "
            f"ACLED {kind.acled.event_type} / {kind.acled.sub_event_type}; place "
            f"{place.name if place else '-'}: {event.explanation}"
        )
        return event

    def _country_place(self, tokens: list[Token], lang: _Language) -> PlaceRef | None:
        """The country a sentence names (a name or region before an adjective), else the
        country of a force it names ("the Sudanese army")."""
        found = lang.countries(tokens) or lang.countries(tokens, actors=True)
        found.sort(key=lambda f: (f[0][1] == "adjective", f[1]))
        if not found:
            return None
        return self._country_row(found[0][0][0])

    def _country_row(self, iso3: str) -> PlaceRef | None:
        row = self.places.gazetteer.country_row.get(self._iso2.get(iso3, ""))
        return self.places.gazetteer.place_ref(row) if row is not None else None

    def _actors(
        self, tokens: list[Token], lang: _Language, place: PlaceRef | None
    ) -> tuple[ActorRef | None, ActorRef | None]:
        refs: list[ActorRef] = []
        seen: set[str] = set()
        for match in lang.actors.find(tokens):
            entry: ActorEntry = lang.res.actors[match.phrase]
            if entry.name in seen:
                continue
            seen.add(entry.name)
            country = entry.country or (place.country if place else None)
            refs.append(ActorRef(match.phrase, country, entry.sector, entry.name))
        return (refs[0] if refs else None, refs[1] if len(refs) > 1 else None)

    def _date(
        self, folded: str, tokens: list[Token], lang: _Language, context: _Context
    ) -> dt.date | None:
        """The date the sentence states, else the document's first stated date, else the
        publication day; None when that date does not exist or lies outside the range."""
        reading = read_date(folded, tokens, context.published, lang.res.dates)
        if not reading.stated:
            reading = context.date if context.date.stated else DateReading(True, context.published)
        day = reading.day
        return day if day is not None and self.dates.contains(day) else None


def _confidence(negated: bool, hedged: bool) -> float:
    if negated:
        return NEGATED_CONFIDENCE
    return HEDGED_CONFIDENCE if hedged else CUE_CONFIDENCE


def _explain(rule: CueRule, trigger: Match, span: tuple[int, int], sentence: Sentence) -> str:
    words = sentence.text[span[0] : span[1]]
    return f"cue '{words}' ({trigger.phrase}) by rule {rule.name}"


def _kind(verdict: Verdict, look: _Look, sentence: Sentence) -> _Kind | None:
    """The event type a verdict gives, with how it was chosen; None: no event."""
    rule, reading = verdict.rule, verdict.reading
    said = ""
    if rule is not None:
        trigger = next(m for m, named in look.found if named & rule.requires)
        said = _explain(rule, trigger, look.folded.span(trigger.start, trigger.end), sentence)
    if verdict.by_reading and reading is not None and reading.acled is not None:
        how = f"{said}, overruled by the {reading.note()}" if said else reading.note()
        return _Kind(reading.label.cameo_code, reading.acled, how)
    if rule is None:
        return None
    if verdict.how == "confirmed" and reading is not None:
        said += f" (read: {reading.note()})"
    return _Kind(rule.cameo, AcledType(rule.acled_event_type, rule.acled_sub_event_type), said)
