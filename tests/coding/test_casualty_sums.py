"""Two counts of the dead joined in one toll add up; subsets, the wounded, times and beasts
do not."""

from __future__ import annotations

import pytest

from watchfloor.coding.casualties import read_casualties

JOINED = [
    # wire
    ("Turkish air strikes on Afrin district killed 6 civilians and 3 YPG fighters.", 9),
    ("Clashes near Kidal killed four soldiers and seven militants, the army said.", 11),
    ("The airstrike killed 20 fighters as well as 4 civilians, a monitor said.", 24),
    # local press
    ("Two policemen and a civilian were killed in the attack on a checkpoint in Peshawar.", 3),
    ("A soldier and two civilians were killed by a roadside bomb outside Kandahar on Sunday.", 3),
    ("Gunmen killed three herders and two farmers in Benue state overnight.", 5),
    # statement
    ("The ministry said the ambush killed 12 troops along with 3 police officers.", 15),
    ("Police said 3 attackers and two guards died in the shootout at the bank in Lagos.", 5),
    # social post
    ("BREAKING: drone strike kills 5 militants and 2 kids in Marib", 7),
    ("Shelling killed eight people and a child in Donetsk this morning, locals say", 9),
]

NOT_JOINED = [
    ("The blast killed 12 people, including 3 children, in Mogadishu.", 12),
    ("The attack killed 4 people and injured 7 others in Bamako.", 4),
    ("Gunmen killed two farmers and 3 days later burned the village.", 2),
    ("On 5 May and 6 May, clashes killed 3 people near Kidal.", 3),
    ("The bomb killed 5 soldiers and wounded 12 more near Mosul.", 5),
    ("Fighting killed 14 people and displaced thousands in Darfur.", 14),
    ("A car bomb killed 9 in Baghdad and another wounded 4 in Basra.", 9),
    ("Rebels killed 6 soldiers and 40 km away another attack was repelled.", 6),
    ("The raid killed 2 fighters and 2 years of talks collapsed, analysts said.", 2),
    ("Police killed 3 robbers and arrested 5 others in Nairobi.", 3),
    # beasts are no second count of the dead, and two counts of beasts are no toll
    ("Gunmen killed 2 herders and 40 cattle near Lafia, residents said.", 2),
    ("Raiders killed 5 cows and 3 goats in the village overnight.", None),
]


@pytest.mark.parametrize(("text", "dead"), JOINED)
def test_joined_counts_of_the_dead_add_up(text: str, dead: int) -> None:
    assert read_casualties(text).fatalities == dead


@pytest.mark.parametrize(("text", "dead"), NOT_JOINED)
def test_a_subset_the_wounded_or_a_time_is_no_second_count(text: str, dead: int | None) -> None:
    assert read_casualties(text).fatalities == dead
