"""ACLED files as people have them: old upper-case layouts, pandas dumps, spreadsheet dates,
repeated ids. Every file here is written by the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from watchfloor.daterange import DateRange
from watchfloor.errors import InputError
from watchfloor.importers.acled import import_acled
from watchfloor.importers.common import ImportReport
from watchfloor.store import Store

UPPER = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,"
    "ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,"
    "LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES"
)


def upper_row(eid: str, date: str, notes: str, fatalities: str = "0", year: str = "2015") -> str:
    return (
        f'475,{eid},{eid[3:]},{date},{year},1,Battle-No change of territory,'
        f'Military Forces of Nigeria (2015-),,1,Boko Haram,,2,12,Nigeria,Borno,Maiduguri,,'
        f'Maiduguri,11.8464,13.1603,1,Reuters,"{notes}",{fatalities}'
    )


def events(store: Store) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT id, date::VARCHAR, acled_event_type, place_country, fatalities, evidence_text "
        "FROM events ORDER BY id"
    ).fetchall()


def adds_up(report: ImportReport) -> bool:
    return report.rows_read == report.imported + len(report.duplicates) + len(report.rejected)


def test_pre_2019_upper_case_layout_with_line_breaks_in_notes(
    store: Store, tmp_path: Path
) -> None:
    lines = [
        UPPER,
        upper_row("NIG1", "01/01/2015", "Clashes near the market.\nTwo soldiers were killed.", "2"),
        upper_row("NIG2", "14/01/2015", "Attack on a checkpoint;\r\n\r\nno casualties reported."),
        upper_row("NIG3", "2015-01-20", "Shelling", "not known"),
    ]
    file = tmp_path / "ACLED-Version-6-All-Africa-1997-2015.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_acled(store, file)
    assert "upper-case" in report.layout
    assert (report.rows_read, report.imported) == (3, 2)
    # the third record starts on line 7: the notes before it span lines 2-3 and 4-6
    assert [(r.line, r.reason) for r in report.rejected] == [
        (7, "fatalities 'not known' is not a number")
    ]
    rows = events(store)
    assert rows[0][:5] == ("acled:NIG1", "2015-01-01", "Battles", "NGA", 2)
    assert rows[0][5] == "Clashes near the market.\nTwo soldiers were killed."
    assert rows[1][1] == "2015-01-14"


def test_pandas_dump_with_index_column_and_reordered_extra_columns(
    store: Store, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "timestamp": [1618536645, 1618536645],
            "iso3": ["SYR", "YEM"],
            "event_date": ["2021-04-10", "2021-04-11"],
            "fatalities": [3, 0],
            "country": ["Syria", "Yemen"],
            "actor1": ["Military Forces of Syria (2000-)", "Protesters (Yemen)"],
            "event_type": ["Explosions/Remote violence", "Protests"],
            "sub_event_type": ["Air/drone strike", "Peaceful protest"],
            "event_id_cnty": ["SYR90001", "YEM6000"],
            "latitude": [35.93, None],
            "iso": [760, None],
            "region": ["Middle East", "Middle East"],
            "data_id": [1, 2],
        }
    )
    file = tmp_path / "acled_api.csv"
    frame.to_csv(file)  # pandas writes its index as an unnamed first column
    report = import_acled(store, file)
    assert report.layout.startswith("ACLED API dump")
    assert (report.imported, report.rejected, report.duplicates) == (2, (), ())
    got = store.con.execute(
        "SELECT id, plover_event, plover_mode, place_country, lat FROM events ORDER BY id"
    ).fetchall()
    assert got == [
        ("acled:SYR90001", "ASSAULT", "heavy-weapons", "SYR", 35.93),
        ("acled:YEM6000", "PROTEST", "demo", "YEM", None),
    ]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # a spreadsheet's d-mmm-yy, century from the year column
        (["9-May-20", "31-Dec-19"], ["2020-05-09", "2019-12-31"]),
        # day-first settled by a day above 12 elsewhere in the file
        (["09/05/2020", "31/12/2019"], ["2020-05-09", "2019-12-31"]),
        # month-first settled the same way
        (["05/09/2020", "12/31/2019"], ["2020-05-09", "2019-12-31"]),
        (["01-January-2015", "2015-01-02"], ["2015-01-01", "2015-01-02"]),
        (["01 January 2015", "43960"], ["2015-01-01", "2020-05-09"]),
    ],
)
def test_spreadsheet_dates_read_one_way(
    store: Store, tmp_path: Path, dates: list[str], expected: list[str]
) -> None:
    years = [d[:4] for d in expected]
    frame = pd.DataFrame(
        {
            "event_id_cnty": ["A1", "A2"], "event_date": dates, "year": years,
            "event_type": ["Battles"] * 2, "actor1": ["X"] * 2, "country": ["Mali"] * 2,
            "fatalities": ["0"] * 2,
        }
    )
    frame.to_csv(tmp_path / "a.csv", index=False)
    report = import_acled(store, tmp_path / "a.csv")
    assert report.rejected == ()
    assert [r[1] for r in events(store)] == expected


def test_ambiguous_day_month_is_refused_by_line_unless_ordered(
    store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities\n"
        "M1,09/05/2020,Battles,X,Mali,1\n"
        "M2,2020-05-10,Battles,X,Mali,1\n",
        encoding="utf-8",
    )
    report = import_acled(store, file)
    assert report.imported == 1 and [r.line for r in report.rejected] == [2]
    assert "--date-order" in report.rejected[0].reason
    again = import_acled(store, file, date_order="mdy")
    assert again.imported == 2
    assert dict((r[0], r[1]) for r in events(store))["acled:M1"] == "2020-09-05"


def test_file_mixing_day_and_month_first_refuses_the_ambiguous_rows(
    store: Store, tmp_path: Path
) -> None:
    # what a spreadsheet leaves of a day-first file opened month-first: some dates
    # converted, those with a day above 12 left as text
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities\n"
        "M1,25/02/2017,Battles,X,Mali,1\n"
        "M2,2/25/2017,Battles,X,Mali,1\n"
        "M3,3/4/2017,Battles,X,Mali,1\n",
        encoding="utf-8",
    )
    report = import_acled(store, file)
    assert report.imported == 2 and [r.line for r in report.rejected] == [4]


def test_nothing_lands_in_the_year_20(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,year,event_type,actor1,country,fatalities\n"
        "M1,9-May-20,2020,Battles,X,Mali,1\n"
        "M2,9-May-20,2019,Battles,X,Mali,1\n"
        "M3,0020-05-09,,Battles,X,Mali,1\n"
        "M4,9999-12-31,,Battles,X,Mali,1\n",
        encoding="utf-8",
    )
    report = import_acled(store, file)
    assert report.imported == 1 and [r.line for r in report.rejected] == [3, 4, 5]
    assert "outside the accepted range" in report.rejected[1].reason
    assert store.con.execute("SELECT min(year(date)) FROM events").fetchone() == (2020,)


def test_configured_date_range_is_applied(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities\n"
        "M1,1999-05-09,Battles,X,Mali,1\nM2,2001-05-09,Battles,X,Mali,1\n",
        encoding="utf-8",
    )
    limits = DateRange(dt.date(2000, 1, 1), dt.date(2030, 1, 1))
    report = import_acled(store, file, date_range=limits)
    assert report.imported == 1 and report.rejected[0].line == 2


def test_repeated_ids_are_counted_and_the_newest_kept(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities,timestamp\n"
        "D1,2020-01-01,Battles,X,Mali,5,1600000000\n"
        "D2,2020-01-02,Battles,X,Mali,1,1600000000\n"
        "D1,2020-01-01,Battles,X,Mali,4,1500000000\n"
        "D2,2020-01-02,Battles,X,Mali,2,1600000000\n"
        "D3,2020-01-03,Battles,X,Mali,x,1600000000\n",
        encoding="utf-8",
    )
    report = import_acled(store, file)
    assert (report.rows_read, report.imported, len(report.duplicates)) == (5, 2, 2)
    assert len(report.rejected) == 1 and adds_up(report)
    assert [(d.line, d.event_id, d.kept_line) for d in report.duplicates] == [
        (3, "D2", 5),
        (4, "D1", 2),
    ]
    assert [r[4] for r in events(store)] == [5, 2]
    assert report.as_dict()["duplicates"] == 2


def test_windows_1252_file_reads(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "a.csv"
    file.write_bytes(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities,location\n"
        "C1,2020-01-01,Battles,X,Cote d'Ivoire,1,Bouaké\n".encode("cp1252")
    )
    assert import_acled(store, file).imported == 1
    assert store.con.execute("SELECT place_name FROM events").fetchone() == ("Bouaké",)


@pytest.mark.parametrize(
    "body",
    [
        "E1,2020-01-01,Battles,X,Mali,1\nE2,2020-01-02,Battles,X\n",
        "E1,2020-01-01,Battles,X,Mali,1\n,2020-01-02,Battles,X,Mali,1\n",
        "E1,2020-01-01,Battles,X,Mali,1\nE2,2020-01-02,,X,Mali,1\n",
        "E1,2020-01-01,Battles,X,Mali,1\nE1,2020-01-01,Battles,X,Mali,1\nE2,x,Battles,X,Mali,1\n",
        "E1,2020-01-01,Battles,X,Mali,1\nE2,2020-01-0\x002,Battles,X,Mali,1\n",
        "E1,2020-01-01,Battles,X,Mali,1\n\n\nE2,2020-01-02,Battles,X,Mali,1,extra\n",
    ],
)
def test_every_summary_adds_up(store: Store, tmp_path: Path, body: str) -> None:
    file = tmp_path / "a.csv"
    file.write_text("event_id_cnty,event_date,event_type,actor1,country,fatalities\n" + body)
    report = import_acled(store, file)
    assert report.imported == 1 and adds_up(report)
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_unclosed_quote_names_the_line(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "a.csv"
    file.write_text(
        "event_id_cnty,event_date,event_type,actor1,country,fatalities,notes\n"
        "E1,2020-01-01,Battles,X,Mali,1,ok\n"
        'E2,2020-01-02,Battles,X,Mali,1,"never closed\n' + "x" * 200_000 + "\n"
    )
    with pytest.raises(InputError, match=r"a.csv:3: cannot read on"):
        import_acled(store, file)
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_unknown_date_order_is_an_input_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="date order"):
        import_acled(store, tmp_path / "a.csv", date_order="ymd")


def test_bytes_that_are_not_text_are_refused_naming_the_file(
    store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "a.csv"
    file.write_bytes(b"event_id_cnty,event_date\n\x81\x8d\x8f\x90\x9d\n")
    with pytest.raises(InputError, match=r"a.csv: not text"):
        import_acled(store, file)
