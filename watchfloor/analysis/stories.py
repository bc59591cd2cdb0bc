"""Storylines: documents grouped into threads by words, actors, places and time.

Similarity of two documents is ``0.5 * tfidf_cosine + 0.25 * actor_jaccard + 0.25 *
place_jaccard``, set to zero when their dates are more than ``gap_days`` apart; threads are
average-linkage agglomerative clusters cut at ``1 - min_similarity``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from watchfloor.analysis.records import Story
from watchfloor.analysis.series import SOURCE_KEY, TARGET_KEY, fetch_one
from watchfloor.store.database import Store


@dataclass(frozen=True)
class StoryConfig:
    """Knobs of the storyline grouping."""

    gap_days: int = 7
    min_similarity: float = 0.3
    min_documents: int = 2
    max_documents: int = 1500
    recent_days: int = 30


def _documents(
    store: Store, since: dt.date | None, until: dt.date | None, limit: int
) -> pd.DataFrame:
    return store.con.execute(
        f"""
        SELECT d.id, coalesce(d.title, '') || ' ' || substr(d.text, 1, 3000) AS text,
               min(e.date) AS day,
               list(DISTINCT {SOURCE_KEY}) FILTER ({SOURCE_KEY} IS NOT NULL) AS src,
               list(DISTINCT {TARGET_KEY}) FILTER ({TARGET_KEY} IS NOT NULL) AS tgt,
               list(DISTINCT coalesce(e.place_country || '/' || e.place_admin1,
                    e.place_country)) FILTER (e.place_country IS NOT NULL) AS places,
               list(DISTINCT e.place_country) FILTER (e.place_country IS NOT NULL) AS countries,
               list(e.plover_event) FILTER (e.plover_event IS NOT NULL) AS types,
               count(*) AS n_events
        FROM documents d JOIN events e ON e.document_id = d.id
        WHERE NOT coalesce(e.negated, FALSE) AND e.date IS NOT NULL
              AND (?::DATE IS NULL OR e.date >= ?) AND (?::DATE IS NULL OR e.date <= ?)
        GROUP BY d.id, d.title, d.text
        ORDER BY day DESC, d.id LIMIT ?
        """,
        [since, since, until, until, limit],
    ).fetch_df()


def _jaccard(sets: list[set[str]]) -> np.ndarray:
    """Pairwise Jaccard similarity of item sets, via a sparse incidence matrix."""
    vocab = {item: i for i, item in enumerate(sorted(set().union(*sets)))} if sets else {}
    rows = [r for r, items in enumerate(sets) for _ in items]
    cols = [vocab[item] for items in sets for item in items]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(len(vocab), 1))
    )
    inter = (incidence @ incidence.T).toarray()
    sizes = np.asarray(incidence.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / union, 0.0)


def _as_set(value: object) -> set[str]:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return set()
    return {str(v) for v in value}  # type: ignore[attr-defined]


def similarity(docs: pd.DataFrame, cfg: StoryConfig) -> tuple[np.ndarray, list[list[str]]]:
    """Pairwise document similarity and each document's top TF-IDF terms."""
    vectorizer = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        min_df=1,
        max_features=20000,
        token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
    )
    tfidf = vectorizer.fit_transform(docs["text"].fillna(""))
    cosine = (tfidf @ tfidf.T).toarray()
    actors = [_as_set(a) | _as_set(b) for a, b in zip(docs["src"], docs["tgt"], strict=True)]
    places = [_as_set(p) for p in docs["places"]]
    sim = 0.5 * cosine + 0.25 * _jaccard(actors) + 0.25 * _jaccard(places)
    days = pd.to_datetime(docs["day"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    sim[np.abs(days[:, None] - days[None, :]) > cfg.gap_days] = 0.0
    np.fill_diagonal(sim, 1.0)
    vocab = np.array(vectorizer.get_feature_names_out())
    terms = []
    for row in range(tfidf.shape[0]):
        vec = tfidf.getrow(row)
        top = vec.indices[np.argsort(-vec.data)[:5]]
        terms.append(list(vocab[top]))
    return sim, terms


def _title(group: pd.DataFrame, terms: list[list[str]]) -> str:
    types = Counter(t for ts in group["types"] for t in (ts if ts is not None else []))
    places = Counter(p for ps in group["places"] for p in _as_set(ps))
    actors = Counter(a for col in ("src", "tgt") for xs in group[col] for a in _as_set(xs))
    words = Counter(w for ws in terms for w in ws)
    where = places.most_common(1)[0][0] if places else "unlocated"
    what = "/".join(t for t, _ in types.most_common(2)) or "events"
    who = ", ".join(a for a, _ in actors.most_common(2))
    about = " ".join(w for w, _ in words.most_common(3))
    return f"{what} in {where}" + (f" involving {who}" if who else "") + f" ({about})"


def group_stories(docs: pd.DataFrame, cfg: StoryConfig) -> list[Story]:
    """Cluster documents into stories of at least ``cfg.min_documents`` documents."""
    if len(docs) < max(2, cfg.min_documents):
        return []
    sim, terms = similarity(docs, cfg)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - cfg.min_similarity,
    ).fit_predict(1.0 - sim)
    stories = []
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        if len(idx) < cfg.min_documents:
            continue
        group = docs.iloc[idx]
        days = pd.to_datetime(group["day"])
        ids = tuple(sorted(group["id"]))
        types = Counter(t for ts in group["types"] for t in (ts if ts is not None else []))
        actors = Counter(a for col in ("src", "tgt") for xs in group[col] for a in _as_set(xs))
        stories.append(
            Story(
                id="T" + hashlib.md5(ids[0].encode()).hexdigest()[:12],
                title=_title(group, [terms[i] for i in idx]),
                start=days.min().date(),
                end=days.max().date(),
                n_documents=len(idx),
                n_events=int(group["n_events"].sum()),
                countries=tuple(sorted({c for cs in group["countries"] for c in _as_set(cs)})),
                actors=tuple(a for a, _ in actors.most_common(5)),
                types=tuple(t for t, _ in types.most_common(5)),
                document_ids=ids,
            )
        )
    return sorted(stories, key=lambda s: (s.end or dt.date.min, s.n_documents), reverse=True)


def update_stories(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    cfg: StoryConfig | None = None,
) -> int:
    """Regroup the documents of [since, until] into stories; returns how many were written.

    ``since`` defaults to ``cfg.recent_days`` before the newest event, so a run after each
    ingest stays cheap. Stored stories that end before ``since`` are kept; the others are
    replaced, in one transaction.
    """
    cfg = cfg or StoryConfig()
    if since is None:
        newest = fetch_one(store.con.execute("SELECT max(date) FROM events"))
        if newest and newest[0]:
            since = newest[0] - dt.timedelta(days=cfg.recent_days)
    stories = group_stories(_documents(store, since, until, cfg.max_documents), cfg)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        con.execute(
            "DELETE FROM story_documents WHERE story_id IN "
            "(SELECT id FROM stories WHERE ?::DATE IS NULL OR end_day >= ?)",
            [since, since],
        )
        con.execute("DELETE FROM stories WHERE ?::DATE IS NULL OR end_day >= ?", [since, since])
        _write(con, stories, now)
    return len(stories)


def _write(con: duckdb.DuckDBPyConnection, stories: list[Story], now: dt.datetime) -> None:
    """Insert the stories and their documents in two bulk statements (one INSERT per story
    took most of a replayed day)."""
    if not stories:
        return
    rows = pd.DataFrame(
        {
            "id": [s.id for s in stories],
            "title": [s.title for s in stories],
            "start_day": [s.start for s in stories],
            "end_day": [s.end for s in stories],
            "n_documents": [s.n_documents for s in stories],
            "n_events": [s.n_events for s in stories],
            "countries": [list(s.countries) for s in stories],
            "actors": [list(s.actors) for s in stories],
            "types": [list(s.types) for s in stories],
            "computed_at": [now] * len(stories),
        }
    )
    links = pd.DataFrame(
        [(s.id, d) for s in stories for d in dict.fromkeys(s.document_ids)],
        columns=["story_id", "document_id"],
    )
    con.register("_wf_stories", rows)
    con.register("_wf_story_docs", links)
    try:
        con.execute(
            "INSERT OR REPLACE INTO stories (id, title, start_day, end_day, n_documents, "
            "n_events, countries, actors, types, computed_at) SELECT id, title, start_day, "
            "end_day, n_documents, n_events, countries::VARCHAR[], actors::VARCHAR[], "
            "types::VARCHAR[], computed_at FROM _wf_stories"
        )
        con.execute(
            "INSERT OR IGNORE INTO story_documents (story_id, document_id) "
            "SELECT story_id, document_id FROM _wf_story_docs"
        )
    finally:
        con.unregister("_wf_stories")
        con.unregister("_wf_story_docs")


def list_stories(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[Story]:
    """Stored stories overlapping [since, until], most recent first."""
    rows = store.con.execute(
        """
        SELECT s.*, list(sd.document_id ORDER BY sd.document_id) AS docs
        FROM stories s LEFT JOIN story_documents sd ON sd.story_id = s.id
        WHERE (?::DATE IS NULL OR s.end_day >= ?) AND (?::DATE IS NULL OR s.start_day <= ?)
        GROUP BY ALL ORDER BY s.end_day DESC, s.n_documents DESC
        """
        + (f" LIMIT {int(limit)}" if limit is not None else ""),
        [since, since, until, until],
    ).fetchall()
    return [
        Story(
            id=r[0],
            title=r[1],
            start=r[2],
            end=r[3],
            n_documents=r[4],
            n_events=r[5],
            countries=tuple(r[6] or ()),
            actors=tuple(r[7] or ()),
            types=tuple(r[8] or ()),
            document_ids=tuple(r[10] or ()),
        )
        for r in rows
    ]
