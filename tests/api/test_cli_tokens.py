"""The ``token`` and ``serve`` commands, and the README's coverage of every API route."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from watchfloor.api.app import create_app
from watchfloor.cli.main import cli
from watchfloor.settings import Settings
from watchfloor.store import Store

README = Path(__file__).resolve().parents[2] / "README.md"


def test_token_create_prints_secret_once_and_list_never_shows_it(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    created = runner.invoke(cli, ["--db", db, "token", "create", "desk"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[0]
    assert re.fullmatch(r"wf_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", secret)
    listed = runner.invoke(cli, ["--db", db, "token", "list", "--json"])
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["active"]) for r in rows] == [("desk", True)]
    assert secret not in listed.stdout
    revoked = runner.invoke(cli, ["--db", db, "token", "revoke", "desk"])
    assert revoked.exit_code == 0 and "revoked token" in revoked.stdout
    again = runner.invoke(cli, ["--db", db, "token", "list", "--json"])
    assert json.loads(again.stdout)[0]["active"] is False


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--cors-origin", "--max-body-bytes"):
        assert option in result.output


def test_readme_documents_every_api_route(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- section:api -->") : text.index("<!-- /section:api -->")]
    with Store(tmp_path / "doc.duckdb") as store:
        paths = create_app(Settings(db=tmp_path / "doc.duckdb"), store).openapi()["paths"]
    normal = [re.sub(r"\{[^}]+\}", "{id}", p) for p in paths]
    missing = [p for p in normal if p not in section and f"`/{p.rsplit('/', 1)[1]}`" not in section]
    assert missing == []
    for command in (
        "watchfloor --db demo.duckdb serve",
        "token create",
        "token list",
        "token revoke",
    ):
        assert command in section
