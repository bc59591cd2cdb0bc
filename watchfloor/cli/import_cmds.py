"""``watchfloor import gdelt`` and ``watchfloor import acled``: event datasets into the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from watchfloor.cli.common import emit_rows, open_store, settings_from, to_json
from watchfloor.importers import ImportReport
from watchfloor.store import Store

_SHOWN = 20


def _print_problems(report: ImportReport) -> None:
    """Refused and folded rows on stderr, by file line (the first few of each)."""
    for reject in report.rejected[:_SHOWN]:
        click.echo(f"{report.path}:{reject.line}: refused: {reject.reason}", err=True)
    if len(report.rejected) > _SHOWN:
        more = len(report.rejected) - _SHOWN
        click.echo(f"{report.path}: ... {more} more refused (--json lists all)", err=True)
    for dup in report.duplicates[:_SHOWN]:
        click.echo(
            f"{report.path}:{dup.line}: duplicate id {dup.event_id}, "
            f"folded into line {dup.kept_line}",
            err=True,
        )
    if len(report.duplicates) > _SHOWN:
        more = len(report.duplicates) - _SHOWN
        click.echo(f"{report.path}: ... {more} more duplicates (--json lists all)", err=True)


def _run_imports(
    ctx: click.Context,
    files: tuple[Path, ...],
    dataset: str,
    as_json: bool,
    importer: Callable[[Store, Path], ImportReport],
) -> None:
    reports = []
    with open_store(ctx) as store:
        for file in files:
            reports.append(importer(store, file))
    if as_json:
        click.echo(to_json([r.as_dict() for r in reports]))
        return
    for report in reports:
        _print_problems(report)
    columns = ("path", "layout", "rows_read", "imported", "duplicates", "rejected")
    emit_rows(
        [{c: r.as_dict()[c] for c in columns} for r in reports],
        fmt="text",
        title=f"{dataset} import (rows_read = imported + duplicates + rejected)",
    )


@click.command(name="gdelt")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="print the reports as JSON")
@click.pass_context
def import_gdelt_cmd(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Import GDELT FILES: 2.0 event exports (61 columns), 1.0 daily (58) or back-files (57),
    or 2.0 mentions (16); tab-separated, plain or .zip, layout told by the rows."""
    from watchfloor.importers import import_gdelt

    limits = settings_from(ctx).date_range()

    def importer(store: Store, file: Path) -> ImportReport:
        return import_gdelt(store, file, date_range=limits)

    _run_imports(ctx, files, "gdelt", as_json, importer)


@click.command(name="acled")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy"]),
    default=None,
    help="read numeric dates that could be either (05/02/2017) day-first or month-first; "
    "by default the file's other dates decide, else such rows are refused",
)
@click.option("--json", "as_json", is_flag=True, help="print the reports as JSON")
@click.pass_context
def import_acled_cmd(
    ctx: click.Context, files: tuple[Path, ...], date_order: str | None, as_json: bool
) -> None:
    """Import ACLED CSV export FILES (any layout, columns by name; plain or .zip)."""
    from watchfloor.importers import import_acled

    limits = settings_from(ctx).date_range()

    def importer(store: Store, file: Path) -> ImportReport:
        return import_acled(store, file, date_order=date_order, date_range=limits)

    _run_imports(ctx, files, "acled", as_json, importer)


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach the dataset importers to the `import` group."""
    import_group.add_command(import_gdelt_cmd)
    import_group.add_command(import_acled_cmd)
