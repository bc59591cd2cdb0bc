"""Train the multilingual sub-event classifier the Arabic and Persian coder reads.

Usage: ``python scripts/train_multilingual_model.py [--cache build/embeddings.npz]
[--held-out register|region]``

Writes ``watchfloor/data/subevent_multilingual_embed.npz``: a logistic regression over
multilingual-e5-small sentence vectors, trained on the English training text of the
sub-event classifier (``scripts/training_text.py``) and our Arabic and Persian text in five
registers (``scripts/multilingual_text.py``). ``--held-out register`` prints register-held-out
figures instead (train on English and every Arabic and Persian register but one, test on that
one), beside the English-only classifier on the same texts; ``--held-out region`` the same
with the country whose press a text imitates; nothing is written then.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from multilingual_text import RegionalExample, multilingual_examples
from train_subevent_model import DATA, DEFAULT_CACHE, embedding_classifier
from training_text import Example, embed, subevent_examples

from watchfloor.coding.embed import save_embedding_classifier
from watchfloor.coding.subevent_model import load_subevent_labels

OUT_FILE = "subevent_multilingual_embed.npz"
#: Weight of an Arabic or Persian text against an English one (there are six times fewer):
#: register-held-out label accuracy 0.748 at 1, 0.768 at 3, 0.772 at 6 (C = 20).
OURS_WEIGHT = 4.0


def weights(n_english: int, n_total: int) -> np.ndarray:
    """Sample weights: 1 for the English texts (first), ``OURS_WEIGHT`` for the rest."""
    out = np.full(n_total, OURS_WEIGHT)
    out[:n_english] = 1.0
    return out


def acled_type(label: str) -> str:
    """The ACLED event type of a label, else its kind (diplomatic, nonpolitical, claim)."""
    entry = load_subevent_labels()[label]
    return entry.acled.event_type if entry.acled else entry.kind


def group(example: RegionalExample, by: str) -> str:
    return example.register if by == "register" else example.region


def held_out(
    english: list[Example], ours: list[RegionalExample], vectors: np.ndarray, by: str
) -> None:
    """Per register or region (and all together): label and ACLED-type accuracy of a
    classifier that never read that group in Arabic or Persian, and of the English-only one."""
    n_en = len(english)
    labels = np.asarray([e.label for e in [*english, *ours]])
    only_english = embedding_classifier().fit(vectors[:n_en], labels[:n_en])
    totals: Counter[str] = Counter()
    for held in sorted({group(e, by) for e in ours}):
        test = [n_en + i for i, e in enumerate(ours) if group(e, by) == held]
        train = list(range(n_en)) + [n_en + i for i, e in enumerate(ours)
                                     if group(e, by) != held]
        model = embedding_classifier().fit(
            vectors[train], labels[train], sample_weight=weights(n_en, len(train))
        )
        for name, reader in (("mixed", model), ("english", only_english)):
            guess = reader.predict(vectors[test])
            for lang in ("ar", "fa"):
                rows = [k for k, i in enumerate(test) if ours[i - n_en].writer == lang]
                if not rows:
                    continue
                hit = sum(guess[k] == labels[test[k]] for k in rows)
                typed = sum(acled_type(guess[k]) == acled_type(labels[test[k]]) for k in rows)
                totals.update({f"{name} {lang} n": len(rows), f"{name} {lang} label": hit,
                               f"{name} {lang} type": typed})
                print(f"held out {held:<10} {lang} {name:<7} n={len(rows):3d} "
                      f"sub-event {hit / len(rows):.3f} type {typed / len(rows):.3f}")
    for name in ("mixed", "english"):
        for lang in ("ar", "fa"):
            n = totals[f"{name} {lang} n"]
            print(f"all {by}s {lang} {name:<7} n={n} sub-event "
                  f"{totals[f'{name} {lang} label'] / n:.3f} "
                  f"type {totals[f'{name} {lang} type'] / n:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--held-out", choices=("register", "region"),
                        help="print held-out figures by register or region only")
    args = parser.parse_args()
    english, ours = subevent_examples(), multilingual_examples()
    print(f"{len(english)} English texts; Arabic and Persian by language and register: "
          f"{dict(Counter(f'{e.writer}_{e.register}' for e in ours))}")
    vectors = embed([e.text for e in [*english, *ours]], args.cache)
    if args.held_out:
        held_out(english, ours, vectors, args.held_out)
        return
    labels = np.asarray([e.label for e in [*english, *ours]])
    model = embedding_classifier().fit(
        vectors, labels, sample_weight=weights(len(english), len(labels))
    )
    out = args.out / OUT_FILE
    save_embedding_classifier(out, list(model.classes_), model.coef_.T, model.intercept_)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
