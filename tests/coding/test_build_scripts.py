"""The converter scripts turn the shared source tables into the shipped data files."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]

DICTIONARY = """# comment
&MILITARY
+TROOPS
+SOLDIERS

--- DEMAND [100] ---
DEMAND
+CALL_FOR {+CALLS_FOR}
- * WITHDRAWAL &MILITARY [1056]  # DEMAND
- * [---]

--- REFUSE [---] ---
REJECT [120]
"""


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verb_lexicon_keeps_verbs_codes_and_expanded_patterns(tmp_path: Path) -> None:
    src, out = tmp_path / "verbs.txt", tmp_path / "out.tsv"
    src.write_text(DICTIONARY, encoding="utf-8")
    load("build_verb_lexicon").convert(src, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    verbs = {(r["key"], r["code"]) for r in rows if r["kind"] == "verb"}
    assert {("demand", "100"), ("call for", "100"), ("reject", "120")} <= verbs
    patterns = [r for r in rows if r["kind"] == "pattern"]
    assert patterns == [
        {"kind": "pattern", "key": "DEMAND", "code": "1056", "value": "withdrawal|soldiers,troops"}
    ]


def test_ontology_table_gives_appeals_a_request_event(tmp_path: Path) -> None:
    (tmp_path / "cameo_goldstein.tsv").write_text(
        "CAMEOEVENTCODE\tGOLDSTEINSCALE\n010\t0.0\n026\t4.0\n190\t-10.0\n", encoding="utf-8"
    )
    (tmp_path / "cameo_to_plover.txt").write_text(
        "19: ASSAULT\n190: ASSAULT, , military # Use conventional military force\n",
        encoding="utf-8",
    )
    out = tmp_path / "cameo.tsv"
    load("build_ontology").main(tmp_path, out)
    rows = {r["code"]: r for r in csv.DictReader(out.open(encoding="utf-8"), delimiter="\t")}
    assert rows["190"]["plover_event"] == "ASSAULT" and rows["190"]["quad_class"] == "4"
    assert rows["026"]["plover_event"] == "REQUEST" and rows["026"]["plover_mode"] == "meet"
    assert rows["010"]["plover_event"] == ""
