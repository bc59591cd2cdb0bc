"""Salient actors: prominence from titles, named office-holders, the user's file and the
collection; prominent actors raise an alert's score and are named in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.analysis.factory import START, Ev, flat_history, insert
from watchfloor.analysis.alerts import list_alerts
from watchfloor.analysis.config import AnalysisConfig
from watchfloor.analysis.pipeline import run_analysis
from watchfloor.analysis.prominence import ProminenceBook, actor_prominence, collection_weight
from watchfloor.store.database import Store

DAY = START + dt.timedelta(days=35)


@pytest.mark.parametrize(
    ("text", "weight", "why"),
    [
        ("Turkish President Tayyip Erdogan", 1.0, "head of state"),
        ("the Iraqi prime minister", 1.0, "head of government"),
        ("Yemen's interior minister", 0.8, "minister"),
        ("a senior IRGC commander", 0.8, "commander"),
        ("Grand Ayatollah Ali al-Sistani", 1.0, "religious leader"),
        ("the militia leader", 0.8, "armed group leader"),
        ("Hadi al-Amiri", 0.6, "office-holder in the actor dictionary"),
        ("police", None, None),
        ("gunmen", None, None),
        ("residents of the town", None, None),
    ],
)
def test_dictionary_prominence_of_actor_texts(
    text: str, weight: float | None, why: str | None
) -> None:
    found = ProminenceBook.load().of_text(text)
    assert (found.weight if found else None) == weight
    assert (found.why if found else None) == why


def test_user_actors_file_people_are_prominent(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "people:\n  - {name: Jane Doe, country: KEN, aliases: [J. Doe]}\n", encoding="utf-8"
    )
    book = ProminenceBook.load(path)
    assert book.of_text("opposition figure Jane Doe") is not None
    assert book.of_text("Jane Doe").weight == 1.0  # type: ignore[union-attr]
    assert ProminenceBook.load().of_text("Jane Doe") is None


@pytest.mark.parametrize(
    ("n", "share", "weight"), [(2, 0.5, 0.0), (3, 0.01, 0.12), (10, 0.05, 0.6), (50, 0.4, 0.6)]
)
def test_collection_weight_grows_with_share_and_is_capped(
    n: int, share: float, weight: float
) -> None:
    assert collection_weight(n, share) == weight


def test_actor_the_collection_talks_about_gains_prominence(store: Store) -> None:
    insert(store, flat_history(10, {"FIGHT": 1}))
    store.con.execute(
        "UPDATE events SET source_text = 'Abu Example' WHERE date < ?",
        [START + dt.timedelta(days=5)],
    )
    found = actor_prominence(store.con, ["Abu Example", "AAA"], ProminenceBook.load())
    assert found["Abu Example"].weight == 0.6 and "5 documents" in found["Abu Example"].why
    assert "AAA" not in found  # a generic actor, however often mentioned


def _cluster(day: dt.date, country: str) -> list[Ev]:
    f = {"country": country, "src_country": country, "tgt_country": country}
    shown = [
        ("MOBILIZE", "Troops massed near the town.", "border_crossing"),
        ("COERCE", "Residents were ordered to evacuate.", "evacuation"),
        ("COERCE", "The airport was closed to flights.", "closure"),
    ]
    return [
        Ev(day, kind, text=text, warning_kind=warning, **f)  # type: ignore[arg-type]
        for kind, text, warning in shown
    ]


def test_prominent_actor_raises_the_alert_score_and_is_named(store: Store) -> None:
    for country in ("AAA", "BBB"):
        f = {"country": country, "src_country": country, "tgt_country": country}
        insert(store, flat_history(35, {"FIGHT": 2, "PROTEST": 1}, **f))
    insert(store, _cluster(DAY, "AAA") + _cluster(DAY, "BBB"))
    store.con.execute(
        "UPDATE events SET source_text = 'President John Example' "
        "WHERE date = ? AND place_country = 'AAA'",
        [DAY],
    )
    run_analysis(store, AnalysisConfig())
    alerts = {a.country: a for a in list_alerts(store)}
    assert set(alerts) == {"AAA", "BBB"}
    assert alerts["AAA"].score == pytest.approx(2 * alerts["BBB"].score)
    assert alerts["AAA"].actors == ("President John Example",)
    assert alerts["BBB"].actors == ()
    assert any(
        "involves President John Example (head of state)" in line for line in alerts["AAA"].briefing
    )
