"""ACLED CSV import: both column layouts, type mapping, malformed rows, re-import."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.importers.acled import import_acled
from watchfloor.store import Store

CURRENT = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
LEGACY = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "actor1",
    "ally_actor_1",
    "inter1",
    "actor2",
    "ally_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


CLASH = {
    "event_id_cnty": "SYR1234",
    "event_date": "2023-01-15",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Syria",
    "inter1": "1",
    "actor2": "Islamic State",
    "iso": "760",
    "country": "Syria",
    "admin1": "Deir ez Zor",
    "location": "Al Mayadin",
    "latitude": "35.0",
    "longitude": "40.45",
    "notes": "Clashes were reported near the town.",
    "fatalities": "7",
    "source": "Local",
}
PROTEST = {
    "event_id_cnty": "NGA77",
    "event_date": "16 January 2023",
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Nigeria)",
    "inter1": "6",
    "iso": "566",
    "country": "Nigeria",
    "admin1": "Lagos",
    "location": "Ikeja",
    "latitude": "6.6",
    "longitude": "3.35",
    "fatalities": "0",
}


def test_current_layout_maps_types_and_countries(store: Store, tmp_path: Path) -> None:
    report = import_acled(store, write_csv(tmp_path / "a.csv", CURRENT, [CLASH, PROTEST]))
    assert report.imported == 2 and not report.rejected
    rows = store.con.execute(
        "SELECT id, plover_event, cameo_code, acled_event_type, acled_sub_event_type, "
        "place_country, place_admin1, fatalities, date::VARCHAR, quad_class "
        "FROM events ORDER BY id"
    ).fetchall()
    assert rows[0] == (
        "acled:NGA77",
        "PROTEST",
        "141",
        "Protests",
        "Peaceful protest",
        "NGA",
        "Lagos",
        0,
        "2023-01-16",
        4,
    )
    assert rows[1][:8] == (
        "acled:SYR1234",
        "ASSAULT",
        "190",
        "Battles",
        "Armed clash",
        "SYR",
        "Deir ez Zor",
        7,
    )


@pytest.mark.parametrize(
    ("legacy_type", "inter1", "event_type", "sub_type", "plover"),
    [
        ("Battle-No change of territory", "1", "Battles", "Armed clash", "ASSAULT"),
        (
            "Battle-Government regains territory",
            "1",
            "Battles",
            "Government regains territory",
            "ASSAULT",
        ),
        ("Remote violence", "2", "Explosions/Remote violence", None, "ASSAULT"),
        ("Riots/Protests", "6", "Protests", None, "PROTEST"),
        ("Riots/Protests", "5", "Riots", None, "PROTEST"),
        ("Strategic development", "1", "Strategic developments", None, "OTHER"),
    ],
)
def test_legacy_layout_maps_old_types(
    store: Store,
    tmp_path: Path,
    legacy_type: str,
    inter1: str,
    event_type: str,
    sub_type: str | None,
    plover: str,
) -> None:
    row = {
        "data_id": "1",
        "iso": "818",
        "event_id_cnty": "EGY9",
        "event_date": "05-February-2017",
        "event_type": legacy_type,
        "actor1": "Rioters (Egypt)",
        "inter1": inter1,
        "country": "Egypt",
        "location": "Cairo",
        "fatalities": "2",
    }
    assert import_acled(store, write_csv(tmp_path / "old.csv", LEGACY, [row])).imported == 1
    got = store.con.execute(
        "SELECT acled_event_type, acled_sub_event_type, plover_event, place_country, "
        "date::VARCHAR FROM events"
    ).fetchone()
    assert got == (event_type, sub_type, plover, "EGY", "2017-02-05")


def test_malformed_rows_are_reported_and_skipped(store: Store, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "a.csv", CURRENT, [CLASH, {**PROTEST, "event_date": "soon"}])
    with file.open("a", encoding="utf-8") as handle:
        handle.write("BAD1,2023-01-01,too,few\n")
    report = import_acled(store, file)
    assert report.imported == 1
    assert [r.line for r in report.rejected] == [3, 4]
    assert "event_date" in report.rejected[0].reason


def test_reimport_from_zip_is_idempotent(store: Store, tmp_path: Path) -> None:
    plain = write_csv(tmp_path / "acled.csv", CURRENT, [CLASH, PROTEST])
    archive = tmp_path / "acled.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(plain, plain.name)
    import_acled(store, plain)
    import_acled(store, archive)
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_file_without_acled_columns_is_refused(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "other.csv"
    file.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns"):
        import_acled(store, file)
