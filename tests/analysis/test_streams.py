"""Imported datasets and coded news are separate streams for rates: news is judged against
its own volume, an import against its own, while an import still seeds novelty and warm-up."""

from __future__ import annotations

import datetime as dt

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.store.database import Store

CFG = AnalysisConfig()
DAY = START + dt.timedelta(days=24)


def _imported(store: Store, days: int, per_day: int, dataset: str = "gdelt") -> None:
    """``per_day`` FIGHT events a day from a dataset import over ``days`` days."""
    ids = insert(store, flat_history(days, {"FIGHT": per_day}))
    store.con.execute(
        "UPDATE events SET dataset = ? WHERE id IN (SELECT unnest(?::VARCHAR[]))", [dataset, ids]
    )


def _rate_signals(store: Store) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT day, summary FROM analysis_signals WHERE kind = 'rate' ORDER BY day, summary"
    ).fetchall()


def test_news_spike_is_judged_against_news_volume_not_the_import(store: Store) -> None:
    """A GDELT seed of 60 fights a day beside 3 a day from the news: a news day of 15 is a
    spike of the news stream; counted together (63 against 75) it would not stand out."""
    _imported(store, 25, 60)
    insert(store, flat_history(24, {"FIGHT": 3}))
    insert(store, [Ev(DAY, "FIGHT", text=f"Clashes in Northtown ({k}).") for k in range(15)])
    run_analysis(store, CFG)
    found = _rate_signals(store)
    assert [d for d, _ in found] == [DAY] * len(found) and found
    assert all("gdelt:" not in str(summary) for _, summary in found)
    assert any(str(summary).startswith("FIGHT by admin1 AAA/North:") for _, summary in found)


def test_import_spike_is_judged_in_its_own_stream(store: Store) -> None:
    _imported(store, 24, 4, "acled")
    _imported(store, 1, 0, "acled")
    ids = insert(store, [Ev(DAY, "FIGHT", text=f"Fighting ({k}).") for k in range(20)])
    store.con.execute(
        "UPDATE events SET dataset = 'acled' WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    )
    run_analysis(store, CFG)
    summaries = [str(s) for d, s in _rate_signals(store) if d == DAY]
    assert any("by country acled:AAA:" in s for s in summaries)


def test_news_rates_wait_for_their_own_history_after_a_seed(store: Store) -> None:
    """Twenty days of import warm the country for novelty, but the news' first days are not
    judged by rates: ten news events on the first news day are not a spike of anything."""
    _imported(store, 20, 2, "acled")
    first_news = START + dt.timedelta(days=20)
    insert(
        store, [Ev(first_news, "FIGHT", text=f"Shelling hit Northtown ({k}).") for k in range(10)]
    )
    run_analysis(store, CFG)
    assert _rate_signals(store) == []


def test_novelty_reads_the_streams_together(store: Store) -> None:
    """An army the import saw in the country is not new there when the news names it; one
    the import saw only abroad is."""
    _imported(store, 20, 2, "acled")
    for army in ("BBB", "CCC"):
        ids = insert(store, flat_history(20, {"FIGHT": 1}, country="DDD", src_country=army))
        store.con.execute(
            "UPDATE events SET dataset = 'acled' WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
    store.con.execute(
        "UPDATE events SET source_country = 'BBB' WHERE date = ? AND place_country = 'AAA'",
        [START],
    )
    insert(store, [Ev(DAY, "FIGHT", src_country="BBB", text="BBB troops fought in Northtown.")])
    insert(store, [Ev(DAY, "FIGHT", src_country="CCC", text="CCC troops fought in Northtown.")])
    run_analysis(store, CFG)
    new_actors = store.con.execute(
        "SELECT actor FROM analysis_signals WHERE subtype = 'new_actor_place'"
    ).fetchall()
    assert new_actors == [("CCC_MIL",)]
