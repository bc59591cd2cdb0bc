"""The Arabic and Persian training text of the multilingual sub-event classifier.

``training/multilingual/<lang>_<register>.tsv`` (columns ``label``, ``region``, ``text``): short
texts we wrote for the classifier, one file per language and register (``wire``: agency
leads; ``local``: provincial and national press in the styles of Iraq, Syria, Yemen, Lebanon,
Libya, Iran and Afghanistan; ``statements``: ministries, armed groups, rights groups;
``social``: posts in dialect; ``ngo``: UN, rights-group and humanitarian reports). Labels
are the snippet labels of ``data/subevent_labels.tsv``.
A text sharing half its words or more with one of our Arabic or Persian report sets
(``tests/evaluation/data/reports_{ar,fa}_*.jsonl``) is left out, so that nothing near an
evaluation text is trained on.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from training_text import ROOT, Example

MULTILINGUAL = ROOT / "training" / "multilingual"
EVAL_DATA = ROOT / "tests" / "evaluation" / "data"
EVAL_FILES = tuple(sorted(EVAL_DATA.glob("reports_a[r]_*.jsonl"))) + tuple(
    sorted(EVAL_DATA.glob("reports_fa_*.jsonl"))
)
#: Letters only (Arabic script included); digits and punctuation are not words here.
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: A training text sharing this share of its words with an evaluation text is left out.
NEAR_COPY = 0.5
REGISTERS = ("wire", "local", "statements", "social", "ngo")


@dataclass(frozen=True)
class RegionalExample(Example):
    """A training text with the country whose press it is written like (ISO2, lower case)."""

    region: str = ""


def read_file(path: Path) -> list[RegionalExample]:
    """One language-register file; writer is the language, register the file's register."""
    language, _, register = path.stem.partition("_")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    found = []
    for number, row in enumerate(rows, start=2):
        if not row.get("label") or not row.get("text"):
            raise ValueError(f"{path.name} line {number}: label and text are required")
        found.append(RegionalExample(row["text"].strip(), row["label"].strip(), language,
                                     register, row.get("region") or ""))
    return found


def words(text: str) -> set[str]:
    return set(WORD.findall(text.replace("\u200c", " ")))


def evaluation_texts() -> list[str]:
    """Texts of our Arabic and Persian report sets (dev, held-out, fresh)."""
    texts = []
    for path in EVAL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    return texts


def near_evaluation(examples: list[RegionalExample]) -> set[int]:
    """Indexes of examples sharing ``NEAR_COPY`` of their words with an evaluation text."""
    held = [words(t) for t in evaluation_texts()]
    out = set()
    for n, example in enumerate(examples):
        mine = words(example.text)
        if any(len(mine & h) >= NEAR_COPY * len(mine | h) for h in held if mine | h):
            out.add(n)
    return out


def multilingual_examples() -> list[RegionalExample]:
    """Every Arabic and Persian training text, near-copies of evaluation texts left out."""
    examples = [e for path in sorted(MULTILINGUAL.glob("*.tsv")) for e in read_file(path)]
    dropped = near_evaluation(examples)
    return [e for n, e in enumerate(examples) if n not in dropped]
