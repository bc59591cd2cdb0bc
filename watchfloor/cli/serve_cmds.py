"""CLI commands of the API layer: ``serve`` and ``token create|list|revoke``."""

from __future__ import annotations

import click

from watchfloor.cli.common import emit_rows, format_options, open_store, settings_from


@click.command()
@click.option(
    "--host",
    default=None,
    help="address to bind (default 127.0.0.1); requests must name it, a loopback name or "
    "one of the trusted_hosts setting in their Host header",
)
@click.option("--port", type=int, default=None, help="port to bind (default 8080)")
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="allow browser calls from this origin (repeatable); CORS is off by default",
)
@click.option(
    "--max-body-bytes",
    type=int,
    default=5_000_000,
    show_default=True,
    help="largest request body accepted (413 above)",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    cors_origins: tuple[str, ...],
    max_body_bytes: int,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard at http://HOST:PORT/."""
    import uvicorn

    from watchfloor.api.app import create_app

    settings = settings_from(ctx)
    host = host or settings.host
    port = port or settings.port
    app = create_app(
        settings, cors_origins=cors_origins, max_body_bytes=max_body_bytes, trusted_hosts=(host,)
    )
    click.echo(f"watchfloor: serving {settings.db} on http://{host}:{port}/ (API docs at /docs)")
    if host in ("0.0.0.0", "::"):
        click.echo(
            "watchfloor: only requests whose Host header is a loopback name or in the "
            "trusted_hosts setting (WATCHFLOOR_TRUSTED_HOSTS=name1,name2) are answered; "
            "list the names clients use to reach this machine",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def token() -> None:
    """Bearer tokens for the API's write endpoints (ingest, alert state)."""


@token.command("create")
@click.argument("name")
@click.pass_context
def token_create(ctx: click.Context, name: str) -> None:
    """Create a token NAME and print it once (only a salted hash is stored)."""
    from watchfloor.api.tokens import create_token

    with open_store(ctx) as store:
        info, secret = create_token(store, name)
    click.echo(secret)
    click.echo(f"token {info.id} ({info.name}) created; it is shown only now", err=True)


@token.command("list")
@format_options
@click.pass_context
def token_list(ctx: click.Context, fmt: str | None, limit: int | None) -> None:
    """List tokens (never their secrets)."""
    from watchfloor.api.tokens import list_tokens

    with open_store(ctx) as store:
        infos = list_tokens(store)
    rows = [
        {
            "id": t.id,
            "name": t.name,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
            "active": t.active,
        }
        for t in infos
    ][: limit if limit is not None else None]
    emit_rows(
        rows,
        fmt=fmt or "text",
        columns=["id", "name", "created_at", "last_used_at", "revoked_at", "active"],
        title="API tokens",
    )


@token.command("revoke")
@click.argument("name_or_id")
@click.pass_context
def token_revoke(ctx: click.Context, name_or_id: str) -> None:
    """Revoke the active token(s) with this NAME or ID."""
    from watchfloor.api.tokens import revoke_token

    with open_store(ctx) as store:
        revoked = revoke_token(store, name_or_id)
    for info in revoked:
        click.echo(f"revoked token {info.id} ({info.name})")


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
    cli.add_command(serve)
    cli.add_command(token)
