"""Casualty counts read with lang/en/casualty_words.tsv: a date's day is no count, killings by
manner count, the killers and the beasts killed are not the dead. Sentences written for these
tests in several registers and regions."""

from __future__ import annotations

import pytest

from watchfloor.coding.casualties import read_casualties


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # a day of the month is never a count of the dead
        ("On 26 April 2020, farmers killed two herders near Ketou.", 2),
        ("On 12 October 2021, a number of locals beat and killed a presumed thief.", 1),
        ("Clashes on March 3 killed 14 people in Kirkuk, police said.", 14),
        ("Around 16 October (between 16 - 17 October), gunmen killed three traders.", 3),
        ("Sept. 9: militants killed a teacher in Sukma district.", 1),
        ("Gunmen on the 21st of May killed five miners near Zamfara, local media reported.", 5),
        # killings told by their manner
        ("A mob lynched a man to death in Jharkhand on Sunday.", 1),
        ("Residents burned alive a suspected cattle thief in the village.", 1),
        ("Unknown individuals hacked to death a pastoralist near Nikki.", 1),
        ("Villagers beat two suspected kidnappers to death in Puebla state.", 2),
        # the count before an active "killed" counts the killers
        ("A number of people killed a goat thief by burning in Allada.", 1),
        ("Several youths assaulted and killed three suspected robbers, police said.", 3),
        # beasts are not casualties
        ("Soldiers killed about 58 oxen belonging to pastoralists at a camp.", None),
        ("A farmer shot and killed nine sheep that entered his field.", None),
        ("Raiders killed two hundred cows near Mopti.", None),
        # a sentence to death is no killing
        ("A court in Lahore sentenced two men to death on Monday.", None),
        ("The army killed three cattle rustlers in Turkana county.", 3),
    ],
)
def test_count_of_the_dead(text: str, dead: int | None) -> None:
    assert read_casualties(text).fatalities == dead
