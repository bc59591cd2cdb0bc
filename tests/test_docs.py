"""Doc tests: every CLI command and every setting is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from watchfloor.cli.main import cli
from watchfloor.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append(prefix + name)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, f"{prefix}{name} "))
    return paths


@pytest.mark.parametrize("path", _command_paths(cli))
def test_every_command_is_documented_in_the_readme(path: str) -> None:
    assert f"watchfloor {path}" in README


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_with_its_variable(name: str) -> None:
    assert f"WATCHFLOOR_{name.upper()}" in README


def test_readme_starts_with_the_two_commands() -> None:
    head = README[: README.index("<!-- section:tour -->")]
    assert "make demo" in head and "make test" in head
