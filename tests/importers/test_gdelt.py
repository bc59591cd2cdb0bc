"""GDELT 2.0 export import: mapping, malformed rows, zip, idempotent re-import."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.importers.gdelt import GDELT_COLUMNS, import_gdelt
from watchfloor.store import Store


def gdelt_row(**values: str) -> str:
    """One export line with every column empty except the ones given."""
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(values)
    return "\t".join(row[c] for c in GDELT_COLUMNS)


STRIKE = gdelt_row(
    GLOBALEVENTID="1001",
    SQLDATE="20240305",
    Actor1Code="ISRMIL",
    Actor1Name="ISRAEL",
    Actor1CountryCode="ISR",
    Actor1Type1Code="MIL",
    Actor2Code="PSE",
    Actor2Name="GAZA",
    Actor2CountryCode="PSE",
    EventCode="195",
    EventBaseCode="195",
    EventRootCode="19",
    QuadClass="4",
    GoldsteinScale="-10.0",
    NumMentions="12",
    ActionGeo_Type="4",
    ActionGeo_FullName="Khan Yunis, Gaza, Israel",
    ActionGeo_CountryCode="GZ",
    ActionGeo_Lat="31.34",
    ActionGeo_Long="34.30",
    SOURCEURL="https://example.org/a",
)
TALKS = gdelt_row(
    GLOBALEVENTID="1002",
    SQLDATE="20240306",
    Actor1Code="USAGOV",
    Actor1Name="UNITED STATES",
    Actor1CountryCode="USA",
    Actor2Code="IRN",
    Actor2Name="IRAN",
    Actor2CountryCode="IRN",
    EventCode="0311",
    EventBaseCode="031",
    EventRootCode="03",
    QuadClass="1",
    GoldsteinScale="5.2",
    ActionGeo_Type="1",
    ActionGeo_FullName="Iran",
    ActionGeo_CountryCode="IR",
    ActionGeo_Lat="32",
    ActionGeo_Long="53",
)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gdelt_layout_has_61_columns() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[-1] == "SOURCEURL"


def test_events_land_with_plover_type_and_iso3_countries(store: Store, tmp_path: Path) -> None:
    report = import_gdelt(store, write(tmp_path / "x.export.CSV", [STRIKE, TALKS]))
    assert report.imported == 2 and not report.rejected
    rows = store.con.execute(
        "SELECT id, dataset_event_id, plover_event, cameo_code, quad_class, goldstein, "
        "source_country, target_country, place_country, lat, date::VARCHAR "
        "FROM events ORDER BY id"
    ).fetchall()
    assert rows[0] == (
        "gdelt:1001",
        "1001",
        "ASSAULT",
        "195",
        4,
        -10.0,
        "ISR",
        "PSE",
        "PSE",
        31.34,
        "2024-03-05",
    )
    assert rows[1][2] == "AGREE" and rows[1][8] == "IRN"


def test_malformed_rows_are_reported_by_line_and_skipped(store: Store, tmp_path: Path) -> None:
    short = "\t".join(["1003", "20240307", "x"])
    bad_date = gdelt_row(GLOBALEVENTID="1004", SQLDATE="2024-13-99", EventCode="190")
    report = import_gdelt(store, write(tmp_path / "bad.CSV", [STRIKE, short, bad_date, TALKS]))
    assert report.imported == 2
    assert [r.line for r in report.rejected] == [2, 3]
    assert "column" in report.rejected[0].reason.lower()
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_zip_file_imports_like_plain(store: Store, tmp_path: Path) -> None:
    plain = write(tmp_path / "20240305.export.CSV", [STRIKE, TALKS])
    archive = tmp_path / "20240305.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(plain, plain.name)
    assert import_gdelt(store, archive).imported == 2


def test_reimport_replaces_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    file = write(tmp_path / "x.CSV", [STRIKE, TALKS])
    import_gdelt(store, file)
    changed = STRIKE.replace("\t-10.0\t", "\t-9.0\t")
    import_gdelt(store, write(tmp_path / "y.CSV", [changed]))
    import_gdelt(store, file)
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_missing_file_is_an_input_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_gdelt(store, tmp_path / "absent.CSV")
