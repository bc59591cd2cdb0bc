"""User alert rules from YAML, compiled to SQL over the events table.

Format (``Settings.rules_file``)::

    rules:
      - name: iran-mobilizes-in-iraq      # required, unique
        description: any MOBILIZE by Iran inside Iraq
        match:                            # every condition must hold
          plover_event: MOBILIZE          # a value or a list of values
          source_country: IRN
          place_country: IRQ
      - name: mass-casualty-assault
        match:
          plover_event: [ASSAULT, FIGHT]
          min_fatalities: 10
      - name: foreign-government-evacuation
        match:
          warning_kind: evacuation          # the coder's kinds: coding/lang/en/warning_kinds.yaml

Match keys: any of ``EQUALITY_FIELDS`` (equal to the value or one of the list), plus
``min_fatalities``, ``min_confidence``, ``min_quad_class`` and ``evidence_contains`` (a word or
list of words, case-insensitive; any one matches). Negated events never match.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from watchfloor.analysis.signals import SIGNAL_COLUMNS
from watchfloor.errors import ConfigError

EQUALITY_FIELDS = (
    "plover_event",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "source_country",
    "source_sector",
    "source_actor_id",
    "target_country",
    "target_sector",
    "target_actor_id",
    "place_country",
    "place_admin1",
    "place_name",
    "acled_event_type",
    "acled_sub_event_type",
    "warning_kind",
)
THRESHOLD_FIELDS = {
    "min_fatalities": "coalesce(e.fatalities, 0) >= ?",
    "min_confidence": "coalesce(e.confidence, 1.0) >= ?",
    "min_quad_class": "e.quad_class >= ?",
}
RULE_SCORE = 5.0


@dataclass(frozen=True)
class Rule:
    """One compiled rule: a name, a description and a SQL condition with parameters."""

    name: str
    description: str
    condition: str
    params: tuple[Any, ...]


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def compile_rule(entry: Any, origin: str) -> Rule:
    """Turn one YAML mapping into a Rule; ConfigError names the rule and the bad key."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ConfigError(f"{origin}: every rule needs a 'name' string, got {entry!r}")
    name = entry["name"]
    match = entry.get("match")
    if not isinstance(match, dict) or not match:
        raise ConfigError(f"{origin}: rule {name!r} needs a non-empty 'match' mapping")
    clauses: list[str] = []
    params: list[Any] = []
    for key, value in match.items():
        if key in EQUALITY_FIELDS:
            values = _as_list(value)
            clauses.append(f"e.{key} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
        elif key in THRESHOLD_FIELDS:
            if not isinstance(value, int | float):
                raise ConfigError(f"{origin}: rule {name!r}: {key} must be a number")
            clauses.append(THRESHOLD_FIELDS[key])
            params.append(value)
        elif key == "evidence_contains":
            words = [str(w) for w in _as_list(value)]
            clauses.append("(" + " OR ".join("e.evidence_text ILIKE ?" for _ in words) + ")")
            params.extend(f"%{w}%" for w in words)
        else:
            allowed = ", ".join([*EQUALITY_FIELDS, *THRESHOLD_FIELDS, "evidence_contains"])
            raise ConfigError(
                f"{origin}: rule {name!r}: unknown match key {key!r} (allowed: {allowed})"
            )
    return Rule(name, str(entry.get("description") or name), " AND ".join(clauses), tuple(params))


def load_rules(path: Path | None) -> list[Rule]:
    """Read and compile the rules file; no file configured means no rules."""
    if path is None:
        return []
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"rules file {path}: cannot read it: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"rules file {path}: not valid YAML: {exc}") from exc
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"rules file {path}: expected a top-level 'rules:' list")
    rules = [compile_rule(entry, f"rules file {path}") for entry in entries]
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"rules file {path}: rule names must be unique")
    return rules


def rule_signals(
    con: duckdb.DuckDBPyConnection, rules: list[Rule], from_day: dt.date
) -> pd.DataFrame:
    """One signal per event matching a rule, dated from ``from_day`` on."""
    frames = []
    for rule in rules:
        frame = con.execute(
            f"""
            SELECT 'S' || substr(md5('rule|' || ? || '|' || e.id), 1, 16) AS id,
                   e.date AS day, 'rule' AS kind, ? AS subtype, e.plover_event AS etype,
                   e.id AS event_id, e.document_id, e.place_country AS country,
                   e.place_admin1 AS admin1, e.place_name AS place,
                   coalesce(e.source_actor_id, e.source_country) AS actor,
                   {RULE_SCORE} * coalesce(e.confidence, 1.0) AS score,
                   NULL::DOUBLE AS observed, NULL::DOUBLE AS expected, 1 AS n_events,
                   1 AS n_documents,
                   ? || ': ' || substr(coalesce(e.evidence_text, ''), 1, 160) AS summary
            FROM events e
            WHERE e.date >= ? AND NOT coalesce(e.negated, FALSE) AND ({rule.condition})
            """,
            [rule.name, rule.name, rule.description, from_day, *rule.params],
        ).fetch_df()
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=list(SIGNAL_COLUMNS))
    return pd.concat(frames, ignore_index=True)
