"""Train the fallback sentence classifier shipped as ``watchfloor/data/event_model.joblib``.

Usage: ``python scripts/train_event_model.py ../shared/train/plover_synthetic_stories.csv
watchfloor/data/event_model.joblib``

Trains only on the synthetic PLOVER stories (NGEC, Halterman et al., MIT licence): each
story's headline and lead sentence with its PLOVER event label. TF-IDF over word 1-2 grams and
a logistic regression, a few MB on disk. Prints held-out accuracy (10% of stories).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def lead(text: str, title: str) -> str:
    """Headline plus the first sentence of the story."""
    first = SENTENCE_END.split(str(text).strip(), maxsplit=1)[0]
    return f"{PLACEHOLDER.sub('', str(title))}. {first}"


def build() -> Pipeline:
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=2,
                    max_features=40_000,
                    sublinear_tf=True,
                    strip_accents="unicode",
                ),
            ),
            ("clf", LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced")),
        ]
    )


def main(src: Path, out: Path) -> None:
    frame = pd.read_csv(src)
    texts = [lead(t, h) for t, h in zip(frame["text"], frame["title"].fillna(""), strict=True)]
    labels = frame["label"].astype(str).str.upper().tolist()
    x_train, x_test, y_train, y_test = train_test_split(
        texts, labels, test_size=0.1, random_state=13, stratify=labels
    )
    model = build().fit(x_train, y_train)
    print(f"held-out accuracy {model.score(x_test, y_test):.3f} on {len(x_test)} stories")
    model = build().fit(texts, labels)
    joblib.dump(model, out, compress=3)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
