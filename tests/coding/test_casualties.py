"""Fatality and injury counts read from sentences, with the documented conventions."""

from __future__ import annotations

import pytest
import spacy

from watchfloor.coding.casualties import (
    extract_casualties,
    extract_casualties_text,
    parse_number,
    read_casualties,
)


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("An airstrike hit the market, killing at least 25 people.", 25, None),
        ("Two soldiers died in the ambush.", 2, None),
        ("One person was killed and three injured.", 1, 3),
        ("Warplanes struck Zarzur village, no casualties were reported.", 0, 0),
        ("The town was recaptured with neither injuries nor fatalities reported.", 0, 0),
        ("Clashes erupted, leaving deaths and injuries on the pro Hadi side.", None, None),
        ("A suicide bomber killed 12 people and wounded 30 in Kabul.", 12, 30),
        ("Dozens of people were killed in the fighting.", 12, None),
        ("Twenty-five civilians were killed and 1,200 were wounded.", 25, 1200),
        ("Several shells fell on the town without causing damage.", None, None),
        ("10 coalition airstrikes were reported in Haylan.", None, None),
        ("No one was hurt when the device exploded.", 0, 0),
        ("Seven members of a family, including five children, were killed.", 7, None),
    ],
)
def test_counts_read_from_text(text: str, fatalities: int | None, injuries: int | None) -> None:
    assert extract_casualties_text(text) == (fatalities, injuries)


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Clashes erupted, leaving deaths and injuries on the pro Hadi side.", 10),
        ("Protesters gathered in the square.", 0),
        ("Shelling killed 3 civilians.", 3),
        ("No fatalities reported.", 0),
    ],
)
def test_acled_scoring_convention(text: str, acled: int) -> None:
    assert read_casualties(text).acled_fatalities() == acled


@pytest.mark.parametrize(
    ("words", "value"),
    [("forty-two", 42), ("two hundred", 200), ("1,500", 1500), ("several", 10), ("a", 1)],
)
def test_number_words_parse(words: str, value: int) -> None:
    assert parse_number(words) == value


def test_span_entry_point_reads_the_sentence() -> None:
    doc = spacy.blank("en")("Gunmen killed four villagers.")
    assert extract_casualties(doc[:]) == (4, None)


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        # ranges count their lower end, as ACLED does
        ("Air raids on the village killed between 4 and 6 civilians, medics said.", 4, None),
        ("Gunmen killed four or five traders on the Kaduna road on Tuesday.", 4, None),
        ("BREAKING: 12-15 soldiers killed in ambush near Kidal, sources say", 12, None),
        ("Police said 3 to 5 protesters were shot dead outside the assembly in Dhaka.", 3, None),
        ("The shelling left between two and three people dead and 10 to 12 injured.", 2, 10),
        ("The ministry said between 20 and 30 fighters had been killed in the raid.", 20, None),
        # a change of the toll is no range
        ("Hospital officials revised the toll from 4 to 6 people killed.", 6, None),
        ("The toll went from two to five civilians killed after the strike on Ma'arat.", 5, None),
        # a count in quotation marks
        ('The group claimed to have killed "dozens" of soldiers in Shabwa.', 12, None),
        ("'Dozens' of Saudi soldiers were reportedly killed in the firefight.", 12, None),
        ("Rebels said they killed “five” soldiers and wounded “many” more.", 5, 10),
        # a date range is neither a range of counts nor a count
        ("Clashes on 12-14 May killed 3 people in Jonglei.", 3, None),
    ],
)
def test_ranges_and_quoted_counts(text: str, fatalities: int | None, injuries: int | None) -> None:
    assert extract_casualties_text(text) == (fatalities, injuries)
