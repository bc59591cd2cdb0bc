"""Toponym evaluation: (a) resolution of the gold spans, (b) end-to-end recognition + resolution.

Gold format (``toponyms``): one article a line with ``text`` and ``toponyms`` = list of
{name, start, end, lat, lon, geonames_id, ...}; entries with ``lat`` null are unresolvable
and only count for precision in (b). A gold point's country is that of its GeoNames id in the
gazetteer, else that of the nearest gazetteer town within 25 km; gold points with neither are
left out of ``gold_country``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from watchfloor.coding.geo import Gazetteer, PlaceMention, PlaceResolver
from watchfloor.errors import InputError
from watchfloor.evaluation.common import Tally, haversine_km, read_jsonl, share
from watchfloor.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

WITHIN_KM = 161.0


class _Scores:
    """Running counts for both settings."""

    def __init__(self) -> None:
        self.gold = 0
        self.exact = 0
        self.country_known = 0
        self.country_hits = 0
        self.within = 0
        self.errors_km: list[float] = []
        self.e2e_found = 0
        self.e2e_within = 0
        self.predicted = 0
        self.predicted_hits = 0


class _GoldCountries:
    """Country (ISO3) of a gold point: by GeoNames id, else the nearest town within 25 km."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.by_id = {gid: row for row, gid in enumerate(gazetteer.geonames_id) if gid}
        towns = np.array([kind == "P" for kind in gazetteer.kind])
        self.town_rows = np.nonzero(towns)[0]
        self.lat = np.radians(gazetteer.lat[self.town_rows])
        self.lon = np.radians(gazetteer.lon[self.town_rows])

    def country(self, geonames_id: Any, lat: float, lon: float) -> str | None:
        try:
            row = self.by_id.get(int(geonames_id)) if geonames_id else None
        except (TypeError, ValueError):
            row = None
        if row is None:
            la, lo = np.radians(lat), np.radians(lon)
            a = (
                np.sin((self.lat - la) / 2) ** 2
                + np.cos(la) * np.cos(self.lat) * np.sin((self.lon - lo) / 2) ** 2
            )
            nearest = int(np.argmin(a))
            km = 2 * 6371.0 * float(np.arcsin(np.sqrt(min(1.0, float(a[nearest])))))
            if km > 25.0:
                return None
            row = int(self.town_rows[nearest])
        cc = self.gaz.country[row]
        return self.gaz.iso3.get(cc) if cc else None


def _score_given(
    scores: _Scores,
    gold: list[dict[str, Any]],
    mentions: list[PlaceMention],
    countries: _GoldCountries,
) -> None:
    for item, mention in zip(gold, mentions, strict=True):
        scores.gold += 1
        place = mention.place
        truth = countries.country(item.get("geonames_id"), item["lat"], item["lon"])
        if truth is not None:
            scores.country_known += 1
            scores.country_hits += int(place is not None and place.country == truth)
        if place is None or place.lat is None or place.lon is None:
            continue
        gid = item.get("geonames_id")
        scores.exact += int(gid is not None and str(place.geonames_id) == str(gid))
        km = haversine_km(place.lat, place.lon, float(item["lat"]), float(item["lon"]))
        scores.errors_km.append(km)
        scores.within += int(km <= WITHIN_KM)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _score_e2e(
    scores: _Scores,
    gold_all: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    found: list[PlaceMention],
) -> None:
    scores.predicted += len(found)
    scores.predicted_hits += sum(
        1 for m in found if any(_overlaps(m.start, m.end, g["start"], g["end"]) for g in gold_all)
    )
    for item in gold:
        hits = [m for m in found if _overlaps(m.start, m.end, item["start"], item["end"])]
        if not hits:
            continue
        scores.e2e_found += 1
        place = hits[0].place
        if place is not None and place.lat is not None and place.lon is not None:
            km = haversine_km(place.lat, place.lon, float(item["lat"]), float(item["lon"]))
            scores.e2e_within += int(km <= WITHIN_KM)


def evaluate(
    path: str | Path, *, limit: int | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Score place resolution on a ``toponyms`` file; failures are counted per article."""
    import spacy

    if not Path(path).is_file():
        raise InputError(f"evaluation file {path} does not exist")
    settings = settings or Settings()
    tally = Tally()
    nlp = spacy.load(settings.spacy_model)
    return score_file(path, nlp, PlaceResolver(Gazetteer.load()), limit=limit, tally=tally)


def score_file(
    path: str | Path,
    nlp: Language,
    resolver: PlaceResolver,
    *,
    limit: int | None = None,
    tally: Tally | None = None,
) -> dict[str, Any]:
    """The evaluation with an already loaded spaCy pipeline and resolver."""
    tally = tally or Tally()
    countries = _GoldCountries(resolver.gaz)
    scores = _Scores()
    work_seconds = 0.0
    for number, article in read_jsonl(path, limit):
        tally.n += 1
        try:
            started = time.perf_counter()
            doc = nlp(article["text"])
            found = resolver.resolve_document(doc)
            gold_all = list(article.get("toponyms") or [])
            gold = [g for g in gold_all if g.get("lat") is not None and g.get("lon") is not None]
            given = resolver.resolve_spans(doc, [(g["start"], g["end"]) for g in gold])
            work_seconds += time.perf_counter() - started
        except (KeyError, TypeError, ValueError) as exc:
            tally.failed(str(article.get("id", number)), exc)
            continue
        _score_given(scores, gold, given, countries)
        _score_e2e(scores, gold_all, gold, found)
    return _result(tally, scores, work_seconds)


def _result(tally: Tally, scores: _Scores, work_seconds: float) -> dict[str, Any]:
    header = tally.header()
    km = scores.errors_km
    return {
        "task": "toponyms",
        "n_articles": tally.n,
        "n_toponyms": scores.gold,
        "gold_exact": share(scores.exact, scores.gold),
        "gold_country": share(scores.country_hits, scores.country_known),
        "gold_within_161km": share(scores.within, scores.gold),
        "gold_mean_km": round(statistics.fmean(km), 1) if km else None,
        "gold_median_km": round(statistics.median(km), 1) if km else None,
        "gold_unresolved": share(scores.gold - len(km), scores.gold),
        "e2e_recall": share(scores.e2e_found, scores.gold),
        "e2e_precision": share(scores.predicted_hits, scores.predicted),
        "e2e_within_161km": share(scores.e2e_within, scores.gold),
        "per_second": round(tally.n / work_seconds, 2) if work_seconds else None,
        "per_second_with_loading": header["per_second"],
        "n_errors": header["n_errors"],
        "errors": header["errors"],
    }
