"""CLI: `watchfloor forecast`, `watchfloor forecast backtest`, `watchfloor import gdelt|acled`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from watchfloor.cli.common import emit_rows, format_options, open_store, to_json
from watchfloor.errors import InputError


def parse_horizons(text: str) -> tuple[int, ...]:
    """'1-6' or '1,3,6' as a sorted tuple of positive month counts."""
    values: set[int] = set()
    try:
        for part in text.split(","):
            if "-" in part:
                lo, hi = (int(v) for v in part.split("-", 1))
                values.update(range(lo, hi + 1))
            elif part.strip():
                values.add(int(part))
    except ValueError as exc:
        raise InputError(f"--horizons {text!r}: use a range like 1-6 or a list like 1,3,6") from exc
    if not values or min(values) < 1 or max(values) > 36:
        raise InputError(f"--horizons {text!r}: horizons must lie between 1 and 36")
    return tuple(sorted(values))


@click.group(name="forecast", invoke_without_command=True)
@click.option(
    "--unit",
    "unit_kind",
    type=click.Choice(["country", "admin1", "dyad"]),
    default="country",
    show_default=True,
    help="what a forecast is about",
)
@click.option("--horizon", type=int, default=1, show_default=True, help="periods ahead to forecast")
@click.option(
    "--period",
    type=click.Choice(["month", "week", "day"]),
    default="month",
    show_default=True,
    help="length of one period",
)
@click.option("--dataset", default=None, help="use only events of this dataset (e.g. acled)")
@click.option(
    "--escalation-ratio",
    type=float,
    default=2.0,
    show_default=True,
    help="escalation = target reaches this multiple of its trailing 3-period mean",
)
@click.option(
    "--escalation-min",
    type=float,
    default=5.0,
    show_default=True,
    help="... and at least this count",
)
@format_options
@click.pass_context
def forecast_group(
    ctx: click.Context,
    unit_kind: str,
    horizon: int,
    period: str,
    dataset: str | None,
    escalation_ratio: float,
    escalation_min: float,
    fmt: str | None,
    limit: int | None,
) -> None:
    """Forecast risk per unit from the stored events and save it to the `forecasts` table."""
    if ctx.invoked_subcommand is not None:
        return
    from watchfloor.forecast.live import ForecastRequest, run_forecast
    from watchfloor.forecast.panel import EscalationRule

    if horizon < 1 or escalation_ratio <= 1.0 or escalation_min < 0:
        raise InputError("--horizon must be >= 1, --escalation-ratio > 1, --escalation-min >= 0")
    request = ForecastRequest(
        unit_kind=unit_kind,
        horizon=horizon,
        period=period,
        dataset=dataset,
        rule=EscalationRule(ratio=escalation_ratio, min_count=escalation_min),
    )
    with open_store(ctx) as store:
        rows = run_forecast(store, request)
    rows = rows[:limit] if limit else rows
    _emit_forecasts(rows, fmt, "forecast risk per unit")


def _drivers(features: list[dict[str, Any]]) -> str:
    return ", ".join(f"{f['feature']} {float(f['contribution']):+.2f}" for f in features)


def _emit_forecasts(rows: list[dict[str, Any]], fmt: str | None, title: str) -> None:
    if fmt in ("json", "csv"):
        emit_rows(rows, fmt=fmt)
        return
    shown = [{**row, "drivers": _drivers(row["top_features"])} for row in rows]
    columns = [
        "unit",
        "target_start",
        "target",
        "last_value",
        "expected",
        "q10",
        "q90",
        "escalation_prob",
        "drivers",
    ]
    emit_rows(shown, fmt="text", title=title, columns=columns)


@forecast_group.command(name="backtest")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--origin", required=True, help="first forecast month, YYYY-MM")
@click.option("--horizons", default="1-6", show_default=True, help="months ahead, e.g. 1-6")
@click.option(
    "--refit-every",
    type=int,
    default=1,
    show_default=True,
    help="refit the models every N origins (1 = monthly refit)",
)
@click.option("--until", default=None, help="last origin month, YYYY-MM (default: file end)")
@click.option("--jobs", type=int, default=1, show_default=True, help="parallel refits")
@click.option(
    "--neighbours/--no-neighbours",
    default=False,
    show_default=True,
    help="add neighbouring countries' activity (land borders) to the features",
)
@click.option(
    "--loss",
    type=click.Choice(["squared_error", "poisson"]),
    default="squared_error",
    show_default=True,
    help="gradient-boosting loss on log1p(deaths)",
)
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@click.option(
    "--plots",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="save the error chart and reliability diagram as PNG in this folder",
)
def backtest_cmd(
    file: Path,
    origin: str,
    horizons: str,
    refit_every: int,
    until: str | None,
    jobs: int,
    neighbours: bool,
    loss: str,
    as_json: bool,
    plots: Path | None,
) -> None:
    """Rolling-origin backtest on a `monthly` country-month FILE, never reading past the origin."""
    from watchfloor.forecast.backtest import BacktestOptions, run_backtest
    from watchfloor.forecast.models import ModelConfig
    from watchfloor.forecast.monthly import period_index, read_monthly

    if refit_every < 1:
        raise InputError("--refit-every must be at least 1")
    panel = read_monthly(file)
    opts = BacktestOptions(
        origin=period_index(origin),
        horizons=parse_horizons(horizons),
        refit_every=refit_every,
        last_origin=period_index(until) if until else None,
        n_jobs=jobs,
        neighbours=neighbours,
        config=ModelConfig(loss=loss),
    )
    result = run_backtest(panel, opts)
    summary = result.summary()
    if plots is not None:
        from watchfloor.forecast.plots import save_plots

        summary["plots"] = [str(p) for p in save_plots(result, plots)]
    if as_json:
        click.echo(to_json(summary))
        return
    rows = [
        {
            "horizon": h,
            "mse_model": m,
            "mse_no_change": nc,
            "mse_zero": z,
            "mse_unit_mean": um,
            "ratio": m / nc,
            "crps_model": c,
            "crps_no_change": cn,
        }
        for h, m, nc, z, um, c, cn in zip(
            result.horizons,
            result.mse_model,
            result.mse_no_change,
            result.mse_zero,
            result.mse_unit_mean,
            result.crps_model,
            result.crps_no_change,
            strict=True,
        )
    ]
    emit_rows(rows, fmt="text", title=f"backtest {file.name} from {origin}")
    click.echo(
        f"mean MSE ratio to no-change {summary['mean_mse_ratio_no_change']:.3f}; "
        f"deteriorated next month: AUC {result.auc_deteriorated:.3f}, "
        f"Brier {result.brier_deteriorated:.4f} (persistence AUC "
        f"{result.auc_deteriorated_persistence:.3f}); {result.n_units} units x "
        f"{result.n_periods} origins, refit every {result.refit_every}"
    )


@forecast_group.command(name="list")
@click.option(
    "--unit",
    "unit_kind",
    type=click.Choice(["country", "admin1", "dyad"]),
    default=None,
    help="only this unit kind",
)
@click.option("--horizon", type=int, default=None, help="only this horizon")
@format_options
@click.pass_context
def list_cmd(
    ctx: click.Context,
    unit_kind: str | None,
    horizon: int | None,
    fmt: str | None,
    limit: int | None,
) -> None:
    """Print the saved forecasts, highest escalation probability first (no refit)."""
    from watchfloor.forecast.live import list_forecasts

    with open_store(ctx, read_only=True) as store:
        rows = list_forecasts(store, unit_kind=unit_kind, horizon=horizon, limit=limit)
    _emit_forecasts(rows, fmt, "saved forecasts")


def register(cli: click.Group, import_group: click.Group) -> None:
    """Attach this module's commands to the root group and the `import` group."""
    cli.add_command(forecast_group)
