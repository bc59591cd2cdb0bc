"""Evaluate event type and actors on PLOVER gold sentences (``sentences`` task)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from watchfloor.coding.ontology import Ontology
from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.collection import learn_prior
from watchfloor.evaluation.common import Tally, check_item, macro_f1, main_event, read_jsonl, share
from watchfloor.records import ActorRef, Event
from watchfloor.settings import Settings

NO_EVENT = "(none)"


def _gold_codes(actors: list[dict[str, Any]]) -> set[str]:
    from watchfloor.coding.actor_lexicon import LEGACY_TO_ISO3

    codes: set[str] = set()
    for actor in actors or []:
        code = (actor.get("code") or "").upper()
        if not code:
            continue
        mapped = LEGACY_TO_ISO3.get(code, code) if len(code) == 3 else code[:3]
        if mapped:
            codes.add(mapped)
    return codes


def gold_sector(code: object) -> str | None:
    """The CAMEO sector of a gold code: "CVLkur" (Kurdish civilians) is CVL; "***" (not
    coded) is none."""
    head = str(code or "")[:3]
    return head if len(head) == 3 and head.isalpha() and head.isupper() else None


def _matches(ref: ActorRef, gold: set[str]) -> bool:
    """Country match; international and non-state actors match on their actor-id prefix."""
    if ref.country in gold:
        return True
    return bool(ref.actor_id) and str(ref.actor_id)[:3] in gold


class _Scores:
    def __init__(self) -> None:
        self.gold: list[str] = []
        self.pred: list[str] = []
        self.src = [0, 0]
        self.tgt = [0, 0]
        self.sector = [0, 0]

    def add(self, item: dict[str, Any], event: Event | None, ontology: Ontology) -> None:
        self.gold.append(ontology.current_plover(str(item["plover_event"])))
        self.pred.append(event.plover_event if event else NO_EVENT)
        for key, box, ref in (
            ("source_actors", self.src, event.source if event else None),
            ("target_actors", self.tgt, event.target if event else None),
        ):
            gold = _gold_codes(item.get(key) or [])
            if gold:
                box[1] += 1
                box[0] += bool(ref and _matches(ref, gold))
        sectors = {
            code for a in item.get("source_actors") or [] if (code := gold_sector(a.get("sector")))
        }
        if sectors:
            self.sector[1] += 1
            got = event.source.sector if event and event.source else None
            self.sector[0] += got in sectors


def evaluate(
    path: str | Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    coder: Coder | None = None,
    prior: bool = True,
) -> dict[str, Any]:
    """Event accuracy and macro-F1 (legacy PLOVER names mapped), actor country and sector.
    ``prior``: first learn the file's collection prior (``evaluation.collection``).
    """
    tally = Tally()
    coder = coder or Coder.load(settings or Settings())
    if prior:
        learn_prior(coder, path, limit)
    ontology = Ontology.load()
    scores = _Scores()
    for number, item in read_jsonl(path, limit):
        tally.n += 1
        try:
            check_item(item, "text", "plover_event")
            published = dt.date.fromisoformat(item["date"]) if item.get("date") else None
            coded = coder.code_text(str(item["text"]), published, str(item.get("id", number)))
            scores.add(item, main_event(coded.events), ontology)
        except Exception as exc:  # one bad item is counted, never fatal
            tally.failed(str(item.get("id", number)), exc)
    n = len(scores.gold)
    hits = sum(g == p for g, p in zip(scores.gold, scores.pred, strict=True))
    return {
        "task": "sentences",
        **tally.header(),
        "collection_prior": prior,
        "event_accuracy": share(hits, n),
        "event_macro_f1": macro_f1(scores.gold, scores.pred),
        "source_country_accuracy": share(*scores.src),
        "target_country_accuracy": share(*scores.tgt),
        "sector_accuracy": share(*scores.sector),
    }
