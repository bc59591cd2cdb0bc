"""Cold start: which places have enough history to be judged, and from when.

A place's history is the number of days on which the store received documents with events
placed there (the publication day; for events imported from ACLED/GDELT, which have no
document, the event's day), not calendar days: a country the feeds mention once a week is
not judged two weeks after its first mention, and reports recalling older dates do not
make a history the store never saw. Rates are gated in
``baselines``; this module gates the other signals (novelty, rules) the same way and says,
for ``watchfloor alerts`` and the dashboard, what is still warming up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.series import STREAM_SQL, unstreamed_key
from watchfloor.store.database import Store

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PlaceWarmup:
    """One country: its covered days and the first day it is (or will be) judged."""

    country: str
    covered_days: int
    judged_from: dt.date | None


@dataclass(frozen=True)
class WarmupStatus:
    """Places judged and places still warming up (fewer than ``min_history_days``)."""

    min_history_days: int
    judged: tuple[PlaceWarmup, ...]
    warming: tuple[PlaceWarmup, ...]

    def line(self, limit: int = 5) -> str:
        """``judging IRQ from 2018-01-15, SYR from 2018-01-16; 12 places warming up``."""
        shown = sorted(self.judged, key=lambda p: (-p.covered_days, p.country))[:limit]
        parts = [f"{p.country} from {p.judged_from}" for p in shown]
        more = len(self.judged) - len(shown)
        judged = "judging " + ", ".join(parts) + (f" and {more} more" if more > 0 else "")
        if not self.judged:
            judged = "judging no place yet"
        return (
            f"{judged}; {len(self.warming)} places warming up "
            f"(a place is judged after {self.min_history_days} days with events)"
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of the API and the dashboard."""
        return {
            "min_history_days": self.min_history_days,
            "summary": self.line(),
            "judged": [_place_dict(p) for p in self.judged],
            "warming": [_place_dict(p) for p in self.warming],
        }


def _place_dict(p: PlaceWarmup) -> dict[str, object]:
    judged_from = p.judged_from.isoformat() if p.judged_from else None
    return {"country": p.country, "covered_days": p.covered_days, "judged_from": judged_from}


def received_days_sql(*, by_stream: bool = False) -> str:
    """SQL of (country, day) pairs: a day the store received events placed in the country;
    country ``'ALL'`` for every such day of any country. ``by_stream``: imported events'
    days under their stream's keys (``acled:IRQ``, ``acled:ALL``, see ``series``)."""
    stream = STREAM_SQL if by_stream else "''"
    return f"""
        WITH r AS (
            SELECT DISTINCT {stream} AS stream, e.place_country AS country,
                   CASE WHEN e.document_id IS NULL OR d.id IS NULL THEN e.date
                        ELSE CAST(coalesce(d.published, d.ingested_at) AS DATE) END AS day
            FROM events e LEFT JOIN documents d ON d.id = e.document_id
            WHERE e.place_country IS NOT NULL AND e.date IS NOT NULL
                  AND NOT coalesce(e.negated, FALSE)
        )
        SELECT DISTINCT stream || country AS country, day FROM r WHERE day IS NOT NULL
        UNION ALL
        SELECT DISTINCT stream || 'ALL', day FROM r WHERE day IS NOT NULL
    """


def warmup_status(store: Store, cfg: AnalysisConfig) -> WarmupStatus:
    """Every country with events, split into judged and warming up."""
    need = int(cfg.min_history_days)
    rows = store.con.execute(
        f"""
        WITH days AS (
            SELECT country AS key, day,
                   row_number() OVER (PARTITION BY country ORDER BY day) AS nth
            FROM ({received_days_sql()}) WHERE country <> 'ALL'
        )
        SELECT key, count(*) AS covered, min(day) FILTER (WHERE nth = ?) AS last_needed
        FROM days GROUP BY key ORDER BY key
        """,
        [need],
    ).fetchall()
    places = [
        PlaceWarmup(str(key), int(covered), last + ONE_DAY if last is not None else None)
        for key, covered, last in rows
    ]
    return WarmupStatus(
        need,
        tuple(p for p in places if p.judged_from is not None),
        tuple(p for p in places if p.judged_from is None),
    )


def drop_cold_signals(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, cfg: AnalysisConfig
) -> pd.DataFrame:
    """The signals whose place has ``min_history_days`` covered days before the signal.

    The place is the signal's country; a ``new_type`` signal ("first X ever in Y") with an
    admin1 also needs that admin1's own history. Signals without a country are kept.
    """
    if frame.empty:
        return frame
    con.register("_wf_cold", frame[["id", "day", "country", "admin1", "subtype"]])
    try:
        rows = con.execute(
            f"""
            WITH covered AS (
                SELECT 'country' AS level, country AS key, day FROM ({received_days_sql()})
                WHERE country <> 'ALL'
                UNION ALL
                SELECT DISTINCT level, {unstreamed_key()} AS key, day FROM analysis_daily_counts
                WHERE level = 'admin1' AND etype = 'ALL' AND n > 0
            )
            SELECT s.id FROM _wf_cold s
            WHERE s.country IS NULL OR (
                (SELECT count(*) FROM covered c WHERE c.level = 'country'
                    AND c.key = s.country AND c.day < s.day) >= $need
                AND (s.subtype <> 'new_type' OR s.admin1 IS NULL OR
                    (SELECT count(*) FROM covered c WHERE c.level = 'admin1'
                        AND c.key = s.country || '/' || s.admin1 AND c.day < s.day) >= $need)
            )
            """,
            {"need": int(cfg.min_history_days)},
        ).fetchall()
    finally:
        con.unregister("_wf_cold")
    keep = {r[0] for r in rows}
    return frame[frame["id"].isin(keep)].reset_index(drop=True)
