"""The training text of the event classifiers, each item tagged with its writer and register.

Read by ``scripts/train_subevent_model.py``, ``scripts/train_event_model.py`` and
``scripts/measure_held_out.py``; never by the package. Sources, all trainable:

- ``training/snippets/{a,b,c,d,e}.jsonl``: news snippets we wrote, one writer per file (a:
  ACLED-style notes, b: wire leads, c: longer wire features, d: local and social posts, e:
  air strikes). Labels are the 30 snippet labels.
- ``training/registers/*.tsv``: short texts written for the embedding classifier, one file per
  register (wire, South Asian, West African, East African and Latin American English-language
  press, NGO situation reports, government and armed-group statements, social posts), covering
  every ACLED sub-event type; columns ``label`` and ``text``.
- ``tests/evaluation/data/snippets_check.jsonl``: our gap-finding check file (writer "check").
- ``../shared/train/plover_synthetic_stories.csv``: NGEC synthetic PLOVER stories (Halterman
  et al., MIT), for the PLOVER event classifier only.

Evaluation files (``../shared/eval``) are never read here.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "training" / "snippets"
REGISTERS = ROOT / "training" / "registers"
EVAL_DATA = ROOT / "tests" / "evaluation" / "data"
CHECK_FILE = EVAL_DATA / "snippets_check.jsonl"
HELD_OUT_FILES = tuple(sorted(EVAL_DATA.glob("snippets_fresh*.jsonl")))
STORIES = ROOT.parent / "shared" / "train" / "plover_synthetic_stories.csv"
#: The register of each snippet writer's file.
SNIPPET_REGISTERS = {
    "a": "acled-notes",
    "b": "wire",
    "c": "wire-feature",
    "d": "local-social",
    "e": "wire",
}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[a-z]+")
#: A training text sharing this share of its words with a held-out one is left out.
NEAR_COPY = 0.5


@dataclass(frozen=True)
class Example:
    """One training text with its label, its writer and its register."""

    text: str
    label: str
    writer: str
    register: str


def read_jsonl_snippets(path: Path, writer: str, register: str) -> list[Example]:
    """Snippets of one JSON-lines file (fields ``text`` and ``label``)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            found.append(Example(str(item["text"]), str(item["label"]), writer, register))
    return found


def read_register(path: Path) -> list[Example]:
    """The texts of one register file (TSV: label, text)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Example(r["text"].strip(), r["label"].strip(), "registers", path.stem) for r in rows]


def subevent_examples() -> list[Example]:
    """Every labelled text for the sub-event classifier, near-copies of held-out checks out."""
    examples: list[Example] = []
    for path in sorted(SNIPPETS.glob("*.jsonl")):
        writer = f"snippets-{path.stem}"
        examples += read_jsonl_snippets(path, writer, SNIPPET_REGISTERS.get(path.stem, "news"))
    if CHECK_FILE.is_file():
        examples += read_jsonl_snippets(CHECK_FILE, "check", "mixed")
    for path in sorted(REGISTERS.glob("*.tsv")):
        examples += read_register(path)
    held = [e.text for p in HELD_OUT_FILES for e in read_jsonl_snippets(p, "held", "held")]
    dropped = near_copies([e.text for e in examples], held)
    return [e for n, e in enumerate(examples) if n not in dropped]


def story_examples(path: Path = STORIES) -> list[Example]:
    """Headline and lead sentence of each synthetic PLOVER story, with its PLOVER event."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Example(lead(r["text"], r.get("title") or ""), r["label"].upper(), "ngec", "synthetic")
        for r in rows
    ]


def lead(text: str, title: str) -> str:
    """Headline plus the first sentence of the story."""
    first = SENTENCE_END.split(str(text).strip(), maxsplit=1)[0]
    return f"{PLACEHOLDER.sub('', str(title))}. {first}"


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def near_copies(texts: list[str], held_out: list[str]) -> set[int]:
    """Indexes of texts whose words overlap a held-out text's by ``NEAR_COPY`` or more."""
    held = [words(t) for t in held_out]
    found: set[int] = set()
    for n, text in enumerate(texts):
        mine = words(text)
        if any(len(mine & h) >= NEAR_COPY * len(mine | h) for h in held if mine | h):
            found.add(n)
    return found


def embed(texts: list[str], cache: Path) -> np.ndarray:
    """Embeddings of the texts with the shipped encoder, kept in ``cache`` (an .npz keyed by
    text hash) so that re-training does not re-read unchanged text."""
    import hashlib

    import numpy as np

    from watchfloor.coding.embed import load_encoder

    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache.is_file():
        with np.load(cache) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    missing = [t for k, t in zip(keys, texts, strict=True) if k not in known]
    if missing:
        vectors = load_encoder().encode(missing)
        for text, vector in zip(missing, vectors, strict=True):
            known[hashlib.sha1(text.encode("utf-8")).hexdigest()] = vector
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, keys=np.asarray(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])
