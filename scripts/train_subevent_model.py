"""Train the sub-event classifiers shipped in ``watchfloor/data/``.

Usage: ``python scripts/train_subevent_model.py [--cache build/embeddings.npz]``

Writes ``subevent_embed.npz`` (a logistic regression over multilingual-e5-small sentence
embeddings, the default reader) and ``subevent_model.joblib`` (TF-IDF over words and
characters, used when ``event_embeddings`` is off). Training text: ``scripts/training_text.py``
(our snippets by writer, the register files, the check file; never an evaluation file). Labels
are the 30 snippet labels (25 ACLED sub-event types and five outside ACLED);
``subevent_labels.tsv`` says what each means to the coder. Writer-held-out figures:
``scripts/measure_held_out.py``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from training_text import ROOT, embed, subevent_examples

from watchfloor.coding.embed import save_embedding_classifier

DATA = ROOT / "watchfloor" / "data"
DEFAULT_CACHE = ROOT / "build" / "embeddings.npz"
#: Inverse regularisation of the embedding classifier (unit vectors: larger C, sharper).
EMBED_C = 20.0


def words_classifier() -> Pipeline:
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


def embedding_classifier() -> LogisticRegression:
    """A balanced multinomial logistic regression over sentence vectors."""
    return LogisticRegression(C=EMBED_C, max_iter=5000, class_weight="balanced")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    examples = subevent_examples()
    texts = [e.text for e in examples]
    labels = np.asarray([e.label for e in examples])
    by_writer = Counter(e.register if e.writer == "registers" else e.writer for e in examples)
    print(f"{len(examples)} texts, {len(set(labels))} labels; by writer/register: {by_writer}")
    vectors = embed(texts, args.cache)
    model = embedding_classifier().fit(vectors, labels)
    out = args.out / "subevent_embed.npz"
    save_embedding_classifier(out, list(model.classes_), model.coef_.T, model.intercept_)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    words = words_classifier().fit(texts, labels)
    out = args.out / "subevent_model.joblib"
    joblib.dump(words, out, compress=3)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
