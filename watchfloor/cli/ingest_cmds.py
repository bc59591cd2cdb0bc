"""CLI of the ingest layer: ingest, watch, documents, export, import parquet."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from watchfloor.cli.common import (
    emit_rows,
    err_console,
    format_options,
    open_store,
    settings_from,
    to_json,
)
from watchfloor.errors import InputError
from watchfloor.ingest.items import UNKNOWN_LANGUAGE, IngestSummary
from watchfloor.ingest.pipeline import DEFAULT_BATCH, ProgressCallback
from watchfloor.ingest.watch import CycleReport, parse_every, watch
from watchfloor.store.database import Store
from watchfloor.store.documents import (
    FAILED_COLUMNS,
    LISTING_COLUMNS,
    DocumentFilter,
    clear_code_failures,
    document_record,
    failed_documents,
    query_documents,
)
from watchfloor.store.parquet import export_tables, import_parquet
from watchfloor.workflow import ProcessSummary, ingest_and_process, process_pending

MAX_LISTED_FAILURES = 50
ENGLISH_OR_UNKNOWN = ("en", UNKNOWN_LANGUAGE)


def _print_processed(done: ProcessSummary) -> None:
    """What coding and analysis did after an ingest (or a ``watch`` cycle, or a retry)."""
    if done.documents_coded or done.documents_failed or done.signals or done.stories:
        err_console.print(
            f"coded {done.documents_coded} documents into {done.events} events; "
            f"{done.signals} unusual signals, {done.alerts_new} new and "
            f"{done.alerts_updated} updated alerts",
            highlight=False,
        )
    for doc_id, reason in done.failures[:MAX_LISTED_FAILURES]:
        click.echo(f"not coded: {doc_id}: {reason}", err=True)
    if done.documents_failed:
        click.echo(
            f"{done.documents_failed} document(s) could not be coded and are marked failed "
            "(watchfloor documents --failed; --retry tries them again)",
            err=True,
        )
    if done.events_out_of_range:
        click.echo(
            f"{done.events_out_of_range} stored event(s) dated outside the accepted range "
            "were left out of the analysis",
            err=True,
        )


@contextmanager
def _progress(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress display on stderr (only on a terminal); yields the callback."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def update(name: str, done: int) -> None:
            short = name if len(name) <= 60 else "..." + name[-57:]
            bar.update(task, completed=done, description=short)

        yield update


def _print_summary(summary: IngestSummary, as_json: bool) -> None:
    if as_json:
        click.echo(to_json(summary.as_dict()))
        return
    click.echo(
        f"read {summary.read}, new {summary.new}, duplicates {summary.duplicates}, "
        f"near-duplicates {summary.near_duplicates}, failed {summary.failed}"
    )
    if summary.undated:
        click.echo(f"{summary.undated} new document(s) have no published date (left empty)")
    # An all-English run prints as before; any other language is named with every count.
    if any(code not in ENGLISH_OR_UNKNOWN for code, _ in summary.by_language):
        counts = ", ".join(f"{code} {n}" for code, n in summary.by_language)
        click.echo(f"languages of the documents written: {counts}")
    for code, n in summary.not_coded:
        click.echo(
            f"{n} document(s) in {code}: not coded, no language resources "
            f"(watchfloor documents --language {code})"
        )
    for warning in summary.warnings[:MAX_LISTED_FAILURES]:
        click.echo(f"warning: {warning}", err=True)
    for failure in summary.failures[:MAX_LISTED_FAILURES]:
        click.echo(f"failed: {failure}", err=True)
    hidden = len(summary.failures) - MAX_LISTED_FAILURES
    if hidden > 0:
        click.echo(f"... and {hidden} more failures (use --json for all)", err=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--allow-private", is_flag=True, help="allow fetching loopback/private addresses")
@click.option("--no-code", is_flag=True, help="store documents without coding them into events")
@click.option("--source", default=None, help="source name for inputs that do not carry one")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="documents written per transaction",
)
@click.option("--json", "as_json", is_flag=True, help="print the summary as JSON")
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    allow_private: bool,
    no_code: bool,
    source: str | None,
    batch_size: int,
    as_json: bool,
) -> None:
    """Ingest JSONL, text, Markdown and HTML files, folders, feeds and web pages.

    INPUTS are paths, folders (read recursively) or http(s) URLs of pages or RSS/Atom feeds.
    Then every pending document (not only this run's) is coded and analysed, so running the
    same command again after a crash finishes the job. Bad items and documents that cannot
    be coded are reported and skipped; exit status 1 when any item failed.
    """
    settings = settings_from(ctx)
    with open_store(ctx) as store, _progress(not as_json) as progress:
        run = ingest_and_process(
            store,
            settings,
            list(inputs),
            code=not no_code,
            allow_private=allow_private or settings.allow_private,
            default_source=source,
            batch_size=batch_size,
            progress=progress,
        )
    if run.processed is not None:
        _print_processed(run.processed)
    _print_summary(run.ingest, as_json)
    if run.ingest.failed or (run.processed is not None and run.processed.documents_failed):
        sys.exit(1)


@click.command(name="watch")
@click.argument("feeds_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--every", default="15m", show_default=True, help="poll interval: 30s, 15m, 2h")
@click.option("--once", is_flag=True, help="run one cycle and stop")
@click.option("--max-cycles", type=click.IntRange(min=1), default=None, help="stop after N")
@click.option("--allow-private", is_flag=True, help="allow fetching loopback/private addresses")
@click.option("--no-code", is_flag=True, help="store documents without coding them into events")
@click.pass_context
def watch_cmd(
    ctx: click.Context,
    feeds_file: Path,
    every: str,
    once: bool,
    max_cycles: int | None,
    allow_private: bool,
    no_code: bool,
) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE (one URL a line), taking new items only."""
    settings = settings_from(ctx)
    seconds = parse_every(every)
    if not feeds_file.is_file():
        raise InputError(f"{feeds_file}: no such feed list")

    def report(store: Store, cycle: CycleReport) -> None:
        stamp = cycle.started.strftime("%Y-%m-%d %H:%M:%S")
        for poll in cycle.polls:
            detail = f": {poll.error}" if poll.error else f", {poll.new_items} new item(s)"
            click.echo(f"[{stamp} UTC] cycle {cycle.cycle} {poll.feed}: {poll.status}{detail}")
        _print_summary(cycle.summary, False)
        if not no_code:
            _print_processed(process_pending(store, settings))

    watch(
        lambda: open_store(ctx),
        settings,
        feeds_file,
        every=seconds,
        max_cycles=1 if once else max_cycles,
        allow_private=allow_private or settings.allow_private,
        on_cycle=report,
    )


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option} {value!r}: use an ISO date like 2024-03-01") from exc


@click.command()
@click.option("--source", default=None, help="only documents from this source")
@click.option("--language", default=None, help="only documents in this language (ISO 639-1: ar)")
@click.option("--since", default=None, help="published on or after this date (YYYY-MM-DD)")
@click.option("--until", default=None, help="published on or before this date (YYYY-MM-DD)")
@click.option("--canonical", is_flag=True, help="leave out near-copies")
@click.option("--failed", is_flag=True, help="list the documents that could not be coded, why")
@click.option(
    "--retry", is_flag=True, help="clear the failed marks, then code and analyse them again"
)
@format_options
@click.pass_context
def documents(
    ctx: click.Context,
    source: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    canonical: bool,
    failed: bool,
    retry: bool,
    fmt: str | None,
    limit: int | None,
) -> None:
    """List stored documents, newest published first, with their near-copy links."""
    if retry:
        _retry_failed(ctx)
        return
    if failed:
        with open_store(ctx, read_only=True) as store:
            rows = [document_record(r) for r in failed_documents(store, limit)]
        emit_rows(rows, fmt=fmt or "text", columns=FAILED_COLUMNS, title=f"{len(rows)} failed")
        return
    flt = DocumentFilter(
        source=source,
        language=language,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        canonical_only=canonical,
    )
    with open_store(ctx, read_only=True) as store:
        frame = query_documents(store, flt, limit=limit)
    rows = [document_record(row) for row in frame.to_dict(orient="records")]
    columns: tuple[str, ...] = LISTING_COLUMNS
    if not fmt:
        columns = ("id", "published", "source", "language", "title", "canonical_id", "n_sources")
        for row in rows:
            if row["published"]:
                row["published"] = row["published"][:16].replace("T", " ")
    emit_rows(rows, fmt=fmt or "text", columns=columns, title=f"{len(rows)} documents")


def _retry_failed(ctx: click.Context) -> None:
    """``documents --retry``: code the failed documents again (and whatever else is pending)."""
    with open_store(ctx) as store:
        cleared = clear_code_failures(store)
        done = process_pending(store, settings_from(ctx))
    click.echo(
        f"retried {cleared} document(s): {done.documents_coded} coded, "
        f"{done.documents_failed} failed again"
    )
    _print_processed(done)
    if done.documents_failed:
        sys.exit(1)


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--table", "tables", multiple=True, help="export only this table (repeatable)")
@click.pass_context
def export(ctx: click.Context, folder: Path, tables: tuple[str, ...]) -> None:
    """Export every table (or the chosen ones) to FOLDER/<table>.parquet, atomically."""
    with open_store(ctx) as store:
        counts = export_tables(store, folder, list(tables) or None)
    emit_rows(
        [{"table": t, "rows": n} for t, n in counts.items()],
        fmt="text",
        title=f"exported to {folder}",
    )


@click.command(name="parquet")
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def import_parquet_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Load an `export` folder, <table>.parquet files, or events/date=.../part-*.parquet.

    Rows are upserted by primary key: importing the same files again adds nothing.
    """
    with open_store(ctx) as store:
        counts = import_parquet(store, list(paths))
    emit_rows(
        [{"table": t, "rows upserted": n} for t, n in counts.items()], fmt="text", title="imported"
    )


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
    for command in (ingest, watch_cmd, documents, export):
        cli.add_command(command)
    import_group.add_command(import_parquet_cmd)
