"""CAMEO, PLOVER and ACLED as data: codes, Goldstein scores, QuadClass and the mappings between.

The tables live in ``watchfloor/data/`` (versioned with the package) and are read with
``importlib.resources``; see ``scripts/build_ontology.py`` for how ``cameo.tsv`` is derived.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from watchfloor.errors import ModelError

DATA_PACKAGE = "watchfloor.data"
ONTOLOGY_VERSION = "cameo1.1b3-plover2025-acled2019.1"

#: Event types outside PLOVER that say "not a political event" (disasters, crime).
NONPOLITICAL = "NONPOLITICAL"

#: Sectors whose members are civilians for ACLED ("Violence against civilians").
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "MED", "NGO", "EDU", "HLH", "REL", "LAB", "BUS", "AGR"})

#: Current PLOVER (NGEC) event names.
PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class CameoEntry:
    """One CAMEO code with its scores and PLOVER equivalent (event None: not a PLOVER event)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None


@dataclass(frozen=True)
class AcledType:
    """An ACLED (2019+) event type and sub-event type."""

    event_type: str
    sub_event_type: str


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a bundled tab-separated data file (header in the first line)."""
    try:
        text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"data file {name} is missing from the package: reinstall it") from exc
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


class Ontology:
    """Lookups between CAMEO codes, PLOVER events/modes and ACLED types."""

    def __init__(
        self,
        cameo: dict[str, CameoEntry],
        acled: dict[str, AcledType],
        legacy: dict[str, str],
    ) -> None:
        self._cameo = cameo
        self._acled = acled
        self._legacy = legacy
        self.version = ONTOLOGY_VERSION

    @classmethod
    def load(cls) -> Ontology:
        """Read the bundled tables."""
        cameo = {
            r["code"]: CameoEntry(
                code=r["code"],
                name=r["name"],
                goldstein=float(r["goldstein"]),
                quad_class=int(r["quad_class"]),
                plover_event=r["plover_event"] or None,
                plover_mode=r["plover_mode"] or None,
                plover_context=r["plover_context"] or None,
            )
            for r in read_table("cameo.tsv")
        }
        acled = {
            r["cameo_prefix"]: AcledType(r["acled_event_type"], r["acled_sub_event_type"])
            for r in read_table("acled_map.tsv")
        }
        legacy = {r["legacy"]: r["current"] for r in read_table("plover_legacy.tsv")}
        return cls(cameo, acled, legacy)

    def cameo(self, code: str) -> CameoEntry:
        """The entry for a CAMEO code; unknown 4-digit codes fall back to their 3-digit parent."""
        entry = self._cameo.get(code) or self._cameo.get(code[:3])
        if entry is None:
            raise ModelError(f"unknown CAMEO code {code!r}")
        return entry

    def has_code(self, code: str) -> bool:
        """Whether the code (or its 3-digit parent) is in the CAMEO table."""
        return code in self._cameo or code[:3] in self._cameo

    def current_plover(self, name: str) -> str:
        """Map a legacy PLOVER name (FIGHT, DEMAND, DISAPPROVE, INVESTIGATE) to today's name."""
        upper = name.strip().upper()
        return self._legacy.get(upper, upper)

    def acled(
        self,
        code: str | None,
        *,
        target_sector: str | None = None,
        source_sector: str | None = None,
    ) -> AcledType | None:
        """ACLED type for a CAMEO code (longest prefix wins), refined by the actors' sectors.

        Fighting aimed at civilians is "Violence against civilians"; territory taken by a
        government force is "Government regains territory". None where ACLED has no type.
        """
        if not code:
            return None
        found = next(
            (self._acled[code[:n]] for n in range(len(code), 1, -1) if code[:n] in self._acled),
            None,
        )
        if found is None:
            return None
        if (target_sector or "").upper() == "OPP" and code[:2] in ("18", "19", "20"):
            return AcledType("Protests", "Excessive force against protesters")
        civilian_target = (target_sector or "").upper() in CIVILIAN_SECTORS
        if found.event_type == "Battles" and civilian_target and not code.startswith("192"):
            return AcledType("Violence against civilians", "Attack")
        if code.startswith("192") and (source_sector or "").upper() in {"GOV", "MIL", "COP"}:
            return AcledType("Battles", "Government regains territory")
        return found
