"""What runs on a Dask worker: the coder loaded once per worker, and the partition task."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from watchfloor.coding.prior import CollectionPrior
from watchfloor.errors import ModelError
from watchfloor.scale.output import read_manifest, write_manifest, write_partition_events
from watchfloor.scale.partitions import Partition, read_partition
from watchfloor.settings import Settings
from watchfloor.store.events import event_to_row

PLUGIN_PREFIX = "watchfloor-coder"
DEFAULT_LOADER = "watchfloor.coding.pipeline:Coder.load"


class CoderLike(Protocol):
    """What the scale layer needs of a coder (``watchfloor.coding.pipeline.Coder``)."""

    version: str

    def code_documents(self, docs: Any) -> Any: ...


def resolve_loader(spec: str) -> Callable[[Settings], CoderLike]:
    """``"package.module:Class.method"`` to the callable; a bad spec is a ModelError."""
    module_name, _, attr_path = spec.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
        for attr in attr_path.split("."):
            target = getattr(target, attr)
    except (ImportError, AttributeError) as exc:
        raise ModelError(f"coder loader {spec!r} cannot be imported: {exc}") from exc
    if not callable(target):
        raise ModelError(f"coder loader {spec!r} is not callable")
    loader: Callable[[Settings], CoderLike] = target
    return loader


class CoderPlugin(WorkerPlugin):
    """Loads the coder when a worker starts (or restarts), so each worker loads it once.

    The name hashes the loader and settings: registering the same coder again on a
    long-lived cluster is a no-op (``idempotent``), a different one is loaded beside it.
    """

    idempotent = True

    def __init__(self, settings: Settings, loader: str = DEFAULT_LOADER) -> None:
        self.settings = settings
        self.loader = loader
        key = f"{loader}\x1f{settings.model_dump_json()}".encode()
        self.name = f"{PLUGIN_PREFIX}-{hashlib.sha256(key).hexdigest()[:12]}"
        self.coder: CoderLike | None = None

    def setup(self, worker: Any) -> None:
        self.coder = resolve_loader(self.loader)(self.settings)


def worker_coder(plugin_name: str) -> CoderLike:
    """The coder the named plugin loaded on the current worker."""
    plugin = get_worker().plugins.get(plugin_name)
    coder = getattr(plugin, "coder", None)
    if coder is None:
        raise ModelError("this Dask worker has no watchfloor coder: register CoderPlugin first")
    return coder  # type: ignore[no-any-return]


@dataclass(frozen=True)
class PartitionResult:
    """What one partition task reports back; rows only when there is no Parquet output."""

    name: str
    document_ids: tuple[str, ...]
    events: int
    files: int
    failures: tuple[str, ...]
    coder_version: str
    skipped: bool = False
    event_rows: tuple[tuple[Any, ...], ...] = ()
    sentence_rows: tuple[tuple[Any, ...], ...] = ()


def _finished(
    out: Path, part: Partition, version: str, kept: list[int] | None
) -> PartitionResult | None:
    """The result an earlier run recorded for this partition, if it coded the same way."""
    done = read_manifest(out, part.name)
    if done is None or done.get("coder_version") != version or done.get("kept") != kept:
        return None
    return PartitionResult(
        part.name,
        tuple(done["document_ids"]),
        int(done["events"]),
        int(done["files"]),
        tuple(done.get("failures", ())),
        version,
        skipped=True,
    )


def code_partition(
    part: Partition,
    output: str | None,
    plugin_name: str,
    prior: CollectionPrior | None = None,
    keep: tuple[int, ...] | None = None,
) -> PartitionResult:
    """Code one partition with the worker's coder; write its Parquet files when ``output``.
    ``prior``: what the database's events say, as local coding uses it (the coder's
    ``use_prior`` does nothing when it already has it). ``keep``: the positions of the
    documents to code (the others are repeats or near-copies, see ``folding``); None: all.

    Safe to run twice: file names depend only on the partition, each file is renamed into
    place whole, and the manifest that marks the partition done is written last.
    """
    coder = worker_coder(plugin_name)
    use_prior = getattr(coder, "use_prior", None)
    if prior is not None and callable(use_prior):
        use_prior(prior)
    out = Path(output) if output else None
    kept = list(keep) if keep is not None else None
    if out is not None and (done := _finished(out, part, coder.version, kept)) is not None:
        return done
    docs, failures = read_partition(part)
    if keep is not None:
        docs = [docs[i] for i in keep]
    event_rows: list[tuple[Any, ...]] = []
    sentence_rows: list[tuple[Any, ...]] = []
    for coded in coder.code_documents(docs):
        event_rows.extend(event_to_row(e, coder.version) for e in coded.events)
        sentence_rows.extend(
            (s.document_id, s.index, s.start, s.end, s.text) for s in coded.sentences
        )
    ids = tuple(d.id for d in docs)
    if out is None:
        return PartitionResult(
            part.name,
            ids,
            len(event_rows),
            0,
            tuple(failures),
            coder.version,
            event_rows=tuple(event_rows),
            sentence_rows=tuple(sentence_rows),
        )
    files = write_partition_events(out, part.name, event_rows)
    write_manifest(
        out,
        part.name,
        {
            "document_ids": list(ids),
            "events": len(event_rows),
            "files": files,
            "failures": failures,
            "coder_version": coder.version,
            "kept": kept,
        },
    )
    return PartitionResult(part.name, ids, len(event_rows), files, tuple(failures), coder.version)
