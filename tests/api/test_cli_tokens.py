"""The ``token`` and ``serve`` commands, and the README's coverage of every API route."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
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


@pytest.mark.parametrize(
    ("host", "answered", "refused"),
    [
        ("10.20.30.40", ["10.20.30.40:9000", "localhost:9000"], ["evil.example"]),
        ("0.0.0.0", ["127.0.0.1:9000", "desk.example"], ["evil.example", "10.20.30.40"]),
    ],
)
def test_serve_trusts_its_host_and_the_setting_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    answered: list[str],
    refused: list[str],
) -> None:
    import uvicorn
    from fastapi.testclient import TestClient

    served: dict[str, Any] = {}
    # The network edge: capture the app uvicorn would serve instead of binding a port.
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.setenv("WATCHFLOOR_TRUSTED_HOSTS", "desk.example")
    db = str(tmp_path / "serve.duckdb")
    result = CliRunner().invoke(cli, ["--db", db, "serve", "--host", host, "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert served["host"] == host
    with TestClient(served["app"], base_url="http://localhost") as client:
        for name in answered:
            assert client.get("/api/health", headers={"Host": name}).status_code == 200, name
        for name in refused:
            assert client.get("/api/health", headers={"Host": name}).status_code == 400, name
    if host == "0.0.0.0":
        assert "trusted_hosts" in result.stderr
