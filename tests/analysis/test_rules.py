"""User YAML rules: parsing, errors, and rule alerts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.analysis.rules import load_rules
from watchfloor.errors import ConfigError
from watchfloor.store.database import Store

RULES = """
rules:
  - name: iran-mobilizes-in-iraq
    description: any MOBILIZE by IRN inside IRQ
    match: {plover_event: MOBILIZE, source_country: IRN, place_country: IRQ}
  - name: mass-casualty-assault
    match: {plover_event: [ASSAULT, FIGHT], min_fatalities: 10}
"""


def test_rules_raise_rule_alerts(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES)
    day = START + dt.timedelta(days=20)
    insert(store, flat_history(20, {"FIGHT": 1}, country="IRQ", src_country="IRQ"))
    insert(
        store,
        [
            Ev(day, "MOBILIZE", country="IRQ", src_country="IRN", text="Iranian units moved."),
            Ev(day, "MOBILIZE", country="SYR", src_country="IRN", text="Iranian units moved."),
            Ev(day, "ASSAULT", country="IRQ", fatalities=12, text="A bombing killed 12."),
            Ev(day, "ASSAULT", country="IRQ", fatalities=3, text="A bombing killed 3."),
        ],
    )
    run_analysis(store, AnalysisConfig(rules_file=path, cluster_min_types=99))
    rules = list_alerts(store, kind="rule")
    assert sorted(a.signals[0].type for a in rules) == [
        "iran-mobilizes-in-iraq",
        "mass-casualty-assault",
    ]
    assert all(a.country == "IRQ" for a in rules)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: [{match: {plover_event: X}}]", "needs a 'name'"),
        ("rules: [{name: a}]", "non-empty 'match'"),
        ("rules: [{name: a, match: {colour: red}}]", "unknown match key 'colour'"),
        ("rules: [{name: a, match: {min_fatalities: many}}]", "must be a number"),
        ("rules: {}", "top-level 'rules:' list"),
        ("rules: [", "not valid YAML"),
    ],
)
def test_bad_rules_file_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_rules(path)


def test_missing_rules_file_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_rules(tmp_path / "absent.yaml")
