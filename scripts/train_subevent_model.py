"""Train the sub-event classifier shipped as ``watchfloor/data/subevent_model.joblib``.

Usage: ``python scripts/train_subevent_model.py [--out watchfloor/data/subevent_model.joblib]
[--oof FILE]``

Trains only on snippets we wrote ourselves: ``training/snippets/*.jsonl`` and the gap-finding
check file ``tests/evaluation/data/snippets_check.jsonl``. The fresh check sets
(``snippets_fresh*.jsonl``) stay held out: they are read only to leave out training snippets
that nearly copy one of them. Labels are the 30 snippet labels (25 ACLED sub-event types and
five outside ACLED); ``subevent_labels.tsv`` says what each means to the coder. TF-IDF over
words (1-2 grams) and characters (2-5 grams within words) and a logistic regression; prints
5-fold cross-validated accuracy and weighted F1 first. ``--oof`` writes each training
snippet's out-of-fold probabilities as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = Path(__file__).resolve().parent.parent
EVAL_DATA = ROOT / "tests" / "evaluation" / "data"
TRAINING_FILES = (
    *sorted((ROOT / "training" / "snippets").glob("*.jsonl")),
    EVAL_DATA / "snippets_check.jsonl",
)
HELD_OUT_FILES = tuple(sorted(EVAL_DATA.glob("snippets_fresh*.jsonl")))
DEFAULT_OUT = ROOT / "watchfloor" / "data" / "subevent_model.joblib"
#: A training snippet sharing this share of its words with a held-out one is left out.
NEAR_COPY = 0.5
WORD = re.compile(r"[a-z]+")
FOLDS = 5
SEED = 13


def read_snippets(paths: tuple[Path, ...]) -> tuple[list[str], list[str], list[str]]:
    """Ids, texts and labels of every snippet in the files, in file order."""
    ids: list[str] = []
    texts: list[str] = []
    labels: list[str] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            ids.append(str(item.get("id", f"{path.name}:{number}")))
            texts.append(str(item["text"]))
            labels.append(str(item["label"]))
    return ids, texts, labels


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def near_copies(texts: list[str], held_out: list[str]) -> set[int]:
    """Indexes of training texts whose words overlap a held-out text's by ``NEAR_COPY`` or
    more (Jaccard): left out, so the held-out figures stay honest."""
    held = [words(t) for t in held_out]
    found: set[int] = set()
    for n, text in enumerate(texts):
        mine = words(text)
        if any(len(mine & h) >= NEAR_COPY * len(mine | h) for h in held if mine | h):
            found.add(n)
    return found


def build() -> Pipeline:
    """Word and character TF-IDF features and a balanced logistic regression."""
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=1, sublinear_tf=True, strip_accents="unicode"
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=2,
                    sublinear_tf=True,
                    strip_accents="unicode",
                ),
            ),
        ]
    )
    classifier = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("clf", classifier)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--oof", type=Path, help="write out-of-fold probabilities here")
    args = parser.parse_args()
    ids, texts, labels = read_snippets(TRAINING_FILES)
    dropped = near_copies(texts, read_snippets(HELD_OUT_FILES)[1])
    ids, texts, labels = (
        [x for n, x in enumerate(column) if n not in dropped] for column in (ids, texts, labels)
    )
    print(f"left out {len(dropped)} near-copies of held-out snippets")
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    probs = cross_val_predict(build(), texts, labels, cv=folds, method="predict_proba")
    classes = sorted(set(labels))
    predicted = [classes[int(row.argmax())] for row in probs]
    hits = sum(p == g for p, g in zip(predicted, labels, strict=True))
    weighted = f1_score(labels, predicted, average="weighted")
    print(
        f"{len(texts)} snippets, {len(classes)} labels; {FOLDS}-fold cross-validated "
        f"accuracy {hits / len(texts):.3f}, weighted F1 {weighted:.3f}"
    )
    if args.oof:
        with args.oof.open("w", encoding="utf-8") as out:
            for item_id, row in zip(ids, probs, strict=True):
                scores = {c: round(float(p), 4) for c, p in zip(classes, row, strict=True)}
                out.write(json.dumps({"id": item_id, "probabilities": scores}) + "\n")
    model = build().fit(texts, labels)
    joblib.dump(model, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
