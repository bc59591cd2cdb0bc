"""Finding place mentions in a parsed document and the gazetteer rows each may name."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from watchfloor.coding.geo.gazetteer import (
    ADMIN1,
    CONTINENT,
    COUNTRY,
    EXTRA,
    TOWN,
    Candidate,
    Gazetteer,
)
from watchfloor.coding.geo.mentions import (
    AFFILIATIONS,
    CONNECTORS,
    SpanCue,
    capitalised_runs,
    cue_preference,
    cue_role,
    is_fragment,
    ner_spans,
    span_variants,
    unit_words,
)
from watchfloor.coding.geo.model import ABBREVIATION_KINDS, GENERIC, POSSESSIVES, Work
from watchfloor.coding.geo.names import name_key

BROAD_KINDS = {COUNTRY, ADMIN1, CONTINENT, EXTRA}
# An apostrophe inside a capitalised word marks a transliterated name ("Dar'a", "Ma'arrat"),
# which the tagger may take for a common noun; English nouns have none.
TRANSLITERATED = re.compile(r"^[A-Z][a-z]*['’‘ʿʾ][a-z]")
TITLE_WORDS = {
    "minister",
    "secretary",
    "king",
    "queen",
    "president",
    "police",
    "prince",
    "general",
    "governor",
    "mayor",
    "senator",
    "judge",
    "bishop",
    "pope",
    "sheikh",
    "emir",
    "chief",
}


class MentionFinder:
    """Detects place mentions and their candidate rows (resolution is PlaceResolver's)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def work_for(self, doc: Doc, cue: SpanCue, hint: str | None) -> Work:
        text = doc[cue.start : cue.end].text
        last = doc[cue.end - 1]
        qualifies = last.dep_ in ("amod", "compound", "nmod") and last.head.i >= cue.end
        nationality = cue.source in ("given", "ner") and (cue.role != "locative" or qualifies)
        if cue.source == "adjective" or (nationality and self.nationality_word(text)):
            # "German chambers", "the Emirati handler": the country, never a town abroad
            # that carries the word as a name (San Germán)
            cc = self.adjective(text)
            row = self.gaz.country_row.get(cc) if cc else None
            cands = [Candidate(row, True)] if row is not None else []
            if not cands:  # "European", "African": adjectives of continents
                cands = [c for c in self.candidates(text) if self.gaz.kind[c.row] == CONTINENT]
            return Work(SpanCue(cue.start, cue.end, cue.source, "adjective", None), cands, text)
        cands = self.candidates(text)
        if not cands and cue.source in ("ner", "given"):  # "Oaxaca State": Oaxaca, a state
            for start, end in span_variants(doc, cue.start, cue.end)[1:]:
                if any(t.lower_ in POSSESSIVES for t in doc[end : cue.end]):
                    continue  # "Eva's Village" is named after Eva, it is not her town
                cands = self.candidates(doc[start:end].text)
                if cands:
                    cue = SpanCue(
                        start,
                        end,
                        cue.source,
                        cue_role(doc, start, end),
                        cue_preference(doc, start, end),
                    )
                    text = doc[start:end].text
                    break
        partial = False
        if not cands and cue.source in ("ner", "given") and cue.end - cue.start > 1:
            cands = self._inner_candidates(doc, cue.start, cue.end)
            partial = bool(cands)
        if not cands and cue.source in ("ner", "given"):
            countries = {hint} if hint else set()
            cands = self.gaz.loose_candidates(text, countries) if countries else []
        if cands and self._nationality_use(doc, cue, cands):
            cue = SpanCue(cue.start, cue.end, cue.source, "adjective", None)
        return Work(cue, cands, text, partial=partial)

    def _nationality_use(self, doc: Doc, cue: SpanCue, cands: list[Candidate]) -> bool:
        """A country named before a noun it qualifies says whose, not where: "a US drone
        strike", "the U.S. decision on Jerusalem", "Iran-backed militias"."""
        if any(self.gaz.kind[c.row] != COUNTRY for c in cands):
            return False
        if cue.end + 1 < len(doc) and doc[cue.end].text == "-":
            return doc[cue.end + 1].lower_ in AFFILIATIONS
        last = doc[cue.end - 1]
        return (
            cue.role == "mention"
            and last.dep_ in ("compound", "amod", "nmod")
            and last.head.i > last.i
        )

    def _inner_candidates(self, doc: Doc, start: int, end: int) -> list[Candidate]:
        """Candidates of the longest capitalised part of a longer name.

        "Colorado State University", "Manila Cathedral" and "Dubai World Cup" are not in the
        gazetteer but sit in (or are named after) the place their first words name.
        """
        for size in range(end - start - 1, 0, -1):
            for i in range(start, end - size + 1):
                part = doc[i : i + size]
                if not part[0].text[:1].isupper() or all(t.is_stop for t in part):
                    continue
                if is_fragment(doc, i, i + size, start, end):
                    continue
                if all(t.lower_ in GENERIC or t.lower_ in CONNECTORS for t in part):
                    continue
                if len(part.text) < 3:
                    continue
                cands = [
                    c
                    for c in self.candidates(part.text)
                    if self.gaz.kind[c.row] != TOWN or self.gaz.population[c.row] >= 50_000
                ]
                if cands:
                    return cands
        return []

    def candidates(self, text: str) -> list[Candidate]:
        """Gazetteer matches; short all-capital forms ("SA", "BC") only as abbreviations."""
        cands = self.gaz.candidates(text)
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) <= 3 and all(ch.isupper() for ch in letters):
            cands = [c for c in cands if self.gaz.kind[c.row] in ABBREVIATION_KINDS]
        return cands

    def nationality_word(self, text: str) -> bool:
        """A nationality word that is no country's name ("German", not "Niger")."""
        return bool(self.adjective(text)) and not any(
            self.gaz.kind[c.row] == COUNTRY for c in self.gaz.candidates(text)
        )

    def adjective(self, text: str) -> str | None:

        return self.gaz.adjectives.get(name_key(text))

    def find(
        self, doc: Doc, hint: str | None, region_of: Callable[[list[Work]], set[str]]
    ) -> list[Work]:
        """Place mentions: NER entities, nationality words, then capitalised runs the tagger
        missed, accepted against the region the entities already point to."""
        works = [self.work_for(doc, cue, hint) for cue in ner_spans(doc)]
        works = [w for w in works if w.candidates or w.cue.source == "ner"]
        taken = {i for w in works for i in range(w.cue.start, w.cue.end)}
        countries = region_of(works)
        runs = capitalised_runs(doc, taken)
        spans = sorted({(w.cue.start, w.cue.end) for w in works} | set(runs))
        after_place = self._after_places(
            doc, spans, {w.cue.start for w in works if w.cue.role == "locative"}
        )
        for run_start, run_end in runs:
            i = run_start
            while i < run_end:
                found = None
                for j in range(run_end, i, -1):
                    if is_fragment(doc, i, j, run_start, run_end):
                        continue
                    if self.nationality_word(doc[i:j].text):  # "German" of "German Chambers"
                        found = self.work_for(
                            doc, SpanCue(i, j, "adjective", "adjective", None), hint
                        )
                        break
                    cands = self.candidates(doc[i:j].text)
                    role = cue_role(doc, i, j)
                    if role != "locative" and i - 1 in after_place:
                        role = "locative"  # "Wadi Khabir, Taiz": the unit holding a place
                    if self._plausible(cands, countries, role, doc[i:j]):
                        found = Work(
                            SpanCue(i, j, "gazetteer", role, cue_preference(doc, i, j)),
                            cands,
                            doc[i:j].text,
                        )
                        break
                if found is None:
                    i += 1
                    continue
                works.append(found)
                i = found.cue.end
        works.sort(key=lambda w: w.cue.start)
        for work in works:
            work.gap_words = tuple(t.lower_ for t in doc[work.cue.end : work.cue.end + 4])
        return works

    @staticmethod
    def _after_places(doc: Doc, spans: list[tuple[int, int]], locative: set[int]) -> set[int]:
        """The commas and brackets after a place, known or not, that names its container:
        "Wadi Khabir, Taiz", "at Aghbulag, Tovuz", "in Bogo-Bogo (Karimama, Alibori)"; a
        name right after one of them is a place too, and so is its own container."""
        found: set[int] = set()
        for start, end in spans:
            placed = start in locative or cue_role(doc, start, end) == "locative"
            if not placed and start - 1 not in found:
                continue
            if end + 1 < len(doc) and doc[end].lower_ in unit_words():
                end += 1
            if end < len(doc) and doc[end].text in (",", "("):
                found.add(end)
        return found

    def _plausible(
        self, cands: list[Candidate], countries: set[str], role: str, span: Span
    ) -> bool:
        """Accept a non-NER match only with a locative cue or inside a country in context.

        Names the tagger took for people or organisations need both.
        """
        if not cands or len(span.text) < 3 or all(t.lower_ in CONNECTORS for t in span):
            return False
        tagged = span.doc.has_annotation("POS")
        if len(span) == 1 and (
            span[0].is_stop
            or tagged
            and span[0].pos_ != "PROPN"
            and not TRANSLITERATED.search(span.text)
            and cue_preference(span.doc, span.start, span.end) is None
        ):
            return False
        in_context = any(self.gaz.country[c.row] in countries for c in cands)
        if len(span) == 1 and role != "locative" and span[0].lower_ in TITLE_WORDS:
            return False
        well_known = not (
            name_key(span.text) in GENERIC or len(span) == 1 and span[0].ent_type_ == "PERSON"
        ) and any(
            self.gaz.kind[c.row] in (COUNTRY, CONTINENT, EXTRA)
            or self.gaz.population[c.row] >= 500_000
            for c in cands
            if c.primary
        )
        if well_known:  # "Canada" or "Toronto" tagged ORG as a government or a team
            return True
        if len(span) == 1 and role != "locative":
            return False  # a lone capitalised word ("Minister", "Kelly") needs "in"/"near"
        if any(tok.ent_type_ in {"ORG", "NORP", "PERSON"} for tok in span):
            notable = any(
                self.gaz.kind[c.row] in (COUNTRY, ADMIN1) or self.gaz.population[c.row] >= 1_000
                for c in cands
            )
            strong = cue_preference(span.doc, span.start, span.end) is not None
            return role == "locative" and (in_context or notable or strong)
        return in_context or role == "locative"
