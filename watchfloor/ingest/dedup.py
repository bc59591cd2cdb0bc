"""Near-duplicate detection: MinHash signatures of word 3-shingles and an LSH index.

Signatures are stored in ``documents.minhash`` (128 little-endian uint32 values) so the index
can be rebuilt from the database when a run starts.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHashLSH

from watchfloor.store.database import Store

NUM_PERM = 128
SHINGLE_WORDS = 3
_SEED = 20240301
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"\w+", re.UNICODE)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(_SEED)
    a = gen.randint(1, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
    b = gen.randint(0, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
    return a, b


@dataclass(frozen=True, eq=False)
class Signature:
    """A MinHash signature; quacks like datasketch's MinHash for MinHashLSH."""

    hashvalues: np.ndarray

    def __len__(self) -> int:
        return len(self.hashvalues)

    def to_bytes(self) -> bytes:
        """The form stored in ``documents.minhash``."""
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        """Read a stored signature back."""
        return cls(np.frombuffer(blob, dtype="<u4").astype(np.uint64))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self)


class Signer:
    """Computes signatures; holds the fixed permutations and a word-hash cache for one run.

    Shingles are hashed by combining per-word crc32 values (vectorised in numpy), which
    gives the same set semantics as hashing the joined three-word strings, much faster.
    """

    _CACHE_LIMIT = 1_000_000

    def __init__(self) -> None:
        self._a, self._b = _permutations()
        self._words: dict[str, int] = {}

    def _word_codes(self, words: list[str]) -> np.ndarray:
        cache = self._words
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        codes = []
        for word in words:
            code = cache.get(word)
            if code is None:
                code = cache[word] = zlib.crc32(word.encode("utf-8"))
            codes.append(code)
        return np.array(codes, dtype=np.uint64)

    def shingle_hashes(self, text: str) -> np.ndarray:
        """Distinct 32-bit hashes of the lower-cased word 3-shingles (words, when fewer)."""
        codes = self._word_codes(_WORD.findall(text.lower()))
        if len(codes) == 0:
            return np.zeros(1, dtype=np.uint64)
        if len(codes) >= SHINGLE_WORDS:
            with np.errstate(over="ignore"):
                codes = (
                    codes[:-2] * np.uint64(0x9E3779B1)
                    + codes[1:-1] * np.uint64(0x85EBCA77)
                    + codes[2:]
                ) % np.uint64(0xFFFFFFFB)
        return np.unique(codes)

    def sign(self, text: str) -> Signature:
        """MinHash signature of ``text`` (vectorised over shingles and permutations)."""
        hashed = self.shingle_hashes(text).reshape(-1, 1)
        with np.errstate(over="ignore"):
            values = ((hashed * self._a + self._b) % _MERSENNE) & _MAX_HASH
        return Signature(values.min(axis=0))


class NearDuplicateIndex:
    """Canonical documents' signatures, searchable for near-copies above a threshold."""

    def __init__(self, threshold: float) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"dedup threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        # Weighted against false negatives: every candidate is checked against the threshold
        # with its estimated similarity, so an extra candidate costs one comparison, while a
        # missed one is a syndicated copy left unlinked (about 1 in 5 at J=0.87 unweighted).
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.05, 0.95))
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc_id: str, signature: Signature) -> None:
        """Index a canonical document."""
        if doc_id in self._signatures:
            return
        self._lsh.insert(doc_id, signature, check_duplication=False)
        self._signatures[doc_id] = signature

    def remove(self, doc_id: str) -> None:
        """Forget a document (used when its batch was rolled back)."""
        if self._signatures.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)

    def best_match(self, signature: Signature) -> tuple[str, float] | None:
        """The most similar indexed document at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(signature):
            score = signature.similarity(self._signatures[key])
            if score >= self.threshold and (
                best is None or score > best[1] or (score == best[1] and key < best[0])
            ):
                best = (key, score)
        return best

    @classmethod
    def from_store(cls, store: Store, threshold: float) -> NearDuplicateIndex:
        """Rebuild the index from the canonical documents' stored signatures."""
        index = cls(threshold)
        cursor = store.con.execute(
            "SELECT id, minhash FROM documents WHERE canonical_id IS NULL AND minhash IS NOT NULL"
        )
        while rows := cursor.fetchmany(5000):
            for doc_id, blob in rows:
                index.add(doc_id, Signature.from_bytes(blob))
        return index
