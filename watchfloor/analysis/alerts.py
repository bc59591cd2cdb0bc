"""Stored alerts: deduplicating upsert, listing, and state changes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from watchfloor.analysis.briefing import with_briefings
from watchfloor.analysis.candidates import Candidate, signal_type
from watchfloor.analysis.records import Alert, AlertSignal
from watchfloor.analysis.series import fetch_one
from watchfloor.errors import InputError
from watchfloor.store.database import Store

STATES = ("new", "acknowledged", "dismissed")
STATE_ALIASES = {"ack": "acknowledged", "acknowledge": "acknowledged", "dismiss": "dismissed"}
ONE_DAY = dt.timedelta(days=1)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _alert_id(dedup_key: str, start: dt.date) -> str:
    return "A" + hashlib.md5(f"{dedup_key}|{start.isoformat()}".encode()).hexdigest()[:12]


def _where_place(country: str | None, admin1: str | None) -> str:
    place = "/".join(p for p in (country, admin1) if p)
    return place or "unknown place"


def describe(
    kind: str,
    country: str | None,
    admin1: str | None,
    rows: Sequence[tuple[str, str]],
    start: dt.date,
    end: dt.date,
) -> str:
    """One-line summary from (type, summary) pairs of the alert's signals."""
    where = _where_place(country, admin1)
    span = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
    if kind == "cluster":
        kinds = Counter(t for t, _ in rows)
        listed = ", ".join(f"{t}" + (f" x{n}" if n > 1 else "") for t, n in kinds.most_common(8))
        return f"{len(rows)} unusual signals of {len(kinds)} kinds in {where}, {span}: {listed}"
    first = rows[0][1] if rows else ""
    more = f" (+{len(rows) - 1} more)" if len(rows) > 1 else ""
    return f"{kind} in {where}, {span}: {first}{more}"


def _find_existing(con: duckdb.DuckDBPyConnection, cand: Candidate) -> tuple[Any, ...] | None:
    return fetch_one(
        con.execute(
            "SELECT id, start_day, end_day, score FROM alerts WHERE dedup_key = ? "
            "AND start_day <= ? AND end_day >= ? ORDER BY start_day LIMIT 1",
            [cand.dedup_key, cand.end + ONE_DAY, cand.start - ONE_DAY],
        )
    )


def _write_signals(con: duckdb.DuckDBPyConnection, alert_id: str, cand: Candidate) -> None:
    con.executemany(
        "INSERT OR REPLACE INTO alert_signals VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                alert_id,
                s["id"],
                s.get("event_id"),
                s.get("document_id"),
                s["day"],
                signal_type(s),
                s["summary"],
                float(s["score"]),
            ]
            for s in cand.signals
        ],
    )


def _refresh(
    con: duckdb.DuckDBPyConnection,
    alert_id: str,
    kind: str,
    country: str | None,
    admin1: str | None,
    start: dt.date,
    end: dt.date,
) -> tuple[int, str]:
    rows = con.execute(
        "SELECT type, summary FROM alert_signals WHERE alert_id = ? "
        "ORDER BY score DESC, day, signal_id",
        [alert_id],
    ).fetchall()
    return len(rows), describe(kind, country, admin1, rows, start, end)


def upsert_alerts(
    con: duckdb.DuckDBPyConnection, candidates: Sequence[Candidate]
) -> tuple[list[str], list[str]]:
    """Insert new alerts or grow the overlapping alert of the same key (id and state kept).

    Returns (new ids, updated ids); an alert whose window, signals and score did not change
    is neither.
    """
    new, updated = [], []
    for cand in candidates:
        now = _now()
        found = _find_existing(con, cand)
        if found is None:
            alert_id = _alert_id(cand.dedup_key, cand.start)
            con.execute(
                "INSERT INTO alerts (id, kind, dedup_key, country, admin1, place, start_day, "
                "end_day, score, n_signals, summary, state, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', 'new', ?, ?)",
                [
                    alert_id,
                    cand.kind,
                    cand.dedup_key,
                    cand.country,
                    cand.admin1,
                    cand.place,
                    cand.start,
                    cand.end,
                    cand.score,
                    now,
                    now,
                ],
            )
            _write_signals(con, alert_id, cand)
            n, summary = _refresh(
                con, alert_id, cand.kind, cand.country, cand.admin1, cand.start, cand.end
            )
            con.execute(
                "UPDATE alerts SET n_signals = ?, summary = ? WHERE id = ?", [n, summary, alert_id]
            )
            new.append(alert_id)
            continue
        alert_id, old_start, old_end, old_score = found
        before = fetch_one(
            con.execute("SELECT count(*) FROM alert_signals WHERE alert_id = ?", [alert_id])
        )
        _write_signals(con, alert_id, cand)
        start, end = min(old_start, cand.start), max(old_end, cand.end)
        score = max(float(old_score), cand.score)
        n, summary = _refresh(con, alert_id, cand.kind, cand.country, cand.admin1, start, end)
        changed = (
            (start, end) != (old_start, old_end)
            or n != (before[0] if before else 0)
            or score > float(old_score) + 1e-9
        )
        con.execute(
            "UPDATE alerts SET start_day = ?, end_day = ?, score = ?, n_signals = ?, "
            "summary = ?, place = coalesce(place, ?), "
            "updated_at = CASE WHEN ? THEN ? ELSE updated_at END WHERE id = ?",
            [start, end, score, n, summary, cand.place, changed, now, alert_id],
        )
        if changed and alert_id not in new:
            updated.append(alert_id)
    return new, updated


def _alert_from_row(row: dict[str, Any], signals: list[AlertSignal]) -> Alert:
    return Alert(
        id=str(row["id"]),
        kind=str(row["kind"]),
        country=row["country"],
        admin1=row["admin1"],
        place=row["place"],
        start=row["start_day"],
        end=row["end_day"],
        score=float(row["score"]),
        n_signals=int(row["n_signals"]),
        summary=str(row["summary"]),
        state=str(row["state"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        signals=tuple(signals),
    )


def list_alerts(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    state: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    ids: Sequence[str] | None = None,
    limit: int | None = None,
    actors_file: Path | None = None,
) -> list[Alert]:
    """Alerts whose window overlaps [since, until], newest first, with their signals,
    briefing lines and prominent actors (``actors_file``: the user's, see ``prominence``)."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    for clause, value in (
        ("end_day >= ?", since),
        ("start_day <= ?", until),
        ("kind = ?", kind),
        ("country = ?", country),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if state is not None:
        clauses.append("state = ?")
        params.append(normalise_state(state))
    if ids is not None:
        clauses.append("list_contains(?::VARCHAR[], id)")
        params.append(list(ids))
    sql = f"SELECT * FROM alerts WHERE {' AND '.join(clauses)} ORDER BY end_day DESC, score DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cur = store.con.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    by_alert: dict[str, list[AlertSignal]] = {}
    if rows:
        sig_rows = store.con.execute(
            "SELECT alert_id, signal_id, event_id, document_id, day, type, summary, score "
            "FROM alert_signals WHERE list_contains(?::VARCHAR[], alert_id) "
            "ORDER BY day, score DESC, signal_id",
            [[r["id"] for r in rows]],
        ).fetchall()
        for a_id, *rest in sig_rows:
            by_alert.setdefault(a_id, []).append(AlertSignal(*rest))
    found = [_alert_from_row(r, by_alert.get(str(r["id"]), [])) for r in rows]
    return with_briefings(store, found, actors_file)


def normalise_state(state: str) -> str:
    """Accept ``ack``/``dismiss`` aliases; InputError for anything else unknown."""
    value = STATE_ALIASES.get(state.lower(), state.lower())
    if value not in STATES:
        raise InputError(f"alert state {state!r} is not one of {', '.join(STATES)}")
    return value


def set_alert_state(store: Store, alert_id: str, state: str) -> Alert:
    """Set an alert's state (new, acknowledged, dismissed); InputError if the id is unknown."""
    value = normalise_state(state)
    with store.transaction() as con:
        found = fetch_one(con.execute("SELECT 1 FROM alerts WHERE id = ?", [alert_id]))
        if found is None:
            raise InputError(f"alert {alert_id!r} does not exist (see `watchfloor alerts`)")
        con.execute("UPDATE alerts SET state = ? WHERE id = ?", [value, alert_id])
    return list_alerts(store, ids=[alert_id])[0]
