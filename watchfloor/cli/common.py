"""Shared CLI plumbing: opening the store from options, and printing tables as text, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from watchfloor.errors import InputError
from watchfloor.settings import Settings
from watchfloor.store import Store

# Piped output is read by people too: give tables room instead of rich's 80-column default.
console = Console() if sys.stdout.isatty() else Console(width=160)
err_console = Console(stderr=True)


def settings_from(ctx: click.Context) -> Settings:
    """The Settings object the root command built."""
    settings: Settings = ctx.find_root().obj["settings"]
    return settings


def open_store(ctx: click.Context, *, read_only: bool = False) -> Store:
    """Open (and migrate) the database chosen by --db / WATCHFLOOR_DB."""
    path = settings_from(ctx).db
    if read_only and not Path(path).exists():
        read_only = False
    return Store(path, read_only=read_only)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, bytes):
        return value.hex()
    return value


def to_json(data: Any) -> str:
    """Serialise records with ISO dates; NaN becomes null."""
    return json.dumps(data, default=_jsonable, ensure_ascii=False, indent=2)


def emit_rows(
    rows: Sequence[dict[str, Any]],
    *,
    fmt: str,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows as a rich table (``text``), a JSON list (``json``) or CSV (``csv``)."""
    if fmt == "json":
        click.echo(to_json([{k: _jsonable(v) for k, v in row.items()} for row in rows]))
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _flatten(row.get(c)) for c in cols})
        return
    table = Table(title=title)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in cols])
    console.print(table)


def _flatten(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, default=_jsonable, ensure_ascii=False)
    return _jsonable(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    text = str(_flatten(value))
    return text if len(text) <= 80 else text[:77] + "..."


def format_options(func: Any) -> Any:
    """Add --json / --csv / --limit to a tabular command (as ``fmt`` and ``limit``)."""
    func = click.option("--limit", type=int, default=None, help="at most N rows (default: all)")(
        func
    )
    func = click.option("--csv", "fmt", flag_value="csv", help="print CSV")(func)
    func = click.option("--json", "fmt", flag_value="json", help="print a JSON list")(func)
    return func


def parse_day(value: str | None, option: str, *, allow_time: bool = False) -> dt.date | None:
    """A YYYY-MM-DD option value as a date (None stays None); ``allow_time`` also takes a
    datetime and keeps its day. A bad value raises InputError naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10] if allow_time else value)
    except ValueError as exc:
        raise InputError(f"{option} {value!r} is not a date (use YYYY-MM-DD)") from exc


class GlobalOptionsGroup(click.Group):
    """The root group: its own options (``--db``) may also follow the subcommand, and a
    subcommand's ``--json`` may also precede it (``watchfloor --json events``).

    Click reads a group's options only before the subcommand's name, so the arguments are
    put in that order before parsing; nothing after ``--`` is moved.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _hoist_json(self, _hoist_root_options(self, args)))


def _root_value_options(group: click.Group) -> set[str]:
    return {
        name
        for param in group.params
        if isinstance(param, click.Option) and not param.is_flag
        for name in param.opts
    }


def _subcommand_index(group: click.Group, args: list[str]) -> int | None:
    """Index of the subcommand's name in ``args`` (skipping the root's own options)."""
    takes_value = _root_value_options(group)
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--":
            return None
        if not token.startswith("-"):
            return index
        index += 2 if token in takes_value else 1
    return None


def _hoist_root_options(group: click.Group, args: list[str]) -> list[str]:
    """Move root options written after the subcommand (``--db x`` or ``--db=x``) before it."""
    start = _subcommand_index(group, args)
    if start is None:
        return args
    takes_value = _root_value_options(group)
    head, tail, moved = list(args[:start]), [], []
    index = start
    while index < len(args):
        token = args[index]
        if token == "--":
            tail.extend(args[index:])
            break
        name = token.split("=", 1)[0]
        if name in takes_value and "=" in token:
            moved.append(token)
        elif token in takes_value and index + 1 < len(args):
            moved.extend(args[index : index + 2])
            index += 1
        else:
            tail.append(token)
        index += 1
    return head + moved + tail


def _hoist_json(group: click.Group, args: list[str]) -> list[str]:
    """Move a ``--json`` written before the subcommand to just after the command's name."""
    start = _subcommand_index(group, args)
    if start is None or "--json" not in args[:start]:
        return args
    path_end, command = start, group.commands.get(args[start])
    while isinstance(command, click.Group) and path_end + 1 < len(args):
        nxt = command.commands.get(args[path_end + 1])
        if nxt is None:
            break
        path_end, command = path_end + 1, nxt
    if command is None or not any("--json" in p.opts for p in command.params):
        return args  # click then says the root has no --json
    head = [a for a in args[:start] if a != "--json"]
    return head + args[start : path_end + 1] + ["--json"] + args[path_end + 1 :]
