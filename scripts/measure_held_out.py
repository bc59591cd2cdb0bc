"""Writer-held-out figures for the sub-event classifier: train without one writer or register,
test on it, for each in turn. This is our honest estimate of the classifier on text by a
writer it never read (the README quotes it).

Usage: ``python scripts/measure_held_out.py [--cache build/embeddings.npz] [--json FILE]``

Compares three readers of the same training text: words (TF-IDF, the classifier before
embeddings), embeddings (multilingual-e5-small vectors, logistic regression) and both
(the two probability tables averaged); ``--quick``: embeddings only. Prints accuracy and
macro-F1 per held-out group, then the mean over groups and over all held-out texts (micro).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from train_subevent_model import DEFAULT_CACHE, embedding_classifier, words_classifier
from training_text import Example, embed, subevent_examples

Reader = Callable[[list[int], list[int]], np.ndarray]


def group_of(example: Example) -> str:
    """The held-out unit: a register of the register files, else the writer."""
    return example.register if example.writer == "registers" else example.writer


def readers(examples: list[Example], vectors: np.ndarray) -> dict[str, Reader]:
    """Train-on-these, predict-those functions returning probabilities over ``classes``."""
    texts = [e.text for e in examples]
    labels = np.asarray([e.label for e in examples])
    classes = sorted(set(labels))

    def aligned(model_classes: list[str], probs: np.ndarray) -> np.ndarray:
        out = np.zeros((probs.shape[0], len(classes)))
        for col, name in enumerate(model_classes):
            out[:, classes.index(name)] = probs[:, col]
        return out

    def by_words(train: list[int], test: list[int]) -> np.ndarray:
        model = words_classifier().fit([texts[i] for i in train], labels[train])
        return aligned(list(model.classes_), model.predict_proba([texts[i] for i in test]))

    def by_vectors(train: list[int], test: list[int]) -> np.ndarray:
        model = embedding_classifier().fit(vectors[train], labels[train])
        return aligned(list(model.classes_), model.predict_proba(vectors[test]))

    return {"words": by_words, "embeddings": by_vectors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--quick", action="store_true", help="embeddings only")
    args = parser.parse_args()
    examples = subevent_examples()
    vectors = embed([e.text for e in examples], args.cache)
    labels = np.asarray([e.label for e in examples])
    classes = sorted(set(labels))
    groups = sorted({group_of(e) for e in examples})
    probs: dict[str, dict[str, np.ndarray]] = {"words": {}, "embeddings": {}, "both": {}}
    chosen = readers(examples, vectors)
    if args.quick:
        chosen = {"embeddings": chosen["embeddings"]}
        probs = {"embeddings": {}}
    for name, read in chosen.items():
        for group in groups:
            test = [i for i, e in enumerate(examples) if group_of(e) == group]
            train = [i for i, e in enumerate(examples) if group_of(e) != group]
            probs[name][group] = read(train, test)
    for group in groups if "both" in probs else []:  # the two readers' probabilities averaged
        probs["both"][group] = (probs["words"][group] + probs["embeddings"][group]) / 2
    results: dict[str, dict[str, object]] = {}
    for name, by_group in probs.items():
        gold: list[str] = []
        pred: list[str] = []
        per_group = {}
        for group in groups:
            test = [i for i, e in enumerate(examples) if group_of(e) == group]
            guessed = [classes[j] for j in by_group[group].argmax(axis=1)]
            wanted = list(labels[test])
            per_group[group] = (len(test), _accuracy(wanted, guessed), _macro(wanted, guessed))
            gold += wanted
            pred += guessed
        results[name] = {
            "groups": per_group,
            "mean_accuracy": round(float(np.mean([v[1] for v in per_group.values()])), 3),
            "micro_accuracy": _accuracy(gold, pred),
            "micro_macro_f1": _macro(gold, pred),
        }
    _print(results, groups)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


def _accuracy(gold: list[str], pred: list[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 3)


def _macro(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold))
    return round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 3)


def _print(results: dict[str, dict[str, object]], groups: list[str]) -> None:
    names = list(results)
    print("held-out group".ljust(22) + "n".rjust(5) + "".join(f"{n:>20}" for n in names))
    for group in groups:
        row = [results[n]["groups"][group] for n in names]  # type: ignore[index]
        cells = "".join(f"{f'{acc:.3f} / {f1:.3f}':>20}" for _, acc, f1 in row)
        print(group.ljust(22) + f"{row[0][0]:>5}" + cells)
    means = "".join(f"{results[n]['mean_accuracy']:>20}" for n in names)
    print("mean accuracy".ljust(27) + means)
    pairs = [f"{results[n]['micro_accuracy']} / {results[n]['micro_macro_f1']}" for n in names]
    micro = "".join(f"{pair:>20}" for pair in pairs)
    print("all held out (acc / F1)".ljust(27) + micro)


if __name__ == "__main__":
    main()
