"""Coding on a real local Dask cluster: same events as local coding, crash-safe, re-runnable."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from distributed import LocalCluster

from tests.scale.sentence_coder import KILL_AT_ENV, KILL_FLAG_ENV, SentenceCoder
from watchfloor.demo import corpus_path, iter_demo_documents
from watchfloor.errors import ConfigError, InputError, ModelError
from watchfloor.records import Document
from watchfloor.scale import code_with_dask
from watchfloor.settings import Settings
from watchfloor.store import Store
from watchfloor.store.events import EVENT_COLUMNS, event_to_row

LOADER = "tests.scale.sentence_coder:SentenceCoder.load"
KILL_DOC = "wf-test-kill-me"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def kill_flag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kill") / "killed.flag"


@pytest.fixture(scope="module")
def scheduler(kill_flag: Path) -> Iterator[str]:
    """A real two-process cluster; workers inherit the kill switch through the environment."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(KILL_FLAG_ENV, str(kill_flag))
        mp.setenv(KILL_AT_ENV, KILL_DOC)
        with LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            yield cluster.scheduler_address


@pytest.fixture(scope="module")
def demo_rows() -> list[dict[str, Any]]:
    with corpus_path().open(encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, 36)]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path: Path, demo_rows: list[dict[str, Any]]) -> Path:
    write_jsonl(tmp_path / "archive" / "a.jsonl", demo_rows[:20])
    write_jsonl(tmp_path / "archive" / "b.jsonl", demo_rows[20:])
    return tmp_path / "archive"


def local_rows(settings: Settings, docs: list[Document]) -> list[tuple[Any, ...]]:
    coder = SentenceCoder.load(settings)
    rows = [event_to_row(e, coder.version) for c in coder.code_documents(docs) for e in c.events]
    return sorted(rows, key=lambda r: r[0])


def parquet_rows(output: Path) -> list[tuple[Any, ...]]:
    cols = ", ".join(EVENT_COLUMNS)
    sql = f"SELECT {cols} FROM read_parquet('{output}/**/*.parquet') ORDER BY id"
    return duckdb.sql(sql).fetchall()


def demo_documents(rows: list[dict[str, Any]]) -> list[Document]:
    wanted = {r["id"] for r in rows}
    return [d for d in iter_demo_documents() if d.id in wanted]


def test_dask_output_matches_local_coding(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path, demo_rows: list[Any]
) -> None:
    out = tmp_path / "events"
    summary = code_with_dask(
        settings=settings,
        input=str(archive / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        docs_per_partition=7,
        coder_loader=LOADER,
    )
    # the 36 stories hold two near-copies of wf-demo-0019 (one in each file): local ingest
    # codes neither, and neither may Dask
    docs = locally_ingested(settings, sorted(archive.glob("*.jsonl")), tmp_path)
    expected = local_rows(settings, docs)
    got = parquet_rows(out)
    assert got == expected
    assert summary.documents == len(docs) == len(demo_rows) - 2
    assert (summary.near_copies, summary.duplicates) == (2, 0)
    assert summary.events == len(expected) > 0
    assert summary.partitions == 6  # 20 docs -> 3 partitions, 16 docs -> 3 partitions
    assert summary.workers == 2
    assert len({r[0] for r in got}) == len(got)


def near_copy(row: dict[str, Any], n: int, source: str) -> dict[str, Any]:
    """The story as another outlet carries it: own id, url and source, one sentence added."""
    return {
        **row,
        "id": f"{row['id']}-copy{n}",
        "url": f"https://copy{n}.example/{row['id']}",
        "source": source,
        "text": row["text"] + " More details were not immediately available.",
    }


def locally_ingested(settings: Settings, files: list[Path], tmp_path: Path) -> list[Document]:
    """The documents ``watchfloor ingest FILES`` would code: canonical ones, repeats dropped."""
    from watchfloor.ingest.pipeline import Ingestor
    from watchfloor.store.documents import load_documents

    with Store(tmp_path / "local.duckdb") as store:
        Ingestor(store, settings).ingest([str(f) for f in files])
        ids = store.con.execute(
            "SELECT id FROM documents WHERE canonical_id IS NULL ORDER BY id"
        ).fetchall()
        return load_documents(store, [i for (i,) in ids])


def test_dask_folds_near_copies_and_repeats_like_local_ingest(
    settings: Settings, scheduler: str, tmp_path: Path, demo_rows: list[dict[str, Any]]
) -> None:
    base = demo_rows[:10]
    files = [
        write_jsonl(tmp_path / "in" / "a.jsonl", base[:6]),
        # b repeats a's first story under the same id, carries two stories syndicated by
        # other outlets, and the same text of story 7 from its own outlet under a new id
        write_jsonl(
            tmp_path / "in" / "b.jsonl",
            [
                base[0],
                near_copy(base[1], 1, "Lowland Courier"),
                *base[6:],
                near_copy(base[7], 2, "Caspian Post"),
                {**base[8], "id": "same-text-same-source"},
            ],
        ),
    ]
    out = tmp_path / "events"
    summary = code_with_dask(
        settings=settings,
        input=str(tmp_path / "in" / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        docs_per_partition=3,
        coder_loader=LOADER,
    )
    docs = locally_ingested(settings, files, tmp_path)
    assert {d.id for d in docs} == {r["id"] for r in base}
    assert parquet_rows(out) == local_rows(settings, docs)
    assert (summary.documents, summary.near_copies, summary.duplicates) == (10, 2, 2)


def test_output_is_partitioned_by_date_and_country(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events"
    code_with_dask(
        settings=settings,
        input=str(archive / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        coder_loader=LOADER,
    )
    files = sorted(out.glob("date=*/country=*/part-*.parquet"))
    assert files
    got = duckdb.sql(
        f"SELECT DISTINCT typeof(date), date, country, place_country "
        f"FROM read_parquet('{out}/**/*.parquet')"
    ).fetchall()
    assert {t for t, *_ in got} == {"DATE"}
    for _, _, country, place_country in got:
        assert country == place_country  # NULL country lands in __HIVE_DEFAULT_PARTITION__
    assert not list(out.rglob("*.tmp-*"))
    assert json.loads((out / "_SUCCESS.json").read_text())["partitions"] >= 1


def test_output_loads_into_a_database_with_import_parquet_once(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path, store: Store
) -> None:
    parquet = pytest.importorskip("watchfloor.store.parquet")
    out = tmp_path / "events"
    code_with_dask(
        settings=settings,
        input=str(archive / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        coder_loader=LOADER,
    )
    expected = parquet_rows(out)
    for _ in range(2):  # importing twice adds nothing
        parquet.import_parquet(store, [out])
    cols = ", ".join(EVENT_COLUMNS)
    assert store.con.execute(f"SELECT {cols} FROM events ORDER BY id").fetchall() == expected


def test_rerun_skips_finished_partitions_and_changes_nothing(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events"
    args: dict[str, Any] = dict(
        settings=settings,
        input=str(archive / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        docs_per_partition=9,
        coder_loader=LOADER,
    )
    first = code_with_dask(**args)
    before = parquet_rows(out)
    second = code_with_dask(**args)
    assert second.skipped_partitions == second.partitions == first.partitions
    assert parquet_rows(out) == before


def test_repartitioned_run_removes_stale_files_without_duplicates(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events"
    common: dict[str, Any] = dict(
        settings=settings,
        input=str(archive / "*.jsonl"),
        output=out,
        scheduler=scheduler,
        coder_loader=LOADER,
    )
    code_with_dask(**common, docs_per_partition=5)
    before = parquet_rows(out)
    summary = code_with_dask(**common, docs_per_partition=50)
    assert summary.partitions == 2 and summary.skipped_partitions == 0
    assert parquet_rows(out) == before
    assert len(list(out.glob("_partitions/*.json"))) == 2


def test_killed_worker_loses_and_duplicates_no_document(
    settings: Settings,
    scheduler: str,
    tmp_path: Path,
    demo_rows: list[dict[str, Any]],
    kill_flag: Path,
) -> None:
    victim = dict(demo_rows[3], id=KILL_DOC)
    rows = demo_rows[:3] + [victim] + demo_rows[4:24]
    archive = write_jsonl(tmp_path / "in" / "kill.jsonl", rows)
    out = tmp_path / "events"
    summary = code_with_dask(
        settings=settings,
        input=str(archive),
        output=out,
        scheduler=scheduler,
        docs_per_partition=4,
        coder_loader=LOADER,
    )
    assert kill_flag.exists(), "the worker coding the victim document was not killed"
    expected_docs = locally_ingested(settings, [archive], tmp_path)
    assert KILL_DOC in {d.id for d in expected_docs}
    assert parquet_rows(out) == local_rows(settings, expected_docs)
    assert summary.documents == len(expected_docs) == len(rows) - summary.near_copies
    coded_ids = duckdb.sql(
        f"SELECT DISTINCT document_id FROM read_parquet('{out}/**/*.parquet')"
    ).fetchall()
    assert KILL_DOC in {r[0] for r in coded_ids}


def test_store_mode_codes_pending_documents_once(
    settings: Settings, scheduler: str, store: Store, demo_rows: list[dict[str, Any]]
) -> None:
    docs = demo_documents(demo_rows[:15])
    store.con.executemany(
        "INSERT INTO documents (id, text, published, source, content_hash) VALUES (?, ?, ?, ?, ?)",
        [
            (
                d.id,
                d.text,
                d.published.replace(tzinfo=None) if d.published else None,
                d.source,
                d.id,
            )
            for d in docs
        ],
    )
    summary = code_with_dask(
        settings=settings,
        store=store,
        scheduler=scheduler,
        docs_per_partition=4,
        coder_loader=LOADER,
    )
    cols = ", ".join(EVENT_COLUMNS)
    got = store.con.execute(f"SELECT {cols} FROM events ORDER BY id").fetchall()
    assert got == local_rows(settings, docs)
    assert summary.documents == 15
    uncoded = store.con.execute("SELECT count(*) FROM documents WHERE coded_at IS NULL")
    assert uncoded.fetchone() == (0,)
    n_sentences = store.con.execute("SELECT count(*) FROM sentences").fetchone()
    assert n_sentences is not None and n_sentences[0] >= 2 * 15
    again = code_with_dask(settings=settings, store=store, scheduler=scheduler, coder_loader=LOADER)
    assert again.documents == 0 and again.partitions == 0


def test_unreadable_lines_are_reported_and_the_rest_is_coded(
    settings: Settings, scheduler: str, tmp_path: Path, demo_rows: list[dict[str, Any]]
) -> None:
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps(r) for r in demo_rows[:4]]
    lines.insert(2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = code_with_dask(
        settings=settings,
        input=str(path),
        output=tmp_path / "out",
        scheduler=scheduler,
        coder_loader=LOADER,
    )
    assert summary.documents == 4
    assert len(summary.failures) == 1 and "bad.jsonl" in summary.failures[0]


def test_missing_input_names_the_pattern(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing-here"):
        code_with_dask(
            settings=settings,
            input=str(tmp_path / "nothing-here*.jsonl"),
            output=tmp_path / "o",
            workers=1,
            coder_loader=LOADER,
        )


def test_scheduler_and_workers_together_is_a_config_error(
    settings: Settings, archive: Path, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="not both"):
        code_with_dask(
            settings=settings,
            input=str(archive / "*.jsonl"),
            output=tmp_path / "o",
            scheduler="tcp://127.0.0.1:1",
            workers=2,
            coder_loader=LOADER,
        )


def test_output_or_store_is_required(settings: Settings, archive: Path) -> None:
    with pytest.raises(InputError, match="--output"):
        code_with_dask(settings=settings, input=str(archive / "*.jsonl"), coder_loader=LOADER)


def test_files_are_not_coded_into_a_database_without_their_documents(
    settings: Settings, archive: Path, store: Store
) -> None:
    with pytest.raises(InputError, match="--input needs --output"):
        code_with_dask(
            settings=settings, store=store, input=str(archive / "*.jsonl"), coder_loader=LOADER
        )


def test_unknown_coder_loader_is_a_model_error(
    settings: Settings, scheduler: str, archive: Path, tmp_path: Path
) -> None:
    with pytest.raises(ModelError, match="no_such_module"):
        code_with_dask(
            settings=settings,
            input=str(archive / "*.jsonl"),
            output=tmp_path / "o",
            scheduler=scheduler,
            coder_loader="no_such_module:load",
        )


@pytest.mark.slow
def test_real_coder_on_dask_matches_the_real_coder_in_process(
    settings: Settings, scheduler: str, tmp_path: Path, demo_rows: list[dict[str, Any]]
) -> None:
    pipeline = pytest.importorskip("watchfloor.coding.pipeline")
    rows = demo_rows[:6]
    path = write_jsonl(tmp_path / "six.jsonl", rows)
    coder = pipeline.Coder.load(settings)
    expected = sorted(
        (
            event_to_row(e, coder.version)
            for c in coder.code_documents(demo_documents(rows))
            for e in c.events
        ),
        key=lambda r: r[0],
    )
    out = tmp_path / "events"
    summary = code_with_dask(
        settings=settings, input=str(path), output=out, scheduler=scheduler, docs_per_partition=3
    )
    assert summary.coder_version == coder.version
    assert parquet_rows(out) == expected
    assert summary.events == len(expected) > 0


def test_parquet_input_is_coded_by_row_group_like_jsonl(
    settings: Settings, scheduler: str, tmp_path: Path, demo_rows: list[dict[str, Any]]
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = demo_rows[:12]
    table = pa.Table.from_pylist([*rows, dict(rows[0], id="empty-text", text="  ")])
    path = tmp_path / "docs.parquet"
    pq.write_table(table, path, row_group_size=5)
    out = tmp_path / "events"
    summary = code_with_dask(
        settings=settings, input=str(path), output=out, scheduler=scheduler, coder_loader=LOADER
    )
    assert summary.partitions == 3  # one per row group
    assert parquet_rows(out) == local_rows(settings, demo_documents(rows))
    assert summary.documents == 12
    assert len(summary.failures) == 1 and "docs.parquet" in summary.failures[0]


def test_store_mode_codes_with_the_databases_collection_prior(
    settings: Settings, scheduler: str, store: Store
) -> None:
    store.con.executemany(
        "INSERT INTO events (id, dataset, document_id, place_country, place_admin1) "
        "VALUES (?, 'watchfloor', ?, 'SYR', 'Idlib')",
        [(f"old{i}", f"old{i}") for i in range(60)],
    )
    store.con.execute(
        "INSERT INTO documents (id, text, content_hash) VALUES "
        "('new', 'The committee met on Monday and discussed the plan.', 'new')"
    )
    code_with_dask(settings=settings, store=store, scheduler=scheduler, coder_loader=LOADER)
    places = store.con.execute(
        "SELECT DISTINCT place_country FROM events WHERE document_id = 'new'"
    ).fetchall()
    assert places == [("SYR",)]
