"""The gazetteer build's second-level units: the bare names the news uses, their province."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("Province of Samar", "Samar"),
        ("Provincia de Biobío", "Biobío"),
        ("Provincia del Ranco", "Ranco"),
        ("Sharur Rayon", "Sharur"),
        ("Commune of Abomey-Calavi", "Abomey-Calavi"),
        ("Cercle de Kadiolo", "Kadiolo"),
        ("Lower Dīr District", "Lower Dīr"),
        ("Hadiya Zone", "Hadiya"),  # "Hadiya zone" in Ethiopian news
        ("Jackson County", "Jackson County"),  # "Jackson" alone is a town or a man
        ("Thakurgaon", "Thakurgaon"),
    ],
)
def test_second_level_units_go_by_their_bare_names(written, bare):
    assert _build().admin2_name(written) == bare


def test_a_unit_takes_the_admin1_code_its_towns_have():
    build = _build()
    cities = {
        "1": {"countrycode": "PH", "latitude": 11.77, "longitude": 124.88, "admin1code": "08"},
        "2": {"countrycode": "PH", "latitude": 12.07, "longitude": 124.59, "admin1code": "08"},
    }
    towns = [
        {
            "cc": "PH",
            "lat": "11.77",
            "lon": "124.88",
            "admin1": "Eastern Visayas",
            "admin2": "Province of Samar",
        },
        {
            "cc": "PH",
            "lat": "12.07",
            "lon": "124.59",
            "admin1": "Eastern Visayas",
            "admin2": "Province of Samar",
        },
    ]
    for city in cities.values():
        city["population"] = 1000
    codes = build.admin1_codes_by_name(cities, [towns])
    assert codes == {("PH", "Eastern Visayas"): "08"}
    (row,) = build.admin2_rows(towns, cities, codes)
    assert row[1:5] == ["B", "Samar", "PH", "08"]
    assert set(row[8].split("|")) == {"samar", "province of samar"}
    assert row[7] == "2000"
