"""Fold repeated documents and near-copies of input files before Dask codes them.

Local ingest stores a document once per id and per (text, source), and codes only the
first of a set of near-copies (MinHash similarity at or above ``dedup_threshold``). Coding
files on Dask must leave out the same documents, or it counts a syndicated story once per
outlet. Workers sign their partitions (``sign_partition``); the client then walks every
document in input order exactly as ingest does (``plan_folding``) and tells each partition
which of its documents to code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.ingest.dedup import NearDuplicateIndex, Signature, Signer
from watchfloor.ingest.items import content_hash
from watchfloor.scale.partitions import Partition, read_partition


@dataclass(frozen=True)
class DocumentKey:
    """What folding needs of one document: its id, text hash, source and MinHash."""

    doc_id: str
    content_hash: str
    source: str | None
    signature: bytes


@dataclass(frozen=True)
class FoldPlan:
    """Per partition, the positions (in ``read_partition`` order) of the documents to code."""

    keep: dict[str, tuple[int, ...]]
    duplicates: int
    near_copies: int


def sign_partition(part: Partition) -> tuple[DocumentKey, ...]:
    """The keys of a partition's readable documents, in order (runs on a worker)."""
    docs, _ = read_partition(part)
    signer = Signer()
    return tuple(
        DocumentKey(d.id, content_hash(d.text), d.source, signer.sign(d.text).to_bytes())
        for d in docs
    )


def plan_folding(
    parts: Sequence[Partition], keys: Sequence[Sequence[DocumentKey]], threshold: float
) -> FoldPlan:
    """Which documents local ingest would code: the first of each id, of each (text,
    source), and of each set of near-copies, walking the partitions in input order."""
    index = NearDuplicateIndex(threshold)
    seen_ids: set[str] = set()
    seen_pairs: set[tuple[str, str | None]] = set()
    keep: dict[str, tuple[int, ...]] = {}
    duplicates = near = 0
    for part, part_keys in zip(parts, keys, strict=True):
        kept: list[int] = []
        for position, key in enumerate(part_keys):
            pair = (key.content_hash, key.source)
            if key.doc_id in seen_ids or pair in seen_pairs:
                duplicates += 1
                continue
            seen_ids.add(key.doc_id)
            seen_pairs.add(pair)
            signature = Signature.from_bytes(key.signature)
            if index.best_match(signature) is None:
                index.add(key.doc_id, signature)
                kept.append(position)
            else:
                near += 1
        keep[part.name] = tuple(kept)
    return FoldPlan(keep, duplicates, near)
