"""Evaluate the coder on ACLED-style event reports: type, place, fatalities (``reports`` task)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from watchfloor.coding.pipeline import Coder
from watchfloor.evaluation.admin1 import Admin1Units
from watchfloor.evaluation.collection import learn_prior
from watchfloor.evaluation.common import (
    CountryCodes,
    Tally,
    check_item,
    haversine_km,
    macro_f1,
    main_event,
    read_jsonl,
    share,
)
from watchfloor.records import Event
from watchfloor.settings import Settings

PROTEST_TYPES = frozenset({"Protests", "Riots"})
LEGACY_PROTEST = "Riots/Protests"


def gold_type(item: dict[str, Any]) -> str:
    """The 2019 ACLED type; the pre-2019 "Riots/Protests" has no single 2019 type."""
    derived = item.get("event_type_2019_derived")
    return str(derived) if derived else str(item.get("event_type") or "")


def predicted_type(event: Event | None, gold: str) -> str:
    """Our ACLED type, with Protests or Riots both accepted for gold Riots/Protests."""
    if event is None or not event.acled_event_type:
        return "(none)"
    if gold == LEGACY_PROTEST and event.acled_event_type in PROTEST_TYPES:
        return LEGACY_PROTEST
    return event.acled_event_type


def predicted_sub_event(event: Event | None) -> str:
    """Our ACLED sub-event type of the main event, "(none)" when it has none."""
    if event is None or not event.acled_sub_event_type:
        return "(none)"
    return event.acled_sub_event_type


def _fatalities(events: list[Event], main: Event | None) -> int:
    if main is not None and main.fatalities is not None:
        return main.fatalities
    return max((e.fatalities for e in events if e.fatalities is not None), default=0)


def _place_event(events: list[Event], main: Event | None) -> Event | None:
    if main is not None and main.place is not None:
        return main
    return next((e for e in events if e.place is not None), None)


class _Scores:
    def __init__(self) -> None:
        self.gold: list[str] = []
        self.pred: list[str] = []
        self.sub_gold: list[str] = []
        self.sub_pred: list[str] = []
        self.coded = self.country = self.admin1 = self.near25 = self.near161 = 0
        self.fat_exact = 0
        self.fat_abs: list[int] = []

    def add(
        self,
        item: dict[str, Any],
        events: list[Event],
        countries: CountryCodes,
        units: Admin1Units,
    ) -> None:
        gold = gold_type(item)
        main = main_event(events, prefer_acled=True)
        self.gold.append(gold)
        self.pred.append(predicted_type(main, gold))
        if item.get("sub_event_type"):  # only where the gold has it (current ACLED layout)
            self.sub_gold.append(str(item["sub_event_type"]))
            self.sub_pred.append(predicted_sub_event(main))
        self.coded += bool(events)
        located = _place_event(events, main)
        place = located.place if located else None
        if place is not None:
            gold_country = countries.iso3(item.get("country"))
            self.country += gold_country == place.country
            self.admin1 += units.same(item.get("admin1"), gold_country, place.admin1)
            if place.lat is not None and place.lon is not None and item.get("lat") is not None:
                km = haversine_km(place.lat, place.lon, float(item["lat"]), float(item["lon"]))
                self.near25 += km <= 25
                self.near161 += km <= 161
        if item.get("fatalities") is not None:
            got, want = _fatalities(events, main), int(item["fatalities"])
            self.fat_exact += got == want
            self.fat_abs.append(abs(got - want))


def evaluate(
    path: str | Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    coder: Coder | None = None,
    prior: bool = True,
) -> dict[str, Any]:
    """Metrics over a reports file; the clock includes loading the coder when none is given.
    ``prior``: first learn the file's collection prior (``evaluation.collection``).
    """
    tally = Tally()
    coder = coder or Coder.load(settings or Settings())
    if prior:
        learn_prior(coder, path, limit)
    countries = CountryCodes()
    units = Admin1Units.of(coder)
    scores = _Scores()
    for number, item in read_jsonl(path, limit):
        tally.n += 1
        try:
            check_item(item, "text", "event_type")
            published = dt.date.fromisoformat(item["date"]) if item.get("date") else None
            coded = coder.code_text(
                str(item["text"]), published, str(item.get("id", number)),
                language=item.get("language"),
            )
            scores.add(item, coded.events, countries, units)
        except Exception as exc:  # one bad item is counted, never fatal
            tally.failed(str(item.get("id", number)), exc)
    n = len(scores.gold)
    hits = sum(g == p for g, p in zip(scores.gold, scores.pred, strict=True))
    sub_hits = sum(g == p for g, p in zip(scores.sub_gold, scores.sub_pred, strict=True))
    return {
        "task": "reports",
        **tally.header(),
        "collection_prior": prior,
        "coded_share": share(scores.coded, n),
        "type_accuracy": share(hits, n),
        "type_macro_f1": macro_f1(scores.gold, scores.pred),
        "sub_event_n": len(scores.sub_gold),
        "sub_event_accuracy": share(sub_hits, len(scores.sub_gold)),
        "sub_event_macro_f1": macro_f1(scores.sub_gold, scores.sub_pred),
        "country_accuracy": share(scores.country, n),
        "admin1_accuracy": share(scores.admin1, n),
        "within_25km": share(scores.near25, n),
        "within_161km": share(scores.near161, n),
        "fatalities_exact": share(scores.fat_exact, len(scores.fat_abs)),
        "fatalities_mae": round(sum(scores.fat_abs) / len(scores.fat_abs), 3)
        if scores.fat_abs
        else None,
    }
