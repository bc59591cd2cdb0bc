"""CLI of the analysis layer: analyze, alerts, stories, network, media."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from watchfloor.analysis.records import Alert
from watchfloor.cli.common import (
    emit_rows,
    format_options,
    open_store,
    parse_day,
    settings_from,
    to_json,
)
from watchfloor.errors import InputError


@click.command()
@click.option("--full", is_flag=True, help="recompute the whole history, not only new days")
@click.option("--webhook", default=None, help="POST new/changed alerts as JSON to this URL")
@click.option("--smtp-host", default=None, help="send new/changed alerts via this SMTP server")
@click.option("--smtp-port", type=int, default=None, help="SMTP port (default 25)")
@click.option("--email-to", default=None, help="comma-separated alert recipients")
@click.option("--email-from", default=None, help="sender address of alert e-mail")
@click.option("--json", "as_json", is_flag=True, help="print the run summary as JSON")
@click.pass_context
def analyze(
    ctx: click.Context,
    full: bool,
    webhook: str | None,
    smtp_host: str | None,
    smtp_port: int | None,
    email_to: str | None,
    email_from: str | None,
    as_json: bool,
) -> None:
    """Update baselines, unusual-event signals, alerts and stories; send alerts."""
    from watchfloor.analysis.notify import NotifySettings, Targets, notify
    from watchfloor.analysis.pipeline import analyze_full, analyze_incremental

    settings = settings_from(ctx)
    recipients = tuple(a.strip() for a in (email_to or "").split(",") if a.strip())
    targets = Targets.from_settings(
        NotifySettings(),
        webhook_url=webhook,
        smtp_host=smtp_host,
        smtp_port=smtp_port,
        email_to=recipients,
        email_from=email_from,
    )
    with open_store(ctx) as store:
        summary = (analyze_full if full else analyze_incremental)(store, settings)
        sent = notify(store, targets)
    data = {**asdict(summary), "alerts_sent": sent}
    if as_json:
        click.echo(to_json(data))
        return
    click.echo(
        f"analysed {summary.from_day or '-'}..{summary.to_day or '-'}: "
        f"{summary.series_tested} series-days tested, {summary.signals} signals, "
        f"{len(summary.alerts_new)} new and {len(summary.alerts_updated)} updated alerts, "
        f"{summary.stories} stories, {sent} alerts sent ({summary.seconds:.2f}s)"
    )


ALERT_COLUMNS = (
    "id",
    "kind",
    "state",
    "country",
    "admin1",
    "place",
    "start",
    "end",
    "score",
    "n_signals",
    "summary",
)


@click.group(invoke_without_command=True)
@click.option("--since", default=None, help="alerts whose window ends on/after YYYY-MM-DD")
@click.option("--until", default=None, help="alerts whose window starts on/before YYYY-MM-DD")
@click.option("--state", default=None, help="new | acknowledged | dismissed")
@click.option("--kind", default=None, help="cluster | burst | novelty | rule")
@click.option("--country", default=None, help="ISO3 country code")
@format_options
@click.pass_context
def alerts(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    state: str | None,
    kind: str | None,
    country: str | None,
    fmt: str | None,
    limit: int | None,
) -> None:
    """List alerts (newest first); `alerts ack ID` / `alerts dismiss ID` change state."""
    if ctx.invoked_subcommand is not None:
        return
    from watchfloor.analysis.alerts import list_alerts
    from watchfloor.analysis.config import AnalysisConfig
    from watchfloor.analysis.warmup import warmup_status

    with open_store(ctx, read_only=True) as store:
        found = list_alerts(
            store,
            since=parse_day(since, "--since", allow_time=True),
            until=parse_day(until, "--until", allow_time=True),
            state=state,
            kind=kind,
            country=country,
            limit=limit,
            actors_file=settings_from(ctx).actors_file,
        )
        warmup = warmup_status(store, AnalysisConfig.from_settings(settings_from(ctx)))
    if (fmt or "text") != "text":
        emit_rows([a.to_dict() for a in found], fmt=fmt or "text", columns=ALERT_COLUMNS)
        return
    click.echo(f"{len(found)} alerts")
    for alert in found:
        click.echo("")
        for line in briefing_text(alert):
            click.echo(line)
    click.echo("")
    click.echo(warmup.line())


def briefing_text(alert: Alert) -> list[str]:
    """An alert as a short briefing: a header, its summary, one line per signal."""
    span = alert.start.isoformat()
    if alert.end != alert.start:
        span += f"..{alert.end.isoformat()}"
    where = "/".join(p for p in (alert.country, alert.admin1) if p) or "unknown place"
    lines = [
        f"{alert.id}  {alert.kind}  {alert.state}  {where}  {span}  score {alert.score:.1f}",
        f"  {alert.summary}",
    ]
    if alert.actors:
        lines.append(f"  actors: {', '.join(alert.actors)}")
    lines.extend(f"  - {line}" for line in alert.briefing)
    return lines


def _set_state(ctx: click.Context, alert_id: str, state: str) -> None:
    from watchfloor.analysis.alerts import set_alert_state

    with open_store(ctx) as store:
        alert = set_alert_state(store, alert_id, state)
    click.echo(f"{alert.id}: {alert.state}")


@alerts.command(name="ack")
@click.argument("alert_id")
@click.pass_context
def alerts_ack(ctx: click.Context, alert_id: str) -> None:
    """Mark an alert acknowledged."""
    _set_state(ctx, alert_id, "acknowledged")


@alerts.command(name="dismiss")
@click.argument("alert_id")
@click.pass_context
def alerts_dismiss(ctx: click.Context, alert_id: str) -> None:
    """Mark an alert dismissed."""
    _set_state(ctx, alert_id, "dismissed")


@click.command(name="alert-state")
@click.argument("alert_id")
@click.argument("state")
@click.pass_context
def alert_state(ctx: click.Context, alert_id: str, state: str) -> None:
    """Set an alert's state: new, acknowledged (ack) or dismissed (dismiss)."""
    _set_state(ctx, alert_id, state)


@click.command()
@click.option("--since", default=None, help="stories ending on/after YYYY-MM-DD")
@click.option("--until", default=None, help="stories starting on/before YYYY-MM-DD")
@click.option("--refresh", is_flag=True, help="regroup documents into stories first")
@format_options
@click.pass_context
def stories(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    refresh: bool,
    fmt: str | None,
    limit: int | None,
) -> None:
    """List storylines: threads of documents sharing actors, places, words and time."""
    from watchfloor.analysis.stories import list_stories, update_stories

    with open_store(ctx, read_only=not refresh) as store:
        if refresh:
            update_stories(store)
        found = list_stories(
            store,
            since=parse_day(since, "--since", allow_time=True),
            until=parse_day(until, "--until", allow_time=True),
            limit=limit,
        )
    emit_rows(
        [s.to_dict() for s in found],
        fmt=fmt or "text",
        columns=("id", "title", "start", "end", "n_documents", "n_events", "countries"),
        title=f"{len(found)} stories",
    )


@click.command()
@click.option("--since", default=None, help="events on/after YYYY-MM-DD")
@click.option("--until", default=None, help="events on/before YYYY-MM-DD")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gexf", "graphml", "json", "table"]),
    default="table",
    help="export format (default: a table of top actors)",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="write the export to FILE instead of stdout",
)
@click.option("--top", type=int, default=20, help="actors shown by --format table")
@click.pass_context
def network(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    fmt: str,
    output: Path | None,
    top: int,
) -> None:
    """Actor network (who acts on whom) with centrality and communities."""
    from watchfloor.analysis.network import build_network, export_network, top_actors

    with open_store(ctx, read_only=True) as store:
        graph = build_network(
            store,
            parse_day(since, "--since", allow_time=True),
            parse_day(until, "--until", allow_time=True),
        )
    if fmt == "table":
        emit_rows(
            top_actors(graph, top),
            fmt="text",
            title=f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} ties",
        )
        return
    text = export_network(graph, fmt)
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc}") from exc
    click.echo(
        f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} ties to {output}"
    )


@click.command()
@click.option("--actor", required=True, help="ISO3 code, COUNTRY_SECTOR key or actor id")
@click.option("--pivot", required=True, help="pivot date YYYY-MM-DD")
@click.option("--window-days", type=int, default=30, help="days before and after the pivot")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@click.pass_context
def media(ctx: click.Context, actor: str, pivot: str, window_days: int, as_json: bool) -> None:
    """How each outlet's coverage of and tone toward an actor changed around a date."""
    from watchfloor.analysis.media import media_lens

    day = parse_day(pivot, "--pivot", allow_time=True)
    assert day is not None
    with open_store(ctx, read_only=True) as store:
        result = media_lens(store, actor, day, window_days)
    if as_json:
        click.echo(to_json(result.to_dict()))
        return
    rows = [{**asdict(o), "tone_change": o.tone_change} for o in result.outlets]
    emit_rows(rows, fmt="text", title=f"{actor} around {day} (+/-{window_days} days)")
    for q in result.quotes:
        click.echo(f"{q.day} {q.outlet} [{q.speaker or 'unattributed'}] {q.text[:160]}")


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
    for command in (analyze, alerts, alert_state, stories, network, media):
        cli.add_command(command)
