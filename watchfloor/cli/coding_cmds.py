"""CLI commands of this layer (filled in as the layer lands)."""

from __future__ import annotations

import click


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
