"""How prominent an event's actors are: from the actor dictionary and from the collection.

Dictionary prominence comes from titles (``lang/en/prominent_titles.tsv``: heads of state
and government, ministers, commanders, leaders of armed groups, parties and faiths), from
the office-holders the actor lexicon names, and from the people of the user's actors file
(``Settings.actors_file``, section ``people``: whoever the user lists matters to them).
Collection prominence is the share of stored documents that mention the actor, for actors
named by a proper name (two capitalised words or more: "Moqtada al-Sadr", not "Syrian
forces" or "police", which every report mentions without being salient). An actor's
weight is the larger of the two, in [0, 1]; a signal's event weighs ``1 + weight``.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from watchfloor.errors import ConfigError

MAX_NAME_TOKENS = 4
LEXICON_PERSON_WEIGHT = 0.6
USER_PERSON_WEIGHT = 1.0
COLLECTION_MAX_WEIGHT = 0.6
COLLECTION_FULL_SHARE = 0.05
"""A share of documents at which collection prominence reaches its cap."""
COLLECTION_MIN_DOCUMENTS = 3
NAMED = 0.6
"""Weight from which an actor is listed as one that made an alert."""


@dataclass(frozen=True)
class Prominence:
    """One actor text's weight and the reason for it."""

    actor: str
    weight: float
    why: str


def _tokens(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


@dataclass(frozen=True)
class ProminenceBook:
    """Titles and names (lower-cased token tuples) with their weight and reason."""

    entries: dict[tuple[str, ...], tuple[float, str]]

    @classmethod
    def load(cls, actors_file: Path | None = None) -> ProminenceBook:
        """The package's titles and lexicon office-holders, plus the user's people."""
        return _load(actors_file)

    def of_text(self, text: str | None) -> Prominence | None:
        """The strongest title or name inside ``text``, if any."""
        if not text:
            return None
        words = _tokens(text)
        best: tuple[float, str] | None = None
        for size in range(1, MAX_NAME_TOKENS + 1):
            for i in range(len(words) - size + 1):
                found = self.entries.get(tuple(words[i : i + size]))
                if found and (best is None or found[0] > best[0]):
                    best = found
        return Prominence(text, best[0], best[1]) if best else None


def _titles() -> dict[tuple[str, ...], tuple[float, str]]:
    path = resources.files("watchfloor.analysis.lang.en").joinpath("prominent_titles.tsv")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {
        tuple(_tokens(row["title"])): (float(row["weight"]), row["role"])
        for row in csv.DictReader(lines, delimiter="\t")
    }


def _lexicon_people() -> dict[tuple[str, ...], tuple[float, str]]:
    path = resources.files("watchfloor.coding.actor_data").joinpath("lexicon.tsv")
    out: dict[tuple[str, ...], tuple[float, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            words = tuple(_tokens(row["phrase"]))
            if row["kind"] == "P" and len(words) <= MAX_NAME_TOKENS and len("".join(words)) > 4:
                out[words] = (LEXICON_PERSON_WEIGHT, "office-holder in the actor dictionary")
    return out


def _user_people(actors_file: Path) -> dict[tuple[str, ...], tuple[float, str]]:
    try:
        doc = yaml.safe_load(actors_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"actors file {actors_file}: cannot be read ({exc})") from None
    people = doc.get("people") if isinstance(doc, dict) else None
    out: dict[tuple[str, ...], tuple[float, str]] = {}
    for person in people or []:
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            continue  # the coder's loader reports malformed entries
        names = [person["name"], *(person.get("aliases") or [])]
        for name in (n for n in names if isinstance(n, str)):
            out[tuple(_tokens(name))] = (USER_PERSON_WEIGHT, "in your actors file")
    return out


@functools.lru_cache(maxsize=4)
def _load(actors_file: Path | None) -> ProminenceBook:
    entries = _lexicon_people()
    entries.update(_titles())
    if actors_file is not None:
        entries.update(_user_people(Path(actors_file)))
    return ProminenceBook(entries)


def collection_shares(
    con: duckdb.DuckDBPyConnection, texts: Iterable[str]
) -> dict[str, tuple[int, float]]:
    """Documents mentioning each actor text (as source or target), and their share."""
    wanted = sorted(set(texts))
    if not wanted:
        return {}
    total_row = con.execute("SELECT count(*) FROM documents").fetchone()
    total = max(int(total_row[0]) if total_row else 0, 1)
    rows = con.execute(
        """
        SELECT actor, count(DISTINCT document_id) FROM (
            SELECT source_text AS actor, document_id FROM events
            WHERE list_contains(?::VARCHAR[], source_text)
            UNION ALL
            SELECT target_text, document_id FROM events
            WHERE list_contains(?::VARCHAR[], target_text)
        ) GROUP BY actor
        """,
        [wanted, wanted],
    ).fetchall()
    return {str(a): (int(n), int(n) / total) for a, n in rows}


def is_proper_name(text: str) -> bool:
    """Two capitalised words or more (a person or a named group, not a generic actor)."""
    return sum(1 for w in text.replace("-", " ").split() if w[:1].isupper()) >= 2


def collection_weight(n_documents: int, share: float) -> float:
    """Collection prominence: grows with the share of documents, capped."""
    if n_documents < COLLECTION_MIN_DOCUMENTS:
        return 0.0
    return round(
        min(COLLECTION_MAX_WEIGHT, COLLECTION_MAX_WEIGHT * share / COLLECTION_FULL_SHARE), 3
    )


def actor_prominence(
    con: duckdb.DuckDBPyConnection, texts: Iterable[str], book: ProminenceBook
) -> dict[str, Prominence]:
    """The prominence of each actor text: the larger of dictionary and collection."""
    texts = sorted({t for t in texts if t})
    shares = collection_shares(con, [t for t in texts if is_proper_name(t)])
    out: dict[str, Prominence] = {}
    for text in texts:
        found = book.of_text(text)
        n, share = shares.get(text, (0, 0.0))
        weight = collection_weight(n, share)
        if found is not None and found.weight >= weight:
            out[text] = found
        elif weight > 0:
            out[text] = Prominence(text, weight, f"in {n} documents ({share:.0%})")
    return out


def event_actors(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """The source and target texts of each event."""
    rows = con.execute(
        "SELECT id, source_text, target_text FROM events WHERE list_contains(?::VARCHAR[], id)",
        [sorted(set(event_ids))],
    ).fetchall()
    return {str(i): tuple(t for t in (src, tgt) if t) for i, src, tgt in rows}


def signal_weights(
    con: duckdb.DuckDBPyConnection, signals: pd.DataFrame, book: ProminenceBook
) -> dict[str, float]:
    """Each signal event's weight, ``1 +`` the prominence of its most prominent actor."""
    if signals.empty:
        return {}
    actors = event_actors(con, (str(e) for e in signals["event_id"].dropna()))
    found = actor_prominence(con, (t for ts in actors.values() for t in ts), book)
    return {
        eid: 1.0 + max((found[t].weight for t in texts if t in found), default=0.0)
        for eid, texts in actors.items()
    }
