"""CLI of the coding layer: code, events, explain, eval."""

from __future__ import annotations

from typing import Any

import click

from watchfloor.cli.common import (
    console,
    emit_rows,
    err_console,
    format_options,
    open_store,
    parse_day,
    settings_from,
    to_json,
)
from watchfloor.errors import InputError, WatchfloorError
from watchfloor.evaluation.run import TASKS as EVAL_TASKS

EVENT_TABLE_COLUMNS = (
    "date",
    "plover_event",
    "plover_mode",
    "cameo_code",
    "warning_kind",
    "acled_event_type",
    "source",
    "target",
    "place",
    "fatalities",
    "confidence",
    "document_id",
    "sentence_index",
)


def _table_row(record: dict[str, Any]) -> dict[str, Any]:
    """A nested event record flattened for the text table."""
    row = dict(record)
    for key in ("source", "target"):
        part = record.get(key) or {}
        bits = [part.get("text"), part.get("country"), part.get("sector")]
        row[key] = " / ".join(str(b) for b in bits if b) or None
    place = record.get("place") or {}
    row["place"] = ", ".join(str(p) for p in (place.get("name"), place.get("country")) if p)
    return row


@click.command("code")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=None,
    help="documents per batch and transaction (default: setting batch_size)",
)
@click.option("--recode", is_flag=True, help="code every document again, not only new ones")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="code in this process, or on a Dask cluster",
)
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local one)")
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="Dask workers to start without --scheduler; local engine: coder worker processes",
)
@click.option(
    "--input",
    "input_glob",
    default=None,
    help="with --engine dask: code JSONL/Parquet files matching this glob",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False),
    default=None,
    help="with --engine dask: write events as Parquet under this folder",
)
@click.pass_context
def code_cmd(
    ctx: click.Context,
    batch_size: int | None,
    recode: bool,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    input_glob: str | None,
    output: str | None,
) -> None:
    """Code uncoded documents into events (all of them with --recode)."""
    settings = settings_from(ctx)
    if engine == "dask":
        _code_dask(ctx, recode, scheduler, workers, input_glob, output, batch_size)
        return
    if input_glob or output or scheduler:
        raise InputError("--input, --output and --scheduler need --engine dask")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from watchfloor.coding.pipeline import Coder
    from watchfloor.coding.runner import code_pending, recode_all

    store = open_store(ctx)
    try:
        coder = Coder.load(settings, n_process=workers or 1)
        run = recode_all if recode else code_pending
        with Progress(
            "coding",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as bar:
            task = bar.add_task("coding", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            summary = run(
                store, coder, batch_size=batch_size or settings.batch_size, on_progress=progress
            )
    finally:
        store.close()
    click.echo(
        f"coded {summary.documents} documents, {summary.sentences} sentences, "
        f"{summary.events} events in {summary.seconds:.1f}s ({coder.version})"
    )
    for code, n in summary.not_read_languages:
        click.echo(
            f"{n} document(s) in {code}: not coded, no language resources "
            f"(marked coded with no events; watchfloor documents --language {code})"
        )


def _code_dask(
    ctx: click.Context,
    recode: bool,
    scheduler: str | None,
    workers: int | None,
    input_glob: str | None,
    output: str | None,
    batch_size: int | None,
) -> None:
    try:
        from watchfloor.scale import code_with_dask
    except ImportError as exc:
        raise WatchfloorError(
            f"--engine dask needs the scale layer (watchfloor.scale.code_with_dask): {exc}"
        ) from exc
    store = open_store(ctx) if output is None else None
    try:
        summary = code_with_dask(
            settings=settings_from(ctx),
            store=store,
            input=input_glob,
            output=output,
            scheduler=scheduler,
            workers=workers,
            recode=recode,
            docs_per_partition=batch_size,
        )
    finally:
        if store is not None:
            store.close()
    click.echo(
        f"coded {summary.documents} documents, {summary.events} events on "
        f"{summary.workers} workers in {summary.seconds:.1f}s"
    )
    for failure in summary.failures[:50]:
        err_console.print(f"failed: {failure}")


@click.command("events")
@click.option("--since", help="events on or after this date (YYYY-MM-DD)")
@click.option("--until", help="events on or before this date (YYYY-MM-DD)")
@click.option("--country", help="ISO3 country of the event's place")
@click.option("--admin1", help="first-level region of the event's place")
@click.option("--actor", help="actor country, id, or text of source/target")
@click.option(
    "--type",
    "type_",
    help="PLOVER event, CAMEO code, ACLED (sub-)event type, or warning kind",
)
@click.option("--source", help="news source of the document")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="lowest confidence shown")
@click.option("--document", help="events of this document id")
@click.option("--language", help="events of documents in this language (ISO 639-1: ar)")
@format_options
@click.pass_context
def events_cmd(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    country: str | None,
    admin1: str | None,
    actor: str | None,
    type_: str | None,
    source: str | None,
    min_confidence: float | None,
    document: str | None,
    language: str | None,
    fmt: str | None,
    limit: int | None,
) -> None:
    """List coded events, newest first."""
    from watchfloor.store.events import EventFilter, event_record, query_events

    flt = EventFilter(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        country=country,
        admin1=admin1,
        actor=actor,
        type=type_,
        source=source,
        min_confidence=min_confidence,
        document_id=document,
        language=language,
    )
    store = open_store(ctx, read_only=True)
    try:
        frame = query_events(store, flt, limit=limit)
    finally:
        store.close()
    records = [event_record(r) for r in frame.to_dict(orient="records")]
    if fmt in ("json", "csv"):
        emit_rows(records, fmt=fmt)
        return
    emit_rows(
        [_table_row(r) for r in records],
        fmt="text",
        columns=EVENT_TABLE_COLUMNS,
        title=f"{len(records)} events",
    )


@click.command("explain")
@click.argument("doc_id")
@click.pass_context
def explain_cmd(ctx: click.Context, doc_id: str) -> None:
    """Show how a stored document is coded: sentences, actors, places, dates, and why."""
    from watchfloor.coding.pipeline import Coder
    from watchfloor.coding.runner import load_document

    store = open_store(ctx, read_only=True)
    try:
        document = load_document(store, doc_id)
    finally:
        store.close()
    coder = Coder.load(settings_from(ctx))
    coded = next(coder.code_documents([document]))
    console.print(f"[bold]{doc_id}[/bold] coded by {coder.version}", highlight=False)
    for line in coded.explanations:
        console.print(line, highlight=False, markup=False)
    click.echo(f"{len(coded.events)} events")


@click.command("eval")
@click.argument("task", type=click.Choice(list(EVAL_TASKS)))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@click.option("--limit", type=click.IntRange(1), default=None, help="first N items only")
@click.option(
    "--no-prior",
    is_flag=True,
    help="code each item alone, without first learning the file's collection prior",
)
@click.option(
    "--truth",
    type=click.Path(dir_okay=False),
    default=None,
    help="alerts: the known escalation windows (JSONL)",
)
@click.option(
    "--alerts-out",
    type=click.Path(dir_okay=False),
    default=None,
    help="alerts: write every replayed alert with its signals here (JSONL)",
)
@click.pass_context
def eval_cmd(
    ctx: click.Context,
    task: str,
    file: str,
    as_json: bool,
    limit: int | None,
    no_prior: bool,
    truth: str | None,
    alerts_out: str | None,
) -> None:
    """Measure the coder on a gold file, or replay a corpus's alerts (formats:
    ../shared/eval/README.md)."""
    from watchfloor.evaluation.run import evaluate

    result = evaluate(
        task,
        file,
        limit=limit,
        settings=settings_from(ctx),
        prior=not no_prior,
        truth=truth,
        alerts_out=alerts_out,
    )
    if as_json:
        click.echo(to_json(result))
        return
    rows = [{"metric": k, "value": v} for k, v in result.items() if k != "errors"]
    emit_rows(rows, fmt="text", columns=("metric", "value"), title=f"{task}: {file}")
    for message in result.get("errors") or []:
        err_console.print(f"item failed: {message}", highlight=False, markup=False)


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
    for command in (code_cmd, events_cmd, explain_cmd, eval_cmd):
        cli.add_command(command)
