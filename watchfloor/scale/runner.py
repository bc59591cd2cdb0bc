"""Code many documents on a Dask cluster: local processes or a remote scheduler."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from watchfloor.coding.prior import CollectionPrior
from watchfloor.errors import ConfigError, InputError, WatchfloorError
from watchfloor.records import Document
from watchfloor.scale.folding import FoldPlan, plan_folding, sign_partition
from watchfloor.scale.output import atomic_write, remove_stale
from watchfloor.scale.partitions import (
    Partition,
    expand_inputs,
    plan_documents,
    plan_files,
)
from watchfloor.scale.worker import DEFAULT_LOADER, CoderPlugin, PartitionResult, code_partition
from watchfloor.settings import Settings
from watchfloor.store.coded import write_coded_rows
from watchfloor.store.database import Store
from watchfloor.store.documents import load_documents


@dataclass(frozen=True)
class ScaleSummary:
    """What a Dask coding run did; ``failures`` name each unreadable input record.

    With input files, ``duplicates`` (a repeated id, or the same text from the same source)
    and ``near_copies`` were left uncoded, as local ingest leaves them.
    """

    documents: int
    events: int
    partitions: int
    skipped_partitions: int
    files: int
    workers: int
    seconds: float
    coder_version: str | None
    output: str | None
    failures: tuple[str, ...] = ()
    duplicates: int = 0
    near_copies: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON output."""
        data = asdict(self)
        data["failures"] = list(self.failures)
        return data


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client on ``scheduler`` or on a new local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler and workers:
        raise ConfigError("give either --scheduler or --workers, not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach Dask scheduler {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    n = workers or max(1, (os.cpu_count() or 2) - 1)
    with (
        LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _pending_documents(store: Store, recode: bool) -> list[Document]:
    where = "canonical_id IS NULL" + ("" if recode else " AND coded_at IS NULL")
    rows = store.con.execute(f"SELECT id FROM documents WHERE {where} ORDER BY id").fetchall()
    return load_documents(store, [row[0] for row in rows])


def _plan(
    settings: Settings,
    store: Store | None,
    input: str | Sequence[str] | None,
    recode: bool,
    docs_per_partition: int | None,
) -> list[Partition]:
    size = docs_per_partition or settings.batch_size
    if input:
        return plan_files(expand_inputs(input), size)
    if store is None:
        raise InputError("nothing to code: give an input glob or a database")
    return plan_documents(_pending_documents(store, recode), size)


def _store_result(store: Store, result: PartitionResult) -> None:
    """Replace the partition's documents' sentences and events, mark them coded: one batch."""
    write_coded_rows(
        store,
        result.document_ids,
        result.sentence_rows,
        result.event_rows,
        result.coder_version,
    )


def _fold(client: Any, parts: list[Partition], threshold: float) -> FoldPlan:
    """Sign every partition on the workers, then fold in input order on the client."""
    futures = [
        client.submit(sign_partition, part, key=f"watchfloor-sign-{part.name}", retries=2)
        for part in parts
    ]
    try:
        keys = client.gather(futures)
    except WatchfloorError:
        raise
    except Exception as exc:  # a task's own error or KilledWorker after all retries
        raise WatchfloorError(f"Dask could not read the input to fold near-copies: {exc}") from exc
    return plan_folding(parts, keys, threshold)


def _run_partitions(
    client: Any,
    parts: list[Partition],
    output: str | None,
    plugin_name: str,
    store: Store | None,
    on_progress: Callable[[int, int], None] | None,
    prior: CollectionPrior | None = None,
    fold: FoldPlan | None = None,
) -> list[PartitionResult]:
    from distributed import as_completed

    # the prior (a few MB with its word model) goes to each worker once, not with every task
    shared = client.scatter(prior, broadcast=True, hash=False) if prior else None
    futures = [
        client.submit(
            code_partition,
            part,
            output,
            plugin_name,
            shared,
            fold.keep[part.name] if fold else None,
            key=f"watchfloor-code-{part.name}",
            retries=2,
            pure=False,
        )
        for part in parts
    ]
    results = []
    for future in as_completed(futures):
        try:
            result: PartitionResult = future.result()
        except WatchfloorError:
            raise
        except Exception as exc:  # a task's own error or KilledWorker after all retries
            raise WatchfloorError(f"Dask coding failed on {future.key}: {exc}") from exc
        if output is None and store is not None:
            _store_result(store, result)
        results.append(result)
        if on_progress:
            on_progress(len(results), len(parts))
    return results


def code_with_dask(
    *,
    settings: Settings,
    store: Store | None = None,
    input: str | Sequence[str] | None = None,
    output: str | Path | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    recode: bool = False,
    docs_per_partition: int | None = None,
    coder_loader: str = DEFAULT_LOADER,
    on_progress: Callable[[int, int], None] | None = None,
) -> ScaleSummary:
    """Code documents in parallel on Dask and write events as Parquet or into ``store``.

    Documents come from ``input`` (glob(s) of JSONL/Parquet files; repeats and near-copies
    folded as local ingest folds them) or else from ``store`` (canonical documents not yet
    coded; all of them with ``recode``). Events go to
    ``output`` as Parquet partitioned by date and country, or else into ``store``. Each
    worker loads the coder once (``coder_loader``, ``"module:callable"`` taking Settings).
    With ``output``, partitions finished by an earlier run with the same coder version are
    skipped, and files of partitions no longer in the input are removed.
    """
    started = time.perf_counter()
    if output is None and store is None:
        raise InputError("give --output DIR for coding files, or a database to write into")
    if input and output is None:
        # Events of files that are not in the database would have no documents row.
        raise InputError(
            "--input needs --output DIR (ingest the files to code them in the database)"
        )
    parts = _plan(settings, store, input, recode, docs_per_partition)
    out = str(Path(output).resolve()) if output is not None else None
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
    with dask_client(scheduler, workers) as client:
        n_workers = len(client.scheduler_info().get("workers", {}))
        plugin = CoderPlugin(settings, coder_loader)
        client.register_plugin(plugin, name=plugin.name)
        prior = CollectionPrior.from_store(store) if store is not None and not input else None
        fold = _fold(client, parts, settings.dedup_threshold) if input else None
        results = _run_partitions(
            client, parts, out, plugin.name, store, on_progress, prior, fold
        )
    if out is not None:
        remove_stale(Path(out), {p.name for p in parts})
    summary = ScaleSummary(
        documents=sum(len(r.document_ids) for r in results),
        events=sum(r.events for r in results),
        partitions=len(parts),
        skipped_partitions=sum(r.skipped for r in results),
        files=sum(r.files for r in results),
        workers=n_workers,
        seconds=round(time.perf_counter() - started, 3),
        coder_version=results[0].coder_version if results else None,
        output=out,
        failures=tuple(f for r in results for f in r.failures),
        duplicates=fold.duplicates if fold else 0,
        near_copies=fold.near_copies if fold else 0,
    )
    if out is not None:
        text = json.dumps(summary.as_dict(), indent=2)
        atomic_write(Path(out) / "_SUCCESS.json", lambda tmp: tmp.write_text(text))
    return summary
