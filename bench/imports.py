"""Import speed: write a GDELT 2.0 export and an ACLED export of N rows, import each twice
(fresh database, then every row replacing itself), print rows/s and the summaries.

Usage: ``python bench/imports.py --rows 200000`` (files and database in a temp folder).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from watchfloor.importers import import_acled, import_gdelt
from watchfloor.importers.gdelt_layouts import GDELT_COLUMNS
from watchfloor.store import Store

CODES = ("010", "0311", "042", "111", "141", "173", "190", "193", "195", "1823")
ACLED_HEADER = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
    "inter1", "iso", "country", "admin1", "location", "latitude", "longitude", "source",
    "notes", "fatalities", "timestamp",
)


def write_gdelt(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            row = dict.fromkeys(GDELT_COLUMNS, "")
            code = rng.choice(CODES)
            row.update(
                GLOBALEVENTID=str(1_000_000 + i), SQLDATE=f"2024{rng.randint(1, 12):02d}15",
                Actor1Code="SYRMIL", Actor1Name="SYRIA", Actor1CountryCode="SYR",
                EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="4",
                GoldsteinScale="-10.0", NumMentions="4", ActionGeo_Type="4",
                ActionGeo_FullName="Idlib, Idlib, Syria", ActionGeo_CountryCode="SY",
                ActionGeo_Lat="35.9", ActionGeo_Long="36.6",
                SOURCEURL=f"https://news.example.org/{i}",
            )
            out.write("\t".join(row[c] for c in GDELT_COLUMNS) + "\n")


def write_acled(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ACLED_HEADER)
        for i in range(rows):
            day = rng.randint(1, 28)
            writer.writerow(
                [f"SYR{i}", f"{day}-May-20", "2020", "Battles", "Armed clash", "A", "B", "1",
                 "760", "Syria", "Idlib", "Idlib", "35.9", "36.6", "Local",
                 "Clashes were reported.\nTwo killed.", "2", "1600000000"]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        files = {"gdelt": base / "big.export.CSV", "acled": base / "big_acled.csv"}
        write_gdelt(files["gdelt"], args.rows, rng)
        write_acled(files["acled"], args.rows, rng)
        with Store(base / "bench.duckdb") as store:
            for name, importer in (("gdelt", import_gdelt), ("acled", import_acled)):
                for run in ("fresh", "replace"):
                    started = time.perf_counter()
                    report = importer(store, files[name])
                    seconds = time.perf_counter() - started
                    print(
                        f"{name} {run}: {report.rows_read} rows in {seconds:.1f} s "
                        f"({report.rows_read / seconds:,.0f} rows/s), imported "
                        f"{report.imported}, rejected {len(report.rejected)}"
                    )


if __name__ == "__main__":
    main()
