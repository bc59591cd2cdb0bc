"""The ``watchfloor`` command: global options, command registration, and error reporting."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from watchfloor import __version__
from watchfloor.cli.common import GlobalOptionsGroup
from watchfloor.errors import WatchfloorError
from watchfloor.settings import Settings


@click.group(cls=GlobalOptionsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="WATCHFLOOR_DB",
    default=None,
    help="DuckDB database file (default ./watchfloor.duckdb; env WATCHFLOOR_DB); may also "
    "follow the subcommand.",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """watchfloor: crisis early warning from open sources."""
    settings = Settings(db=db) if db else Settings()
    ctx.obj = {"settings": settings}


@cli.group(name="import")
def import_group() -> None:
    """Import events or tables from Parquet, GDELT or ACLED files."""


@cli.command()
def version() -> None:
    """Print the watchfloor version."""
    click.echo(f"watchfloor {__version__}")


def _register_commands() -> None:
    from watchfloor.cli import (
        analysis_cmds,
        coding_cmds,
        demo_cmds,
        forecast_cmds,
        import_cmds,
        ingest_cmds,
        serve_cmds,
    )

    for module in (
        ingest_cmds,
        coding_cmds,
        analysis_cmds,
        forecast_cmds,
        import_cmds,
        serve_cmds,
        demo_cmds,
    ):
        module.register(cli, import_group)


_register_commands()


def main() -> None:
    """Entry point: run the CLI, turning watchfloor errors into one clear line and exit code 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except WatchfloorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: one line unless debugging
        if os.environ.get("WATCHFLOOR_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc} "
            "(rerun with WATCHFLOOR_DEBUG=1 for the traceback and please report it)",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
