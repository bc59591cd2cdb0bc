"""Derive ``watchfloor/coding/lang/en/verb_lexicon.tsv`` from the PETRARCH CAMEO verb dictionary (MIT).

Usage: ``python scripts/build_verb_lexicon.py ../shared/train/petrarch_CAMEO.verbpatterns.150430.txt
watchfloor/coding/lang/en/verb_lexicon.tsv``

The output keeps, per verb lemma (phrasal verbs as "fight back"), its default CAMEO code and
its verb block (rows ``verb lemma code block``), and per block (rows ``pattern block code
slots``) a simplified form of each phrase pattern: the content words that follow the verb,
as slots of alternatives (``&SET`` references are expanded). The coder fires a pattern when
every slot has a word among the verb's dependents. Codes ``---`` mean "not an event".
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([-\d:]+)\]")
STOP = {
    "TO",
    "OF",
    "THE",
    "FOR",
    "WITH",
    "IN",
    "ON",
    "A",
    "AN",
    "AND",
    "BY",
    "AT",
    "FROM",
    "NOT",
    "WAS",
    "IS",
    "BE",
    "IT",
    "ITS",
    "THAT",
    "AS",
    "INTO",
    "OVER",
    "HAS",
    "HAVE",
    "WOULD",
    "WILL",
    "ARE",
    "WERE",
    "THEIR",
    "THIS",
    "BEEN",
    "UP",
    "OUT",
    "AGAINST",
}


def clean_code(raw: str) -> str:
    return raw.split(":")[0].strip() or "---"


def read_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("&"):
            current = text[1:].rstrip("_").upper()
            sets[current] = []
        elif text.startswith("+") and current:
            sets[current].append(text[1:].strip("_").replace("_", " ").lower())
        elif text.startswith("---"):
            break
    return sets


def slots(pattern: str, sets: dict[str, list[str]]) -> list[list[str]]:
    after = pattern.split("*", 1)[1] if "*" in pattern else ""
    out: list[list[str]] = []
    for tok in after.split():
        if tok.startswith("&"):
            words = sets.get(tok[1:].rstrip("_").upper(), [])
            if words:
                out.append(sorted({w.split()[-1] for w in words}))
            continue
        for part in tok.split("_"):
            part = part.strip("+$^%{}(),.;'\"")
            if len(part) > 2 and part.isalpha() and part.upper() not in STOP:
                out.append([part.lower()])
    return out[:3]


def verb_entry(text: str) -> tuple[str, str | None]:
    body = text.split("{")[0]
    code_match = CODE.search(text)
    word = CODE.sub("", body).strip().lstrip("+").strip("_").replace("_", " ").lower()
    return word, clean_code(code_match.group(1)) if code_match else None


def convert(src: Path, out: Path) -> int:
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    sets = read_sets(lines)
    rows: list[tuple[str, str, str, str]] = []
    block_code, block, in_blocks = "---", "", False
    for line in lines:
        header = HEADER.match(line)
        if header:
            block_code, block, in_blocks = clean_code(header.group(2)), header.group(1), True
            continue
        text = line.split("#")[0].rstrip()
        if not in_blocks or not text.strip() or text.startswith("&"):
            continue
        if text.startswith("- "):
            code_match = CODE.search(text)
            found = slots(CODE.sub("", text[2:]), sets)
            if code_match and found:
                rows.append(
                    (
                        "pattern",
                        block,
                        clean_code(code_match.group(1)),
                        "|".join(",".join(s) for s in found),
                    )
                )
        elif re.match(r"^\+?[A-Z][A-Z_\-]*", text.strip()) and len(text) < 120:
            word, own = verb_entry(text.strip())
            if word and " and" not in word and not word.endswith(" and"):
                rows.append(("verb", word, own or block_code, block))
    seen: set[tuple[str, str, str, str]] = set()
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["kind", "key", "code", "value"])
        for row in rows:
            if row not in seen:
                seen.add(row)
                w.writerow(row)
    return len(seen)


if __name__ == "__main__":
    print(convert(Path(sys.argv[1]), Path(sys.argv[2])))
