"""``eval alerts``: replay a corpus day by day into a fresh store and score its alerts.

Each publication day, in order, goes through the live path: ingest that day's documents,
code them and run the incremental analysis (``workflow.ingest_and_process``), then note every
alert that exists at the end of the day. No day sees a later day's documents. The alerts
are then matched against known escalation windows (``alert_truth``).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.records import Alert
from watchfloor.errors import InputError
from watchfloor.evaluation.alert_truth import ReplayedAlert, read_windows, score_replay
from watchfloor.evaluation.common import strict_jsonl
from watchfloor.ingest.files import jsonl_document
from watchfloor.ingest.items import Candidate, Origin
from watchfloor.records import Document
from watchfloor.settings import Settings
from watchfloor.store.database import Store

CORPUS_FIELDS = ("id", "text", "html", "title", "url", "source", "language", "published")
"""Fields of a corpus line the replay passes on: gold fields of ``reports`` lines never
reach the coder."""

DayCallback = Callable[[dt.date, int, float], None]
Numbered = list[tuple[Document, int]]
"""Documents with their line numbers in the corpus file."""


def _document(record: object, name: str, number: int) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{name} line {number}: expected a JSON object")
    kept = {k: v for k, v in record.items() if k in CORPUS_FIELDS}
    if not kept.get("published") and record.get("date"):
        kept["published"] = f"{record['date']}T12:00:00"
    try:
        doc = jsonl_document(kept, default_source=Path(name).stem)
    except InputError as exc:
        raise InputError(f"{name} line {number}: {exc}") from None
    if doc.published is None:
        raise InputError(f"{name} line {number}: needs a 'published' or 'date' field")
    return doc


def read_corpus(path: str | Path) -> list[tuple[Document, int]]:
    """The corpus's documents with their line numbers, in publication order."""
    path = Path(path)
    docs = [
        (_document(record, str(path), number), number)
        for number, record in strict_jsonl(path, "corpus file")
    ]
    if not docs:
        raise InputError(f"corpus file {path} holds no documents")
    docs.sort(key=lambda pair: (_published(pair[0]), pair[1]))
    return docs


def _published(doc: Document) -> dt.datetime:
    assert doc.published is not None  # read_corpus refuses undated documents
    return doc.published.replace(tzinfo=None)


def by_day(docs: Numbered) -> Iterator[tuple[dt.date, Numbered]]:
    """Consecutive publication days with their documents (days without any are skipped)."""
    current: dt.date | None = None
    batch: Numbered = []
    for doc, number in docs:
        day = _published(doc).date()
        if current is not None and day != current:
            yield current, batch
            batch = []
        current = day
        batch.append((doc, number))
    if current is not None:
        yield current, batch


def _alert_points(store: Store, alerts: list[Alert]) -> dict[str, tuple[float, float]]:
    """Median point of each alert's signal events that have coordinates."""
    rows = store.con.execute(
        "SELECT s.alert_id, e.lat, e.lon FROM alert_signals s JOIN events e ON e.id = s.event_id "
        "WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL "
        "AND list_contains(?::VARCHAR[], s.alert_id)",
        [[a.id for a in alerts]],
    ).fetchall()
    points: dict[str, list[tuple[float, float]]] = {}
    for alert_id, lat, lon in rows:
        points.setdefault(str(alert_id), []).append((float(lat), float(lon)))
    return {
        k: (statistics.median(p[0] for p in v), statistics.median(p[1] for p in v))
        for k, v in points.items()
    }


def _note_alerts(store: Store, day: dt.date, seen: dict[str, ReplayedAlert]) -> None:
    """Record (or refresh) every alert existing at the end of ``day``."""
    alerts = list_alerts(store)
    points = _alert_points(store, alerts)
    for alert in alerts:
        lat, lon = points.get(alert.id, (None, None))
        noted = ReplayedAlert(
            alert.id,
            alert.kind,
            alert.country,
            alert.admin1,
            alert.place,
            alert.start,
            alert.end,
            day,
            alert.score,
            lat,
            lon,
            alert.summary,
            alert.briefing,
        )
        before = seen.get(alert.id)
        seen[alert.id] = noted if before is None else replace(noted, first_seen=before.first_seen)


def replay(
    docs: list[tuple[Document, int]],
    settings: Settings,
    db_path: Path,
    *,
    name: str = "corpus",
    on_day: DayCallback | None = None,
) -> tuple[list[ReplayedAlert], list[tuple[str, dt.date]], int]:
    """Feed the corpus day by day into a fresh store at ``db_path``.

    Returns the alerts seen, every stored (country, day) event, and the number of days.
    """
    from watchfloor.workflow import ingest_and_process

    seen: dict[str, ReplayedAlert] = {}
    n_days = 0
    with Store(db_path) as store:
        for day, batch in by_day(docs):
            started = time.perf_counter()
            items = [Candidate(doc, Origin(name, number)) for doc, number in batch]
            ingest_and_process(store, settings, items=items)
            _note_alerts(store, day, seen)
            n_days += 1
            if on_day is not None:
                on_day(day, len(batch), time.perf_counter() - started)
        events = store.con.execute(
            "SELECT place_country, date FROM events WHERE place_country IS NOT NULL "
            "AND date IS NOT NULL AND NOT coalesce(negated, FALSE)"
        ).fetchall()
    ordered = sorted(seen.values(), key=lambda a: (a.start, a.id))
    return ordered, [(str(c), d) for c, d in events], n_days


def evaluate(
    path: str | Path,
    *,
    truth: str | Path,
    settings: Settings,
    alerts_out: str | Path | None = None,
    on_day: DayCallback | None = None,
    keep_db: str | Path | None = None,
) -> dict[str, Any]:
    """Replay ``path`` and score it against the windows of ``truth`` (one flat dict).

    ``keep_db``: replay into this new database file and keep it (for inspection).
    """
    started = time.perf_counter()
    windows = read_windows(truth)
    docs = read_corpus(path)
    if keep_db is not None and Path(keep_db).exists():
        raise InputError(f"database {keep_db} already exists: the replay needs a fresh store")
    with tempfile.TemporaryDirectory(prefix="wf-replay-") as tmp:
        db = Path(keep_db) if keep_db is not None else Path(tmp) / "replay.duckdb"
        alerts, events, n_days = replay(docs, settings, db, name=str(path), on_day=on_day)
    first_day = _published(docs[0][0]).date()
    result: dict[str, Any] = {"task": "alerts", "n_documents": len(docs), "n_days": n_days}
    result.update(score_replay(alerts, windows, events, first_day))
    result["seconds"] = round(time.perf_counter() - started, 1)
    if alerts_out is not None:
        write_alerts(alerts, alerts_out)
    return result


def write_alerts(alerts: list[ReplayedAlert], path: str | Path) -> None:
    """One JSON line per alert, with its briefing lines, for a person to judge."""
    lines = []
    for a in alerts:
        lines.append(
            json.dumps(
                {
                    "id": a.id,
                    "kind": a.kind,
                    "country": a.country,
                    "admin1": a.admin1,
                    "place": a.place,
                    "start": a.start.isoformat(),
                    "end": a.end.isoformat(),
                    "first_seen": a.first_seen.isoformat(),
                    "score": round(a.score, 3),
                    "lat": a.lat,
                    "lon": a.lon,
                    "summary": a.summary,
                    "signals": list(a.briefing),
                },
                ensure_ascii=False,
            )
        )
    Path(path).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
