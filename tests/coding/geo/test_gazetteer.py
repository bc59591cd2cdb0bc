"""The packaged gazetteer tables and their indexes."""

from __future__ import annotations

import random
import re
from collections import defaultdict

import numpy as np
import pytest

from watchfloor.coding.geo import Gazetteer
from watchfloor.coding.geo.gazetteer import LOOSE_KINDS, group_rows
from watchfloor.coding.geo.names import loose_key, loose_keys, name_key


def reference_loose_key(name: str) -> str:
    """``loose_key`` as first written, one name at a time: the bulk version must agree."""
    key = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|en|ez|ath|the)\s+", "", name_key(name))
    key = key.replace(" ", "")
    if not key:
        return ""
    for digraph, letter in (("sh", "S"), ("kh", "K"), ("th", "T"), ("gh", "G"), ("dh", "D")):
        key = key.replace(digraph, letter)
    head, tail = key[0], key[1:]
    tail = re.sub(r"[aeiouyhw']", "", tail)
    tail = re.sub(r"(.)\1+", r"\1", tail)
    return (head + tail).lower()


@pytest.fixture(scope="module")
def key_sample(gazetteer: Gazetteer) -> list[str]:
    keys = list(gazetteer.index)
    return random.Random(7).sample(keys, 20_000) + ["", "al", "al bab", "shsh", "aa", "ash sham"]


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


def test_bulk_loose_keys_equal_one_at_a_time_keys(key_sample: list[str]):
    assert loose_keys(key_sample) == [reference_loose_key(key) for key in key_sample]
    assert [loose_key(key) for key in key_sample[:2000]] == loose_keys(key_sample[:2000])
    assert loose_keys([]) == []


def test_loose_index_matches_one_built_the_original_way(gazetteer: Gazetteer):
    """Per country, rows listed under each loose key in index order, each row once."""
    wanted = {"SY", "IQ", "NO"}
    expected: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for key, rows in gazetteer.index.items():
        for row in rows:
            cc = gazetteer.country[row]
            if cc in wanted and gazetteer.kind[row] in LOOSE_KINDS:
                listed = expected[cc][reference_loose_key(key)]
                if row not in listed:
                    listed.append(row)
    for cc in wanted:
        assert gazetteer.loose_index(cc) == expected[cc]


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Idleb", {"SY"}),
        ("Dayr az Zawr", None),
        ("Santa Cruz", {"BO", "AR", "ES"}),
        ("Alexandria", None),
    ],
)
def test_loose_lookup_orders_rows_by_country_then_index(
    gazetteer: Gazetteer, text: str, countries: set[str] | None
):
    rows = [c.row for c in gazetteer.loose_candidates(text, countries)]
    assert rows
    in_countries = set(gazetteer.country_row) if countries is None else countries
    listed = gazetteer.loose_rows()[loose_key(text)]
    assert set(rows) <= {row for row in listed if gazetteer.country[row] in in_countries}
    assert rows == sorted(rows, key=lambda row: (gazetteer.country[row], listed.index(row)))


def test_group_rows_keeps_first_appearance_order_and_drops_repeated_pairs():
    grouped = group_rows(["b", "a", "b", "b", "c", "a"], np.array([5, 1, 2, 5, 0, 9], dtype=object))
    assert list(grouped.items()) == [("b", (5, 2)), ("a", (1, 9)), ("c", (0,))]
    assert all(type(row) is int for rows in grouped.values() for row in rows)


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
