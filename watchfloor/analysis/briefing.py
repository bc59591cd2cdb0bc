"""An alert as a short briefing: one line per signal, saying what, where, who, the outlet
and why it is unusual."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from watchfloor.analysis.prominence import NAMED, Prominence, ProminenceBook, actor_prominence
from watchfloor.analysis.records import Alert, AlertSignal
from watchfloor.store.database import Store

EVIDENCE_CHARS = 140


@dataclass(frozen=True)
class SignalContext:
    """What the store knows about a signal's event and document."""

    what: str | None
    evidence: str | None
    place: str | None
    who: str | None
    outlet: str | None
    actors: tuple[Prominence, ...] = ()


def _contexts(
    store: Store, signals: list[AlertSignal], book: ProminenceBook
) -> dict[str, SignalContext]:
    ids = sorted({s.event_id for s in signals if s.event_id})
    if not ids:
        return {}
    rows = store.con.execute(
        """
        SELECT e.id, e.plover_event, e.plover_mode, e.evidence_text,
               concat_ws(', ', e.place_name, e.place_admin1, e.place_country) AS place,
               e.source_text, e.target_text, coalesce(d.source, e.dataset) AS outlet
        FROM events e LEFT JOIN documents d ON d.id = e.document_id
        WHERE list_contains(?::VARCHAR[], e.id)
        """,
        [ids],
    ).fetchall()
    known = actor_prominence(store.con, (t for r in rows for t in r[5:7] if t), book)
    out = {}
    for eid, etype, mode, evidence, place, src, tgt, outlet in rows:
        what = f"{etype}/{mode}" if etype and mode else etype
        who = " -> ".join(x for x in (src, tgt) if x) or None
        named = sorted(
            (known[t] for t in {src, tgt} if t in known and known[t].weight >= NAMED),
            key=lambda p: (-p.weight, p.actor),
        )
        out[str(eid)] = SignalContext(what, evidence, place or None, who, outlet, tuple(named))
    return out


def _short(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 3].rstrip() + "..."


def signal_line(signal: AlertSignal, ctx: SignalContext | None) -> str:
    """``day  WHAT in PLACE by WHO (OUTLET): "evidence" -- why unusual``."""
    day = signal.day.isoformat() if signal.day else "undated"
    if ctx is None:
        return f"{day}  {signal.type} -- {signal.summary}"
    parts = [ctx.what or signal.type]
    if ctx.place:
        parts.append(f"in {ctx.place}")
    if ctx.who:
        parts.append(f"by {ctx.who}")
    head = " ".join(parts) + (f" ({ctx.outlet})" if ctx.outlet else "")
    quote = _short(ctx.evidence)
    said = f': "{quote}"' if quote else ""
    why = signal.summary
    head_type, _, rest = why.partition(": ")
    if rest and ctx.evidence and " ".join(ctx.evidence.split()).startswith(rest[:60]):
        # Keyword signals quote the evidence, already on the line: name the warning instead.
        why = f"{head_type.replace('_', ' ')} named in the report, a warning kind"
    if ctx.actors:
        why += "; involves " + ", ".join(f"{p.actor} ({p.why})" for p in ctx.actors)
    return f"{day}  {head}{said} -- why: {why}"


def briefing_lines(alert: Alert, ctx: dict[str, SignalContext]) -> tuple[str, ...]:
    """One line per signal of the alert, strongest first."""
    ordered = sorted(alert.signals, key=lambda s: (-s.score, s.day or alert.start, s.signal_id))
    return tuple(signal_line(s, ctx.get(s.event_id or "")) for s in ordered)


def _alert_actors(alert: Alert, ctx: dict[str, SignalContext]) -> tuple[str, ...]:
    found: dict[str, float] = {}
    for s in alert.signals:
        for p in ctx[s.event_id].actors if s.event_id in ctx else ():
            found[p.actor] = max(found.get(p.actor, 0.0), p.weight)
    return tuple(sorted(found, key=lambda a: (-found[a], a)))


def with_briefings(
    store: Store, alerts: list[Alert], actors_file: Path | None = None
) -> list[Alert]:
    """The alerts with their briefing lines and prominent actors (one query for all)."""
    book = ProminenceBook.load(actors_file)
    ctx = _contexts(store, [s for a in alerts for s in a.signals], book)
    return [
        replace(a, briefing=briefing_lines(a, ctx), actors=_alert_actors(a, ctx)) for a in alerts
    ]
