"""Alert candidates from signals: clusters of different signals, bursts, novelty and rules."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.severity import alerts_alone

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Candidate:
    """An alert as the detectors see it, before deduplication against stored alerts."""

    kind: str
    dedup_key: str
    country: str | None
    admin1: str | None
    place: str | None
    start: dt.date
    end: dt.date
    score: float
    signals: tuple[dict[str, Any], ...]


def signal_type(sig: dict[str, Any]) -> str:
    """The 'kind' of a signal for counting different signals in a cluster."""
    etype = str(sig.get("etype") or "")
    if sig["kind"] == "rate":
        return "spike:" + ("Q" if etype.startswith("Q") and etype[1:].isdigit() else etype)
    if sig["subtype"] == "new_type":
        return f"new_type:{etype}"
    return str(sig["subtype"])


def _place_of(signals: Iterable[dict[str, Any]]) -> str | None:
    names = Counter(str(s["place"]) for s in signals if s.get("place"))
    return names.most_common(1)[0][0] if names else None


def _as_day(value: object) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    assert isinstance(value, dt.date)
    return value


def _records(signals: pd.DataFrame) -> list[dict[str, Any]]:
    rows = signals.astype(object).where(signals.notna(), None).to_dict("records")
    for row in rows:
        row["day"] = _as_day(row["day"])
    return rows


def _weighted(sig: dict[str, Any], weights: dict[str, float]) -> float:
    """The signal's score times its event's actor weight (1 when no prominent actor)."""
    return float(sig["score"]) * weights.get(str(sig.get("event_id")), 1.0)


Area = tuple[str, str | None]


def _windows(
    by_area: dict[Area, list[dict[str, Any]]],
    from_day: dt.date,
    cfg: AnalysisConfig,
    kind_of: Callable[[dict[str, Any]], str],
    score_of: Callable[[dict[str, Any]], float],
    min_kinds: int,
    min_documents: int,
) -> list[Candidate]:
    """A cluster candidate for each area and day whose sliding window (``cluster_window_days``
    ending that day) holds ``min_kinds`` different kinds of signal from ``min_documents``
    documents; scored by the sum of each kind's best signal."""
    width = dt.timedelta(days=cfg.cluster_window_days - 1)
    out: list[Candidate] = []
    for (country, admin1), sigs in by_area.items():
        for day in sorted({s["day"] for s in sigs if _as_day(s["day"]) >= from_day}):
            inside = [s for s in sigs if day - width <= s["day"] <= day]
            best: dict[str, float] = {}
            for s in inside:
                key = kind_of(s)
                best[key] = max(best.get(key, 0.0), score_of(s))
            docs = {s["document_id"] for s in inside if s.get("document_id")}
            if len(best) < min_kinds or len(docs) < min_documents:
                continue
            out.append(
                Candidate(
                    "cluster",
                    f"cluster|{country}|{admin1 or ''}",
                    country,
                    admin1,
                    _place_of(inside),
                    min(_as_day(s["day"]) for s in inside),
                    _as_day(day),
                    sum(best.values()),
                    tuple(inside),
                )
            )
    return out


def cluster_candidates(
    signals: list[dict[str, Any]],
    from_day: dt.date,
    cfg: AnalysisConfig,
    weights: dict[str, float] | None = None,
) -> list[Candidate]:
    """Sliding windows per admin1 (or country) holding enough different signals."""
    # Signals placed only at country level form their own area: lending them to every
    # province of the country made one national signal complete clusters all over it.
    by_area: dict[Area, list[dict[str, Any]]] = {}
    for sig in signals:
        if sig.get("country"):
            by_area.setdefault((str(sig["country"]), sig.get("admin1")), []).append(sig)
    return _windows(
        by_area,
        from_day,
        cfg,
        signal_type,
        lambda s: _weighted(s, weights or {}),
        cfg.cluster_min_types,
        cfg.cluster_min_documents,
    )


def country_candidates(
    signals: list[dict[str, Any]], from_day: dt.date, cfg: AnalysisConfig
) -> list[Candidate]:
    """The analyst's day: different warning kinds anywhere in one country within the window.

    An attack on a cleric's aide in Najaf, the closure of his offices, a foreign commander in
    Baghdad, armour at a border crossing and a neighbour telling its citizens to leave fall in
    four provinces, so no province's cluster holds them. ``country_min_kinds`` different kinds
    of ``country_kinds`` (the warning kinds the coder marks, each already filtered as not
    routine for the country) from ``country_min_documents`` documents make a country alert.
    """
    by_country: dict[Area, list[dict[str, Any]]] = {}
    for sig in signals:
        if sig.get("country") and sig.get("subtype") in cfg.country_kinds:
            by_country.setdefault((str(sig["country"]), None), []).append(sig)
    return _windows(
        by_country,
        from_day,
        cfg,
        lambda s: str(s["subtype"]),
        lambda s: float(s["score"]),
        cfg.country_min_kinds,
        cfg.country_min_documents,
    )


def _seen_in_country(
    sig: dict[str, Any], seen: dict[tuple[str, str], list[dt.date]], days: int
) -> bool:
    """Whether the country had a signal of this kind in the ``days`` days before."""
    earliest = _as_day(sig["day"]) - dt.timedelta(days=days)
    before = seen.get((str(sig.get("country")), str(sig["subtype"])), [])
    return any(earliest <= d < _as_day(sig["day"]) for d in before)


def single_candidates(
    signals: list[dict[str, Any]],
    from_day: dt.date,
    cfg: AnalysisConfig,
    weights: dict[str, float] | None = None,
    seen: dict[tuple[str, str], list[dt.date]] | None = None,
) -> list[Candidate]:
    """Burst, severity, novelty and rule alerts: one signal is enough.

    A novelty alert needs its kind to be new to the whole country over the baseline
    window (``seen``: days of each country's earlier novelty signals by kind): foreign
    strikes in Yemen are a border crossing every week, not news.

    Thresholds read the signal's own score; the candidate's score is weighted by its
    actors' prominence, so it ranks higher without lowering the bar.
    """
    out: list[Candidate] = []
    burst_score = -math.log10(cfg.burst_q)
    for s in signals:
        day = _as_day(s["day"])
        if day < from_day:
            continue
        country, admin1 = s.get("country"), s.get("admin1")
        place = f"{country}|{admin1 or ''}"
        kind = None
        if (
            s["kind"] == "rate"
            and s.get("actor") is None
            and not str(s.get("etype", "")).startswith("Q")
            and int(s.get("n_events") or 0) >= cfg.burst_min_events
            and int(s.get("n_documents") or 0) >= cfg.burst_min_documents
            and float(s["observed"] or 0) >= cfg.burst_min_ratio * float(s["expected"] or 0)
            and float(s["score"]) >= burst_score
        ):
            kind, key = "burst", f"burst|{place}|{s['etype']}"
        elif s["kind"] == "novelty" and alerts_alone(s, cfg):
            kind, key = "severity", f"severity|{place}"
        elif (
            s["kind"] == "novelty"
            and s["subtype"] in cfg.novelty_alert_subtypes
            and float(s["score"]) >= 4.0 * cfg.novelty_alert_confidence
            and not _seen_in_country(s, seen or {}, cfg.baseline_days)
        ):
            kind, key = "novelty", f"novelty|{place}|{s['subtype']}"
        elif s["kind"] == "rule":
            kind, key = "rule", f"rule|{s['subtype']}|{country or ''}"
        if kind is None:
            continue
        out.append(
            Candidate(
                kind,
                key,
                country,
                admin1,
                s.get("place"),
                day,
                day,
                _weighted(s, weights or {}),
                (s,),
            )
        )
    return out


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Merge candidates with the same key whose windows overlap or touch."""
    merged: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (c.dedup_key, c.start, c.end))
    for cand in ordered:
        last = merged[-1] if merged else None
        if last and last.dedup_key == cand.dedup_key and cand.start <= last.end + ONE_DAY:
            seen = {s["id"] for s in last.signals}
            extra = tuple(s for s in cand.signals if s["id"] not in seen)
            merged[-1] = replace(
                last,
                end=max(last.end, cand.end),
                score=max(last.score, cand.score),
                signals=last.signals + extra,
                place=last.place or cand.place,
            )
        else:
            merged.append(cand)
    return merged


def build_candidates(
    signals: pd.DataFrame,
    from_day: dt.date,
    cfg: AnalysisConfig,
    weights: dict[str, float] | None = None,
    seen: dict[tuple[str, str], list[dt.date]] | None = None,
) -> list[Candidate]:
    """All merged alert candidates whose window ends on or after ``from_day``.

    ``weights``: per event id, 1 + the prominence of its actors (``prominence``);
    ``seen``: earlier novelty signal days per (country, kind), see ``single_candidates``.
    """
    if signals.empty:
        return []
    rows = _records(signals)
    areas = cluster_candidates(rows, from_day, cfg, weights)
    merged_areas = merge_candidates(areas)
    countries = [  # the analyst's day spans provinces; one province's burst is its own alert
        c for c in country_candidates(rows, from_day, cfg) if not _inside_cluster(c, merged_areas)
    ]
    clusters = merge_candidates(areas + countries)
    singles = [
        c
        for c in merge_candidates(single_candidates(rows, from_day, cfg, weights, seen))
        if not _inside_cluster(c, clusters)
    ]
    return clusters + singles


def _inside_cluster(cand: Candidate, clusters: list[Candidate]) -> bool:
    """A burst, a novelty or a country's warning kinds already listed by one cluster alert
    of its country need no alert of their own."""
    if cand.kind == "rule":
        return False
    ids = {s["id"] for s in cand.signals}
    return any(c.country == cand.country and ids <= {s["id"] for s in c.signals} for c in clusters)
