"""Build ``watchfloor/data/cameo.tsv`` from the CAMEO Goldstein table and the CAMEO-PLOVER table.

Usage: ``python scripts/build_ontology.py ../shared/train watchfloor/data/cameo.tsv``

Facts only: each CAMEO code with its Goldstein score, QuadClass, PLOVER event, mode and context.
CAMEO 02 (appeal) has no row in the PLOVER table; it maps to REQUEST like CAMEO 10 (demand),
with the mode of the matching 10x code. CAMEO 01 (public statement) is not an event in PLOVER.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?\s*(.*)$")
APPEAL_MODES = {
    "021": "assist",
    "022": "assist",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}


def quad_class(code: str) -> int:
    """CAMEO root to QuadClass: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def read_plover(path: Path) -> dict[str, tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m or len(m.group(1)) < 3:
            continue
        code, event, mode, context, name = (g.strip() for g in m.groups())
        rows.setdefault(code, (event, mode.replace(" ", ""), context.replace(" ", ""), name))
    return rows


def main(src: Path, out: Path) -> None:
    plover = read_plover(src / "cameo_to_plover.txt")
    with (src / "cameo_goldstein.tsv").open(encoding="utf-8") as fh:
        gold = {
            r["CAMEOEVENTCODE"]: float(r["GOLDSTEINSCALE"])
            for r in csv.DictReader(fh, delimiter="\t")
        }
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(
            [
                "code",
                "goldstein",
                "quad_class",
                "plover_event",
                "plover_mode",
                "plover_context",
                "name",
            ]
        )
        for code in sorted(gold):
            if len(code) < 3:
                continue
            event, mode, context, name = plover.get(code, ("", "", "", ""))
            if not event:
                parent = plover.get(code[:3]) if len(code) == 4 else None
                if parent:
                    event, mode, context = parent[0], parent[1], parent[2]
                elif code.startswith("02"):
                    event, mode = "REQUEST", APPEAL_MODES.get(code[:3], "")
            w.writerow([code, gold[code], quad_class(code), event, mode, context, name])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
