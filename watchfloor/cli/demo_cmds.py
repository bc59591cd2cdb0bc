"""``watchfloor demo``: build a database from the bundled corpus, code it, analyse it, serve it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from watchfloor.cli.common import console, emit_rows, settings_from
from watchfloor.store import Store


def _summary_rows(store: Store) -> list[dict[str, Any]]:
    """Counts an analyst checks first: documents, near-copies, events, alerts."""
    con = store.con
    queries = {
        "documents": "SELECT count(*) FROM documents",
        "near-duplicate documents": "SELECT count(*) FROM documents WHERE canonical_id IS NOT NULL",
        "outlets": "SELECT count(DISTINCT source) FROM documents",
        "sentences": "SELECT count(*) FROM sentences",
        "events": "SELECT count(*) FROM events",
        "events with a place": "SELECT count(*) FROM events WHERE lat IS NOT NULL",
        "alerts": "SELECT count(*) FROM alerts",
        "stories": "SELECT count(*) FROM stories",
    }
    rows = []
    for label, sql in queries.items():
        row = con.execute(sql).fetchone()
        rows.append({"what": label, "count": row[0] if row else 0})
    return rows


def _top_types(store: Store) -> list[dict[str, Any]]:
    return [
        {"plover_event": t, "events": n}
        for t, n in store.con.execute(
            "SELECT plover_event, count(*) n FROM events GROUP BY 1 ORDER BY n DESC LIMIT 8"
        ).fetchall()
    ]


@click.command()
@click.option("--no-serve", is_flag=True, help="build and report, but do not start the server")
@click.option("--keep", is_flag=True, help="keep an existing demo database instead of rebuilding")
@click.option("--port", type=int, default=None, help="port for the dashboard (default 8080)")
@click.pass_context
def demo(ctx: click.Context, no_serve: bool, keep: bool, port: int | None) -> None:
    """Ingest and code the bundled demo corpus, raise its alerts, and serve the dashboard."""
    from watchfloor.analysis.alerts import list_alerts
    from watchfloor.demo import corpus_path
    from watchfloor.forecast.live import ForecastRequest, run_forecast
    from watchfloor.ingest.pipeline import Ingestor
    from watchfloor.workflow import process_new

    settings = settings_from(ctx)
    db = Path(settings.db)
    if db.exists() and not keep:
        db.unlink()
        Path(f"{db}.wal").unlink(missing_ok=True)
    console.print(f"[bold]watchfloor demo[/bold]: building {db} from the bundled corpus")
    with Store(db) as store:
        ingested = Ingestor(store, settings).ingest([corpus_path()])
        console.print(
            f"ingested: read {ingested.read}, new {ingested.new}, "
            f"near-duplicates {ingested.near_duplicates}, failed {ingested.failed}"
        )
        done = process_new(store, settings)
        console.print(
            f"coded {done.documents_coded} documents into {done.events} events; "
            f"{done.signals} unusual signals, {done.alerts_new} alerts, {done.stories} stories"
        )
        forecasts = run_forecast(store, ForecastRequest(unit_kind="admin1", period="week"))
        console.print(f"forecast risk for {len(forecasts)} admin1 units")
        emit_rows(_summary_rows(store), fmt="text", title="demo database")
        emit_rows(_top_types(store), fmt="text", title="most frequent event types")
        alerts = [alert.to_dict() for alert in list_alerts(store, limit=5)]
        emit_rows(
            alerts,
            fmt="text",
            title="alerts",
            columns=["kind", "country", "admin1", "start", "end", "n_signals", "summary"],
        )
    if no_serve:
        return
    from watchfloor.cli.serve_cmds import serve

    ctx.invoke(serve, port=port)


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach ``demo`` to the root group."""
    cli.add_command(demo)
