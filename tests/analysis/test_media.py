"""Media lens: per-outlet coverage and target-aware tone around a pivot date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analysis.factory import START, Ev, insert
from watchfloor.analysis.media import media_lens, split_sentences
from watchfloor.errors import InputError
from watchfloor.store.database import Store

PIVOT = START + dt.timedelta(days=10)
KIND = "Officials praised Norway for its generous and welcome support. The weather was bad."
HARSH = "Critics condemned Norway for a terrible, brutal and shameful decision. Rain fell."


def _docs(outlet: str, text: str, days: range) -> list[Ev]:
    return [
        Ev(
            START + dt.timedelta(days=d),
            "CONSULT",
            country="SWE",
            src_country="SWE",
            tgt_country="NOR",
            source=outlet,
            text=text,
        )
        for d in days
    ]


def test_tone_change_is_measured_per_outlet(store: Store) -> None:
    insert(store, _docs("Turncoat Daily", KIND, range(0, 10)))
    insert(store, _docs("Turncoat Daily", HARSH, range(10, 20)))
    insert(store, _docs("Steady Post", KIND, range(0, 20)))
    result = media_lens(store, "NOR", PIVOT, window_days=10)
    assert "Norway" in result.aliases
    outlets = {o.outlet: o for o in result.outlets}
    turn, steady = outlets["Turncoat Daily"], outlets["Steady Post"]
    assert turn.docs_before == turn.docs_after == 10
    assert turn.mentions_before == 10  # the weather sentences do not mention Norway
    assert turn.tone_before is not None and turn.tone_before > 0.3
    assert turn.tone_after is not None and turn.tone_after < -0.3
    assert steady.tone_change == pytest.approx(0.0)
    assert steady.share_before == steady.share_after == 1.0


def test_quotes_are_listed_with_speakers(store: Store) -> None:
    text = 'The minister said "Norway will keep its promise" on Monday.'
    insert(
        store, [Ev(PIVOT, "CONSULT", tgt_country="NOR", text=text, quote_speaker="the minister")]
    )
    result = media_lens(store, "NOR", PIVOT, window_days=5)
    assert [q.speaker for q in result.quotes] == ["the minister"]
    assert "promise" in result.quotes[0].text


def test_bad_window_is_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="window_days"):
        media_lens(store, "NOR", PIVOT, window_days=0)


def test_split_sentences_keeps_closing_quotes() -> None:
    assert split_sentences('One thing. Two things! "Three?" Four.') == [
        "One thing.",
        "Two things!",
        '"Three?"',
        "Four.",
    ]
