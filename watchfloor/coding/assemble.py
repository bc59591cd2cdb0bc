"""The last stage: candidates become ``Event`` records in PLOVER, CAMEO and ACLED terms."""

from __future__ import annotations

from typing import Any

from watchfloor.coding.actor_words import words_of
from watchfloor.coding.ontology import NONPOLITICAL, Ontology, read_table
from watchfloor.coding.stages import event_id
from watchfloor.coding.work import Candidate, WorkDoc
from watchfloor.records import Event, Evidence, Sentence


class AssembleStage:
    """Turn candidates into ``Event`` records in PLOVER, CAMEO and ACLED terms."""

    name: str = "assemble"
    reads: tuple[str, ...] = ("candidates", "sentences")
    writes: tuple[str, ...] = ("events", "trace")

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        self.overrides = {
            (r["trigger"], r["cameo_prefix"]): (r["plover_event"], r["plover_mode"] or None)
            for r in read_table("plover_overrides.tsv")
        }

    def __call__(self, work: WorkDoc) -> None:
        seen: set[str] = set()
        for cand in work.candidates:
            event = self.event(work.sentences[cand.sentence_index], cand)
            if event is not None and event.id not in seen:
                seen.add(event.id)
                work.events.append(event)

    def event(self, sentence: Sentence, cand: Candidate) -> Event | None:
        """The Event for one candidate (None when its code has no PLOVER event)."""
        evidence = Evidence(
            sentence.document_id, sentence.index, sentence.start, sentence.end, sentence.text
        )
        common: dict[str, Any] = dict(
            evidence=evidence,
            date=cand.date,
            source=cand.source,
            target=cand.target,
            place=cand.place,
            fatalities=cand.fatalities,
            injuries=cand.injuries,
            confidence=cand.confidence,
            hedged=bool(cand.hedges),
            negated=cand.negated,
            modality=cand.modality,
            quote_speaker=cand.quote_speaker,
            explanation=explain(cand),
            warning_kind=cand.warning_kind,
        )
        if cand.nonpolitical:
            return Event(
                id=event_id(sentence, NONPOLITICAL + cand.nonpolitical),
                plover_event=NONPOLITICAL,
                plover_mode=cand.nonpolitical,
                **common,
            )
        entry = self.ontology.cameo(cand.cameo_code)
        if entry.plover_event is None:
            return None
        acled = cand.acled_hint or self.ontology.acled(
            entry.code,
            target_sector=target_sector(cand),
            source_sector=cand.source.sector if cand.source else None,
        )
        plover, mode = self.overrides.get(
            (cand.trigger.lemma_.lower(), entry.code[:3]), (entry.plover_event, entry.plover_mode)
        )
        return Event(
            id=event_id(sentence, entry.code),
            plover_event=plover,
            plover_mode=mode,
            cameo_code=entry.code,
            goldstein=entry.goldstein,
            quad_class=entry.quad_class,
            acled_event_type=acled.event_type if acled else None,
            acled_sub_event_type=acled.sub_event_type if acled else None,
            **common,
        )


def target_sector(cand: Candidate) -> str | None:
    """The target's sector; an unaffiliated person ("a man", a named individual) counts as a
    civilian for the ACLED type, as ACLED codes attacks on them."""
    sector = cand.target.sector if cand.target else None
    tok = cand.target_token
    if sector or tok is None or cand.target is None:
        return sector
    if tok.lemma_.lower() in words_of(tok).person_nouns or (
        tok.ent_type_ == "PERSON" and not cand.target.country
    ):
        return "CVL"
    return None


def explain(cand: Candidate) -> str:
    """Why the candidate got its code: the lexicon rule, then each adjustment."""
    parts = [f"trigger '{cand.trigger.text}' by {cand.rule}"]
    parts += cand.notes
    if cand.hedges:
        parts.append("hedged: " + ", ".join(sorted(set(cand.hedges))))
    return "; ".join(parts)
