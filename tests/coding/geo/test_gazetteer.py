"""The packaged gazetteer tables and their indexes."""

from __future__ import annotations

import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.names import loose_key, name_key


def test_gazetteer_holds_countries_admin1_towns_and_supplement(gazetteer: Gazetteer):
    kinds = set(gazetteer.kind)
    assert {"C", "A", "P", "K", "S"} <= kinds
    assert len(gazetteer) > 200_000


@pytest.mark.parametrize(
    ("name", "country"),
    [("Damascus", "SY"), ("U.S.", "US"), ("Britain", "GB"), ("Bab al-Hawa", "SY")],
)
def test_name_lookup_finds_the_place(gazetteer: Gazetteer, name: str, country: str):
    countries = {gazetteer.country[c.row] for c in gazetteer.candidates(name)}
    assert country in countries


def test_transliteration_variants_share_a_loose_key():
    assert loose_key("Deir ez-Zor") == loose_key("Dayr az Zawr")
    assert loose_key("Idleb") == loose_key("Idlib")
    assert name_key("Ḩalab") == "halab"


def test_loose_lookup_is_limited_to_given_countries(gazetteer: Gazetteer):
    rows = gazetteer.loose_candidates("Idleb", {"SY"})
    assert rows and all(gazetteer.country[c.row] == "SY" for c in rows)
    assert gazetteer.loose_candidates("Idleb", {"NO"}) == []


def test_place_ref_carries_iso3_admin1_and_coordinates(gazetteer: Gazetteer):
    row = next(
        c.row
        for c in gazetteer.candidates("Damascus")
        if gazetteer.kind[c.row] == "P" and gazetteer.country[c.row] == "SY"
    )
    ref = gazetteer.place_ref(row)
    assert ref.country == "SYR" and ref.geonames_id and abs(ref.lat - 33.5) < 0.2
