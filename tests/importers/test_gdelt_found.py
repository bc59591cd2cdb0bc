"""GDELT files as found: 1.0 daily and back-files, 2.0 mentions, stray carriage returns,
impossible dates, and every CAMEO code given a PLOVER type. Every file is written here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.importers.gdelt import import_gdelt
from watchfloor.importers.gdelt_layouts import (
    GDELT1_BACKFILE_COLUMNS,
    GDELT1_DAILY_COLUMNS,
    GDELT_COLUMNS,
    MENTIONS_COLUMNS,
)
from watchfloor.store import Store

DATA = Path(__file__).resolve().parents[2] / "watchfloor" / "data"


def line(columns: tuple[str, ...], **values: str) -> str:
    row = dict.fromkeys(columns, "")
    row.update(values)
    return "\t".join(row[c] for c in columns)


def event(columns: tuple[str, ...], gid: str, code: str = "190", **values: str) -> str:
    base = {
        "GLOBALEVENTID": gid, "SQLDATE": "20240305", "EventCode": code,
        "EventBaseCode": code[:3], "EventRootCode": code[:2], "ActionGeo_Type": "4",
        "ActionGeo_FullName": "Goma, Nord-Kivu, Congo", "ActionGeo_CountryCode": "CG",
        "ActionGeo_Lat": "-1.68", "ActionGeo_Long": "29.22", "Actor1Name": "REBEL",
    }
    if "SOURCEURL" in columns:
        base["SOURCEURL"] = f"https://news.example.org/{gid}"
    return line(columns, **{**base, **values})


def write(path: Path, lines: list[str], ending: str = "\n") -> Path:
    path.write_bytes((ending.join(lines) + ending).encode("utf-8"))
    return path


def adds_up(report: object) -> bool:
    r = report
    return r.rows_read == r.imported + len(r.duplicates) + len(r.rejected)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("columns", "layout", "url"),
    [
        (GDELT_COLUMNS, "GDELT 2.0 event export", True),
        (GDELT1_DAILY_COLUMNS, "GDELT 1.0 daily", True),
        (GDELT1_BACKFILE_COLUMNS, "GDELT 1.0 back-file", False),
    ],
)
def test_each_event_layout_is_recognised_and_mapped(
    store: Store, tmp_path: Path, columns: tuple[str, ...], layout: str, url: bool
) -> None:
    file = write(tmp_path / "20240305.export.CSV", [event(columns, "7"), event(columns, "8")])
    report = import_gdelt(store, file)
    assert report.layout.startswith(layout) and report.imported == 2 and adds_up(report)
    got = store.con.execute(
        "SELECT plover_event, place_country, place_admin1, lat, evidence_url, date::VARCHAR "
        "FROM events WHERE id = 'gdelt:7'"
    ).fetchone()
    link = "https://news.example.org/7" if url else None
    assert got == ("ASSAULT", "COD", "Nord-Kivu", -1.68, link, "2024-03-05")


def test_citation_instead_of_url_stays_out_of_the_link(store: Store, tmp_path: Path) -> None:
    row = event(GDELT1_DAILY_COLUMNS, "9", SOURCEURL="BBC Monitoring")
    import_gdelt(store, write(tmp_path / "a.CSV", [row]))
    got = store.con.execute("SELECT evidence_url, explanation FROM events").fetchone()
    assert got is not None and got[0] is None and "BBC Monitoring" in got[1]


def _all_codes(shared_dir: Path | None) -> list[str]:
    with (DATA / "cameo.tsv").open(encoding="utf-8") as handle:
        codes = {r["code"] for r in csv.DictReader(handle, delimiter="\t")}
    if shared_dir is not None:
        table = shared_dir / "train" / "cameo_goldstein.tsv"
        codes |= {r.split("\t")[0] for r in table.read_text().splitlines()[1:] if r.strip()}
    return sorted(c for c in codes if len(c) >= 3)


@pytest.mark.parametrize("with_shared", [False, True])
def test_every_cameo_code_gets_a_plover_type(
    store: Store, tmp_path: Path, request: pytest.FixtureRequest, with_shared: bool
) -> None:
    shared = request.getfixturevalue("shared_dir") if with_shared else None
    codes = _all_codes(shared)
    rows = [event(GDELT_COLUMNS, str(i + 1), code) for i, code in enumerate(codes)]
    report = import_gdelt(store, write(tmp_path / "codes.CSV", rows))
    assert report.imported == len(codes) and not report.rejected
    missing = store.con.execute(
        "SELECT cameo_code FROM events WHERE plover_event IS NULL"
    ).fetchall()
    assert missing == []
    statement = store.con.execute(
        "SELECT plover_event, plover_mode FROM events WHERE cameo_code = '010'"
    ).fetchone()
    assert statement == ("OTHER", "statement")


@pytest.mark.parametrize(
    ("code", "base", "plover"),
    [
        ("0874", "087", "RETREAT"),
        ("1384", "138", "THREATEN"),
        ("1725", "172", "COERCE"),
        ("2043", "204", "ASSAULT"),
    ],
)
def test_codes_outside_the_table_fall_back_to_their_parent(
    store: Store, tmp_path: Path, code: str, base: str, plover: str
) -> None:
    row = event(GDELT_COLUMNS, "5", code, EventBaseCode=base)
    assert import_gdelt(store, write(tmp_path / "a.CSV", [row])).imported == 1
    assert store.con.execute("SELECT plover_event FROM events").fetchone() == (plover,)


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (event(GDELT_COLUMNS, "2", Actor1Name="GOMA\rREBEL"), "7 (Actor1Name) holds a bare carr"),
        (event(GDELT_COLUMNS, "2", SOURCEURL="https://x.org/\ra"), "carriage return"),
        (event(GDELT_COLUMNS, "2", SQLDATE="99991231"), "outside the accepted range"),
        (event(GDELT_COLUMNS, "2", SQLDATE="00010101"), "outside the accepted range"),
        (event(GDELT_COLUMNS, "2", SQLDATE="2024-03"), "not a YYYYMMDD date"),
        (event(GDELT_COLUMNS, "2", "999"), "not a CAMEO code"),
        (event(GDELT_COLUMNS, "2", "1999"), "not a CAMEO code"),
        (event(GDELT_COLUMNS, "x2"), "GLOBALEVENTID"),
        (event(GDELT_COLUMNS, "2", ActionGeo_Lat="95"), "ActionGeo_Lat"),
        ("2\t20240305\tshort", "has 3 fields"),
    ],
)
def test_a_bad_row_is_refused_by_line_and_the_rest_imported(
    store: Store, tmp_path: Path, bad: str, reason: str
) -> None:
    rows = [event(GDELT_COLUMNS, "1"), bad, event(GDELT_COLUMNS, "3")]
    report = import_gdelt(store, write(tmp_path / "a.CSV", rows))
    assert report.imported == 2 and adds_up(report)
    assert [r.line for r in report.rejected] == [2]
    assert reason in report.rejected[0].reason
    assert "TransactionContext" not in report.rejected[0].reason


def test_windows_line_endings_read(store: Store, tmp_path: Path) -> None:
    rows = [event(GDELT_COLUMNS, "1"), event(GDELT_COLUMNS, "2")]
    report = import_gdelt(store, write(tmp_path / "a.CSV", rows, ending="\r\n"))
    assert report.imported == 2 and not report.rejected
    assert store.con.execute(
        "SELECT evidence_url FROM events WHERE id = 'gdelt:1'"
    ).fetchone() == ("https://news.example.org/1",)


def test_repeated_event_ids_are_counted(store: Store, tmp_path: Path) -> None:
    rows = [event(GDELT_COLUMNS, "1", "190"), event(GDELT_COLUMNS, "1", "193")]
    report = import_gdelt(store, write(tmp_path / "a.CSV", rows))
    assert (report.imported, len(report.duplicates)) == (1, 1) and adds_up(report)
    assert store.con.execute("SELECT cameo_code FROM events").fetchone() == ("193",)


def mention(gid: str, url: str, **values: str) -> str:
    base = {
        "GLOBALEVENTID": gid, "EventTimeDate": "20240305120000",
        "MentionTimeDate": "20240305121500", "MentionType": "1",
        "MentionSourceName": "example.org", "MentionIdentifier": url, "Confidence": "80",
        "MentionDocTone": "-4.5",
    }
    return line(MENTIONS_COLUMNS, **{**base, **values})


def test_mentions_file_stores_every_article_of_an_event(store: Store, tmp_path: Path) -> None:
    rows = [
        mention("1", "https://a.example.org/1"),
        mention("1", "https://b.example.org/1", MentionSourceName="b.example.org"),
        mention("1", "https://a.example.org/1"),
        mention("2", "https://a.example.org/2", MentionTimeDate="99991231000000"),
        mention("3", ""),
    ]
    report = import_gdelt(store, write(tmp_path / "20240305.mentions.CSV", rows))
    assert report.layout.startswith("GDELT 2.0 mentions")
    assert (report.rows_read, report.imported, len(report.duplicates)) == (5, 2, 1)
    assert [r.line for r in report.rejected] == [4, 5] and adds_up(report)
    got = store.con.execute(
        "SELECT event_id, url, source_name, confidence, doc_tone, mention_time::VARCHAR "
        "FROM event_mentions ORDER BY url"
    ).fetchall()
    assert got[0] == (
        "gdelt:1", "https://a.example.org/1", "example.org", 80, -4.5, "2024-03-05 12:15:00"
    )
    assert len(got) == 2
    assert import_gdelt(store, tmp_path / "20240305.mentions.CSV").imported == 2
    assert store.con.execute("SELECT count(*) FROM event_mentions").fetchone() == (2,)


@pytest.mark.parametrize(
    "text", ["a,b,c\n1,2,3\n", "just one line of prose\n", "", "1\t2\t3\t4\n"]
)
def test_a_file_that_is_not_gdelt_is_refused_whole(
    store: Store, tmp_path: Path, text: str
) -> None:
    file = tmp_path / "other.CSV"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not a GDELT events file"):
        import_gdelt(store, file)


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_export_with_a_header_is_read_by_column_name(
    store: Store, tmp_path: Path, delimiter: str
) -> None:
    # as BigQuery writes it: a header, a few columns in its own order, quoted commas
    header = ["SQLDATE", "globaleventid", "EventCode", "ActionGeo_FullName",
              "ActionGeo_CountryCode", "SOURCEURL", "Actor1Name"]
    rows = [
        ["20240305", "11", "193", "Goma, Nord-Kivu, Congo", "CG", "https://a.example/1", "M23"],
        ["99991231", "12", "193", "Goma, Nord-Kivu, Congo", "CG", "https://a.example/2", "M23"],
        ["20240306", "13", "042", "Kinshasa, Kinshasa, Congo", "CG", "", "UN"],
    ]
    file = tmp_path / "bq-results.csv"
    with file.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([header, *rows])
    report = import_gdelt(store, file)
    assert report.layout.startswith("GDELT events with a header")
    assert report.imported == 2 and [r.line for r in report.rejected] == [3]
    got = store.con.execute(
        "SELECT id, plover_event, place_name, place_country, evidence_url FROM events ORDER BY id"
    ).fetchall()
    assert got == [
        ("gdelt:11", "ASSAULT", "Goma, Nord-Kivu, Congo", "COD", "https://a.example/1"),
        ("gdelt:13", "CONSULT", "Kinshasa, Kinshasa, Congo", "COD", None),
    ]


def test_header_without_the_needed_columns_is_refused(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "bq.csv"
    file.write_text("GLOBALEVENTID,Actor1Name\n1,X\n", encoding="utf-8")
    with pytest.raises(InputError, match="without SQLDATE, EventCode"):
        import_gdelt(store, file)
