"""Escalation windows: reading the truth file and matching replayed alerts to windows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.evaluation.alert_truth import (
    ReplayedAlert,
    Window,
    active_country_weeks,
    distance_km,
    matches,
    read_windows,
    score_replay,
)

D = dt.date
BAGHDAD = Window("bgd", ("IRQ",), D(2018, 1, 15), D(2018, 1, 16), 33.33, 44.40, 100.0, "")
JAN15 = D(2018, 1, 15)
IRAQ = Window("irq", ("IRQ", "SYR"), D(2018, 1, 15), D(2018, 1, 16), None, None, None, "")


def _alert(
    country: str | None = "IRQ",
    start: D = JAN15,
    end: D = JAN15,
    lat: float | None = 33.3,
    lon: float | None = 44.4,
    aid: str = "A1",
) -> ReplayedAlert:
    return ReplayedAlert(
        aid, "cluster", country, None, None, start, end, end, 5.0, lat, lon, "", ()
    )


@pytest.mark.parametrize(
    ("alert", "window", "expected"),
    [
        (_alert(), BAGHDAD, True),
        (_alert(country="SYR"), BAGHDAD, False),
        (_alert(start=D(2018, 1, 10), end=D(2018, 1, 14)), BAGHDAD, False),
        (_alert(start=D(2018, 1, 10), end=D(2018, 1, 15)), BAGHDAD, True),
        (_alert(start=D(2018, 1, 17), end=D(2018, 1, 18)), BAGHDAD, False),
        (_alert(lat=36.34, lon=43.13), BAGHDAD, False),  # Mosul, ~350 km away
        (_alert(lat=32.6, lon=44.0), BAGHDAD, True),  # Hillah, ~95 km
        (_alert(lat=None, lon=None), BAGHDAD, False),
        (_alert(lat=None, lon=None), IRAQ, True),
        (_alert(country="SYR", lat=None, lon=None), IRAQ, True),
        (_alert(country=None), IRAQ, False),
    ],
)
def test_alert_matches_window_by_country_span_and_radius(
    alert: ReplayedAlert, window: Window, expected: bool
) -> None:
    assert matches(alert, window) is expected


def test_distance_baghdad_to_mosul_is_about_350_km() -> None:
    assert 330 < distance_km(33.33, 44.40, 36.34, 43.13) < 370


def _write(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "truth.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_truth_file_is_read_with_country_lists(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"id": "a", "country": "IRQ", "start": "2018-01-15", "end": "2018-01-16"},
            {
                "id": "b",
                "country": ["syr", "TUR"],
                "start": "2018-01-20",
                "end": "2018-01-22",
                "lat": 36.5,
                "lon": 36.9,
                "radius_km": 100,
                "what": "Afrin",
            },
        ],
    )
    windows = read_windows(path)
    assert [w.countries for w in windows] == [("IRQ",), ("SYR", "TUR")]
    assert windows[1].radius_km == 100.0 and windows[1].what == "Afrin"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"country": "IRQ", "start": "2018-01-15", "end": "2018-01-16"}, "missing field 'id'"),
        ({"id": "x", "country": "IRQ", "start": "15/01/2018", "end": "2018-01-16"}, "start"),
        ({"id": "x", "country": "IRQ", "start": "2018-01-16", "end": "2018-01-15"}, "before"),
        ({"id": "x", "country": "Iraq", "start": "2018-01-15", "end": "2018-01-16"}, "ISO3"),
        (
            {"id": "x", "country": "IRQ", "start": "2018-01-15", "end": "2018-01-16", "lat": "33"},
            "lat must be a number",
        ),
        (
            {
                "id": "x",
                "country": "IRQ",
                "start": "2018-01-15",
                "end": "2018-01-16",
                "radius_km": 50,
            },
            "go together",
        ),
        ("not an object", "expected a JSON object"),
    ],
)
def test_bad_truth_line_names_line_and_problem(
    tmp_path: Path, record: object, message: str
) -> None:
    ok = {"id": "ok", "country": "IRQ", "start": "2018-01-15", "end": "2018-01-16"}
    path = _write(tmp_path, [ok, record])
    with pytest.raises(InputError, match=rf"line 2: .*{message}"):
        read_windows(path)


def test_active_country_weeks_skip_warmup_and_quiet_weeks() -> None:
    first = D(2018, 1, 1)
    events = [("IRQ", D(2018, 1, 3))] * 9  # inside the first 14 days
    events += [("IRQ", D(2018, 1, 16))] * 5 + [("SYR", D(2018, 1, 16))] * 4
    events += [("SYR", D(2018, 1, 23))] * 6
    assert active_country_weeks(events, first) == {("IRQ", 2018, 3), ("SYR", 2018, 4)}


def test_score_adds_up_hits_leads_and_false_alerts() -> None:
    first = D(2018, 1, 1)
    alerts = [
        _alert(start=D(2018, 1, 14), end=D(2018, 1, 15), aid="early"),
        _alert(start=D(2018, 1, 15), end=D(2018, 1, 16), aid="same"),
        _alert(country="SYR", start=D(2018, 1, 22), end=D(2018, 1, 22), aid="false"),
        _alert(country="SYR", start=D(2018, 1, 5), end=D(2018, 1, 5), aid="warmup"),
    ]
    events = [("IRQ", D(2018, 1, 16))] * 5 + [("SYR", D(2018, 1, 23))] * 5
    afrin = Window("afrin", ("SYR",), D(2018, 1, 20), D(2018, 1, 21), 36.5, 36.9, 100.0, "")
    result = score_replay(alerts, [BAGHDAD, afrin], events, first)
    assert result["windows_hit"] == 1 and result["recall"] == 0.5
    assert result["lead_hours"] == {"bgd": -24.0, "afrin": None}
    assert result["n_alerts"] == 4 and result["alerts_outside_truth"] == 2
    assert result["alerts_in_warmup"] == 2
    assert result["active_country_weeks"] == 2
    assert result["false_alerts_per_country_week"] == 1.0
