"""Aggregate the ``events`` table into a unit x period panel in DuckDB SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from watchfloor.daterange import DateRange
from watchfloor.errors import InputError
from watchfloor.forecast.features import PANEL_COLUMNS
from watchfloor.forecast.monthly import complete_panel
from watchfloor.store.database import Store

_UNIT_SQL = {
    "country": "place_country",
    "admin1": "CASE WHEN place_admin1 IS NOT NULL THEN place_country || '/' || place_admin1 END",
    "dyad": (
        "CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country THEN least(source_country, target_country) "
        "|| '-' || greatest(source_country, target_country) END"
    ),
}
# log1p counts per unit-period beside the target; "alerts" = alerts of the analysis layer
EXTRA_COLUMNS: tuple[str, ...] = ("events", "q1", "q2", "q3", "q4", "assaults", "alerts")
_ALERT_UNIT_SQL = {
    "country": "country",
    "admin1": "CASE WHEN admin1 IS NOT NULL THEN country || '/' || admin1 END",
}
_EPOCH = dt.date(1970, 1, 5)  # a Monday: week numbers count Monday-starting weeks


@dataclass(frozen=True)
class EscalationRule:
    """Escalation: the target reaches ``ratio`` x its trailing 3-period mean and ``min_count``."""

    ratio: float = 2.0
    min_count: float = 5.0

    def describe(self, target: str) -> str:
        """The rule in words, stored beside each probability."""
        return f"{target} >= {self.ratio:g} x trailing 3-period mean and >= {self.min_count:g}"

    def flags(self, panel: pd.DataFrame) -> pd.Series:
        """1.0 where period t escalated against periods t-3..t-1 of the same unit, else 0."""
        ordered = panel.sort_values(["unit", "t"])
        count = np.expm1(ordered["y"])
        prior = count.groupby(ordered["unit"]).transform(
            lambda s: s.shift(1).rolling(3, min_periods=1).mean()
        )
        jump = count >= self.ratio * prior.fillna(0.0)
        big = count >= self.min_count
        flag = (jump & big).astype(float).where(ordered["y"].notna())
        return flag.reindex(panel.index)


def period_number(day: dt.date, period: str) -> int:
    """Running index of the period containing ``day``."""
    if period == "month":
        return day.year * 12 + day.month - 1
    if period == "week":
        return (day - _EPOCH).days // 7
    return (day - _EPOCH).days


def period_start(index: int, period: str) -> dt.date:
    """First day of the period with running index ``index``."""
    if period == "month":
        return dt.date(index // 12, index % 12 + 1, 1)
    return _EPOCH + dt.timedelta(days=index * (7 if period == "week" else 1))


def _alert_counts(store: Store, unit_kind: str, period: str) -> pd.DataFrame:
    """Alerts raised per unit and period (by start day), where the alerts table exists."""
    empty = pd.DataFrame(
        {
            "unit": pd.Series(dtype=str),
            "start": pd.Series(dtype="object"),
            "alerts": pd.Series(dtype=float),
        }
    )
    if unit_kind not in _ALERT_UNIT_SQL or "alerts" not in store.tables():
        return empty
    frame = store.con.execute(
        f"SELECT {_ALERT_UNIT_SQL[unit_kind]} AS unit, date_trunc('{period}', start_day)::DATE "
        "AS start, count(*)::DOUBLE AS alerts FROM alerts WHERE state <> 'dismissed' "
        "GROUP BY ALL HAVING unit IS NOT NULL"
    ).fetch_df()
    return frame if not frame.empty else empty


def events_panel(
    store: Store,
    unit_kind: str,
    period: str,
    dataset: str | None = None,
    accepted: DateRange | None = None,
) -> tuple[pd.DataFrame, str]:
    """Complete unit x period panel from stored events, and the name of its target.

    The target is fatalities when any selected event reports them (and the unit is not a
    dyad), else the count of material-conflict events (QuadClass 4 or ACLED violence).
    Empty periods count as zero: an event table says nothing happened, not "unknown".
    Events dated outside ``accepted`` (default ``DateRange.default()``; e.g. an imported
    9999-12-31) are left out: they would stretch the panel over millennia.
    """
    if unit_kind not in _UNIT_SQL or period not in ("month", "week", "day"):
        raise InputError(f"unknown unit {unit_kind!r} or period {period!r}")
    accepted = accepted or DateRange.default()
    where = "date BETWEEN ? AND ? AND unit IS NOT NULL" + (" AND dataset = ?" if dataset else "")
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in range(1, 5))
    sql = f"""
        SELECT unit, date_trunc('{period}', date)::DATE AS start,
          sum(coalesce(fatalities, 0)) AS fatalities, count(fatalities) AS with_fatalities,
          count(*) FILTER (WHERE quad_class = 4 OR plover_event = 'ASSAULT') AS conflict_events,
          count(*) FILTER (WHERE plover_event = 'PROTEST') AS protests,
          {quads},
          count(*) FILTER (WHERE plover_event = 'ASSAULT') AS assaults,
          avg(goldstein) AS gs, count(*) AS events
        FROM (SELECT *, {_UNIT_SQL[unit_kind]} AS unit FROM events) e
        WHERE {where} GROUP BY ALL
    """
    params: list[object] = [accepted.earliest, accepted.latest, *([dataset] if dataset else [])]
    agg = store.con.execute(sql, params).fetch_df()
    if agg.empty:
        raise InputError("no dated events with a unit in the database: import or code some first")
    agg = agg.merge(_alert_counts(store, unit_kind, period), on=["unit", "start"], how="left")
    agg["alerts"] = agg["alerts"].fillna(0)
    use_fatalities = unit_kind != "dyad" and agg["with_fatalities"].sum() > 0
    target = "fatalities" if use_fatalities else "conflict_events"
    frame = pd.DataFrame(
        {
            "unit": agg["unit"],
            "t": [period_number(d, period) for d in pd.to_datetime(agg["start"]).dt.date],
            "y": np.log1p(agg[target].astype(float)),
            "pr": np.log1p(agg["protests"].astype(float)),
            "gs": agg["gs"].astype(float),
            **{c: np.log1p(agg[c].astype(float)) for c in EXTRA_COLUMNS},
        }
    )
    panel = complete_panel(frame)
    counts = ["y", "pr", *EXTRA_COLUMNS]
    panel[counts] = panel[counts].fillna(0.0)
    panel["imp"] = np.nan
    return panel[[*PANEL_COLUMNS, *EXTRA_COLUMNS]], target
