"""The shared cue table: which cue combinations make which event (``data/cue_events.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.datafiles import commented_tsv
from watchfloor.errors import ModelError


@dataclass(frozen=True)
class CueRule:
    """Cues a sentence must show (all) and must not show (any), and the event they make."""

    requires: frozenset[str]
    excludes: frozenset[str]
    acled_event_type: str
    acled_sub_event_type: str
    cameo: str

    @property
    def name(self) -> str:
        """The rule as written: required cues joined by '+'."""
        return "+".join(sorted(self.requires))


def load_cue_rules() -> list[CueRule]:
    """The rules in file order (the first that fits a sentence wins)."""
    rules = []
    for number, cells in enumerate(commented_tsv("watchfloor.data", "cue_events.tsv"), start=2):
        if len(cells) != 5:
            raise ModelError(f"data/cue_events.tsv row {number}: expected 5 columns")
        requires, excludes, acled, sub, cameo = cells
        rules.append(
            CueRule(
                frozenset(c for c in requires.split(",") if c),
                frozenset(c for c in excludes.split(",") if c),
                acled,
                sub,
                cameo,
            )
        )
    return rules


def first_rule(rules: list[CueRule], cues: set[str]) -> CueRule | None:
    """The first rule whose required cues are all present and excluded cues all absent."""
    for rule in rules:
        if rule.requires <= cues and not (rule.excludes & cues):
            return rule
    return None
